"""A date-range filter on the map: two sliders that hide incidents outside the chosen days.

Built here rather than with folium's Timeline plugin (Leaflet.timeline): see docs/maps.md, "Time".
"""

from datetime import date

import pandas as pd
from branca.element import MacroElement
from jinja2 import Template


def days_spanned(frame: pd.DataFrame) -> tuple[str, str] | None:
    """The first and last day of a normalised table's incidents (ISO dates, as the page compares them),
    or None when it has no dates."""
    spans = [(start, end or start) for start, end in zip(frame["date_start"], frame["date_end"], strict=True)
             if start]
    return (min(start for start, _ in spans), max(end for _, end in spans)) if spans else None


class TimeFilter(MacroElement):
    """Shows only incidents whose [ds, de] overlaps the chosen days, and the legend counts what is shown;
    re-filters when a slider is released, since redrawing 100,000 incidents on every step would stall
    the page."""

    _template = Template("""
{% macro header(this, kwargs) %}
<style>
.im-time {background:rgba(255,255,255,.92);padding:6px 8px;border-radius:4px;font:12px/1.4 sans-serif;
  box-shadow:0 1px 4px rgba(0,0,0,.3);width:260px}
.im-time input {width:100%;margin:2px 0}
.im-time-play {border:1px solid #999;border-radius:3px;background:#fff;cursor:pointer;padding:0 6px}
</style>
{% endmacro %}
{% macro script(this, kwargs) %}
(function (map, layers, first, span) {
    var DAY = 86400000, start = Date.parse(first);
    function iso(offset) { return new Date(start + offset * DAY).toISOString().slice(0, 10); }
    var control = L.control({position: "bottomleft"});
    control.onAdd = function () {
        var div = L.DomUtil.create("div", "im-time");
        div.innerHTML = '<button class="im-time-play" type="button" title="Replay">▶</button> '
            + '<span class="im-time-label"></span>'
            + '<input class="im-time-from" type="range" min="0" max="' + span + '" value="0">'
            + '<input class="im-time-to" type="range" min="0" max="' + span + '" value="' + span + '">';
        L.DomEvent.disableClickPropagation(div);
        L.DomEvent.disableScrollPropagation(div);
        var from = div.querySelector(".im-time-from"), to = div.querySelector(".im-time-to");
        var label = div.querySelector(".im-time-label"), play = div.querySelector(".im-time-play");
        function range() {
            var a = Math.min(+from.value, +to.value), b = Math.max(+from.value, +to.value);
            return [iso(a), iso(b)];
        }
        function show() { var r = range(); label.textContent = r[0] + " – " + r[1]; }
        function filter() {
            var r = range();
            layers.forEach(function (entry) {
                var shown = 0;
                entry[1].forEach(function (layer) {
                    shown += layer.setRange ? layer.setRange(r) : IncidentMap.filterGeoJson(layer, r);
                });
                var count = map.getContainer().querySelector(
                    '.im-legend-row[data-layer="' + entry[0] + '"] .im-legend-count');
                if (count) { count.textContent = shown; }
            });
        }
        [from, to].forEach(function (input) {
            input.addEventListener("input", show);
            input.addEventListener("change", filter);
        });
        // Replay: the chosen window (a sixtieth of the whole span when all of it is chosen) moves forward
        // by its own width each second, until it reaches the last day.
        var timer = null;
        function stop() { clearInterval(timer); timer = null; play.textContent = "▶"; }
        play.addEventListener("click", function () {
            if (timer) { stop(); return; }
            var a = Math.min(+from.value, +to.value), b = Math.max(+from.value, +to.value);
            var width = b - a < span ? b - a + 1 : Math.max(1, Math.round(span / 60));
            a = b - a < span && b < span ? a : 0;
            function step() {
                from.value = a; to.value = Math.min(a + width - 1, span);
                show(); filter();
                a += width;
                if (a > span) { stop(); }
            }
            play.textContent = "❚❚";
            step();
            if (a <= span) { timer = setInterval(step, 1000); }
        });
        show();
        return div;
    };
    control.addTo(map);
})({{ this._parent.get_name() }}, {{ this.layers }}, {{ this.first|tojson }}, {{ this.span }});
{% endmacro %}
""")

    def __init__(self, layers: list[tuple[str, list[MacroElement]]], first: str, last: str):
        """`layers`: (legend row's layer id, the elements whose Leaflet layers show its incidents)."""
        super().__init__()
        self._name = "TimeFilter"
        # Layer ids are slugs ([a-z0-9-]) and element names JavaScript identifiers: safe in the script.
        self.layers = "[" + ", ".join(
            f'["{layer_id}", [{", ".join(element.get_name() for element in elements)}]]'
            for layer_id, elements in layers) + "]"
        self.first = first
        self.span = (date.fromisoformat(last) - date.fromisoformat(first)).days
