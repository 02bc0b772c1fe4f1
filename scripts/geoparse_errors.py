"""List what the geoparser gets wrong on a gold corpus: missed spans, spurious spans, far resolutions.

    python scripts/geoparse_errors.py ../shared/data/dev/lgl.jsonl [--show missed|spurious|far]

Counts are by surface name, most frequent first, so the commonest kinds of error show up at the top.
"""

import argparse
import collections

from gazetteer import Gazetteer, distance_km
from geo import find_mentions
from geo.evaluate import ACCURACY_KM, GWN_IGNORED_TYPES, read_gold


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("--show", choices=("missed", "spurious", "far"), action="append")
    parser.add_argument("--top", type=int, default=60)
    args = parser.parse_args()
    gazetteer = Gazetteer.open()
    errors = {kind: collections.Counter() for kind in ("missed", "spurious", "far")}
    example: dict[str, str] = {}
    for doc in read_gold(args.corpus, drop_types=GWN_IGNORED_TYPES):
        text = doc["text"]
        found = {(m.start, m.end): m for m in find_mentions(text, gazetteer, demonyms=True)}
        gold = {(t["start"], t["end"]): t for t in doc["toponyms"]}
        for span, toponym in gold.items():
            mention = found.get(span)
            if mention is None:
                errors["missed"][toponym["name"]] += 1
                example.setdefault(toponym["name"], text[span[0] - 30 : span[1] + 30])
            elif toponym["lat"] is not None and mention.place is not None:
                km = distance_km(toponym["lat"], toponym["lon"], mention.place.lat, mention.place.lon)
                if km > ACCURACY_KM:
                    place = mention.place
                    got = f"{place.name} {place.kind} {place.country} ({place.lat:.2f},{place.lon:.2f})"
                    want = f"({toponym['lat']:.2f},{toponym['lon']:.2f}) {toponym.get('geonameid')}"
                    errors["far"][f"{toponym['name']!r}: got {got}, want {want}, {km:.0f} km"] += 1
        for span, mention in found.items():
            if span not in gold:
                errors["spurious"][mention.text] += 1
                example.setdefault(mention.text, text[span[0] - 30 : span[1] + 30])
    for kind in args.show or errors:
        print(f"== {kind}: {sum(errors[kind].values())}")
        for line, count in errors[kind].most_common(args.top):
            print(f"{count:4d} {line}" + (f"   ...{example[line]!r}" if line in example else ""))


if __name__ == "__main__":
    main()
