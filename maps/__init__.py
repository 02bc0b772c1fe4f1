"""Maps: the incidents table as a layered Folium map and as files for GIS tools and dashboards.

Sits on `geo` and `gazetteer`; neither imports it. The map builders load folium and geopandas on first
use, so a program that only names the formats or styles starts quickly.
"""

from .formats import FORMATS
from .style import COUNTRY_LEVEL, EVENT_TYPES, LayerStyle, style_for

_LAZY = {"write_outputs": "export", "build_map": "folium_map", "layers": "folium_map"}


def __getattr__(name: str):
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'maps' has no attribute {name!r}")


__all__ = ["COUNTRY_LEVEL", "EVENT_TYPES", "FORMATS", "LayerStyle", "build_map", "layers", "style_for",
           "write_outputs"]
