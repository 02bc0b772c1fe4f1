"""Read what kind of place a phrase asks for: "Kiev region" is an admin-1 region, "Chernobyl zone" a zone.

The same unit and area words serve the geocoder (whole queries) and the recognizer in `geo`
(the words around a mention in running text).
"""

import re
from dataclasses import dataclass

from .names import name_key

# Words that make a name an admin-1 unit: "Kharkiv Oblast", "the region of Zhytomyr".
ADMIN1_WORDS = (
    "region",
    "regions",
    "oblast",
    "oblasts",
    "province",
    "provinces",
    "governorate",
    "governorates",
    "oblast s",
)
# Words that make a name a named area around something: "the exclusion zone", "the restricted area".
ZONE_WORDS = ("zone", "area")
# What an area is around: "the Chernobyl power plant", "the Zaporizhzhia nuclear plant".
FACILITY_WORDS = r"(?:nuclear )?(?:power )?(?:plant|station|npp|reactor)"

_ADMIN1 = "|".join(ADMIN1_WORDS)
_PATTERNS = [
    ("admin1", re.compile(rf"^(?:the )?(?P<name>.+?) (?:{_ADMIN1})$")),
    ("admin1", re.compile(rf"^(?:the )?(?:{_ADMIN1}) (?:of|around|near) (?:the )?(?P<name>.+)$")),
    (
        "zone",
        re.compile(
            rf"^(?:the )?(?:(?:restricted|exclusion|closed) )?(?:area|zone) (?:around|near|of) "
            rf"(?:the )?(?:[a-z]+ )?(?P<name>.+?)(?: {FACILITY_WORDS})?$"
        ),
    ),
    ("zone", re.compile(r"^(?:the )?(?P<name>.+?) (?:exclusion |restricted )?zone$")),
]


@dataclass(frozen=True)
class Query:
    """A place name and the kind of place the words around it ask for (None: any kind)."""

    name: str
    kind: str | None = None


def parse(text: str) -> list[Query]:
    """Readings of a query, the literal one first: "Kyiv Oblast" is also a name in its own right."""
    key = name_key(text)
    readings = [Query(key)]
    for kind, pattern in _PATTERNS:
        match = pattern.match(key)
        if match:
            readings.append(Query(match["name"], kind))
    return readings
