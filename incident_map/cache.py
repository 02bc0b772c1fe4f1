"""Results of articles already processed, so a re-run on a grown input processes only the new ones.

A result is keyed by everything it depends on: the article (id, text, record date), the run's default
date, and the pipeline's version: the gazetteer's data version and the source of the code that turns
text into incidents. Any change to those makes new keys, and the old results are dropped when the cache
is opened. Results are committed every few hundred articles, so a killed run resumes where it stopped.
Only failed articles are not kept: their cause may be passing (memory, a bug since fixed).
"""

import hashlib
import json
import sqlite3
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
        with self.db:
            self.db.execute("DELETE FROM results WHERE version != ?", (pipeline_version(),))

    def get(self, result_key: str) -> list | None:
        row = self.db.execute("SELECT incidents FROM results WHERE key = ?", (result_key,)).fetchone()
        return json.loads(row[0]) if row else None

    def put(self, result_key: str, encoded: list) -> None:
        self.db.execute("INSERT OR REPLACE INTO results VALUES (?, ?, ?)",
                        (result_key, pipeline_version(), json.dumps(encoded, ensure_ascii=False)))

    def commit(self) -> None:
        self.db.commit()

    def close(self) -> None:
        self.db.commit()
        self.db.close()


class NoCache:
    """--no-cache: nothing is found, nothing kept."""

    def get(self, result_key: str) -> None:
        return None

    def put(self, result_key: str, encoded: list) -> None:
        pass

    def commit(self) -> None:
        pass

    def close(self) -> None:
        pass
