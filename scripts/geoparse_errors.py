"""List what the geoparser gets wrong on a gold corpus: missed spans, spurious spans, far resolutions.

    python scripts/geoparse_errors.py ../shared/data/dev/lgl.jsonl [--show missed|spurious|far|causes]

Counts are by surface name, most frequent first, so the commonest kinds of error show up at the top.
`causes` sorts the errors into classes instead: a missed span by what happened to the gazetteer match
overlapping it (none, a different span, the recogniser's reason for rejecting it), a far resolution by
whether any candidate of the name lies within 161 km of the gold point (else the gazetteer lacks it).
"""

import argparse
import collections

from gazetteer import Gazetteer, distance_km, name_key
from geo import find_mentions, recognize
from geo.evaluate import ACCURACY_KM, GWN_IGNORED_TYPES, read_gold
from geo.text import Words, sentence_starts, sentences


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("--show", choices=("missed", "spurious", "far", "causes"), action="append")
    parser.add_argument("--top", type=int, default=60)
    args = parser.parse_args()
    gazetteer = Gazetteer.open()
    errors = {kind: collections.Counter() for kind in ("missed", "spurious", "far", "causes")}
    example: dict[str, str] = {}
    for doc in read_gold(args.corpus, drop_types=GWN_IGNORED_TYPES):
        text = doc["text"]
        found = {(m.start, m.end): m for m in find_mentions(text, gazetteer, demonyms=True)}
        gold = {(t["start"], t["end"]): t for t in doc["toponyms"]}
        matches = _matches(text, gazetteer)
        for span, toponym in gold.items():
            mention = found.get(span)
            if mention is None:
                errors["missed"][toponym["name"]] += 1
                errors["causes"][f"missed: {_why_missed(span, matches)}"] += 1
                example.setdefault(toponym["name"], text[span[0] - 30 : span[1] + 30])
            elif toponym["lat"] is not None and mention.place is not None:
                km = distance_km(toponym["lat"], toponym["lon"], mention.place.lat, mention.place.lon)
                if km > ACCURACY_KM:
                    place = mention.place
                    got = f"{place.name} {place.kind} {place.country} ({place.lat:.2f},{place.lon:.2f})"
                    want = f"({toponym['lat']:.2f},{toponym['lon']:.2f}) {toponym.get('geonameid')}"
                    errors["far"][f"{toponym['name']!r}: got {got}, want {want}, {km:.0f} km"] += 1
                    near = any(
                        distance_km(toponym["lat"], toponym["lon"], p.lat, p.lon) <= ACCURACY_KM
                        for p in gazetteer.lookup_key(name_key(mention.text))
                    )
                    errors["causes"]["far: " + ("a candidate was near" if near else "no candidate near")] += 1
        for span, mention in found.items():
            if span not in gold:
                errors["spurious"][mention.text] += 1
                errors["causes"]["spurious"] += 1
                example.setdefault(mention.text, text[span[0] - 30 : span[1] + 30])
    for kind in args.show or ("missed", "spurious", "far"):
        print(f"== {kind}: {sum(errors[kind].values())}")
        for line, count in errors[kind].most_common(args.top):
            print(f"{count:4d} {line}" + (f"   ...{example[line]!r}" if line in example else ""))


def _matches(text: str, gazetteer: Gazetteer) -> list[tuple[int, int, str | None]]:
    """Every gazetteer match of the recogniser with its span and its reason for rejection (None: kept)."""
    words = Words(text)
    starts = sentence_starts(text, sentences(text))
    return [
        (words[c.first].start, c.end, recognize.rejection(text, words, c, starts, gazetteer))
        for c in recognize.candidates(text, words, gazetteer)
    ]


def _why_missed(span: tuple[int, int], matches: list[tuple[int, int, str | None]]) -> str:
    overlapping = [match for match in matches if match[0] < span[1] and match[1] > span[0]]
    if not overlapping:
        return "no gazetteer match"
    start, end, reason = overlapping[0]
    if (start, end) != span:
        return f"other span, {reason or 'kept'}"
    return f"same span, {reason or 'rejected elsewhere in the article'}"


if __name__ == "__main__":
    main()
