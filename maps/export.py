"""Writing the map and the dashboard exports. Every file is written to a temporary name in its own
directory and then renamed, so a reader (a dashboard polling the folder) never sees half a file."""

import json
import multiprocessing
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack, closing, contextmanager
from pathlib import Path
from typing import TextIO

import geopandas as gpd
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import shapely

from .atomic import atomic_file, atomic_write_text
from .blocks import Blocks, SavedBlocks
from .formats import FILES, FORMATS
from .frame import (
    INT_COLUMNS,
    LIST_COLUMNS,
    covering_box,
    normalise,
    records,
    representative_points,
    shared_geometries,
    split,
)
from .pagewriter import write_page
from .style import LayerStyle, order_key

LAYERS_DIR = "layers"
# One encoder for every value written: json.dumps with an option makes a new one at each call.
_json_text = json.JSONEncoder(ensure_ascii=False).encode

_COLLECTION_START, _COLLECTION_END = '{"type": "FeatureCollection", "features": [', "]}"


def feature_texts(frame: gpd.GeoDataFrame) -> list[str]:
    """Each row as the JSON text of its GeoJSON Feature, the columns as properties, lists kept as JSON
    lists. Rows about one place share its geometry object (an oblast's outline): encoded once."""
    distinct, index = shared_geometries(frame.geometry.values)
    shapes = [_json_text(shapely.geometry.mapping(geometry)) for geometry in distinct]
    return [f'{{"type": "Feature", "geometry": {shapes[at]}, "properties": {_json_text(properties)}}}'
            for at, properties in zip(index, records(frame), strict=True)]


class _Collection:
    """A GeoJSON FeatureCollection written a feature at a time: byte for byte what json.dumps writes for
    {"type": "FeatureCollection", "features": [...]}."""

    def __init__(self, handle: TextIO) -> None:
        self.handle = handle
        self.count = 0
        handle.write(_COLLECTION_START)

    def add(self, feature: str) -> None:
        self.handle.write(f", {feature}" if self.count else feature)
        self.count += 1


@contextmanager
def _collection(path: Path) -> Iterator[_Collection]:
    with atomic_file(path) as tmp, tmp.open("w", encoding="utf-8") as handle:
        yield _Collection(handle)
        handle.write(_COLLECTION_END)


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
        frame[column] = [_json_text(value) for value in frame[column]]
    return frame


def _write_features(paths: dict[str, Path], out_dir: Path, blocks: Blocks) -> None:
    """incidents.geojson and the layer files, from the same feature texts."""
    layers: dict[str, tuple[LayerStyle, _Collection]] = {}
    with ExitStack() as files:
        everything = files.enter_context(_collection(paths["geojson"])) if "geojson" in paths else None
        if "layers" in paths:
            (out_dir / LAYERS_DIR).mkdir(exist_ok=True)
        for frame in blocks():
            features = feature_texts(frame)
            for feature in features if everything else ():
                everything.add(feature)
            for layer in split(frame) if "layers" in paths else ():
                if layer.style.id not in layers:
                    path = out_dir / _layer_file(layer.style)
                    layers[layer.style.id] = (layer.style, files.enter_context(_collection(path)))
                collection = layers[layer.style.id][1]
                for i in frame.index.get_indexer(layer.rows.index):
                    collection.add(features[i])
    if "layers" in paths:
        manifest = [{"id": style.id, "title": style.title, "colour": style.colour, "icon": style.icon,
                     "count": collection.count, "file": _layer_file(style)}
                    for style, collection in sorted(layers.values(), key=lambda layer: order_key(layer[0]))]
        # The manifest last: a dashboard that reads it finds every file it lists.
        atomic_write_text(paths["layers"], json.dumps({"layers": manifest}, ensure_ascii=False, indent=1))


def _layer_file(style: LayerStyle) -> str:
    return f"{LAYERS_DIR}/{style.id}.geojson"


def gpkg_table(layer_id: str) -> str:
    return layer_id.replace("-", "_")  # plain SQL identifiers, no quoting needed in QGIS or sqlite


def _write_gpkg(path: Path, blocks: Blocks) -> None:
    kinds: dict[str, set[str]] = {}  # each table's geometry types
    with atomic_file(path) as tmp:
        for frame in blocks():
            for layer in split(frame):
                table = gpkg_table(layer.style.id)
                _flat(layer.rows).to_file(tmp, layer=table, driver="GPKG", engine="pyogrio",
                                          append=table in kinds, geometry_type="Unknown",
                                          promote_to_multi=False)
                kinds.setdefault(table, set()).update(layer.rows.geom_type)
        if not kinds:  # still one (empty) table, so the file is a valid GeoPackage
            _flat(frame).to_file(tmp, layer="incidents", driver="GPKG", engine="pyogrio")
        _declare_geometry_types(tmp, kinds)


def _declare_geometry_types(path: Path, kinds: dict[str, set[str]]) -> None:
    """Tables are made for any geometry, as a block cannot tell what later blocks hold; once all are
    written, a table of one geometry type declares it, as GDAL would have (QGIS then loads it without
    asking which type to show)."""
    with closing(sqlite3.connect(path)) as db, db:
        for table, found in kinds.items():
            if len(found) == 1:
                db.execute("UPDATE gpkg_geometry_columns SET geometry_type_name = ? WHERE table_name = ?",
                           (found.pop().upper(), table))


def csv_frame(frame: gpd.GeoDataFrame) -> pd.DataFrame:
    """lat/lng first (Kepler.gl's names), a point inside each area for area rows, then the columns."""
    points = representative_points(frame)
    table = _flat(frame).drop(columns="geometry")
    table.insert(0, "lng", [round(point.x, 6) for point in points])
    table.insert(0, "lat", [round(point.y, 6) for point in points])
    return table


def _write_csv(path: Path, blocks: Blocks) -> None:
    with atomic_file(path) as tmp, tmp.open("w", encoding="utf-8", newline="") as handle:
        for i, frame in enumerate(blocks()):
            csv_frame(frame).to_csv(handle, index=False, header=i == 0)


def _write_parquet(path: Path, blocks: Blocks) -> None:
    """Each block to a Parquet file of its own, then their rows into one file with one schema: a column
    without a value in one block is null-typed there, and the file's bounding box covers every block."""
    with atomic_file(path) as tmp:
        parts = []
        for i, frame in enumerate(blocks()):
            parts.append(tmp.with_name(f"block-{i}.parquet"))
            _typed(frame).to_parquet(parts[-1], index=False)
        schemas = [pq.read_schema(part) for part in parts]
        schema = pa.unify_schemas(schemas, promote_options="permissive")
        schema = schema.with_metadata({**schemas[0].metadata, b"geo": _geo_metadata(schemas)})
        with pq.ParquetWriter(tmp, schema) as writer:
            for part in parts:
                writer.write_table(pq.read_table(part).cast(schema))


def _geo_metadata(schemas: list[pa.Schema]) -> bytes:
    """The blocks' GeoParquet metadata as one: the union of their geometry types and bounding boxes."""
    blocks = [json.loads(schema.metadata[b"geo"]) for schema in schemas]
    merged = blocks[0]
    for name, column in merged["columns"].items():
        parts = [block["columns"][name] for block in blocks]
        column["geometry_types"] = sorted({kind for part in parts for kind in part["geometry_types"]})
        boxes = [part["bbox"] for part in parts if "bbox" in part]
        if boxes:
            column["bbox"] = list(covering_box(boxes))
    return json.dumps(merged).encode()


def write_outputs(incidents: gpd.GeoDataFrame | Iterable[gpd.GeoDataFrame], out_dir: str | os.PathLike,
                  formats: Iterable[str] = FORMATS, offline: bool = False,
                  processes: int = 1) -> dict[str, Path]:
    """Write the chosen FORMATS into out_dir (created if needed); returns {format: path written}.

    `incidents` is the table, or, for a table too large to hold in memory, its blocks of rows in order
    (any iterable of tables): they are saved to temporary files in out_dir, and every format is written
    from them a block at a time (the map pages too when the map is clustered, i.e. larger than
    maps.cluster.CLUSTER_ABOVE incidents; a smaller map is put together whole).

    "layers" writes layers/<layer id>.geojson per layer and the layers.json manifest. With `processes` > 1
    (on Linux) the formats, which are independent, are written by that many forked processes at once.
    """
    chosen = list(dict.fromkeys(formats))
    unknown = [name for name in chosen if name not in FORMATS]
    if unknown:
        raise ValueError(f"unknown formats {unknown}; choose from {list(FORMATS)}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = {name: out / FILES[name] for name in chosen}
    if isinstance(incidents, pd.DataFrame):
        frame = normalise(incidents)
        _write(paths, out, lambda: iter([frame]), offline, processes)
    else:
        with SavedBlocks(out) as blocks:
            # The writers start first and write each block as it is saved.
            _write(paths, out, blocks, offline, processes, meanwhile=lambda: blocks.save(incidents))
    return paths


def _write(paths: dict[str, Path], out: Path, blocks: Blocks, offline: bool, processes: int,
           meanwhile: Callable[[], None] = lambda: None) -> None:
    # Costliest first, so that parallel processes finish together.
    parts = {
        "features": lambda: _write_features(paths, out, blocks),
        "gpkg": lambda: _write_gpkg(paths["gpkg"], blocks),
        "page": lambda: write_page({name: paths[name] for name in _PART_FORMATS["page"] & paths.keys()},
                                   blocks, offline),
        "csv": lambda: _write_csv(paths["csv"], blocks),
        "parquet": lambda: _write_parquet(paths["parquet"], blocks),
    }
    _run([part for name, part in parts.items() if _PART_FORMATS.get(name, {name}) & paths.keys()], processes,
         meanwhile)


# Parts that write more than one format.
_PART_FORMATS = {"page": {"html", "fragment"}, "features": {"geojson", "layers"}}
# The parts being written: forked processes inherit them (with the table) instead of receiving a copy.
_PARTS: list[Callable[[], None]] = []


def _run_part(index: int) -> None:
    _PARTS[index]()


def _run(parts: list[Callable[[], None]], processes: int, meanwhile: Callable[[], None]) -> None:
    """Call each part, in `processes` forked processes when more than one (and fork is available), and
    `meanwhile` in this process once they have started; in one process, `meanwhile` first."""
    processes = min(processes, len(parts))
    if processes <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        meanwhile()
        for part in parts:
            part()
        return
    _PARTS[:] = parts
    try:
        with ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("fork")) as pool:
            written = pool.map(_run_part, range(len(parts)))  # submitted at once: the processes fork now
            meanwhile()
            list(written)
    finally:
        _PARTS.clear()
