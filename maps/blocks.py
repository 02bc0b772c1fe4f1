"""An incidents table too large for memory, as blocks of rows saved once to temporary files, for each
output writer (a forked process) to read back one at a time: normalising a block costs several times
reading it back. Writers may start before the blocks are all saved, and read each as soon as it is, so
that making the blocks and writing the formats go on at once."""

import multiprocessing
import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo.incident import to_frame

from .frame import normalise, shared_geometries

# The normalised table, a block of rows at a time, afresh at each call.
Blocks = Callable[[], Iterable[gpd.GeoDataFrame]]
SAVING, SAVED, FAILED = range(3)


class SavedBlocks:
    """The blocks, normalised, in a temporary directory in `directory`, once `save` is given them;
    calling it gives them back in order, one at a time, each as soon as it is saved, in this process or
    in one forked from it after this was made (always at least one block, if none is given, so that
    every writer has the columns)."""

    def __init__(self, directory: Path) -> None:
        self.directory = tempfile.TemporaryDirectory(prefix=".blocks-", dir=directory)
        # Shared with the forked writers: how many blocks are saved, and whether the last one is.
        self.changed = multiprocessing.Condition()
        self.count = multiprocessing.Value("i", 0, lock=False)
        self.state = multiprocessing.Value("i", SAVING, lock=False)

    def save(self, blocks: Iterable[gpd.GeoDataFrame]) -> None:
        """Normalise and save each block; if making one fails, readers fail too rather than see a part."""
        state = FAILED
        try:
            for block in blocks:
                self._save(normalise(block))
            if not self.count.value:
                self._save(normalise(to_frame([])))
            state = SAVED
        finally:
            with self.changed:
                self.state.value = state
                self.changed.notify_all()

    def _path(self, i: int) -> Path:
        return Path(self.directory.name) / f"{i}.pickle"

    def _save(self, frame: gpd.GeoDataFrame) -> None:
        self._path(self.count.value).write_bytes(_frame_bytes(frame))
        with self.changed:
            self.count.value += 1
            self.changed.notify_all()

    def __call__(self) -> Iterator[gpd.GeoDataFrame]:
        i = 0
        while i < self._wait_for(i):
            yield _frame(self._path(i).read_bytes())
            i += 1

    def _wait_for(self, i: int) -> int:
        """The number of blocks saved, once block i is or no more will be."""
        with self.changed:
            self.changed.wait_for(lambda: self.count.value > i or self.state.value != SAVING)
            if self.count.value <= i and self.state.value == FAILED:
                raise ChildProcessError("the incidents' blocks could not all be made; see the error above")
            return self.count.value

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
    return gpd.GeoDataFrame(table, geometry=shapes[index], crs=crs)
