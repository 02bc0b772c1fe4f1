"""The incident record and the incidents table (a GeoDataFrame) the map layer reads."""

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from gazetteer import Place

if TYPE_CHECKING:
    import geopandas as gpd

# Columns of the incidents table and properties of incidents.geojson, in order.
COLUMNS = ["incident_id", "place_name", "place_id", "geonameid", "precision", "event_type", "sub_event_type",
           "date", "date_start", "date_end", "date_precision", "verification", "evidence", "evidence_start",
           "evidence_end", "triggers", "fatalities", "injuries", "actors", "source", "sources"]


@dataclass(frozen=True, slots=True)
class Incident:
    """One event type at one place, from one evidence sentence (or several reports of it).

    `date_start`/`date_end` bound when it happened (equal for a known day); `date_precision` says how
    the date was found ("day", "night", "week", "range", "article"). `verification` is "reported",
    "disputed" or "unverified". `evidence_start`/`evidence_end` are offsets of the sentence in its article.
    """

    place: Place
    event_type: str
    sub_event_type: str
    date_start: date
    date_end: date
    evidence: str
    sources: tuple[str, ...]
    date_precision: str = "day"
    verification: str = "reported"
    evidence_start: int = 0
    evidence_end: int = 0
    triggers: tuple[str, ...] = ()
    fatalities: int | None = None
    injuries: int | None = None
    actors: tuple[str, ...] = ()
    mention: str = field(default="", compare=False)

    @property
    def id(self) -> str:
        return f"{self.place.id}|{self.sub_event_type}|{self.date_start.isoformat()}"

    def properties(self) -> dict[str, Any]:
        single_day = self.date_start == self.date_end
        return {
            "incident_id": self.id,
            "place_name": self.place.name,
            "place_id": self.place.id,
            "geonameid": self.place.geonameid,
            "precision": self.place.precision,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "date": self.date_start.isoformat() if single_day else None,
            "date_start": self.date_start.isoformat(),
            "date_end": self.date_end.isoformat(),
            "date_precision": self.date_precision,
            "verification": self.verification,
            "evidence": self.evidence,
            "evidence_start": self.evidence_start,
            "evidence_end": self.evidence_end,
            "triggers": list(self.triggers),
            "fatalities": self.fatalities,
            "injuries": self.injuries,
            "actors": list(self.actors),
            "source": "; ".join(self.sources),
            "sources": list(self.sources),
        }

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        return {"type": "Feature", "geometry": self.place.geometry.__geo_interface__,
                "properties": self.properties()}


def to_frame(incidents: list[Incident]) -> "gpd.GeoDataFrame":
    """The incidents table: one row per incident, COLUMNS plus a WGS 84 geometry."""
    import geopandas as gpd  # on use: extracting incidents does not need it, only the table does

    rows = [incident.properties() for incident in incidents]
    # One geometry object per place: Place.geometry decodes the polygon anew at each call, and rows about
    # one oblast sharing its outline lets the writers simplify and encode it once (maps.export).
    shapes: dict[tuple[str, bytes | None], Any] = {}
    for place in (incident.place for incident in incidents):
        if (place.id, place.polygon_wkb) not in shapes:
            shapes[place.id, place.polygon_wkb] = place.geometry
    geometry = [shapes[incident.place.id, incident.place.polygon_wkb] for incident in incidents]
    return gpd.GeoDataFrame(rows, columns=COLUMNS, geometry=geometry, crs="EPSG:4326")
