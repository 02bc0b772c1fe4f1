"""A built map as HTML text: the full page (map.html) and a fragment to embed in an existing page."""

import re

import folium

FRAGMENT_HEIGHT = "600px"
# Rules in folium's page header that only make sense when the map owns the whole page: in a host page
# they would reset its <html>/<body> margins and size, and a viewport <meta> belongs in <head>.
_PAGE_ONLY = re.compile(r'<meta name="viewport"[^>]*>|<style>\s*html, body \{[^}]*\}\s*</style>'
                        r"|<style>\s*#map \{[^}]*\}\s*</style>")


def render(m: folium.Map) -> tuple[str, str]:
    """(page, fragment), from one render of the map: rendering is most of the cost of a large map."""
    figure = m.get_root()
    page = figure.render()
    # The header's elements after the page render (links and styles every element added), less the
    # charset <meta>, which is the host page's business.
    header = "\n".join(child.render() for name, child in figure.header._children.items()
                       if name != "meta_http")
    fragment = (f"{_PAGE_ONLY.sub('', header)}\n"
                f'<div class="incident-map" style="position:relative;width:100%;height:{FRAGMENT_HEIGHT}">'
                f"{figure.html.render()}</div>\n<script>\n{figure.script.render()}\n</script>\n")
    return page, fragment
