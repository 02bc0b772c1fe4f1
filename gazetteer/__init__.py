"""Places: names, points, polygons and lookups, from a cached offline gazetteer."""

from .errors import GazetteerError
from .names import name_key
from .place import KINDS, Place
from .store import Gazetteer, default_path, distance_km

__all__ = ["KINDS", "Gazetteer", "GazetteerError", "Place", "default_path", "distance_km", "name_key"]
