"""Maps: the incidents table as a layered Folium map and as files for GIS tools and dashboards.

Sits on `geo` and `gazetteer`; neither imports it.
"""

from .export import FORMATS, write_outputs
from .folium_map import build_map, layers
from .style import COUNTRY_LEVEL, EVENT_TYPES, LayerStyle, style_for

__all__ = ["COUNTRY_LEVEL", "EVENT_TYPES", "FORMATS", "LayerStyle", "build_map", "layers", "style_for",
           "write_outputs"]
