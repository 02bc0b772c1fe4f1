"""Popup and tooltip content. Every value comes from news articles and Leaflet inserts popups and tooltips
as markup, so every value is HTML-escaped here, in Python; the page's script (POPUP_JS) only places the
escaped values between fixed labels (IncidentPopups).

Features carry these short escaped fields instead of finished HTML: the same labels and tags repeated in
every feature made a 10,000-incident page five times larger.
"""

from html import escape
from typing import Any
from urllib.parse import urlsplit

from branca.element import MacroElement
from jinja2 import Template

FLAGGED = {"disputed": "⚠ Disputed", "unverified": "⚠ Unverified"}
PRECISION_NOTE = {"admin1": "province", "zone": "area", "country": "country"}


def _e(value: Any) -> str:
    return escape(str(value), quote=True)


def date_text(row: dict[str, Any]) -> str:
    """The day, or the range it happened in with how the range was found ("week", "night" ...)."""
    if row["date"]:
        return str(row["date"])
    start, end = row["date_start"], row["date_end"]
    span = start if start == end else f"{start} – {end}"
    return f"{span} ({row['date_precision']})" if row["date_precision"] else str(span)


def _source(source: str) -> list[str]:
    """[label] or [label, href]: a link only for http(s) URLs, so a `javascript:` source never becomes one."""
    parts = urlsplit(source)
    if parts.scheme in ("http", "https") and parts.netloc:
        return [_e(parts.netloc), _e(source)]
    return [_e(source)]


def popup_fields(row: dict[str, Any]) -> dict[str, Any]:
    """One incident's popup and tooltip values, escaped; fields without a value are left out."""
    flag = FLAGGED.get(row["verification"])
    fields: dict[str, Any] = {
        "nm": _e(row["place_name"]), "et": _e(row["event_type"]), "st": _e(row["sub_event_type"]),
        "dt": _e(date_text(row)), "vf": _e(flag or row["verification"] or "reported"),
        "tx": _e(row["evidence"] or ""),
    }
    optional = {
        "nt": PRECISION_NOTE.get(row["precision"]),
        "fl": 1 if flag else None,
        "fa": row["fatalities"],
        "in": row["injuries"],
        "ac": ", ".join(_e(actor) for actor in row["actors"]),
        "sr": [_source(source) for source in row["sources"]],
    }
    return fields | {key: value for key, value in optional.items() if value not in (None, "", [])}


def country_fields(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """All reports located only to one country, for one outline's popup."""
    return {"nm": _e(rows[0]["place_name"]), "reports": [popup_fields(row) for row in rows]}


class IncidentPopups(MacroElement):
    """One popup and one tooltip for a whole GeoJson layer, filled from the clicked feature's popup_fields
    when opened: one Leaflet popup object per feature would triple the load time of a large map."""

    _template = Template("""
{% macro script(this, kwargs) %}
(function (layer) {
    function flag(p) {
        var style = 'color:#b30000;font-weight:bold';
        return p.fl ? '<span class="im-flag" style="' + style + '">' + p.vf + '</span>' : p.vf;
    }
    function line(label, html) { return '<div><b>' + label + ':</b> ' + html + '</div>'; }
    function source(s) {
        if (s.length === 1) { return s[0]; }
        return '<a href="' + s[1] + '" target="_blank" rel="noopener noreferrer">' + s[0] + '</a>';
    }
    function incident(p) {
        var html = '<div class="im-incident"><div class="im-place"><b>' + p.nm + '</b>'
            + (p.nt ? ' <small>(' + p.nt + ')</small>' : '') + '</div>'
            + line('Event', p.et + ' — ' + p.st) + line('Date', p.dt) + line('Verification', flag(p));
        if (p.fa !== undefined) { html += line('Fatalities', p.fa); }
        if (p.in !== undefined) { html += line('Injuries', p.in); }
        if (p.ac) { html += line('Actors', p.ac); }
        html += '<blockquote class="im-evidence" style="margin:4px 0;font-style:italic">' + p.tx
            + '</blockquote>';
        if (p.sr) { html += line('Sources', p.sr.map(source).join(' · ')); }
        return html + '</div>';
    }
    layer.bindPopup(function (feature_layer) {
        var p = feature_layer.feature.properties;
        return p.reports ? p.reports.map(incident).join('<hr>') : incident(p);
    }, {maxWidth: 380});
    layer.bindTooltip(function (feature_layer) {
        var p = feature_layer.feature.properties;
        if (p.reports) {
            var n = p.reports.length;
            return p.nm + ': ' + n + ' country-level report' + (n === 1 ? '' : 's');
        }
        return p.nm + ' · ' + (p.st || p.et) + ' · ' + p.dt + (p.fl ? ' ' + flag(p) : '');
    }, {sticky: true});
})({{ this._parent.get_name() }});
{% endmacro %}
""")

    def __init__(self):
        super().__init__()
        self._name = "IncidentPopups"
