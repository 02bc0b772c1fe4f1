"""`incident-map mentions` against geotext on the same GeoWebNews documents, as whole commands, in one run.

Each tool runs as its own process pinned to one core (where `taskset` exists), reading the same JSONL
file and writing one line of place names per document; start-up (loading the gazetteer, or geotext's
city list) is part of the time, as a user would see it. The documents are the GeoWebNews dev half,
repeated to make the run long enough to measure. Prints documents per second and peak resident memory
side by side. Run: `python bench/mentions_bench.py [--repeat 10]`.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "data" / "dev" / "geowebnews_dev.jsonl"

# geotext as a command of the same shape as ours: JSONL records in, one JSONL line of places out.
GEOTEXT = """
import json, sys
from geotext import GeoText
with open(sys.argv[1], encoding="utf-8") as lines, open(sys.argv[2], "w", encoding="utf-8") as out:
    for line in lines:
        record = json.loads(line)
        found = GeoText(record["text"])
        places = {"id": record["id"], "cities": found.cities, "countries": found.countries}
        out.write(json.dumps(places) + "\\n")
"""


def run(command: list[str]) -> tuple[float, int]:
    """Wall seconds and peak resident set size (KiB) of one process."""
    if shutil.which("taskset"):
        command = ["taskset", "-c", "0", *command]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{command} failed")
    return seconds, usage.ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--repeat", type=int, default=10, help="copies of the corpus in the input")
    args = parser.parse_args()
    docs = [json.loads(line) for line in args.corpus.read_text(encoding="utf-8").splitlines() if line]
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "docs.jsonl"
        with source.open("w", encoding="utf-8") as out:
            for copy in range(args.repeat):
                for doc in docs:
                    out.write(json.dumps({"id": f"{doc['id']}#{copy}", "text": doc["text"]}) + "\n")
        n = len(docs) * args.repeat
        incident_map = str(Path(sys.executable).with_name("incident-map"))
        run([incident_map, "mentions", str(source), "-o", os.devnull])  # builds the gazetteer if needed
        results = {
            "geotext": run([sys.executable, "-c", GEOTEXT, str(source), str(Path(tmp) / "geotext.jsonl")]),
            "incident-map mentions": run([incident_map, "mentions", str(source), "-o", str(Path(tmp) / "o")]),
        }
    print(f"{n} documents ({len(docs)} GeoWebNews dev documents x {args.repeat}), one core each")
    print(f"{'command':<24}{'seconds':>10}{'docs/s':>10}{'peak RSS MB':>14}")
    for name, (seconds, rss_kib) in results.items():
        print(f"{name:<24}{seconds:>10.2f}{n / seconds:>10.0f}{rss_kib / 1024:>14.0f}")


if __name__ == "__main__":
    main()
