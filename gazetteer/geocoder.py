"""Geocoders with geopy's interface: `geocode()` and `reverse()` return `geopy.location.Location`.

`OfflineGeocoder` answers from the gazetteer and never touches the network. `CachedGeocoder` wraps any
geopy geocoder (Nominatim for users who are online) and stores each answer in the cache directory,
so a name is asked once.
"""

import json
import sqlite3
import time
from pathlib import Path

from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from .place import Place
from .query import parse
from .store import Gazetteer, default_path


def location(place: Place, gazetteer: Gazetteer) -> Location:
    """A geopy Location for a place; `.raw` holds the place's fields and its admin-1 and country names."""
    admin1 = gazetteer.get(f"admin1:{place.admin1}") if place.admin1 and place.kind != "admin1" else None
    country = gazetteer.get(f"country:{place.country}") if place.country and place.kind != "country" else None
    parts = [place.name, admin1.name if admin1 else None, country.name if country else None]
    raw = {
        **place.properties(),
        "precision": place.precision,
        "admin1_name": admin1.name if admin1 else (place.name if place.kind == "admin1" else None),
        "country_name": country.name if country else (place.name if place.kind == "country" else None),
    }
    return Location(", ".join(p for p in parts if p), (place.lat, place.lon), raw)


class OfflineGeocoder(Geocoder):
    """Geocoding from the offline gazetteer, with geopy's interface.

    >>> OfflineGeocoder().geocode("Kiev region").raw["name"]
    'Kyiv Oblast'
    """

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        super().__init__()
        self.gazetteer = gazetteer or Gazetteer.open()

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        limit: int | None = None,
        kinds: tuple[str, ...] | None = None,
        country_codes: tuple[str, ...] | None = None,
    ):
        """The places `query` names ("Kharkov", "the region around Kiev", "Chernobyl zone"), best first.

        Returns a Location, a list of them (exactly_one=False), or None when nothing matches.
        """
        places: list[Place] = []
        for reading in parse(query):
            places = [
                p
                for p in self.gazetteer.search(reading)
                if (kinds is None or p.kind in kinds)
                and (country_codes is None or p.country in country_codes)
            ]
            if places:
                break
        if not places:
            return None
        if exactly_one:
            return location(places[0], self.gazetteer)
        return [location(p, self.gazetteer) for p in places[:limit]]

    def reverse(self, query, *, exactly_one: bool = True, max_km: float = 50.0):
        """What is at a point: the nearest settlement within `max_km`, else the smallest containing area.

        `.raw["within"]` lists the areas (admin-1, zone, sea, country) containing the point.
        """
        point = Point(query)
        within = self.gazetteer.containing(point.latitude, point.longitude)
        city = self.gazetteer.nearest_city(point.latitude, point.longitude, max_km)
        places = ([city] if city else []) + within
        if not places:
            return None
        found = [location(p, self.gazetteer) for p in places]
        for loc in found:
            loc.raw["within"] = [p.properties() for p in within]
        return found[0] if exactly_one else found


class CachedGeocoder(Geocoder):
    """Any geopy geocoder, asked once per query: answers are kept in an SQLite file in the cache directory.

    >>> from geopy.geocoders import Nominatim
    >>> from geopy.extra.rate_limiter import RateLimiter
    >>> online = Nominatim(user_agent="incident-map")
    >>> geocoder = CachedGeocoder(online, rate_limited=RateLimiter(online.geocode, min_delay_seconds=1))
    """

    def __init__(self, geocoder: Geocoder, path: Path | None = None, rate_limited=None) -> None:
        super().__init__()
        self.geocoder = geocoder
        self._ask = rate_limited or geocoder.geocode
        self.path = path or default_path().with_name("geocoder-answers.sqlite")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, check_same_thread=False)
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS answers (provider TEXT, query TEXT, answer TEXT, "
            "asked_at REAL, PRIMARY KEY (provider, query))"
        )
        self._provider = type(geocoder).__name__

    def geocode(self, query: str, *, exactly_one: bool = True, **kwargs):
        """The wrapped geocoder's answer, from the cache when this query was asked before."""
        key = json.dumps([query, exactly_one, sorted(kwargs.items())], default=str)
        row = self._db.execute(
            "SELECT answer FROM answers WHERE provider = ? AND query = ?", (self._provider, key)
        ).fetchone()
        if row:
            return _decode(json.loads(row[0]))
        answer = self._ask(query, exactly_one=exactly_one, **kwargs)
        with self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO answers VALUES (?,?,?,?)",
                (self._provider, key, json.dumps(_encode(answer)), time.time()),
            )
        return answer

    def reverse(self, query, *, exactly_one: bool = True, **kwargs):
        """Reverse geocoding is passed through: points rarely repeat, so caching them buys little."""
        return self.geocoder.reverse(query, exactly_one=exactly_one, **kwargs)


def _encode(answer):
    if answer is None:
        return None
    if isinstance(answer, list):
        return [_encode(a) for a in answer]
    return {
        "address": answer.address,
        "point": [answer.latitude, answer.longitude, answer.altitude],
        "raw": answer.raw,
    }


def _decode(data):
    if data is None:
        return None
    if isinstance(data, list):
        return [_decode(d) for d in data]
    return Location(data["address"], tuple(data["point"]), data["raw"])
