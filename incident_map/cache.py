"""Results of articles already processed, so a re-run on a grown input processes only the new ones.

A result is keyed by everything it depends on: the article (id, text, record date), the run's default
date, and the pipeline's version: the gazetteer's data version and the source of the code that turns
text into incidents. Any change to those makes new keys, and the old results are dropped when the cache
is opened. Results are committed every few hundred articles, so a killed run resumes where it stopped.
Only failed articles are not kept: their cause may be passing (memory, a bug since fixed).

The cache also remembers, for each output directory, what its outputs were last written from (a digest of
the processed articles' keys, the formats and the map code) and each file's size, time and inode, so that
a re-run that would write the very same files leaves them alone (see `outputs_version`).
"""

import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable
from datetime import date
from functools import cache
from pathlib import Path

import gazetteer
import geo
from gazetteer.build import data_version
from geo import Article

from . import work

_CODE = (geo, gazetteer)
_SCHEMA = "CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, version TEXT NOT NULL, incidents TEXT)"
# Per output directory: the outputs' version (outputs_version), {file: [size, mtime_ns, inode]}, and the
# number of incidents they hold.
_OUTPUTS = ("CREATE TABLE IF NOT EXISTS outputs "
            "(dir TEXT PRIMARY KEY, version TEXT, files TEXT, incidents INT)")
# Libraries whose version can change what the map code writes.
_WRITERS = ("folium", "branca", "jinja2", "geopandas", "pandas", "numpy", "shapely", "pyogrio", "pyarrow")


def default_path() -> Path:
    return gazetteer.default_path().parent / "results.sqlite"


@cache
def pipeline_version() -> str:
    """A digest of the gazetteer data version and of every source file of the text-to-incident code."""
    digest = hashlib.sha256(data_version().encode())
    files = [Path(work.__file__)]
    files += [file for package in _CODE for file in sorted(Path(package.__file__).parent.glob("*.py"))]
    for file in files:
        digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


@cache
def _maps_version() -> str:
    """A digest of the map code (its sources and assets) and the versions of the libraries it writes with."""
    from importlib import metadata
    from importlib.util import find_spec

    digest = hashlib.sha256()
    for library in _WRITERS:
        try:
            digest.update(f"{library} {metadata.version(library)}\n".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{library} -\n".encode())
    root = Path(find_spec("maps").origin).parent
    for file in sorted(root.rglob("*")):
        if file.is_file() and "__pycache__" not in file.parts:
            digest.update(file.relative_to(root).as_posix().encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()


def outputs_version(processed_keys: bytes, formats: Iterable[str], offline: bool) -> str:
    """What a run's outputs are a function of: the digest of its processed articles' result keys in input
    order (each key covers the article, the dates and the pipeline's version), the formats, --offline and
    the map code. Two runs with the same version write byte-identical files."""
    parts = (processed_keys.hex(), ",".join(sorted(set(formats))), str(offline), _maps_version())
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def file_states(files: Iterable[Path]) -> dict[str, list[int]] | None:
    """Each file's [size, mtime_ns, inode] (outputs are replaced by renaming, so a rewrite changes the
    inode); None when one is missing."""
    states = {}
    for file in files:
        try:
            stat = os.stat(file)
        except OSError:
            return None
        states[str(file)] = [stat.st_size, stat.st_mtime_ns, stat.st_ino]
    return states


def key(article: Article, default_date: date | None) -> str:
    parts = (pipeline_version(), article.id, str(article.date), str(default_date), article.text)
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


class ResultCache:
    """A SQLite table of encoded incidents by key (see incident_map.work for the encoding)."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path, timeout=60)  # another run may be committing
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute(_SCHEMA)
        self.db.execute(_OUTPUTS)
        with self.db:
            self.db.execute("DELETE FROM results WHERE version != ?", (pipeline_version(),))

    def get(self, result_key: str) -> list | None:
        text = self.get_text(result_key)
        return json.loads(text) if text is not None else None

    def get_text(self, result_key: str) -> str | None:
        """The result as its JSON text, as stored."""
        row = self.db.execute("SELECT incidents FROM results WHERE key = ?", (result_key,)).fetchone()
        return row[0] if row else None

    def put(self, result_key: str, encoded: list) -> str:
        """Keep a result; returns its JSON text."""
        text = json.dumps(encoded, ensure_ascii=False)
        self.db.execute("INSERT OR REPLACE INTO results VALUES (?, ?, ?)",
                        (result_key, pipeline_version(), text))
        return text

    def outputs(self, out: Path) -> tuple[str, int] | None:
        """(version, incidents) of the outputs last written to `out` through this cache, if every file is
        still as it was written; None when there are none or one was changed, replaced or removed."""
        row = self.db.execute("SELECT version, files, incidents FROM outputs WHERE dir = ?",
                              (str(out.resolve()),)).fetchone()
        if row is None:
            return None
        files = json.loads(row[1])
        return (row[0], row[2]) if file_states(map(Path, files)) == files else None

    def wrote_outputs(self, out: Path, version: str | None, files: Iterable[Path], incidents: int) -> None:
        """Remember what `out`'s outputs were written from (version None: forget)."""
        with self.db:
            self.db.execute("DELETE FROM outputs WHERE dir = ?", (str(out.resolve()),))
            states = file_states(files) if version else None
            if states is not None:
                self.db.execute("INSERT INTO outputs VALUES (?, ?, ?, ?)",
                                (str(out.resolve()), version, json.dumps(states), incidents))

    def commit(self) -> None:
        self.db.commit()

    def close(self) -> None:
        self.db.commit()
        self.db.close()


class NoCache:
    """--no-cache: nothing is found, nothing kept."""

    def get(self, result_key: str) -> None:
        return None

    def get_text(self, result_key: str) -> None:
        return None

    def put(self, result_key: str, encoded: list) -> None:
        pass

    def outputs(self, out: Path) -> None:
        return None

    def wrote_outputs(self, out: Path, version: str | None, files: Iterable[Path], incidents: int) -> None:
        pass

    def commit(self) -> None:
        pass

    def close(self) -> None:
        pass
