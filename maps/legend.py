"""A categorical legend: one row per layer with its colour and number of incidents (folium has none)."""

from branca.element import MacroElement
from jinja2 import Template

from .popup import escape_text
from .style import COUNTRY_LEVEL, LayerStyle


def _swatch(style: LayerStyle) -> str:
    # The country layer is drawn as a dashed outline, so its swatch is one too.
    if style == COUNTRY_LEVEL:
        return f"border:2px dashed {style.colour};background:transparent"
    return f"background:{style.colour};border:1px solid #333"


def legend_html(counts: list[tuple[LayerStyle, int]]) -> str:
    if not counts:
        return '<div class="im-legend-empty">No incidents</div>'
    return "".join(
        f'<div class="im-legend-row" data-layer="{escape_text(style.id)}">'
        f'<span class="im-swatch" style="{_swatch(style)}"></span>'
        f'<span class="im-legend-title">{escape_text(style.title)}</span> '
        f'<span class="im-legend-count">{count}</span></div>'
        for style, count in counts)


class Legend(MacroElement):
    """A Leaflet control in the map's corner, so it stays inside the map when the map is embedded."""

    _template = Template("""
{% macro header(this, kwargs) %}
<style>
.im-legend {background:rgba(255,255,255,.92);padding:6px 8px;border-radius:4px;font:12px/1.5 sans-serif;
  box-shadow:0 1px 4px rgba(0,0,0,.3)}
.im-legend .im-swatch {display:inline-block;width:11px;height:11px;border-radius:50%;margin-right:6px;
  vertical-align:middle}
.im-legend .im-legend-count {color:#555;float:right;margin-left:10px}
</style>
{% endmacro %}
{% macro script(this, kwargs) %}
(function () {
    var legend = L.control({position: "bottomright"});
    legend.onAdd = function () {
        var div = L.DomUtil.create("div", "im-legend");
        div.innerHTML = {{ this.html|tojson }};
        L.DomEvent.disableClickPropagation(div);
        return div;
    };
    legend.addTo({{ this._parent.get_name() }});
})();
{% endmacro %}
""")

    def __init__(self, counts: list[tuple[LayerStyle, int]]):
        super().__init__()
        self._name = "Legend"
        # Built and escaped here; `tojson` then keeps it a safe JavaScript string literal.
        self.html = legend_html(counts)
