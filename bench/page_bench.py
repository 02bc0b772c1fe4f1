"""Peak memory and CPU of the map page's writer (map.html and map_fragment.html) as the incidents grow,
written a block at a time (maps/pagewriter.py) beside the same page put together whole (as it was before).

As in a build: synthetic incidents (bench/map_bench.py's, a block of --block at a time, each block with
its own seed) are saved once as blocks (maps.blocks.SavedBlocks), then a forked process writes the page
from them, as `maps.write_outputs` does with `processes` > 1. For each writer the bench reports that
process's peak resident memory (getrusage of the child: what it inherited plus what it added) and its CPU
time (the least of --repeat runs), and the page's size; and what the parent held when it forked. The CSV
writer, which holds one block at a time, is measured the same way as a reference for a flat writer.

    .venv/bin/python bench/page_bench.py --sizes 30000 100000 --repeat 2
"""

import argparse
import os
import tempfile
from pathlib import Path

import geopandas as gpd
import pandas as pd

from bench.map_bench import synthetic
from maps import export
from maps.blocks import Blocks, SavedBlocks
from maps.folium_map import map_of
from maps.formats import FILES
from maps.frame import split
from maps.page import render
from maps.pagewriter import write_page


def _rss_mb() -> float:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) / 1024 for line in status if line.startswith("VmRSS:"))


def _in_child(write, repeat: int) -> tuple[float, float]:
    """(peak MB, least CPU s) of forked processes that each call write()."""
    runs = []
    for _ in range(repeat):
        pid = os.fork()
        if pid == 0:
            try:
                write()
            finally:
                os._exit(0)
        _, status, usage = os.wait4(pid, 0)
        if status:
            raise SystemExit(f"the writer failed ({status})")
        runs.append((usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime))
    return max(mb for mb, _ in runs), min(cpu for _, cpu in runs)


def _block(n: int, seed: int) -> gpd.GeoDataFrame:
    """n synthetic incidents; their source URLs (which end in the incident's number within the block)
    made the block's own, as an article's URL is: repeated across blocks, they would make the columns
    of a page built whole smaller than real data allows."""
    frame = synthetic(n, seed=seed)
    frame["sources"] = [[f"{url}-{seed}" for url in urls] for urls in frame["sources"]]
    frame["source"] = ["; ".join(urls) for urls in frame["sources"]]
    return frame


def _whole(pages: dict[str, Path], blocks: Blocks) -> None:
    """The page as it was written before maps/pagewriter.py: the table, the map and its text whole."""
    frame = pd.concat(blocks(), ignore_index=True)
    for path, text in zip(pages.values(), render(map_of(frame, split(frame), False)), strict=True):
        path.write_text(text, encoding="utf-8")


def measure(size: int, block: int, repeat: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        sizes = [min(block, size - start) for start in range(0, size, block)]
        pages = {name: out / FILES[name] for name in ("html", "fragment")}
        with SavedBlocks(out) as blocks:
            blocks.save(_block(n, i) for i, n in enumerate(sizes))
            r = {"forked": _rss_mb()}
            r["whole_mb"], r["whole_cpu"] = _in_child(lambda: _whole(pages, blocks), repeat)
            r["whole_size"] = pages["html"].stat().st_size / 2**20
            r["page_mb"], r["page_cpu"] = _in_child(lambda: write_page(pages, blocks, False), repeat)
            r["page_size"] = pages["html"].stat().st_size / 2**20
            csv = out / FILES["csv"]
            r["csv_mb"], r["csv_cpu"] = _in_child(lambda: export._write_csv(csv, blocks), repeat)
            return r


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[30_000, 100_000])
    parser.add_argument("--block", type=int, default=10_000, help="incidents per block (as in a build)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each writer (least CPU time)")
    args = parser.parse_args()
    print("| incidents | parent at fork MB | writer | peak MB | CPU s | map.html MB |\n"
          "| ---: | ---: | --- | ---: | ---: | ---: |")
    for size in args.sizes:
        r = measure(size, args.block, args.repeat)
        for name, key in (("page, whole (before)", "whole"), ("page, a block at a time", "page"),
                          ("csv (flat reference)", "csv")):
            size_mb = f"{r[key + '_size']:.1f}" if key + "_size" in r else ""
            print(f"| {size:,} | {r['forked']:.0f} | {name} | {r[key + '_mb']:.0f} | {r[key + '_cpu']:.1f} "
                  f"| {size_mb} |", flush=True)


if __name__ == "__main__":
    main()
