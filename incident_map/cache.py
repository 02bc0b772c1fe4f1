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
import tempfile
from collections.abc import Iterable, Iterator
from datetime import date
from functools import cache
from pathlib import Path

import gazetteer
import geo
from gazetteer.build import data_version
from geo import Article

from . import work

_CODE = (geo, gazetteer)
_SCHEMA = ("CREATE TABLE IF NOT EXISTS article_results "
           "(key TEXT PRIMARY KEY, version TEXT NOT NULL, count INT NOT NULL, incidents TEXT NOT NULL)")
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
    """A SQLite table of encoded incidents (JSON text, see incident_map.work) and their count, by key.

    `path` None: a temporary file of this run's results only (--no-cache), removed on close; the outputs
    are written from it like from a cache."""

    def __init__(self, path: Path | None) -> None:
        self.temporary = path is None
        if path is None:
            handle, name = tempfile.mkstemp(prefix="incident-map-results-", suffix=".sqlite")
            os.close(handle)
            path = Path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.db = sqlite3.connect(path, timeout=60)  # another run may be committing
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("DROP TABLE IF EXISTS results")  # the layout before counts were kept
        self.db.execute(_SCHEMA)
        self.db.execute(_OUTPUTS)
        with self.db:
            self.db.execute("DELETE FROM article_results WHERE version != ?", (pipeline_version(),))

    def counts(self, keys: list[str]) -> dict[str, int]:
        """{key: number of incidents} of the keys that have a result: one query for a block of articles."""
        return select_in(self.db, "SELECT key, count FROM article_results WHERE key IN ({})", keys)

    def put(self, result_key: str, count: int, text: str) -> None:
        """Keep a result: its number of incidents and their JSON text (as workers send it)."""
        self.db.execute("INSERT OR REPLACE INTO article_results VALUES (?, ?, ?, ?)",
                        (result_key, pipeline_version(), count, text))

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
        if self.temporary:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)


def select_in(db: sqlite3.Connection, query: str, keys: list) -> dict:
    """{key: value} of the rows that `query`, "SELECT key, value ... WHERE key IN ({})", finds for `keys`:
    one query for each 500 keys, as SQLite allows a limited number of parameters in one."""
    found = {}
    for start in range(0, len(keys), 500):
        part = keys[start:start + 500]
        found.update(db.execute(query.format(",".join("?" * len(part))), part))
    return found


def stored_texts(path: Path, keys: Iterable[str]) -> Iterator[str]:
    """The JSON text of each key's result, in the order given, from a connection of its own (this may be
    another process than the one that stored them)."""
    db = sqlite3.connect(path, timeout=60)
    try:
        query = "SELECT incidents FROM article_results WHERE key = ?"
        for result_key in keys:
            [text] = db.execute(query, (result_key,)).fetchone()
            yield text
    finally:
        db.close()
