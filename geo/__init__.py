"""Text to incidents: place mentions, their resolution against the gazetteer, and the events at them."""

from __future__ import annotations

from datetime import date
from importlib import import_module
from typing import TYPE_CHECKING

from gazetteer import Gazetteer

from .article import Article
from .errors import GeoError
from .mention import Mention
from .mentions import find_mentions

if TYPE_CHECKING:
    import geopandas as gpd

    from .incident import Incident, to_frame
    from .incidents import Merger, article_incidents, merge

# The incident stage compiles its lexicons (half a second of start-up), and the incidents table needs
# geopandas; reading articles and finding mentions need neither: these names are imported on first use.
_LAZY = {
    "article_incidents": ".incidents",
    "merge": ".incidents",
    "Merger": ".incidents",
    "Incident": ".incident",
    "to_frame": ".incident",
}


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(import_module(_LAZY[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def extract(
    articles: list[Article], gazetteer: Gazetteer | None = None, default_date: date | None = None
) -> gpd.GeoDataFrame:
    """The incidents table of several articles; the same incident in several reports is one row."""
    from .incident import to_frame
    from .incidents import article_incidents, merge

    gazetteer = gazetteer or Gazetteer.open()
    found = [
        incident for article in articles for incident in article_incidents(article, gazetteer, default_date)
    ]
    return to_frame(merge(found))


__all__ = [
    "Article",
    "GeoError",
    "Incident",
    "Mention",
    "Merger",
    "article_incidents",
    "extract",
    "find_mentions",
    "merge",
    "to_frame",
]
