"""Gazetteer lookups per second for 10,000 mixed names, next to a baseline measured in the same run.

The baseline is geopy's own offline-free work for one answer (building a Location from a dict), so the
figure says how much a lookup costs beyond the geopy object every caller gets anyway. Target: 20,000
lookups/s or more. Run: `make bench` or `python bench/geocode_bench.py`.
"""

import math
import random
import time

from geopy.location import Location

from gazetteer import Gazetteer, OfflineGeocoder

N = 10_000


def mixed_names(gazetteer: Gazetteer, n: int, seed: int = 1) -> list[str]:
    """Real names of every kind (some repeated, as in news), variant spellings, phrases and misses."""
    rng = random.Random(seed)
    rows = gazetteer._db.execute("SELECT name FROM places ORDER BY random() LIMIT ?", (n,)).fetchall()
    names = [row[0] for row in rows]
    phrases = [
        "Kiev region",
        "the region around Kharkov",
        "Chernobyl zone",
        "Київ",
        "Kyïv",
        "ZHITOMIR",
        "the Black Sea",
        "Donbass",
        "Sea of Azov",
        "Nowhereville",
        "Qwertyuiop",
    ]
    mixed = [rng.choice(phrases) if rng.random() < 0.1 else rng.choice(names) for _ in range(n)]
    return mixed


def rate(make, items, runs: int = 5) -> float:
    """Calls per CPU second of `make()`'s function over the items: the best of several runs, each with a
    function made afresh (a newly opened gazetteer has seen no name)."""
    best = math.inf
    for _ in range(runs):
        fn = make()
        started = time.process_time()
        for item in items:
            fn(item)
        best = min(best, time.process_time() - started)
    return len(items) / best


def main() -> None:
    path = Gazetteer.open().path  # builds it if needed
    names = mixed_names(Gazetteer.open(), N)
    baseline = rate(lambda: lambda name: Location(name, (0.0, 0.0), {"name": name}), names)
    cold = rate(lambda: Gazetteer(path).lookup, names)  # first sight of each name in a fresh gazetteer
    warm = Gazetteer(path)
    warm_rate = rate(lambda: warm.lookup, names)  # names seen before: the in-process caches
    full = rate(lambda: OfflineGeocoder(Gazetteer(path)).geocode, names)
    print(f"{N:,} mixed names, CPU time, best of 5 runs")
    print(f"{'what':<44}{'per second':>14}")
    print(f"{'baseline: geopy Location objects only':<44}{baseline:>14,.0f}")
    print(f"{'Gazetteer.lookup, first sight':<44}{cold:>14,.0f}")
    print(f"{'Gazetteer.lookup, repeated names':<44}{warm_rate:>14,.0f}")
    print(f"{'OfflineGeocoder.geocode -> Location':<44}{full:>14,.0f}")
    print(f"target: 20,000 lookups/s for {N:,} mixed names: {'met' if cold >= 20_000 else 'NOT met'}")


if __name__ == "__main__":
    main()
