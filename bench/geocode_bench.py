"""Gazetteer lookups per second for 10,000 mixed names, next to a baseline measured in the same run.

The baseline is geopy's own offline-free work for one answer (building a Location from a dict), so the
figure says how much a lookup costs beyond the geopy object every caller gets anyway. Target: 20,000
lookups/s or more. Run: `make bench` or `python bench/geocode_bench.py`.
"""

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


def rate(fn, items) -> float:
    started = time.perf_counter()
    for item in items:
        fn(item)
    return len(items) / (time.perf_counter() - started)


def main() -> None:
    gazetteer = Gazetteer.open()
    names = mixed_names(gazetteer, N)
    geocoder = OfflineGeocoder(gazetteer)
    baseline = rate(lambda name: Location(name, (0.0, 0.0), {"name": name}), names)
    cold = rate(gazetteer.lookup, names)  # first sight of each name: SQLite reads
    warm = rate(gazetteer.lookup, names)  # names seen before: the in-process cache
    full = rate(geocoder.geocode, names)
    print(f"{'what':<44}{'per second':>14}")
    print(f"{'baseline: geopy Location objects only':<44}{baseline:>14,.0f}")
    print(f"{'Gazetteer.lookup, first sight':<44}{cold:>14,.0f}")
    print(f"{'Gazetteer.lookup, repeated names':<44}{warm:>14,.0f}")
    print(f"{'OfflineGeocoder.geocode -> Location':<44}{full:>14,.0f}")
    print(f"target: 20,000 lookups/s for {N:,} mixed names: {'met' if cold >= 20_000 else 'NOT met'}")


if __name__ == "__main__":
    main()
