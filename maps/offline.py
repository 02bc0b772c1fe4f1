"""Offline pages: the CDN scripts and styles folium links to, inlined from pinned copies in maps/assets,
and a notice when basemap tiles (the only network use left) fail to load."""

import base64
import re
import warnings
from functools import cache
from pathlib import Path

import folium
from branca.element import Element, Link, MacroElement
from jinja2 import Template

ASSETS = Path(__file__).resolve().parent / "assets"
# folium 0.20's names for its default resources -> the pinned copy that replaces each.
INLINE_JS = {"leaflet": "leaflet.js", "jquery": "jquery.min.js", "supercluster": "supercluster.min.js"}
INLINE_CSS = {"leaflet_css": "leaflet.css"}
# Bootstrap, glyphicons, Font Awesome and awesome-markers style folium.Marker icons and notebook widgets;
# nothing this map draws uses them, so offline pages leave them out instead of shipping ~2 MB.
DROP = {"bootstrap", "awesome_markers", "bootstrap_css", "glyphicons_css", "awesome_markers_font_css",
        "awesome_markers_css", "awesome_rotate_css"}


@cache
def _code(file: str) -> str:
    code = (ASSETS / file).read_text(encoding="utf-8")
    if "</script" in code.lower():
        raise ValueError(f"{file} contains '</script' and cannot be inlined in a <script> element")
    return code


def _script(file: str) -> str:
    return f"<script>{_code(file)}</script>"


@cache
def _style(file: str) -> str:
    # Relative image URLs would resolve against the page, not maps/assets: embed the images instead.
    def data_uri(match: re.Match) -> str:
        image = ASSETS / match.group(1)
        return f"url(data:image/png;base64,{base64.b64encode(image.read_bytes()).decode()})"

    return "<style>" + re.sub(r"url\((images/[\w.-]+\.png)\)", data_uri,
                              (ASSETS / file).read_text(encoding="utf-8")) + "</style>"


class Raw(Element):
    """Markup that is not a template: branca's Element(text) would compile 150 KB of Leaflet as Jinja,
    which is slow and would mangle any `{{` in the code."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


class PageScript(MacroElement):
    """maps/assets/incident-map.js, this package's page code (IncidentMap), which the incident layers call.

    Every FeatureGroup of `maps.layers()` starts with one, so the layers work on anyone's folium map and in
    streamlit-folium, which runs each element's script macro and drops inline scripts from the header. A
    rendered page gets one copy; the code defines IncidentMap only once wherever it runs more often.
    """

    _template = Template("{% macro script(this, kwargs) %}{{ this.code }}{% endmacro %}")

    def __init__(self):
        super().__init__()
        self._name = "PageScript"
        self.code = _code("incident-map.js")

    def render(self, **kwargs) -> None:
        # Raw, once per page, before the first layer's script that calls it.
        self.get_root().script.add_child(Raw(self.code), name="incident_map_js")


class InlineAssets(Element):
    """Swaps folium's CDN links for inline copies.

    Added to the Figure after the Map, so it renders after every element on the map has added its links
    to the page header, and before the header itself is rendered.
    """

    def render(self, **kwargs) -> str:
        children = self.get_root().header._children  # branca has no public API to replace header links
        for name in list(children):
            if name in DROP:
                del children[name]
            elif name in INLINE_JS:
                children[name] = Raw(_script(INLINE_JS[name]))
            elif name in INLINE_CSS:
                children[name] = Raw(_style(INLINE_CSS[name]))
        remote = [child.url for child in children.values() if isinstance(child, Link)]
        if remote:
            warnings.warn(f"offline map still links to {remote}: add pinned copies to maps/assets",
                          stacklevel=2)
        return ""


class TileNotice(MacroElement):
    """A small note on the map when basemap tiles fail to load, so a blank background reads as 'offline'
    rather than 'no data'. Watches base layers added later (the basemap switcher) too."""

    _template = Template("""
{% macro script(this, kwargs) %}
(function (map) {
    var shown = false;
    function warn() {
        if (shown) { return; }
        shown = true;
        var notice = L.control({position: "bottomleft"});
        notice.onAdd = function () {
            var div = L.DomUtil.create("div", "im-tile-notice");
            div.style.cssText = "background:#fff8e1;border:1px solid #e0c068;padding:3px 6px;"
                + "font:12px sans-serif";
            div.textContent = "Basemap tiles could not be loaded (offline?). The incident layers still work.";
            return div;
        };
        notice.addTo(map);
    }
    function watch(layer) {
        if (layer instanceof L.TileLayer) { layer.on("tileerror", warn); }
    }
    map.eachLayer(watch);
    map.on("layeradd", function (e) { watch(e.layer); });
})({{ this._parent.get_name() }});
{% endmacro %}
""")


def make_offline(m: folium.Map) -> None:
    TileNotice().add_to(m)
    m.get_root().add_child(InlineAssets())
