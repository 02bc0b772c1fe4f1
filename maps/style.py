"""How each map layer looks: one colour, icon and marker size per ACLED event type."""

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LayerStyle:
    """The look of one layer.

    `id` is a slug safe in file names, GeoPackage table names and CSS classes; `icon` is a Font Awesome 6
    name for dashboards that draw icons (the folium map draws circles, which stay fast at 100k points);
    `radius` is the CircleMarker radius in pixels, larger for the types a reader looks for first.
    """

    id: str
    title: str
    colour: str
    icon: str
    radius: int


# Colours are far apart in hue and lightness so neighbouring types stay distinct for colour-blind readers.
EVENT_TYPES: tuple[LayerStyle, ...] = (
    LayerStyle("battles", "Battles", "#d62728", "crosshairs", 7),
    LayerStyle("explosions-remote-violence", "Explosions/Remote violence", "#ff7f0e", "bomb", 7),
    LayerStyle("violence-against-civilians", "Violence against civilians", "#7b3294", "user-injured", 7),
    LayerStyle("protests", "Protests", "#1f78b4", "bullhorn", 5),
    LayerStyle("riots", "Riots", "#8c510a", "people-group", 6),
    LayerStyle("strategic-developments", "Strategic developments", "#1b9e77", "flag", 5),
    LayerStyle("fire", "Fire", "#e6ab02", "fire", 6),
)
# Incidents located only to a country: drawn as a faint outline, never as a dot in the middle of it.
COUNTRY_LEVEL = LayerStyle("country-level", "Country-level reports", "#555555", "globe", 0)
OTHER_COLOUR = "#7f7f7f"
UNSPECIFIED = "Unspecified"

_BY_TITLE = {style.title: style for style in EVENT_TYPES}


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "other"


def style_for(event_type: str | None) -> LayerStyle:
    """The style of an event type; types outside ACLED's list still get their own (grey) layer."""
    title = event_type or UNSPECIFIED
    return _BY_TITLE.get(title) or LayerStyle(slug(title), title, OTHER_COLOUR, "circle", 5)


def order_key(style: LayerStyle) -> tuple[int, str]:
    """ACLED's order first, then other types by title, the country-level layer last."""
    known = [s.id for s in EVENT_TYPES]
    if style.id in known:
        return known.index(style.id), ""
    return (len(known) + 1, "") if style == COUNTRY_LEVEL else (len(known), style.title)
