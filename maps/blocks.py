"""An incidents table too large for memory, as blocks of rows saved once to temporary files, for each
output writer (a forked process) to read back one at a time: normalising a block costs several times
reading it back."""

import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.incident import COLUMNS

from .frame import normalise, shared_geometries

# The normalised table, a block of rows at a time, afresh at each call.
Blocks = Callable[[], Iterable[gpd.GeoDataFrame]]


class SavedBlocks:
    """The blocks, normalised, in a temporary directory in `directory`; calling it gives them back in
    order, one at a time (always at least one, if empty, so that every writer has the columns)."""

    def __init__(self, directory: Path, blocks: Iterable[gpd.GeoDataFrame]) -> None:
        self.directory = tempfile.TemporaryDirectory(prefix=".blocks-", dir=directory)
        self.paths: list[Path] = []
        for block in blocks:
            self._save(normalise(block))
        if not self.paths:
            self._save(normalise(gpd.GeoDataFrame(columns=COLUMNS, geometry=[], crs="EPSG:4326")))

    def _save(self, frame: gpd.GeoDataFrame) -> None:
        self.paths.append(Path(self.directory.name) / f"{len(self.paths)}.pickle")
        self.paths[-1].write_bytes(_frame_bytes(frame))

    def __call__(self) -> Iterator[gpd.GeoDataFrame]:
        return (_frame(path.read_bytes()) for path in self.paths)

    def __enter__(self) -> "SavedBlocks":
        return self

    def __exit__(self, *_exc) -> None:
        self.directory.cleanup()


def _frame_bytes(frame: gpd.GeoDataFrame) -> bytes:
    """The table with each distinct geometry once: rows about one place share its geometry object (an
    oblast's outline), which a pickled GeoDataFrame would repeat, and the writers encode it once."""
    shapes, index = shared_geometries(frame.geometry.values)
    return pickle.dumps((pd.DataFrame(frame.drop(columns="geometry")), index, shapes, frame.crs), protocol=5)


def _frame(data: bytes) -> gpd.GeoDataFrame:
    table, index, shapes, crs = pickle.loads(data)
    geometries = np.empty(len(shapes), dtype=object)
    geometries[:] = shapes
    return gpd.GeoDataFrame(table, geometry=geometries[index], crs=crs)
