"""Read the built gazetteer: names to places, ids to places, points to the areas around them."""

import json
import math
import os
import sqlite3
import threading
from array import array
from functools import lru_cache
from pathlib import Path

import marisa_trie

from .build import FIELD_SEP, LISTING_SHIFT, OWN, ROW, WORD, build, data_version
from .errors import GazetteerError
from .names import name_key, strip_article
from .place import KINDS, Place
from .query import Query

# Prior weight of each kind when a bare name could be several places: a country or a sea is what a
# reader means by "Georgia" or "Black Sea" far more often than a village of that name.
KIND_PRIOR = {"country": 3.0, "water": 2.0, "region": 1.0, "zone": 1.0, "admin1": 0.5, "city": 0.0}


_OPEN: dict[Path, "Gazetteer"] = {}


def default_path() -> Path:
    """Where the gazetteer lives: $INCIDENT_MAP_CACHE, else the user's cache directory."""
    root = os.environ.get("INCIDENT_MAP_CACHE")
    if not root:
        import platformdirs  # 10 ms of imports, for runs that do not name the directory

        root = platformdirs.user_cache_dir("incident-map")
    return Path(root) / "gazetteer.sqlite"


# A place's own name outweighs the same string among another place's alternate (often historical or
# foreign-language) names: "Nebraska" is the state, not a town that lists "Nebraska" among its names.
# An alternate name many languages list weighs almost as much (name_weight).
OWN_NAME_PRIOR = 2.0
# A city with at least this share of a same-named region's population is what the bare name means.
CITY_SHARE = 0.1


def prior(place: Place) -> float:
    """How likely a place is meant, before any context: kind, then population."""
    return KIND_PRIOR[place.kind] + math.log10(place.population + 1)


def name_weight(place: Place, flags: int) -> float:
    """The prior a name adds to a place that has it (flags as build stores them).

    Its own name adds OWN_NAME_PRIOR. An alternate name of a settlement adds the share 1 - 1/n of it,
    where n is how many of the place's GeoNames names have that key: GeoNames lists a spelling once per
    language that writes it differently, so an exonym many languages use ("Odessa" for Odesa, three
    listings) nearly counts as the place's name, and one odd transliteration adds nothing. Other places'
    alternate names add nothing: their lists merge several sources, so a count says how many sources,
    not how many languages, and they take in the names of the cities they are named after.
    """
    if flags & OWN:
        return OWN_NAME_PRIOR
    if place.kind != "city":
        return 0.0
    return OWN_NAME_PRIOR * (1 - 1 / max(flags >> LISTING_SHIFT, 1))


def scored(matches: list[tuple[Place, int]]) -> tuple[tuple[Place, float], ...]:
    """Places sharing a name with their scores, most likely first; `matches` pairs each with the name's
    flags for it (build.OWN, build.LISTING_SHIFT).

    Each scores its prior plus name_weight. An admin-1 region named like a large city of its country
    ranks just below that city: a bare "Kharkiv" or "Kyiv" is the city; the oblast needs "region" or
    "oblast" in the text (the recognizer passes that as a kind). A namesake town far smaller than the
    region does not demote it: "California" is the state, not the town in Maryland.
    """
    score = {p.id: prior(p) + name_weight(p, flags) for p, flags in matches}
    for region, _ in matches:
        if region.kind != "admin1":
            continue
        large = CITY_SHARE * region.population
        cities = [
            score[p.id]
            for p, _ in matches
            if p.kind == "city" and p.country == region.country and p.population >= large
        ]
        if cities:
            score[region.id] = min(score[region.id], max(cities) - 0.01)
    return tuple(sorted(((p, score[p.id]) for p, _ in matches), key=lambda item: item[1], reverse=True))


class Gazetteer:
    """Read-only access to a built gazetteer file.

    >>> gaz = Gazetteer.open()          # builds it on first use
    >>> gaz.lookup("Kharkov")[0].name
    'Kharkiv'
    """

    def __init__(self, path: Path) -> None:
        if not path.exists():
            raise GazetteerError(f"no gazetteer at {path}: run `incident-map gazetteer build` to make it")
        self.path = path
        self._local = threading.local()
        meta = dict(self._db.execute("SELECT key, value FROM meta WHERE key != 'rows'"))
        names = path.parent / meta["names_file"]
        if not names.exists():
            raise GazetteerError(f"{names} is missing: run `incident-map gazetteer build` to make it again")
        self.trie = marisa_trie.RecordTrie("<IB").mmap(str(names))  # mapped: pages are read as lookups go
        self.demonyms = marisa_trie.RecordTrie("<I").frombytes(meta["demonyms"])
        self.abbreviations = frozenset(json.loads(meta["abbreviations"]))
        self.counties: dict[str, list[str]] = json.loads(meta["counties"])  # key -> states' admin-1 keys
        self._capitals: dict[str, str] = json.loads(meta["capitals"])  # country code -> place id
        self._common_words = marisa_trie.RecordTrie("<H").frombytes(meta["common_words"])
        self.first_names = frozenset(json.loads(meta["first_names"]))
        # Places stay packed (tens of MB as Python objects, a second to make) in the file: a lookup reads
        # and unpacks the rows it needs (_rows), and a cache keeps the places news names again and again.
        self._offsets = array("I", meta["row_offsets"])
        self.place_at = lru_cache(maxsize=50_000)(self._place_at)
        self._tree = None
        self._zone_names: list[tuple[Place, str]] | None = None
        self.get = lru_cache(maxsize=10_000)(self._get)
        self.scored_key = lru_cache(maxsize=100_000)(self._scored_key)
        self.lookup_key = lru_cache(maxsize=100_000)(self._lookup_key)
        self.has_prefix = lru_cache(maxsize=100_000)(self._has_prefix)
        # The recogniser asks these of every capitalised word and its neighbours, the same words again
        # and again.
        self.demonym_key = lru_cache(maxsize=100_000)(self._demonym_key)
        self.zipf = lru_cache(maxsize=100_000)(self._zipf)

    @classmethod
    def open(cls, path: Path | None = None, rebuild: bool = False) -> "Gazetteer":
        """Open the gazetteer, building it first when it is missing or from an older version.

        The file is read-only while open, so one instance per file serves a whole process.
        """
        path = path or default_path()
        if rebuild or stored_version(path) != data_version():
            build(path)
            _OPEN.pop(path, None)
        if path not in _OPEN:
            _OPEN[path] = cls(path)
        return _OPEN[path]

    @property
    def _db(self) -> sqlite3.Connection:
        return self._connection()[0]

    @property
    def _rows(self) -> sqlite3.Blob:
        """The packed place rows (build.ROW), read a row at a time: reading all 16 MB at opening took
        longer than a whole run of a few documents reads of them."""
        return self._connection()[1]

    def _connection(self) -> tuple[sqlite3.Connection, sqlite3.Blob]:
        # One read-only connection per thread and per process: sqlite3 connections are not shared across
        # threads, and one must not cross a fork (a forked worker opens its own).
        pid, db, rows = getattr(self._local, "db", (None, None, None))
        if pid != os.getpid():
            db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            (rowid,) = db.execute("SELECT rowid FROM meta WHERE key = 'rows'").fetchone()
            rows = db.blobopen("meta", "value", rowid, readonly=True)
            self._local.db = (os.getpid(), db, rows)
        return db, rows

    def __len__(self) -> int:
        return self._db.execute("SELECT count(*) FROM places").fetchone()[0]

    def _has_prefix(self, key: str) -> bool:
        """Whether some name or adjective starts with this key followed by more words."""
        return any(next(trie.iterkeys(key + " "), None) is not None for trie in (self.trie, self.demonyms))

    def _demonym_key(self, key: str) -> Place | None:
        """The place an adjective names ("french" -> France, "sri lankan" -> Sri Lanka), if any."""
        records = self.demonyms.get(key)
        return self.place_at(records[0][0]) if records else None

    def capital(self, country: str) -> Place | None:
        """The capital city of a country (ISO alpha-2 code: "UA" -> Kyiv), if the gazetteer has it."""
        place_id = self._capitals.get(country)
        return self.get(place_id) if place_id else None

    def _zipf(self, key: str) -> float:
        """How common a word key is in English (wordfreq's Zipf scale), 0 below build.MIN_ZIPF."""
        records = self._common_words.get(key)
        return records[0][0] / 100 if records else 0.0

    def _scored_key(self, key: str, word: bool = False) -> tuple[tuple[Place, float], ...]:
        """Places with this key as a name and their prior scores, most likely first. With `word`, the
        name is written as a word, not in capitals, and places that only have it as a code are left out."""
        records = self.trie.get(key) or ()
        matches = [(self.place_at(i), flags) for i, flags in records if not word or flags & WORD]
        return scored(matches) if matches else ()

    def _lookup_key(self, key: str, word: bool = False) -> tuple[Place, ...]:
        """Places with this key as a name, most likely first (`word` as for scored_key)."""
        return tuple(place for place, _ in self.scored_key(key, word))

    def lookup(self, name: str, kinds: tuple[str, ...] | None = None) -> list[Place]:
        """Places called `name` (any spelling the gazetteer knows), most likely first."""
        key = name_key(name)
        places = self.lookup_key(key) or self.lookup_key(strip_article(key))
        return [p for p in places if kinds is None or p.kind in kinds]

    def search(self, query: Query) -> list[Place]:
        """Places a parsed query asks for, most likely first."""
        if query.kind == "admin1":
            regions = [p for p in self.lookup(query.name) if p.kind == "admin1"]
            if regions:
                return regions
            # "the Bucha region": the admin-1 region of the settlement of that name.
            ids = dict.fromkeys(f"admin1:{p.admin1}" for p in self.lookup(query.name) if p.admin1)
            return [place for place in map(self.get, ids) if place]
        if query.kind == "zone":
            return self._zones_named(query.name) or self.lookup(query.name)
        return self.lookup(query.name)

    def _zones_named(self, key: str) -> list[Place]:
        """Zones one of whose names contains the key's last words: "now defunct chernobyl" finds the
        Chernobyl Exclusion Zone."""
        if self._zone_names is None:
            rows = self._db.execute(
                "SELECT place, key FROM area_names JOIN places ON places.rowid = area_names.place "
                "WHERE kind = 'zone'"
            ).fetchall()
            self._zone_names = [(self.place_at(rowid), f" {key} ") for rowid, key in rows]
        words = key.split()
        for start in range(len(words)):
            tail = f" {' '.join(words[start:])} "
            found = {place.id: place for place, name in self._zone_names if tail in name}
            if found:
                return list(found.values())
        return []

    def _place_at(self, rowid: int) -> Place:
        """The place in row `rowid`, unpacked (see build.ROW); an area's polygon is read from SQLite."""
        start, end = self._offsets[rowid - 1], self._offsets[rowid]
        packed = self._rows[start:end]
        lat, lon, population, geonameid, kind, has_polygon = ROW.unpack_from(packed)
        place_id, name, country, admin1 = packed[ROW.size :].decode().split(FIELD_SEP)
        polygon = None
        if has_polygon:
            polygon = self._db.execute("SELECT polygon FROM places WHERE rowid = ?", (rowid,)).fetchone()[0]
        geonameid = None if geonameid < 0 else geonameid
        return Place(
            place_id,
            name,
            KINDS[kind],
            lat,
            lon,
            country or None,
            admin1 or None,
            population,
            geonameid,
            polygon,
        )

    def _get(self, place_id: str) -> Place | None:
        row = self._db.execute("SELECT rowid FROM places WHERE id = ?", (place_id,)).fetchone()
        return self.place_at(row[0]) if row else None

    def by_geonameid(self, geonameid: int) -> Place | None:
        row = self._db.execute(
            "SELECT rowid FROM places WHERE geonameid = ? ORDER BY kind = 'city'", (geonameid,)
        ).fetchone()
        return self.place_at(row[0]) if row else None

    def places(self, kinds: tuple[str, ...]) -> list[Place]:
        marks = ",".join("?" * len(kinds))
        rows = self._db.execute(f"SELECT rowid FROM places WHERE kind IN ({marks})", kinds)
        return [self.place_at(rowid) for (rowid,) in rows]

    def containing(self, lat: float, lon: float) -> list[Place]:
        """The areas (countries, admin-1 regions, zones, seas) that contain the point, smallest first."""
        import shapely  # only reverse geocoding needs geometry

        if self._tree is None:
            areas = [p for p in self.places(("country", "admin1", "zone", "region", "water"))]
            self._tree = (shapely.STRtree([p.geometry for p in areas]), areas)
        tree, areas = self._tree
        hits = tree.query(shapely.Point(lon, lat), predicate="intersects")
        return [areas[i] for i in sorted(hits, key=lambda i: tree.geometries[i].area)]

    def nearest_city(self, lat: float, lon: float, max_km: float = 50.0) -> Place | None:
        """The settlement closest to the point within `max_km`, if any."""
        span = max_km / 111.0
        widen = span / max(math.cos(math.radians(lat)), 0.01)
        rows = self._db.execute(
            "SELECT rowid, lat, lon FROM places WHERE kind = 'city' "
            "AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?",
            (lat - span, lat + span, lon - widen, lon + widen),
        ).fetchall()
        candidates = [(distance_km(lat, lon, y, x), self.place_at(rowid)) for rowid, y, x in rows]
        candidates = [c for c in candidates if c[0] <= max_km]
        return min(candidates, key=lambda c: c[0])[1] if candidates else None


def stored_version(path: Path) -> str | None:
    """The data version of the gazetteer at `path`, or None when it is missing or incomplete (its names
    trie gone, as when two builds into one directory raced), so that it is built again."""
    if not path.exists():
        return None
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            meta = dict(db.execute("SELECT key, value FROM meta WHERE key IN ('data_version', 'names_file')"))
    except sqlite3.DatabaseError:
        return None
    if "names_file" not in meta or not (path.parent / meta["names_file"]).exists():
        return None
    return meta.get("data_version")


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(math.sqrt(a))
