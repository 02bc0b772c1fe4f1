"""Screenshot a generated map in headless Debian Chromium, for docs/.

Usage: `python scripts/screenshot.py MAP.html PNG` (or `make screenshot`).

Tiles need the network; where there is none the map shows its notice and the incident layers alone.
"""

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("map", type=Path)
    parser.add_argument("png", type=Path)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, args=ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 760})
        page.goto(args.map.resolve().as_uri())
        page.wait_for_timeout(2500)  # let tile requests fail and layers draw
        page.screenshot(path=str(args.png))
        browser.close()


if __name__ == "__main__":
    main()
