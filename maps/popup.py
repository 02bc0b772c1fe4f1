"""Popup and tooltip content. Every value comes from news articles and Leaflet inserts popups and tooltips
as markup, so every value is HTML-escaped here, in Python; the page's script (maps/assets/incident-map.js)
only places the escaped values between fixed labels.

Features carry these short escaped fields instead of finished HTML: the same labels and tags repeated in
every feature made a 10,000-incident page five times larger.
"""

from collections.abc import Callable, Iterable
from html import escape
from typing import Any

import geopandas as gpd
from branca.element import MacroElement
from jinja2 import Template

FLAGGED = {"disputed": "⚠ Disputed", "unverified": "⚠ Unverified"}
PRECISION_NOTE = {"admin1": "province", "zone": "area", "country": "country"}


# Braces too: branca compiles every element's rendered output as a Jinja template once more, so an
# article's "{{ ... }}" would otherwise be evaluated (with Python behind it) when the page is built.
_BRACES = str.maketrans({"{": "&#123;", "}": "&#125;"})


def escape_text(value: Any) -> str:
    """Text from an article (or any data) as it may appear in the page: HTML-escaped, braces included."""
    return escape(str(value), quote=True).translate(_BRACES)


def date_text(row: dict[str, Any]) -> str:
    """The day, or the range it happened in with how the range was found ("week", "night" ...)."""
    if row["date"]:
        return str(row["date"])
    start, end = row["date_start"], row["date_end"]
    span = start if start == end else f"{start} – {end}"
    return f"{span} ({row['date_precision']})" if row["date_precision"] else str(span)


def _each_once(function: Callable[[Any], Any], values: Iterable[Any]) -> list[Any]:
    """function(value) for each value, computed once per distinct value: at 100,000 incidents places,
    types, days and actors repeat, and escaping each copy was most of the time a large map took."""
    done: dict[Any, Any] = {}
    return [done[value] if value in done else done.setdefault(value, function(value)) for value in values]


def incident_columns(frame: gpd.GeoDataFrame) -> dict[str, list[Any]]:
    """Every incident's popup and tooltip values, escaped, and its days (ds, and de when later), a column
    per field with None where the popup shows no line.

    Sources are escaped strings; the page makes links of http(s) ones only (never of `javascript:`).
    """
    def column(name: str) -> list[Any]:
        return frame[name].tolist()

    def escaped(values: Iterable[Any]) -> list[Any]:
        return _each_once(lambda value: None if value in (None, "") else escape_text(value), values)

    flags = [FLAGGED.get(verification) for verification in column("verification")]
    keys = ("date", "date_start", "date_end", "date_precision")
    days = list(zip(*(column(key) for key in keys), strict=True))
    return {
        "nm": escaped(column("place_name")), "et": escaped(map(str, column("event_type"))),
        "st": escaped(map(str, column("sub_event_type"))),
        "dt": _each_once(lambda day: escape_text(date_text(dict(zip(keys, day, strict=True)))), days),
        "vf": escaped(flag or verification or "reported"
                      for flag, verification in zip(flags, column("verification"), strict=True)),
        "tx": [escape_text(text or "") for text in column("evidence")],
        "nt": [PRECISION_NOTE.get(precision) for precision in column("precision")],
        "fl": [1 if flag else None for flag in flags],
        "fa": column("fatalities"), "in": column("injuries"),
        "ac": _each_once(lambda actors: ", ".join(map(escape_text, actors)) or None,
                         map(tuple, column("actors"))),
        "sr": _each_once(lambda sources: [escape_text(source) for source in sources] or None,
                         map(tuple, column("sources"))),
        "ds": column("date_start"),
        "de": [end if end and end != start else None
               for start, end in zip(column("date_start"), column("date_end"), strict=True)],
    }


def incident_fields(frame: gpd.GeoDataFrame) -> list[dict[str, Any]]:
    """incident_columns as one dict per incident, fields without a value left out."""
    columns = incident_columns(frame)
    return [{key: value for key, value in zip(columns, values, strict=True) if value is not None}
            for values in zip(*columns.values(), strict=True)]


def country_fields(reports: list[dict[str, Any]]) -> dict[str, Any]:
    """All reports (incident_fields) located only to one country, for one outline's popup; each keeps its
    days, so the time filter can count them and hides the outline when none is in range."""
    return {"nm": reports[0]["nm"], "reports": reports}


class IncidentPopups(MacroElement):
    """One popup and one tooltip for a whole GeoJson layer, filled from the clicked feature's fields
    (IncidentMap.bindPopups in maps/assets/incident-map.js)."""

    _template = Template("""
{% macro script(this, kwargs) %}
IncidentMap.bindPopups({{ this._parent.get_name() }});
{% endmacro %}
""")

    def __init__(self):
        super().__init__()
        self._name = "IncidentPopups"
