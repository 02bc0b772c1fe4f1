"""The input record every stage reads: one article."""

import datetime
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Article:
    """One input article: its id (file name or record id), text and date (None: from the dateline or
    the caller's default)."""

    id: str
    text: str
    date: datetime.date | None = None
