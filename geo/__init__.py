"""Text to incidents: place mentions, their resolution against the gazetteer, and the events at them."""

from datetime import date

import geopandas as gpd

from gazetteer import Gazetteer

from .errors import GeoError
from .incident import Incident, to_frame
from .incidents import Article, article_incidents, merge
from .mention import Mention
from .mentions import find_mentions


def extract(
    articles: list[Article], gazetteer: Gazetteer | None = None, default_date: date | None = None
) -> gpd.GeoDataFrame:
    """The incidents table of several articles; the same incident in several reports is one row."""
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
    "article_incidents",
    "extract",
    "find_mentions",
    "merge",
    "to_frame",
]
