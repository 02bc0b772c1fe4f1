"""Incidents on the Ukraine dev records: located, typed, invented, and extraction throughput.

Usage: .venv/bin/python -m bench.ukraine_events [path/to/ukraine_events_dev.jsonl] [--misses]

Each record (caption and date) goes through the whole pipeline (`article_incidents`). Figures:
- located: among records whose text names their place (the first five letters of `place`, as
  UKRAINE_SOURCES.md suggests), the share with an incident within 25 km of the record's point or whose
  polygon contains it; target >= 0.85.
- typed: among located records with a mapped label (bench.trigger_eval.gold), the share where a located
  incident has the label's event type; target >= 0.80.
- invented: among records with any incident, the share where every incident is over 100 km from the
  record's point; target <= 0.10.
Throughput is articles per CPU second (process time, best of RUNS passes) for the whole pipeline and for
`find_mentions` alone, side by side in the same run.
`--misses` lists the records behind each shortfall, to read (not to fit).
"""

import json
import sys
import time
from datetime import date
from pathlib import Path

import shapely
import shapely.ops  # not imported by shapely itself

from bench.trigger_eval import DEFAULT, gold
from gazetteer import Gazetteer, distance_km
from geo import Article, Incident, article_incidents, find_mentions

LOCATED_KM, INVENTED_KM = 25.0, 100.0
TARGETS = {"located": (">=", 0.85), "typed": (">=", 0.80), "invented": ("<=", 0.10)}


def distance(incident: Incident, lat: float, lon: float) -> float:
    """Kilometres from the incident's geometry to the point: 0 inside a polygon."""
    geometry = incident.place.geometry
    point = shapely.Point(lon, lat)
    if geometry.contains(point):
        return 0.0
    nearest = shapely.ops.nearest_points(geometry, point)[0]
    return distance_km(nearest.y, nearest.x, lat, lon)


def names_place(record: dict) -> bool:
    return bool(record["place"]) and record["place"][:5].lower() in record["text"].lower()


RUNS = 3


def rate(fn, records) -> float:
    """Articles per CPU second, the best of RUNS passes: CPU time, as the machine is shared."""
    best = float("inf")
    for _ in range(RUNS):
        started = time.process_time()
        for record in records:
            fn(record)
        best = min(best, time.process_time() - started)
    return len(records) / best


def main(path: Path, show_misses: bool) -> None:
    gazetteer = Gazetteer.open()
    records = [json.loads(line) for line in path.open(encoding="utf-8")]

    def extract(record: dict) -> list[Incident]:
        article = Article(record["id"], record["text"], date.fromisoformat(record["date"]))
        return article_incidents(article, gazetteer)

    results = [extract(r) for r in records]  # also warms the caches (gazetteer, trigger routes) for timing
    mentions_rate = rate(lambda r: find_mentions(r["text"], gazetteer), records)
    pipeline_rate = rate(extract, records)

    named = located = labelled = typed = with_incidents = invented = 0
    misses: dict[str, list[str]] = {"not located": [], "mistyped": [], "invented": []}
    for record, incidents in zip(records, results, strict=True):
        lat, lon = record["lat"], record["lon"]
        near = [i for i in incidents if distance(i, lat, lon) <= LOCATED_KM]
        line = f"{record['id']} [{record['place']}] {record['text'][:100]!r} -> " + ", ".join(
            f"{i.place.name}:{i.event_type}" for i in incidents)
        if incidents:
            with_incidents += 1
            if all(distance(i, lat, lon) > INVENTED_KM for i in incidents):
                invented += 1
                misses["invented"].append(line)
        if not names_place(record):
            continue
        named += 1
        if not near:
            misses["not located"].append(line)
            continue
        located += 1
        label = gold(record)
        if label is None:
            continue
        labelled += 1
        if any(i.event_type == label[0] for i in near):
            typed += 1
        else:
            misses["mistyped"].append(f"{line} (gold {label[0]})")

    figures = {"located": (located, named), "typed": (typed, labelled),
               "invented": (invented, with_incidents)}
    print(f"{len(records)} records; {named} name their place; {with_incidents} have incidents")
    for name, (hits, total) in figures.items():
        share = hits / total if total else 0.0
        op, target = TARGETS[name]
        met = share >= target if op == ">=" else share <= target
        print(f"{name:<9} {hits:4d}/{total:<4d} = {share:.3f}   target {op} {target:.2f}: "
              f"{'met' if met else 'NOT met'}")
    share = pipeline_rate / mentions_rate
    print(f"throughput (CPU time, best of {RUNS}): pipeline {pipeline_rate:,.0f} articles/s; find_mentions "
          f"alone {mentions_rate:,.0f} articles/s (find_mentions is {share:.0%} of the pipeline's time)")
    if show_misses:
        for kind, lines in misses.items():
            print(f"\n## {kind} ({len(lines)})")
            print("\n".join(lines))


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--misses"]
    main(Path(args[0]) if args else DEFAULT, "--misses" in sys.argv[1:])
