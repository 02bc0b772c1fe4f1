"""A date-range filter on the map: two sliders that hide incidents outside the chosen days.

Built here rather than with folium's Timeline plugin, which replaces GeoJson layers by its own layer type
(so it cannot sit inside the per-type FeatureGroups) and needs another CDN asset offline.
"""

from datetime import date
from typing import Any

import folium
from branca.element import MacroElement
from jinja2 import Template


def time_fields(rows: list[dict[str, Any]]) -> dict[str, str]:
    """The days the feature's incidents span, as ISO dates (compared as strings in the page): "ds" and,
    when later, "de"; none when the table has no dates."""
    starts = [row["date_start"] for row in rows if row["date_start"]]
    ends = [row["date_end"] or row["date_start"] for row in rows if row["date_start"]]
    if not starts:
        return {}
    first, last = min(starts), max(ends)
    return {"ds": first} if first == last else {"ds": first, "de": last}  # most incidents are one day


class TimeFilter(MacroElement):
    """Shows only features whose [ds, de] overlaps the chosen days; re-filters when a slider is released,
    since redrawing 100,000 markers on every slider step would stall the page."""

    _template = Template("""
{% macro header(this, kwargs) %}
<style>
.im-time {background:rgba(255,255,255,.92);padding:6px 8px;border-radius:4px;font:12px/1.4 sans-serif;
  box-shadow:0 1px 4px rgba(0,0,0,.3);width:260px}
.im-time input {width:100%;margin:2px 0}
</style>
{% endmacro %}
{% macro script(this, kwargs) %}
(function (map, layers, first, span) {
    var DAY = 86400000, start = Date.parse(first);
    function iso(offset) { return new Date(start + offset * DAY).toISOString().slice(0, 10); }
    var all = layers.map(function (layer) { return layer.getLayers(); });
    var control = L.control({position: "bottomleft"});
    control.onAdd = function () {
        var div = L.DomUtil.create("div", "im-time");
        div.innerHTML = '<div class="im-time-label"></div>'
            + '<input class="im-time-from" type="range" min="0" max="' + span + '" value="0">'
            + '<input class="im-time-to" type="range" min="0" max="' + span + '" value="' + span + '">';
        L.DomEvent.disableClickPropagation(div);
        L.DomEvent.disableScrollPropagation(div);
        var from = div.querySelector(".im-time-from"), to = div.querySelector(".im-time-to");
        var label = div.querySelector(".im-time-label");
        function range() {
            var a = Math.min(+from.value, +to.value), b = Math.max(+from.value, +to.value);
            return [iso(a), iso(b)];
        }
        function show() { var r = range(); label.textContent = r[0] + " – " + r[1]; }
        function filter() {
            var r = range();
            layers.forEach(function (layer, i) {
                layer.clearLayers();
                all[i].forEach(function (feature) {
                    var p = feature.feature.properties;
                    // Incidents without dates (a table read back without them) stay visible.
                    if (!p.ds || ((p.de || p.ds) >= r[0] && p.ds <= r[1])) { layer.addLayer(feature); }
                });
            });
        }
        [from, to].forEach(function (input) {
            input.addEventListener("input", show);
            input.addEventListener("change", filter);
        });
        show();
        return div;
    };
    control.addTo(map);
})({{ this._parent.get_name() }}, [{{ this.layer_names }}], {{ this.first|tojson }}, {{ this.span }});
{% endmacro %}
""")

    def __init__(self, layers: list[folium.GeoJson], first: str, last: str):
        super().__init__()
        self._name = "TimeFilter"
        self.layer_names = ", ".join(layer.get_name() for layer in layers)
        self.first = first
        self.span = (date.fromisoformat(last) - date.fromisoformat(first)).days
