"""The place record every layer passes around."""

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import shapely

KINDS = ("country", "admin1", "city", "zone", "water", "region")
# How precisely an incident at a place of each kind is located (incidents.geojson `precision`).
PRECISION = {
    "city": "point",
    "admin1": "admin1",
    "country": "country",
    "zone": "zone",
    "region": "zone",
    "water": "zone",
}


@dataclass(frozen=True, slots=True)
class Place:
    """A named place: a settlement (a point) or an area (a point plus its polygon).

    `admin1` is the GeoNames admin-1 key ("UA.13" = Kyiv Oblast), `country` the ISO 3166-1 alpha-2
    code. Areas without a GeoNames id (seas, the Chernobyl Exclusion Zone) have `geonameid` None.
    """

    id: str
    name: str
    kind: str
    lat: float
    lon: float
    country: str | None = None
    admin1: str | None = None
    population: int = 0
    geonameid: int | None = None
    polygon_wkb: bytes | None = field(default=None, repr=False, compare=False)

    @property
    def point(self) -> "shapely.Point":
        import shapely  # imported on use: finding and naming places needs no geometry library

        return shapely.Point(self.lon, self.lat)

    @property
    def geometry(self) -> "shapely.Geometry":
        """The polygon of an area, the point of a settlement."""
        import shapely

        return shapely.from_wkb(self.polygon_wkb) if self.polygon_wkb else self.point

    @property
    def precision(self) -> str:
        return PRECISION[self.kind]

    def encloses(self, other: "Place") -> bool:
        """Whether this country or admin-1 region contains the other place, by their codes."""
        if self.kind == "country":
            return other.country == self.country and other.id != self.id
        if self.kind == "admin1":
            return other.admin1 == self.admin1 and other.id != self.id
        return False

    def properties(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "geonameid": self.geonameid,
            "name": self.name,
            "kind": self.kind,
            "country": self.country,
            "admin1": self.admin1,
            "population": self.population,
            "lat": self.lat,
            "lon": self.lon,
        }

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        return {
            "type": "Feature",
            "geometry": self.geometry.__geo_interface__,
            "properties": self.properties(),
        }
