"""The `incident-map` command: a thin layer over gazetteer, geo and maps."""

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path

from gazetteer import Gazetteer, GazetteerError, default_path
from gazetteer.build import data_version
from gazetteer.store import stored_version
from geo.errors import GeoError


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: use YYYY-MM-DD, e.g. 2022-03-28") from None


def cmd_gazetteer(args) -> int:
    path = default_path()
    if args.if_needed and stored_version(path) == data_version():
        print(f"gazetteer up to date: {path}")
        return 0
    started = time.perf_counter()
    gazetteer = Gazetteer.open(path, rebuild=True)
    print(f"built {path}: {len(gazetteer):,} places in {time.perf_counter() - started:.1f} s")
    return 0


def cmd_geocode(args) -> int:
    from gazetteer import OfflineGeocoder

    geocoder = OfflineGeocoder()
    found = geocoder.geocode(args.query, exactly_one=False, limit=args.limit)
    if not found:
        print(f"no place called {args.query!r} in the gazetteer", file=sys.stderr)
        return 1
    # Only the answers printed are turned into JSON: each decodes its place's polygon.
    answers = [_as_json(location, geocoder.gazetteer) for location in (found if args.all else found[:1])]
    print(json.dumps(answers if args.all else answers[0], ensure_ascii=False, indent=2))
    return 0


def _as_json(location, gazetteer: Gazetteer) -> dict:
    raw = location.raw
    place = gazetteer.get(raw["id"])
    return {
        "geonameid": raw["geonameid"],
        "name": raw["name"],
        "kind": raw["kind"],
        "country": raw["country"],
        "country_name": raw["country_name"],
        "admin1": raw["admin1"],
        "admin1_name": raw["admin1_name"],
        "population": raw["population"],
        "id": raw["id"],
        "geometry": place.geometry.__geo_interface__,
    }


def cmd_reverse(args) -> int:
    from gazetteer import OfflineGeocoder

    geocoder = OfflineGeocoder()
    location = geocoder.reverse((args.lat, args.lon), max_km=args.max_km)
    if location is None:
        print(f"nothing known at {args.lat}, {args.lon}", file=sys.stderr)
        return 1
    print(json.dumps({"address": location.address, **location.raw}, ensure_ascii=False, indent=2))
    return 0


def cmd_mentions(args) -> int:
    from geo import find_mentions

    gazetteer = Gazetteer.open()
    # The file's own lines: str.splitlines() also breaks at U+0085 and U+2028, which a JSON string may hold.
    with (
        args.input.open(encoding="utf-8", errors="replace") as lines,
        args.output.open("w", encoding="utf-8") as out,
    ):
        for number, line in enumerate(lines, start=1):
            try:
                record = json.loads(line)
                text = record["text"]
                result = {
                    "id": record.get("id"),
                    "toponyms": [m.to_dict() for m in find_mentions(text, gazetteer, demonyms=True)],
                }
            except (json.JSONDecodeError, KeyError, TypeError) as error:
                reason = f"{args.input.name} line {number}: not a JSON record with a text field ({error})"
                print(reason, file=sys.stderr)
                result = {"id": None, "toponyms": [], "error": reason}
            out.write(json.dumps(result, ensure_ascii=False) + "\n")
    return 0


def cmd_eval(args) -> int:
    from dataclasses import replace

    from geo import find_mentions
    from geo.evaluate import GWN_IGNORED_TYPES, format_table, read_gold, score

    gazetteer = Gazetteer.open()
    gold = read_gold(args.corpus, drop_types=GWN_IGNORED_TYPES)
    started = time.perf_counter()
    predicted = [
        {
            "id": doc["id"],
            "toponyms": [m.to_dict() for m in find_mentions(doc["text"], gazetteer, demonyms=True)],
        }
        for doc in gold
    ]
    scores = replace(score(gold, predicted), seconds=time.perf_counter() - started)
    print(json.dumps(scores.to_dict(), indent=2) if args.json else format_table(scores))
    return 0


def cmd_build(args) -> int:
    from .run import build

    return build(args)


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return int(text)


def parser() -> argparse.ArgumentParser:
    import maps
    from geo.defaults import DATE_FIELDS, ID_FIELDS, MAX_CHARS, TEXT_FIELDS

    top = argparse.ArgumentParser(prog="incident-map", description="Turn conflict news into a layered map.")
    sub = top.add_subparsers(dest="command", required=True)

    gaz = sub.add_parser("gazetteer", help="build the offline gazetteer into the cache directory")
    gaz.add_argument("action", choices=["build"])
    gaz.add_argument("--if-needed", action="store_true", help="only when missing or from an older version")
    gaz.set_defaults(run=cmd_gazetteer)

    geocode = sub.add_parser(
        "geocode", help="print the place a name means, as JSON with its GeoJSON geometry"
    )
    geocode.add_argument("query", help='a name or phrase: "Kharkov", "Kiev region", "Chernobyl zone"')
    geocode.add_argument("--all", action="store_true", help="every match, most likely first")
    geocode.add_argument("--limit", type=int, default=10, help="at most this many matches with --all")
    geocode.set_defaults(run=cmd_geocode)

    reverse = sub.add_parser(
        "reverse", help="print what is at a point: nearest settlement and enclosing areas"
    )
    reverse.add_argument("lat", type=float)
    reverse.add_argument("lon", type=float)
    reverse.add_argument("--max-km", type=float, default=50.0, help="how far to look for a settlement")
    reverse.set_defaults(run=cmd_reverse)

    mentions = sub.add_parser("mentions", help="place mentions of JSONL records {id, text}, one line each")
    mentions.add_argument("input", type=Path, help="JSONL file of {id, text} records")
    mentions.add_argument("-o", "--output", type=Path, required=True, help="JSONL file to write")
    mentions.set_defaults(run=cmd_mentions)

    evaluate = sub.add_parser("eval", help="score place mentions against a gold corpus")
    evaluate.add_argument(
        "--corpus",
        type=Path,
        required=True,
        help="gold JSONL {id, text, toponyms:[{start, end, name, lat, lon}]}",
    )
    evaluate.add_argument("--json", action="store_true", help="print the scores as JSON")
    evaluate.set_defaults(run=cmd_eval)

    build = sub.add_parser(
        "build",
        help="articles to incidents.geojson, map.html and dashboard exports",
        description="Articles to a map. Every input record is accounted for in OUT/run.json; articles "
        "already processed (same text, id, date and pipeline version) come from a cache.",
    )
    build.add_argument(
        "inputs",
        nargs="+",
        help="files, directories, glob patterns or - (standard input): plain text or HTML (one article "
        "each), JSONL or CSV (one article a record), in any common encoding",
    )
    build.add_argument("-o", "--output", type=Path, required=True, help="output directory")
    build.add_argument(
        "--date",
        type=_date,
        help="article date when neither the record nor the dateline "
        "gives one (YYYY-MM-DD); also the year of a dateline without one",
    )
    build.add_argument(
        "--formats",
        type=lambda s: s.split(","),
        default=list(maps.FORMATS),
        help=f"comma-separated outputs to write (default all): {','.join(maps.FORMATS)}",
    )
    build.add_argument(
        "--offline",
        action="store_true",
        help="inline the map's scripts and styles so it works with no network (tiles aside)",
    )
    fields = build.add_argument_group("JSONL and CSV records")
    for option, what, names in (
        ("--text-field", "article text", TEXT_FIELDS),
        ("--id-field", "record id", ID_FIELDS),
        ("--date-field", "article date", DATE_FIELDS),
    ):
        fields.add_argument(option, help=f"the {what} (default: the first there of {', '.join(names)})")
    build.add_argument(
        "--max-chars",
        type=_positive,
        default=MAX_CHARS,
        help=f"skip longer articles, with a reason in run.json (default {MAX_CHARS:,})",
    )
    runs = build.add_argument_group("how it runs")
    runs.add_argument("--workers", type=_positive, default=1,
                      help="worker processes, for the articles and then for writing the outputs (default 1)")
    runs.add_argument(
        "--engine",
        choices=["local", "dask"],
        default="local",
        help="local processes, or a Dask cluster (pip install 'incident-map[dask]')",
    )
    runs.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="the Dask scheduler to use, e.g. tcp://10.0.0.5:8786 (default: a local cluster of --workers)",
    )
    runs.add_argument(
        "--cache", type=Path, help="the result cache file (default: results.sqlite beside the gazetteer)"
    )
    runs.add_argument("--no-cache", action="store_true", help="process every article, keep no results")
    build.set_defaults(run=cmd_build)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except (GazetteerError, GeoError) as error:
        print(f"incident-map: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        if error.filename is None:  # not a file the user named: a fault to see whole
            raise
        print(f"incident-map: {error.filename}: {error.strerror}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
