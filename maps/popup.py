"""Popup and tooltip HTML. Every value comes from news articles, so every value is escaped here: folium
and Leaflet insert popup and tooltip content as markup."""

from collections.abc import Iterable
from html import escape
from typing import Any
from urllib.parse import urlsplit

FLAGGED = {"disputed": "⚠ Disputed", "unverified": "⚠ Unverified"}
PRECISION_NOTE = {"admin1": "province", "zone": "area", "country": "country"}
_FLAG_STYLE = "color:#b30000;font-weight:bold"


def _e(value: Any) -> str:
    return escape(str(value), quote=True)


def date_text(row: dict[str, Any]) -> str:
    """The day, or the range it happened in with how the range was found ("week", "night" ...)."""
    if row["date"]:
        return str(row["date"])
    start, end = row["date_start"], row["date_end"]
    span = start if start == end else f"{start} – {end}"
    return f"{span} ({row['date_precision']})" if row["date_precision"] else str(span)


def _verification(row: dict[str, Any]) -> str:
    flag = FLAGGED.get(row["verification"])
    if flag:
        return f'<span class="im-flag" style="{_FLAG_STYLE}">{_e(flag)}</span>'
    return _e(row["verification"] or "reported")


def _source(source: str) -> str:
    """A link for http(s) URLs only, so a `javascript:` source can never become a clickable link."""
    parts = urlsplit(source)
    if parts.scheme in ("http", "https") and parts.netloc:
        return (f'<a href="{_e(source)}" target="_blank" rel="noopener noreferrer">'
                f"{_e(parts.netloc)}</a>")
    return _e(source)


def _place(row: dict[str, Any]) -> str:
    note = PRECISION_NOTE.get(row["precision"])
    return _e(row["place_name"]) + (f" <small>({note})</small>" if note else "")


def _line(label: str, value_html: str) -> str:
    return f"<div><b>{label}:</b> {value_html}</div>"


def _counts(row: dict[str, Any]) -> Iterable[str]:
    for column, label in (("fatalities", "Fatalities"), ("injuries", "Injuries")):
        if row[column] is not None:
            yield _line(label, _e(row[column]))


def popup_html(row: dict[str, Any]) -> str:
    """One incident: place, type, date, verification, casualties, actors, evidence and sources."""
    parts = [
        f'<div class="im-incident"><div class="im-place"><b>{_place(row)}</b></div>',
        _line("Event", f"{_e(row['event_type'])} — {_e(row['sub_event_type'])}"),
        _line("Date", _e(date_text(row))),
        _line("Verification", _verification(row)),
        *_counts(row),
    ]
    if row["actors"]:
        parts.append(_line("Actors", ", ".join(_e(actor) for actor in row["actors"])))
    parts.append(f'<blockquote class="im-evidence" style="margin:4px 0;font-style:italic">'
                 f"{_e(row['evidence'] or '')}</blockquote>")
    if row["sources"]:
        parts.append(_line("Sources", " · ".join(_source(source) for source in row["sources"])))
    return "".join(parts) + "</div>"


def tooltip_html(row: dict[str, Any]) -> str:
    flag = FLAGGED.get(row["verification"])
    what = row["sub_event_type"] or row["event_type"]
    text = f"{_e(row['place_name'])} · {_e(what)} · {_e(date_text(row))}"
    return text + (f' <span style="{_FLAG_STYLE}">{_e(flag)}</span>' if flag else "")


def country_popup_html(rows: list[dict[str, Any]]) -> str:
    """All reports located only to one country, one under the other."""
    return "<hr>".join(popup_html(row) for row in rows)


def country_tooltip_html(rows: list[dict[str, Any]]) -> str:
    n = len(rows)
    return f"{_e(rows[0]['place_name'])}: {n} country-level report{'s' if n != 1 else ''}"
