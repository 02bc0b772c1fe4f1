"""The folium map: one FeatureGroup per event type, the country-level layer, basemaps and the legend."""

from dataclasses import dataclass
from typing import Any

import folium
import geopandas as gpd
from folium.utilities import JsCode

from .cluster import CLUSTER_ABOVE, Chunks, ClusterLayer
from .frame import Layer, covering_box, display_geometry, normalise, place_keys, split
from .legend import Legend
from .offline import PageScript, make_offline
from .popup import IncidentPopups, country_fields, escape_text, incident_fields
from .style import COUNTRY_LEVEL, LayerStyle, order_key
from .timefilter import TimeFilter, days_spanned

# Leaflet's SVG renderer makes one DOM node per feature; above this many the canvas renderer loads faster.
CANVAS_ABOVE = 3000
# Areas go to the back of the map's vector layers when shown, so a province never covers a town's marker
# and the marker stays clickable; unlike a custom pane this works on a user's own map too.
AREAS_TO_BACK = JsCode("function (feature, layer) { layer.on('add', function () { layer.bringToBack(); }); }")
# (name in the layer control, xyzservices provider); none needs an API key (CartoDB's now warn without).
BASEMAPS = (
    ("OpenStreetMap", "OpenStreetMap.Mapnik"),
    ("Light (Esri World Gray Canvas)", "Esri.WorldGrayCanvas"),
    ("Satellite (Esri World Imagery)", "Esri.WorldImagery"),
)


def _collection(features: list[tuple[dict[str, Any], dict[str, Any]]]) -> dict[str, Any]:
    # Only the escaped popup fields travel to the page, not the raw columns.
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": i, "geometry": geometry, "properties": fields}
        for i, (geometry, fields) in enumerate(features)]}


def _geojson(features: list[tuple[dict[str, Any], dict[str, Any]]], style: dict[str, Any],
             **options: Any) -> folium.GeoJson:
    layer = folium.GeoJson(_collection(features), style_function=lambda _feature: style, **options)
    IncidentPopups().add_to(layer)
    return layer


def point_style(style: LayerStyle) -> dict[str, Any]:
    # Classes name the layer and the shape, so pages and tests can find a layer's features.
    return {"radius": style.radius, "weight": 1, "color": "#222222", "fill": True, "fillColor": style.colour,
            "fillOpacity": 0.85, "className": f"im-feature im-{style.id} im-point"}


def area_style(style: LayerStyle) -> dict[str, Any]:
    if style == COUNTRY_LEVEL:  # faint and dashed: a whole country is not where something happened
        return {"color": style.colour, "weight": 1.5, "dashArray": "6 4", "fillOpacity": 0.03,
                "className": f"im-feature im-{style.id} im-area"}
    return {"color": style.colour, "weight": 1.5, "fillColor": style.colour, "fillOpacity": 0.12,
            "className": f"im-feature im-{style.id} im-area"}


def _event_group(style: LayerStyle, rows: gpd.GeoDataFrame, group: folium.FeatureGroup) -> None:
    areas, points = [], []
    for shape, fields in zip(display_geometry(rows.geometry.values), incident_fields(rows), strict=True):
        (points if shape["type"] == "Point" else areas).append((shape, fields))
    if areas:
        _geojson(areas, area_style(style), on_each_feature=AREAS_TO_BACK).add_to(group)
    if points:
        _geojson(points, point_style(style), marker=folium.CircleMarker(radius=style.radius)).add_to(group)


def _country_group(rows: gpd.GeoDataFrame, group: folium.FeatureGroup) -> None:
    # One outline per country with all of its reports in one popup: identical outlines would stack.
    reports: dict[str, list[dict[str, Any]]] = {}
    shapes: dict[str, dict[str, Any]] = {}
    for key, fields, geometry in zip(place_keys(rows), incident_fields(rows),
                                     display_geometry(rows.geometry.values), strict=True):
        reports.setdefault(key, []).append(fields)
        shapes.setdefault(key, geometry)
    features = [(shapes[key], country_fields(place_reports)) for key, place_reports in reports.items()]
    _geojson(features, area_style(COUNTRY_LEVEL), on_each_feature=AREAS_TO_BACK).add_to(group)


def _group(style: LayerStyle) -> folium.FeatureGroup:
    # Leaflet's layer control inserts layer names as markup.
    group = folium.FeatureGroup(name=escape_text(style.title))
    PageScript().add_to(group)
    return group


def _cluster_layer(style: LayerStyle, chunks: str | None = None) -> ClusterLayer:
    return ClusterLayer(style, point_style(style), area_style(style), chunks)


def _groups(split_layers: list[Layer], cluster: bool) -> list[folium.FeatureGroup]:
    groups = []
    for layer in split_layers:
        group = _group(layer.style)
        if cluster:
            _cluster_layer(layer.style, Chunks().js(layer.rows)).add_to(group)
        elif layer.style == COUNTRY_LEVEL:
            _country_group(layer.rows, group)
        else:
            _event_group(layer.style, layer.rows, group)
        groups.append(group)
    return groups


def clustered(incidents: int) -> bool:
    """Whether a map of this many incidents has clustered layers (maps/cluster.py)."""
    return incidents > CLUSTER_ABOVE


def layers(incidents: gpd.GeoDataFrame) -> list[folium.FeatureGroup]:
    """One FeatureGroup per event type (and one for country-level reports), to add to any folium map,
    e.g. `st_folium(m, feature_group_to_add=maps.layers(incidents))`; clustered above CLUSTER_ABOVE."""
    frame = normalise(incidents)
    return _groups(split(frame), clustered(len(frame)))


@dataclass(frozen=True, slots=True)
class Summary:
    """What a map shows of its table besides the layers' rows: each layer's count (the legend), the days
    spanned (the time filter) and the bounds (the view). Blocks' summaries add up to the whole table's."""

    counts: tuple[tuple[LayerStyle, int], ...] = ()  # in legend order
    span: tuple[str, str] | None = None
    bounds: tuple[float, float, float, float] | None = None  # west, south, east, north

    @classmethod
    def of(cls, frame: gpd.GeoDataFrame, split_layers: list[Layer]) -> "Summary":
        counts = tuple((layer.style, len(layer.rows)) for layer in split_layers)
        return cls(counts, days_spanned(frame), tuple(frame.total_bounds.tolist()) if len(frame) else None)

    def __add__(self, other: "Summary") -> "Summary":
        counts = dict(self.counts)
        for style, count in other.counts:
            counts[style] = counts.get(style, 0) + count
        span = bounds = None
        if spans := [span for span in (self.span, other.span) if span]:
            firsts, lasts = zip(*spans, strict=True)
            span = (min(firsts), max(lasts))
        if boxes := [box for box in (self.bounds, other.bounds) if box]:
            bounds = covering_box(boxes)
        return Summary(tuple(sorted(counts.items(), key=lambda item: order_key(item[0]))), span, bounds)

    @property
    def total(self) -> int:
        return sum(count for _, count in self.counts)


def _add_time_filter(m: folium.Map, summary: Summary, groups: list[folium.FeatureGroup]) -> None:
    """Only when the incidents span more than one day: otherwise there is nothing to choose."""
    if summary.span and summary.span[0] != summary.span[1]:
        filtered = [(style.id, [child for child in group._children.values()
                                if isinstance(child, (folium.GeoJson, ClusterLayer))])
                    for (style, _), group in zip(summary.counts, groups, strict=True)]
        TimeFilter(filtered, *summary.span).add_to(m)


def build_map(incidents: gpd.GeoDataFrame, offline: bool = False) -> folium.Map:
    """A standalone map: basemap choice, a layer per event type, layer control, legend and a date-range
    filter, fitted to the data.

    `offline=True` inlines Leaflet and jQuery from maps/assets, so the page works from file:// with no
    network; only basemap tiles then fail, and the page says so.
    """
    frame = normalise(incidents)
    return map_of(frame, split(frame), offline)


def map_of(frame: gpd.GeoDataFrame, split_layers: list[Layer], offline: bool) -> folium.Map:
    """build_map for a table that is already normalised and split (write_outputs has both)."""
    summary = Summary.of(frame, split_layers)
    return _map(summary, _groups(split_layers, clustered(summary.total)), offline)


def streamed_map(summary: Summary, offline: bool) -> tuple[folium.Map, list[ClusterLayer]]:
    """A clustered map of a table known only by its summary, and its layers (in legend order), each of
    whose chunks is a placeholder for the page's writer to fill in (maps/pagewriter.py)."""
    layers = [_cluster_layer(style) for style, _ in summary.counts]
    groups = [_group(style) for style, _ in summary.counts]
    for layer, group in zip(layers, groups, strict=True):
        layer.add_to(group)
    return _map(summary, groups, offline), layers


def _map(summary: Summary, groups: list[folium.FeatureGroup], offline: bool) -> folium.Map:
    # Clustered layers draw only what is in view, few enough for SVG (whose paths tests can find).
    m = folium.Map(location=[20, 0], zoom_start=2, tiles=None, control_scale=True,
                   prefer_canvas=CANVAS_ABOVE < summary.total and not clustered(summary.total))
    m.get_root().title = "Incident map"
    for i, (name, provider) in enumerate(BASEMAPS):
        # Only the first is shown: folium shows every tile layer by default, so the last would win.
        folium.TileLayer(provider, name=name, show=i == 0).add_to(m)
    for group in groups:
        group.add_to(m)
    _add_time_filter(m, summary, groups)
    Legend(list(summary.counts)).add_to(m)
    folium.LayerControl(collapsed=False).add_to(m)
    if summary.bounds:
        west, south, east, north = summary.bounds
        m.fit_bounds([[south, west], [north, east]], padding=(20, 20), max_zoom=10)
    if offline:
        make_offline(m)
    return m
