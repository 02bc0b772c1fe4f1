"""Places: names, points, polygons and lookups, from a cached offline gazetteer."""

from .errors import GazetteerError
from .names import name_key
from .place import KINDS, Place
from .query import Query, parse
from .store import Gazetteer, default_path, distance_km


def __getattr__(name: str):
    # The geocoders import geopy (0.3 s); code that only looks names up should not pay for it.
    if name in ("CachedGeocoder", "OfflineGeocoder"):
        from . import geocoder

        return getattr(geocoder, name)
    raise AttributeError(f"module 'gazetteer' has no attribute {name!r}")


__all__ = [
    "KINDS",
    "CachedGeocoder",
    "Gazetteer",
    "GazetteerError",
    "OfflineGeocoder",
    "Place",
    "Query",
    "default_path",
    "distance_km",
    "name_key",
    "parse",
]
