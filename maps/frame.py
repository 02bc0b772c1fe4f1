"""The incidents table as the map reads it: clean Python values, split into one table per layer."""

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely

from geo.incident import COLUMNS

from .style import COUNTRY_LEVEL, LayerStyle, order_key, style_for

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


def _clean(column: str, value: Any) -> Any:
    if column in LIST_COLUMNS:
        return _as_list(value)
    if _missing(value):
        return None
    if column in INT_COLUMNS:
        return int(value)
    if column in DATE_COLUMNS and isinstance(value, (date, datetime)):
        # GDAL's GeoJSON reader turns ISO date strings into datetimes; the table keeps ISO dates.
        return (value.date() if isinstance(value, datetime) else value).isoformat()
    if hasattr(value, "item"):  # numpy scalar
        return value.item()
    return value


def normalise(incidents: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Every column of the incidents table with plain Python values and WGS 84 geometry.

    Accepts `geo.incident.to_frame` output and frames read back from any export. Columns it lacks are
    None; rows without a geometry cannot be placed on a map or in a layer file and are dropped.
    """
    frame = incidents
    if frame.crs is not None and not frame.crs.equals("EPSG:4326"):
        frame = frame.to_crs("EPSG:4326")
    frame = frame[frame.geometry.notna() & ~frame.geometry.is_empty]
    data = {column: [_clean(column, value) for value in frame[column]] if column in frame
            else [None] * len(frame) for column in COLUMNS}
    # Object columns keep None as None: pandas would turn a column of ints and Nones into floats and NaN.
    table = pd.DataFrame(data, columns=COLUMNS, dtype=object)
    return gpd.GeoDataFrame(table, geometry=list(frame.geometry.values), crs="EPSG:4326")


def layer_style(row: dict[str, Any]) -> LayerStyle:
    return COUNTRY_LEVEL if row["precision"] == "country" else style_for(row["event_type"])


def split(frame: gpd.GeoDataFrame) -> list[Layer]:
    """The normalised table as one Layer per event type plus the country-level layer, in legend order;
    layers without incidents are left out."""
    styles = [layer_style(row) for row in frame[["precision", "event_type"]].to_dict("records")]
    by_id: dict[str, LayerStyle] = {style.id: style for style in styles}
    ids = [style.id for style in styles]
    return [Layer(style, frame[[i == style.id for i in ids]])
            for style in sorted(by_id.values(), key=order_key)]


def representative_points(frame: gpd.GeoDataFrame) -> list[shapely.Point]:
    """A point inside each geometry: the point itself for settlements, an interior point for areas."""
    return list(shapely.point_on_surface(frame.geometry.values))
