"""Input files to articles: plain text (one article per file) and JSONL records {"id", "text", "date"}.

Every record is accounted for: each yields an article or the reason it could not be one, so a batch
run reports done, skipped and failed records instead of losing any.
"""

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .incidents import Article


@dataclass(frozen=True, slots=True)
class Record:
    """One input record: `article` when it could be read, else `status` and `reason` say why not."""

    input: str
    number: int  # 1-based within its file
    id: str | None
    article: Article | None = None
    status: str = "processed"  # "processed" | "skipped" | "failed"
    reason: str | None = None


def read_records(paths: list[Path]) -> Iterator[Record]:
    """The records of every input file, in order."""
    for path in paths:
        name = path.name
        try:
            raw = path.read_bytes()
        except OSError as error:
            yield Record(name, 1, None, status="failed", reason=f"cannot read {path}: {error.strerror}")
            continue
        if b"\0" in raw[:4096]:
            yield Record(name, 1, None, status="failed", reason=f"{path} is a binary file, not text")
            continue
        text = raw.decode("utf-8", errors="replace")
        if path.suffix.lower() in (".jsonl", ".ndjson"):
            yield from _jsonl_records(name, text)
        elif not text.strip():
            yield Record(name, 1, name, status="skipped", reason="empty file")
        else:
            yield Record(name, 1, name, Article(name, text))


def _jsonl_records(name: str, text: str) -> Iterator[Record]:
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            yield Record(
                name, number, None, status="failed", reason=f"line {number} is not JSON: {error.msg}"
            )
            continue
        if not isinstance(data, dict):
            yield Record(name, number, None, status="failed", reason=f"line {number} is not a JSON object")
            continue
        record_id = str(data.get("id") or f"{name}:{number}")
        body = data.get("text")
        if not isinstance(body, str) or not body.strip():
            yield Record(name, number, record_id, status="skipped", reason="no text")
            continue
        if record_id in seen:
            yield Record(name, number, record_id, status="skipped", reason=f"duplicate id {record_id}")
            continue
        seen.add(record_id)
        try:
            when = date.fromisoformat(str(data["date"])[:10]) if data.get("date") else None
        except ValueError:
            yield Record(
                name,
                number,
                record_id,
                status="failed",
                reason=f"date {data['date']!r} is not an ISO date (YYYY-MM-DD)",
            )
            continue
        yield Record(name, number, record_id, Article(record_id, body, when))
