"""The folium map: one FeatureGroup per event type, the country-level layer, basemaps and the legend."""

from html import escape
from typing import Any

import folium
import geopandas as gpd
import numpy as np
import shapely
from folium.utilities import JsCode

from .frame import Layer, normalise, records, split
from .legend import Legend
from .offline import make_offline
from .popup import IncidentPopups, country_fields, popup_fields
from .style import COUNTRY_LEVEL, LayerStyle
from .timefilter import TimeFilter, time_fields

# Leaflet's SVG renderer makes one DOM node per feature; above this many the canvas renderer loads faster.
CANVAS_ABOVE = 3000
# Coordinates to ~1 m and outlines to ~100 m: far finer than a place name locates anything, and it keeps
# the page small.
DECIMALS = 5
SIMPLIFY_DEGREES = 0.001
# Areas go to the back of the map's vector layers when shown, so a province never covers a town's marker
# and the marker stays clickable; unlike a custom pane this works on a user's own map too.
AREAS_TO_BACK = JsCode("function (feature, layer) { layer.on('add', function () { layer.bringToBack(); }); }")
# (name in the layer control, xyzservices provider); none needs an API key (CartoDB's now warn without).
BASEMAPS = (
    ("OpenStreetMap", "OpenStreetMap.Mapnik"),
    ("Light (Esri World Gray Canvas)", "Esri.WorldGrayCanvas"),
    ("Satellite (Esri World Imagery)", "Esri.WorldImagery"),
)


def _display_geometry(geometry: np.ndarray) -> list[dict[str, Any]]:
    """GeoJSON geometries, rounded and with outlines simplified; points straight from their coordinates,
    which is several times faster than shapely's mapping() for 100,000 of them."""
    points = shapely.get_type_id(geometry) == shapely.GeometryType.POINT
    out: list[Any] = [None] * len(geometry)
    xy = np.round(shapely.get_coordinates(geometry[points]), DECIMALS).tolist()
    for i, coordinates in zip(np.flatnonzero(points).tolist(), xy, strict=True):
        out[i] = {"type": "Point", "coordinates": coordinates}
    areas = np.flatnonzero(~points)
    simplified = shapely.simplify(geometry[areas], SIMPLIFY_DEGREES, preserve_topology=True)
    rounded = shapely.transform(simplified, lambda coords: np.round(coords, DECIMALS))
    for i, area in zip(areas.tolist(), rounded, strict=True):
        out[i] = shapely.geometry.mapping(area)
    return out


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


def _event_group(style: LayerStyle, rows: gpd.GeoDataFrame, group: folium.FeatureGroup) -> None:
    areas, points = [], []
    for shape, row in zip(_display_geometry(rows.geometry.values), records(rows), strict=True):
        feature = (shape, popup_fields(row) | time_fields([row]))
        (points if shape["type"] == "Point" else areas).append(feature)
    # Classes name the layer and the shape, so pages and tests can find a layer's features.
    css = f"im-feature im-{style.id}"
    if areas:
        _geojson(areas, {"color": style.colour, "weight": 1.5, "fillColor": style.colour, "fillOpacity": 0.12,
                         "className": f"{css} im-area"}, on_each_feature=AREAS_TO_BACK).add_to(group)
    if points:
        marker = folium.CircleMarker(radius=style.radius, weight=1, color="#222222", fill=True,
                                     fill_color=style.colour, fill_opacity=0.85)
        _geojson(points, {"fillColor": style.colour, "className": f"{css} im-point"},
                 marker=marker).add_to(group)


def _country_group(rows: gpd.GeoDataFrame, group: folium.FeatureGroup) -> None:
    # One outline per country with all of its reports in one popup: identical outlines would stack.
    by_place: dict[str, list[dict[str, Any]]] = {}
    shapes: dict[str, dict[str, Any]] = {}
    for row, geometry in zip(records(rows), _display_geometry(rows.geometry.values), strict=True):
        key = row["place_id"] or row["place_name"]
        by_place.setdefault(key, []).append(row)
        shapes.setdefault(key, geometry)
    features = [(shapes[key], country_fields(group_rows) | time_fields(group_rows))
                for key, group_rows in by_place.items()]
    _geojson(features, {"color": COUNTRY_LEVEL.colour, "weight": 1.5, "dashArray": "6 4", "fillOpacity": 0.03,
                        "className": f"im-feature im-{COUNTRY_LEVEL.id} im-area"},
             on_each_feature=AREAS_TO_BACK).add_to(group)


def _groups(split_layers: list[Layer]) -> list[folium.FeatureGroup]:
    groups = []
    for layer in split_layers:
        # Leaflet's layer control inserts layer names as markup.
        group = folium.FeatureGroup(name=escape(layer.style.title))
        if layer.style == COUNTRY_LEVEL:
            _country_group(layer.rows, group)
        else:
            _event_group(layer.style, layer.rows, group)
        groups.append(group)
    return groups


def layers(incidents: gpd.GeoDataFrame) -> list[folium.FeatureGroup]:
    """One FeatureGroup per event type (and one for country-level reports), to add to any folium map,
    e.g. `st_folium(m, feature_group_to_add=maps.layers(incidents))`."""
    return _groups(split(normalise(incidents)))


def _add_time_filter(m: folium.Map, frame: gpd.GeoDataFrame, groups: list[folium.FeatureGroup]) -> None:
    """Only when the incidents span more than one day: otherwise there is nothing to choose."""
    days = time_fields(records(frame))
    if "de" in days:
        layers = [child for group in groups for child in group._children.values()
                  if isinstance(child, folium.GeoJson)]
        TimeFilter(layers, days["ds"], days["de"]).add_to(m)


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
    m = folium.Map(location=[20, 0], zoom_start=2, tiles=None, prefer_canvas=len(frame) > CANVAS_ABOVE,
                   control_scale=True)
    m.get_root().title = "Incident map"
    for i, (name, provider) in enumerate(BASEMAPS):
        # Only the first is shown: folium shows every tile layer by default, so the last would win.
        folium.TileLayer(provider, name=name, show=i == 0).add_to(m)
    groups = _groups(split_layers)
    for group in groups:
        group.add_to(m)
    _add_time_filter(m, frame, groups)
    Legend([(layer.style, len(layer.rows)) for layer in split_layers]).add_to(m)
    folium.LayerControl(collapsed=False).add_to(m)
    if len(frame):
        west, south, east, north = frame.total_bounds
        m.fit_bounds([[south, west], [north, east]], padding=(20, 20), max_zoom=10)
    if offline:
        make_offline(m)
    return m
