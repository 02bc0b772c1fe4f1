"""Places: names, points, polygons and lookups, from a cached offline gazetteer."""

from .errors import GazetteerError
from .geocoder import CachedGeocoder, OfflineGeocoder
from .names import name_key
from .place import KINDS, Place
from .query import Query, parse
from .store import Gazetteer, default_path, distance_km

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
