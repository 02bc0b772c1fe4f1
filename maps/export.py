"""Writing the map and the dashboard exports. Every file is written to a temporary name in its own
directory and then renamed, so a reader (a dashboard polling the folder) never sees half a file."""

import json
import multiprocessing
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from .atomic import atomic_write
from .folium_map import map_of
from .formats import FILES, FORMATS
from .frame import INT_COLUMNS, LIST_COLUMNS, Layer, normalise, records, representative_points, split
from .page import render

LAYERS_DIR = "layers"


def _write_text(path: Path, text: str) -> None:
    atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def feature_texts(frame: gpd.GeoDataFrame) -> list[str]:
    """Each row as the JSON text of its GeoJSON Feature, the columns as properties, lists kept as JSON
    lists. Rows about one place share its geometry object (an oblast's outline): encoded once."""
    shapes: dict[int, str] = {}
    texts = []
    for geometry, properties in zip(frame.geometry.values, records(frame), strict=True):
        shape = shapes.get(id(geometry))  # the frame keeps every geometry alive, so ids are not reused
        if shape is None:
            shape = shapes[id(geometry)] = json.dumps(shapely.geometry.mapping(geometry), ensure_ascii=False)
        properties = json.dumps(properties, ensure_ascii=False)
        texts.append(f'{{"type": "Feature", "geometry": {shape}, "properties": {properties}}}')
    return texts


def _write_collection(path: Path, features: list[str]) -> None:
    # Byte for byte what json.dumps writes for {"type": "FeatureCollection", "features": [...]}.
    _write_text(path, '{"type": "FeatureCollection", "features": [' + ", ".join(features) + "]}")


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


def _write_features(paths: dict[str, Path], out_dir: Path, frame: gpd.GeoDataFrame,
                    split_layers: list[Layer]) -> None:
    """incidents.geojson and the layer files, from the same feature texts."""
    features = feature_texts(frame)
    if "geojson" in paths:
        _write_collection(paths["geojson"], features)
    if "layers" in paths:
        _write_layers(out_dir, frame, split_layers, features)


def _write_layers(out_dir: Path, frame: gpd.GeoDataFrame, split_layers: list[Layer],
                  features: list[str]) -> None:
    (out_dir / LAYERS_DIR).mkdir(exist_ok=True)
    manifest = []
    for layer in split_layers:
        file = f"{LAYERS_DIR}/{layer.style.id}.geojson"
        _write_collection(out_dir / file, [features[i] for i in frame.index.get_indexer(layer.rows.index)])
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
                  formats: Iterable[str] = FORMATS, offline: bool = False,
                  processes: int = 1) -> dict[str, Path]:
    """Write the chosen FORMATS into out_dir (created if needed); returns {format: path written}.

    "layers" writes layers/<layer id>.geojson per layer and the layers.json manifest. With `processes` > 1
    (on Linux) the formats, which are independent, are written by that many forked processes at once.
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
    # Costliest first, so that parallel processes finish together.
    parts = {
        "features": lambda: _write_features(paths, out, frame, split_layers),
        "gpkg": lambda: _write_gpkg(paths["gpkg"], frame, split_layers),
        "page": lambda: _write_page(paths, frame, split_layers, offline),
        "csv": lambda: atomic_write(paths["csv"], lambda tmp: csv_frame(frame).to_csv(tmp, index=False)),
        "parquet": lambda: atomic_write(paths["parquet"],
                                        lambda tmp: _typed(frame).to_parquet(tmp, index=False)),
    }
    wanted = [part for name, part in parts.items() if _PART_FORMATS.get(name, {name}) & paths.keys()]
    _run(wanted, processes)
    return paths


def _write_page(paths: dict[str, Path], frame: gpd.GeoDataFrame, split_layers: list[Layer],
                offline: bool) -> None:
    page, fragment = render(map_of(frame, split_layers, offline))
    if "html" in paths:
        _write_text(paths["html"], page)
    if "fragment" in paths:
        _write_text(paths["fragment"], fragment)


# Parts that write more than one format.
_PART_FORMATS = {"page": {"html", "fragment"}, "features": {"geojson", "layers"}}
# The parts being written: forked processes inherit them (with the table) instead of receiving a copy.
_PARTS: list[Callable[[], None]] = []


def _run_part(index: int) -> None:
    _PARTS[index]()


def _run(parts: list[Callable[[], None]], processes: int) -> None:
    """Call each part, in `processes` forked processes when more than one (and fork is available)."""
    processes = min(processes, len(parts))
    if processes <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for part in parts:
            part()
        return
    _PARTS[:] = parts
    try:
        with ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("fork")) as pool:
            list(pool.map(_run_part, range(len(parts))))
    finally:
        _PARTS.clear()
