"""A place mention: where a name stands in the text, what it resolves to, and the role it plays."""

from dataclasses import dataclass
from typing import Any

from gazetteer import Place


@dataclass(frozen=True, slots=True)
class Mention:
    """A toponym at text[start:end], inside the phrase text[phrase_start:phrase_end] that qualifies it
    ("the region around Kiev": kind_hint "admin1"; "Lebanon City Council": "city", which rules out only
    countries and natural areas), in sentence number `sentence`. `role` names what
    makes it something other than where an event happened (geo.roles: "dateline", "speaker", "venue" ...).

    `place` is None when nothing in the gazetteer fits ("no match" is a value, not an exception), as
    for a county or a street that the gazetteer lacks.
    """

    start: int
    end: int
    text: str
    sentence: int
    phrase_start: int
    phrase_end: int
    kind_hint: str | None = None
    role: str | None = None
    place: Place | None = None
    demonym: bool = False  # a place adjective ("French"): `place` is the place it names

    @property
    def kind(self) -> str | None:
        if self.demonym:
            return "demonym"
        return self.place.kind if self.place else None

    def to_dict(self) -> dict[str, Any]:
        place = self.place
        return {
            "start": self.start,
            "end": self.end,
            "name": self.text,
            "lat": place.lat if place else None,
            "lon": place.lon if place else None,
            "geonameid": place.geonameid if place else None,
            "kind": self.kind,
            "place_id": place.id if place else None,
            "role": self.role,
        }

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        geometry = self.place.geometry.__geo_interface__ if self.place else None
        return {"type": "Feature", "geometry": geometry, "properties": self.to_dict()}
