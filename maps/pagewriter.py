"""The map page (map.html) and its fragment (map_fragment.html) from a table's blocks.

A clustered map is written without ever holding its table: while the blocks are read, once, each
block's chunk of each layer is appended to a temporary file per layer and the blocks' summaries (legend
counts, days, bounds) are added up; the map is then built from the summary with a placeholder for each
layer's chunks and rendered, and the page is the rendered text with each placeholder replaced by its
layer's file. The writer's memory is that of a block or two, whatever the number of incidents. The blocks
of a map small enough for the GeoJson layers (at most CLUSTER_ABOVE incidents) are kept and put together.
"""

import re
import shutil
import tempfile
from contextlib import ExitStack
from pathlib import Path
from typing import TextIO

import geopandas as gpd
import pandas as pd

from .atomic import atomic_file, atomic_write_text
from .blocks import Blocks
from .cluster import PLACEHOLDER, Chunks
from .folium_map import Summary, clustered, map_of, streamed_map
from .frame import Layer, split
from .page import render


class _LayerFiles(ExitStack):
    """Each layer's chunks, comma-separated, in a file of its own in `directory`."""

    def __init__(self, directory: Path) -> None:
        super().__init__()
        self.directory = directory
        self.paths: dict[str, Path] = {}  # by layer id
        self.handles: dict[str, TextIO] = {}
        self.chunks: dict[str, Chunks] = {}

    def add(self, layers: list[Layer]) -> None:
        for layer in layers:
            key = layer.style.id
            if key in self.chunks:
                self.handles[key].write(",")
            else:
                self.paths[key] = self.directory / f"{len(self.paths)}.js"
                self.handles[key] = self.enter_context(self.paths[key].open("w", encoding="utf-8"))
                self.chunks[key] = Chunks()
            self.handles[key].write(self.chunks[key].js(layer.rows))


def write_page(paths: dict[str, Path], blocks: Blocks, offline: bool) -> None:
    """paths["html"] and/or paths["fragment"] (the only keys), from the normalised table's blocks."""
    summary = Summary()
    small: list[gpd.GeoDataFrame] = []  # the blocks read, while they make a small map
    with tempfile.TemporaryDirectory(prefix=".page-", dir=next(iter(paths.values())).parent) as tmp:
        with _LayerFiles(Path(tmp)) as files:
            for frame in blocks():
                layers = split(frame)
                summary += Summary.of(frame, layers)
                if not clustered(summary.total):
                    small.append(frame)
                    continue
                for earlier in small:
                    files.add(split(earlier))
                small = []
                files.add(layers)
        if not clustered(summary.total):
            frame = pd.concat(small, ignore_index=True)
            texts = dict(zip(("html", "fragment"), render(map_of(frame, split(frame), offline)), strict=True))
            for name, path in paths.items():
                atomic_write_text(path, texts[name])
            return
        m, layers = streamed_map(summary, offline)
        texts = dict(zip(("html", "fragment"), render(m), strict=True))
        by_name = {layer.get_name(): files.paths[style.id]
                   for (style, _), layer in zip(summary.counts, layers, strict=True)}
        for name, path in paths.items():
            _fill(path, texts[name], by_name)


def _fill(path: Path, text: str, files: dict[str, Path]) -> None:
    """The rendered text with each layer's placeholder replaced by the content of its file."""
    pieces = re.split(PLACEHOLDER.format(r"(\w+)"), text)  # text, layer name, text, ... text
    with atomic_file(path) as tmp, tmp.open("wb") as out:
        for i, piece in enumerate(pieces):
            if i % 2:
                with files[piece].open("rb") as chunks:
                    shutil.copyfileobj(chunks, out)
            else:
                out.write(piece.encode("utf-8"))
