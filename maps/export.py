"""Writing the map and the dashboard exports. Every file is written to a temporary name in its own
directory and then renamed, so a reader (a dashboard polling the folder) never sees half a file."""

import json
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely

from .folium_map import map_of
from .formats import FILES, FORMATS
from .frame import INT_COLUMNS, LIST_COLUMNS, Layer, normalise, records, representative_points, split
from .page import render

LAYERS_DIR = "layers"


def atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Call write(temporary path) in path's directory, then rename it over path.

    A temporary directory rather than a file: GeoPackage writers refuse an existing empty file and leave
    journal files beside the database; all of that goes away with the directory.
    """
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=f".{path.name}.") as tmp:
        temporary = Path(tmp) / path.name
        write(temporary)
        os.replace(temporary, path)


def _write_text(path: Path, text: str) -> None:
    atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def feature_collection(frame: gpd.GeoDataFrame) -> dict[str, Any]:
    """The table as GeoJSON with the columns as properties, lists kept as JSON lists."""
    geometries = [shapely.geometry.mapping(geometry) for geometry in frame.geometry.values]
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": geometry, "properties": properties}
        for geometry, properties in zip(geometries, records(frame), strict=True)]}


def _write_geojson(path: Path, frame: gpd.GeoDataFrame) -> None:
    _write_text(path, json.dumps(feature_collection(frame), ensure_ascii=False))


def _typed(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Integer columns as nullable integers: the table's object columns would otherwise be written as text
    by GeoPackage and as null-typed columns by Parquet when a layer has no value in them."""
    frame = frame.copy()
    for column in INT_COLUMNS:
        frame[column] = frame[column].astype("Int64")
    return frame


def _flat(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Lists as JSON text, for formats without list columns (GeoPackage, CSV)."""
    frame = _typed(frame)
    for column in LIST_COLUMNS:
        frame[column] = [json.dumps(value, ensure_ascii=False) for value in frame[column]]
    return frame


def _write_layers(out_dir: Path, split_layers: list[Layer]) -> None:
    (out_dir / LAYERS_DIR).mkdir(exist_ok=True)
    manifest = []
    for layer in split_layers:
        file = f"{LAYERS_DIR}/{layer.style.id}.geojson"
        _write_geojson(out_dir / file, layer.rows)
        manifest.append({"id": layer.style.id, "title": layer.style.title, "colour": layer.style.colour,
                         "icon": layer.style.icon, "count": len(layer.rows), "file": file})
    # The manifest last: a dashboard that reads it finds every file it lists.
    _write_text(out_dir / FILES["layers"], json.dumps({"layers": manifest}, ensure_ascii=False, indent=1))


def gpkg_table(layer_id: str) -> str:
    return layer_id.replace("-", "_")  # plain SQL identifiers, no quoting needed in QGIS or sqlite


def _write_gpkg(path: Path, frame: gpd.GeoDataFrame, split_layers: list[Layer]) -> None:
    def write(tmp: Path) -> None:
        # An empty table still gets one (empty) table, so the file is a valid GeoPackage.
        tables = [(gpkg_table(layer.style.id), layer.rows) for layer in split_layers]
        for table, rows in tables or [("incidents", frame)]:
            _flat(rows).to_file(tmp, layer=table, driver="GPKG", engine="pyogrio")

    atomic_write(path, write)


def csv_frame(frame: gpd.GeoDataFrame) -> pd.DataFrame:
    """lat/lng first (Kepler.gl's names), a point inside each area for area rows, then the columns."""
    points = representative_points(frame)
    table = _flat(frame).drop(columns="geometry")
    table.insert(0, "lng", [round(point.x, 6) for point in points])
    table.insert(0, "lat", [round(point.y, 6) for point in points])
    return table


def write_outputs(incidents: gpd.GeoDataFrame, out_dir: str | os.PathLike,
                  formats: Iterable[str] = FORMATS, offline: bool = False) -> dict[str, Path]:
    """Write the chosen FORMATS into out_dir (created if needed); returns {format: path written}.

    "layers" writes layers/<layer id>.geojson per layer and the layers.json manifest.
    """
    chosen = list(dict.fromkeys(formats))
    unknown = [name for name in chosen if name not in FORMATS]
    if unknown:
        raise ValueError(f"unknown formats {unknown}; choose from {list(FORMATS)}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    frame = normalise(incidents)
    split_layers = split(frame)
    paths = {name: out / FILES[name] for name in chosen}
    if "html" in paths or "fragment" in paths:
        page, fragment = render(map_of(frame, split_layers, offline))
        if "html" in paths:
            _write_text(paths["html"], page)
        if "fragment" in paths:
            _write_text(paths["fragment"], fragment)
    if "geojson" in paths:
        _write_geojson(paths["geojson"], frame)
    if "layers" in paths:
        _write_layers(out, split_layers)
    if "gpkg" in paths:
        _write_gpkg(paths["gpkg"], frame, split_layers)
    if "parquet" in paths:
        atomic_write(paths["parquet"], lambda tmp: _typed(frame).to_parquet(tmp, index=False))
    if "csv" in paths:
        atomic_write(paths["csv"], lambda tmp: csv_frame(frame).to_csv(tmp, index=False))
    return paths
