"""Large maps: each layer as compact columns that IncidentMap.clusterLayer (maps/assets/incident-map.js)
draws with points clustered per layer (supercluster), only the clusters and points in view as Leaflet
layers, popups built from the columns when opened, and one outline per area whatever its number of reports.

At 100,000 incidents one Leaflet layer per incident (the GeoJson path) made a 39 MB page that took 13 s
to open; as columns, with repeated values (places, types, days, sources) stored once and the popup
columns parsed only on the first popup, the page is 25 MB and opens in about 2 s (docs/maps.md).
"""

import json
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from branca.element import JavascriptLink, MacroElement
from folium.elements import JSCSSMixin
from jinja2 import Template

from .frame import DECIMALS, display_geometry, place_keys
from .offline import Raw
from .popup import incident_columns
from .style import LayerStyle

# The GeoJson path opens 10,000 incidents in 2-3.5 s on a 2-core machine; above that, cluster.
CLUSTER_ABOVE = 10_000
DAYS = ("ds", "de")  # needed when the page opens (the time filter), unlike the popup fields
SUPERCLUSTER = "https://cdn.jsdelivr.net/npm/supercluster@8.0.1/dist/supercluster.min.js"


def column(values: list[Any]) -> list[Any] | dict[str, list[Any]]:
    """A column as is, or as {"v": distinct values, "i": each row's index into them} when values repeat."""
    keys = pd.Series([tuple(value) if isinstance(value, list) else value for value in values], dtype=object)
    codes, distinct = pd.factorize(keys)  # missing values get -1, and would come back as NaN
    if 2 * len(distinct) > len(values):
        return values
    missing = codes < 0
    return {"v": [list(value) if isinstance(value, tuple) else value for value in distinct]
            + ([None] if missing.any() else []),
            "i": np.where(missing, len(distinct), codes).tolist()}


def layer_data(style: LayerStyle, rows: gpd.GeoDataFrame, point_style: dict[str, Any],
               area_style: dict[str, Any]) -> dict[str, Any]:
    """Points first (np of them, coordinates in xy as lng, lat pairs), then areas (ai: the outline of
    each); each incident's days as columns in days, its escaped popup fields as columns in f."""
    geometry = rows.geometry.values
    is_point = shapely.get_type_id(geometry) == shapely.GeometryType.POINT
    points = int(is_point.sum())
    ordered = rows.iloc[np.concatenate([np.flatnonzero(is_point), np.flatnonzero(~is_point)])]
    outlines: dict[str, int] = {}  # place -> index of its outline
    firsts = []  # row of each outline's first report
    ai = []
    for i, key in enumerate(place_keys(ordered.iloc[points:])):
        ai.append(outlines.setdefault(key, len(outlines)))
        if ai[-1] == len(firsts):
            firsts.append(points + i)
    columns = {key: column(values) for key, values in incident_columns(ordered).items()
               if any(value is not None for value in values)}
    return {
        "id": style.id, "colour": style.colour, "pointStyle": point_style, "areaStyle": area_style,
        "np": points, "ai": ai, "areas": display_geometry(ordered.geometry.values[firsts]),
        "xy": np.round(shapely.get_coordinates(geometry[is_point]), DECIMALS).ravel().tolist(),
        "days": {key: columns.pop(key) for key in DAYS if key in columns}, "f": columns,
    }


def _json(value: Any) -> str:
    # Article strings are HTML-escaped already (popup.py); escaping "<" too means the JSON can never
    # close the <script> element it sits in.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


class ClusterLayer(JSCSSMixin, MacroElement):
    """One layer of a large map, added to its FeatureGroup; `get_name()` is the Leaflet layer, which has
    setRange(days) for the time filter."""

    default_js = [("supercluster", SUPERCLUSTER)]
    _template = Template("{% macro script(this, kwargs) %}{{ this.js() }}{% endmacro %}")

    def __init__(self, style: LayerStyle, rows: gpd.GeoDataFrame, point_style: dict[str, Any],
                 area_style: dict[str, Any]):
        super().__init__()
        self._name = "ClusterLayer"
        self.data = layer_data(style, rows, point_style, area_style)

    def js(self) -> str:
        # The popup fields, most of the page, as a string the page parses on the first popup: a 20 MB
        # object literal took a second to parse before anything was drawn.
        fields = _json(self.data["f"]).replace("\\", "\\\\").replace("'", "\\'")
        core = _json({key: value for key, value in self.data.items() if key != "f"})
        return f"var {self.get_name()} = IncidentMap.clusterLayer({core}, '{fields}')" \
               f".addTo({self._parent.get_name()});"

    def render(self, **kwargs) -> None:
        # JSCSSMixin's links, then the script as raw text: MacroElement.render would compile the script's
        # output as a Jinja template again, which took 3 s for a 100,000-incident page.
        figure = self.get_root()
        for name, url in self.default_js:
            figure.header.add_child(JavascriptLink(url), name=name)
        figure.script.add_child(Raw(self.js()), name=self.get_name())
