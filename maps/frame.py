"""The incidents table as the map reads it: clean Python values, split into one table per layer."""

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.incident import COLUMNS

from .style import COUNTRY_LEVEL, LayerStyle, order_key, style_for

# Coordinates to ~1 m and outlines to ~100 m: far finer than a place name locates anything, and it keeps
# the page small.
DECIMALS = 5
SIMPLIFY_DEGREES = 0.001
LIST_COLUMNS = ("triggers", "actors", "sources")
INT_COLUMNS = ("geonameid", "evidence_start", "evidence_end", "fatalities", "injuries")
DATE_COLUMNS = ("date", "date_start", "date_end")


@dataclass(frozen=True, slots=True)
class Layer:
    style: LayerStyle
    rows: gpd.GeoDataFrame


def _missing(value: Any) -> bool:
    if isinstance(value, (list, tuple, dict, str, bytes)):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # array-like values are not missing
        return False


def _as_list(value: Any) -> list[str]:
    """A list column as a list of strings, whether it arrives as a list, a numpy array (GeoParquet) or
    the JSON text that GeoPackage, CSV and some GeoJSON readers turn it into."""
    if _missing(value):
        return []
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            try:
                value = json.loads(text)
            except json.JSONDecodeError:
                return [text]
        else:
            return [text] if text else []
    return [str(item) for item in value if item is not None]


def _column(name: str, values: pd.Series) -> list[Any]:
    """One column as plain Python values with None where missing, a column at a time: per-value checks
    made normalising 100,000 incidents take seconds."""
    if name in LIST_COLUMNS:
        return [_as_list(value) for value in values]
    missing = values.isna().tolist()
    if name in INT_COLUMNS:
        numbers = pd.to_numeric(values, errors="coerce").tolist()
        return [None if gap else int(number) for number, gap in zip(numbers, missing, strict=True)]
    if name in DATE_COLUMNS:
        # GDAL's GeoJSON reader turns ISO date strings into datetimes; the table keeps ISO dates.
        return [None if gap else value.date().isoformat() if isinstance(value, datetime)
                else value.isoformat() if isinstance(value, date) else value
                for value, gap in zip(values.tolist(), missing, strict=True)]
    return [None if gap else value for value, gap in zip(values.tolist(), missing, strict=True)]


def normalise(incidents: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Every column of the incidents table with plain Python values and WGS 84 geometry.

    Accepts `geo.incident.to_frame` output and frames read back from any export. Columns it lacks are
    None; rows without a geometry cannot be placed on a map or in a layer file and are dropped.
    """
    frame = incidents
    if frame.crs is not None and not frame.crs.equals("EPSG:4326"):
        frame = frame.to_crs("EPSG:4326")
    frame = frame[frame.geometry.notna() & ~frame.geometry.is_empty]
    data = {column: _column(column, frame[column]) if column in frame else [None] * len(frame)
            for column in COLUMNS}
    # Object columns keep None as None: pandas would turn a column of ints and Nones into floats and NaN.
    table = pd.DataFrame(data, columns=COLUMNS, dtype=object)
    return gpd.GeoDataFrame(table, geometry=list(frame.geometry.values), crs="EPSG:4326")


def records(frame: gpd.GeoDataFrame) -> list[dict[str, Any]]:
    """The rows of a normalised table as dicts of its columns (DataFrame.to_dict is slow on object
    columns)."""
    columns = [frame[column].tolist() for column in COLUMNS]
    return [dict(zip(COLUMNS, values, strict=True)) for values in zip(*columns, strict=True)]


def split(frame: gpd.GeoDataFrame) -> list[Layer]:
    """The normalised table as one Layer per event type plus the country-level layer, in legend order;
    layers without incidents are left out."""
    styles = [COUNTRY_LEVEL if precision == "country" else style_for(event_type)
              for precision, event_type in zip(frame["precision"], frame["event_type"], strict=True)]
    by_id: dict[str, LayerStyle] = {style.id: style for style in styles}
    ids = np.array([style.id for style in styles], dtype=object)
    return [Layer(style, frame[ids == style.id]) for style in sorted(by_id.values(), key=order_key)]


def place_keys(frame: gpd.GeoDataFrame) -> list[str]:
    """What identifies each row's place: reports about one area share its outline."""
    return [place_id or name for place_id, name in zip(frame["place_id"], frame["place_name"], strict=True)]


def representative_points(frame: gpd.GeoDataFrame) -> list[shapely.Point]:
    """A point inside each geometry: the point itself for settlements, an interior point for areas, found
    once per outline that rows share."""
    shapes, index = shared_geometries(frame.geometry.values)
    return list(shapely.point_on_surface(shapes)[index])


def covering_box(boxes: Iterable[Sequence[float]]) -> tuple[float, float, float, float]:
    """The box (west, south, east, north) that covers all of `boxes` (at least one)."""
    west, south, east, north = zip(*boxes, strict=True)
    return min(west), min(south), max(east), max(north)


def shared_geometries(geometry: np.ndarray) -> tuple[np.ndarray, list[int]]:
    """The distinct geometry objects, in order of first use (an object array), and each row's index into
    them: rows about one place share its geometry object (an oblast's outline), whose costly work
    (simplifying, encoding, pickling) is then done once. Ids are safe as keys: the array keeps every
    object alive."""
    first: dict[int, int] = {}
    distinct: list[Any] = []
    index = []
    for shape in geometry:
        at = first.setdefault(id(shape), len(distinct))
        if at == len(distinct):
            distinct.append(shape)
        index.append(at)
    shapes = np.empty(len(distinct), dtype=object)
    shapes[:] = distinct
    return shapes, index


def display_geometry(geometry: np.ndarray) -> list[dict[str, Any]]:
    """GeoJSON geometries, rounded and with outlines simplified; points straight from their coordinates,
    which is several times faster than shapely's mapping() for 100,000 of them. Rows sharing an outline
    object share its GeoJSON (one dict)."""
    points = shapely.get_type_id(geometry) == shapely.GeometryType.POINT
    out: list[Any] = [None] * len(geometry)
    xy = np.round(shapely.get_coordinates(geometry[points]), DECIMALS).tolist()
    for i, coordinates in zip(np.flatnonzero(points).tolist(), xy, strict=True):
        out[i] = {"type": "Point", "coordinates": coordinates}
    areas = np.flatnonzero(~points)
    outlines, index = shared_geometries(geometry[areas])
    simplified = shapely.simplify(outlines, SIMPLIFY_DEGREES, preserve_topology=True)
    rounded = shapely.transform(simplified, lambda coords: np.round(coords, DECIMALS))
    shapes = [shapely.geometry.mapping(outline) for outline in rounded]
    for i, at in zip(areas.tolist(), index, strict=True):
        out[i] = shapes[at]
    return out
