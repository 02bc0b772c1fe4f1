"""Merging a run's reports: geo's in-memory KeptList against the assembler's on-disk KeptTable, side by side.

Reports are made from real incidents (the pipeline's own, on a few sentences) moved to random Ukrainian
towns of 20,000 or more and random days of a year, with one, two or a week's span, as the batch bench's
articles give them; both stores merge the same reports in the same order, and each prints its CPU time
per report for every block of reports, so a cost that grows with the kept incidents shows, then for
reading the merged incidents (KeptTable puts each together from its reports then). The two must keep
the same incidents (checked at the end).

    .venv/bin/python bench/merge_bench.py [--reports 500000] [--block 50000]
"""

import argparse
import random
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from geo import Article, Merger, article_incidents
from geo.incidents import KeptList
from incident_map import work
from incident_map.outputs import KeptTable

SENTENCES = ("Russian missiles struck Kharkiv on Monday, killing 3 people.",
             "Ukrainian forces clashed with Russian troops near Bakhmut.",
             "An air strike destroyed a school in Izium.",
             "A drone attack set fire to a fuel depot in Odesa.")


def reports(count: int) -> list:
    gazetteer = work.gazetteer()
    towns = [p for p in gazetteer.places(("city",)) if p.country == "UA" and p.population >= 20_000]
    templates = [incident for text in SENTENCES
                 for incident in article_incidents(Article("t", text), gazetteer, date(2022, 5, 10))]
    rng = random.Random(1)
    made = []
    for n in range(count):
        start = date(2022, 1, 1) + timedelta(days=rng.randrange(365))
        end = start + timedelta(days=rng.choice([0, 0, 0, 1, 7]))
        made.append(replace(rng.choice(templates), place=rng.choice(towns), sources=(f"s{n}",),
                            date_start=start, date_end=end))
    return made


def merge(kept, made: list, block: int) -> tuple[list[float], float, list]:
    """CPU us per report of each block's merging and of reading the merged incidents; and those."""
    merger = Merger(kept)
    costs = []
    for start in range(0, len(made), block):
        began = time.process_time()
        merger.add(made[start:start + block])
        costs.append((time.process_time() - began) / len(made[start:start + block]) * 1e6)
    began = time.process_time()
    merged = merger.merged
    return costs, (time.process_time() - began) / len(made) * 1e6, merged


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--reports", type=int, default=500_000)
    options.add_argument("--block", type=int, default=50_000)
    args = options.parse_args()
    made = reports(args.reports)
    memory, memory_read, in_memory = merge(KeptList(), made, args.block)
    with tempfile.TemporaryDirectory() as tmp, KeptTable(Path(tmp), work.gazetteer().get) as table:
        disk, disk_read, on_disk = merge(table, made, args.block)
    print(f"{'reports':>9} {'KeptList us/report':>19} {'KeptTable us/report':>20}")
    for i, (a, b) in enumerate(zip(memory, disk, strict=True)):
        print(f"{min((i + 1) * args.block, len(made)):>9,} {a:19.1f} {b:20.1f}")
    print(f"{'read':>9} {memory_read:19.1f} {disk_read:20.1f}")
    print(f"{'in all':>9} {sum(memory) / len(memory) + memory_read:19.1f} "
          f"{sum(disk) / len(disk) + disk_read:20.1f}")
    print(f"kept incidents: {len(in_memory):,}; the same in both: {in_memory == on_disk}")


if __name__ == "__main__":
    main()
