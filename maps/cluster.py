"""Large maps: each layer as compact columns that IncidentMap.clusterLayer (maps/assets/incident-map.js)
draws with points clustered per layer (supercluster), only the clusters and points in view as Leaflet
layers, popups built from the columns when opened, and one outline per area whatever its number of reports.

At 100,000 incidents one Leaflet layer per incident (the GeoJson path) made a 39 MB page that took 13 s
to open; as columns, with repeated values (places, types, days, sources) stored once and the popup
columns parsed only on the first popup, the page is 25 MB and opens in about 2 s (docs/maps.md).

A layer's data is a list of chunks, each with its own columns, so that a page can be written a block of
rows at a time (maps/pagewriter.py) without holding its table; a whole table is one chunk per layer.
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
# Where a layer's chunks go in a page written a block at a time (maps/pagewriter.py), by the layer's
# element name. Nothing else in a page can look like it: article text and layer titles reach the page
# HTML-escaped or JSON-escaped, never with a "<".
PLACEHOLDER = "<im-chunks {}>"


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


class Chunks:
    """One layer's rows as chunks for IncidentMap.clusterLayer, each with its own columns, so a layer can
    be written a block of rows at a time. An area's outline goes with the first chunk that has a report
    about it: the places seen are kept (as many as the gazetteer has areas), not the rows."""

    def __init__(self) -> None:
        self.outlines: dict[str, int] = {}  # place -> index of its outline in the layer

    def data(self, rows: gpd.GeoDataFrame) -> dict[str, Any]:
        """Points first (np of them, coordinates in xy as lng, lat pairs), then areas (ai: the outline of
        each, areas: the outlines new in this chunk); each row's days as columns in days, its escaped
        popup fields as columns in f."""
        geometry = rows.geometry.values
        is_point = shapely.get_type_id(geometry) == shapely.GeometryType.POINT
        points = int(is_point.sum())
        ordered = rows.iloc[np.concatenate([np.flatnonzero(is_point), np.flatnonzero(~is_point)])]
        known = len(self.outlines)
        firsts = []  # row of each new outline's first report
        ai = []
        for i, key in enumerate(place_keys(ordered.iloc[points:])):
            ai.append(self.outlines.setdefault(key, len(self.outlines)))
            if ai[-1] == known + len(firsts):
                firsts.append(points + i)
        columns = {key: column(values) for key, values in incident_columns(ordered).items()
                   if any(value is not None for value in values)}
        return {
            "np": points, "ai": ai, "areas": display_geometry(ordered.geometry.values[firsts]),
            "xy": np.round(shapely.get_coordinates(geometry[is_point]), DECIMALS).ravel().tolist(),
            "days": {key: columns.pop(key) for key in DAYS if key in columns}, "f": columns,
        }

    def js(self, rows: gpd.GeoDataFrame) -> str:
        """The chunk as JavaScript: [columns, the popup fields as a string the page parses on the first
        popup] (a 20 MB object literal took a second to parse before anything was drawn)."""
        data = self.data(rows)
        fields = _json(data.pop("f")).replace("\\", "\\\\").replace("'", "\\'")
        return f"[{_json(data)},'{fields}']"


def _json(value: Any) -> str:
    # Article strings are HTML-escaped already (popup.py); escaping "<" too means the JSON can never
    # close the <script> element it sits in.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


class ClusterLayer(JSCSSMixin, MacroElement):
    """One layer of a large map, added to its FeatureGroup; `get_name()` is the Leaflet layer, which has
    setRange(days) for the time filter. `chunks` is the JavaScript of its chunks (Chunks.js), comma
    separated, or, in a page written a block at a time, its PLACEHOLDER, which the page's writer replaces
    with them (maps/pagewriter.py)."""

    default_js = [("supercluster", SUPERCLUSTER)]
    _template = Template("{% macro script(this, kwargs) %}{{ this.js() }}{% endmacro %}")

    def __init__(self, style: LayerStyle, point_style: dict[str, Any], area_style: dict[str, Any],
                 chunks: str | None = None):
        super().__init__()
        self._name = "ClusterLayer"
        self.layer = {"id": style.id, "colour": style.colour, "pointStyle": point_style,
                      "areaStyle": area_style}
        self.chunks = PLACEHOLDER.format(self.get_name()) if chunks is None else chunks

    def js(self) -> str:
        return f"var {self.get_name()} = IncidentMap.clusterLayer({_json(self.layer)}, [{self.chunks}])" \
               f".addTo({self._parent.get_name()});"

    def render(self, **kwargs) -> None:
        # JSCSSMixin's links, then the script as raw text: MacroElement.render would compile the script's
        # output as a Jinja template again, which took 3 s for a 100,000-incident page.
        figure = self.get_root()
        for name, url in self.default_js:
            figure.header.add_child(JavascriptLink(url), name=name)
        figure.script.add_child(Raw(self.js()), name=self.get_name())
