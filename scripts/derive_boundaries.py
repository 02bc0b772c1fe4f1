"""Derive the small boundary files committed in gazetteer/data/ from ../shared/data/boundaries/.

Run once by a developer (`python scripts/derive_boundaries.py`); users never need ../shared.
Polygons are simplified again (coverage simplification keeps shared borders shared), coordinates
rounded to 3 decimals (about 100 m) and only the fields the gazetteer reads are kept.
"""

import argparse
import gzip
import json
from pathlib import Path

import geopandas as gpd
import shapely

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "data" / "boundaries"
OUT = REPO / "gazetteer" / "data"
TOLERANCE = 0.02  # degrees; a point-in-oblast test does not need finer borders


def read(name: str) -> gpd.GeoDataFrame:
    return gpd.read_file(f"/vsigzip/{SHARED / name}")


def polygons_of(geom):
    # Mend each part alone: a few source polygons self-intersect, and GEOS cannot mend their union.
    polygons = [
        part if part.is_valid else part.buffer(0)
        for part in shapely.get_parts(geom)
        if part.geom_type == "Polygon"
    ]
    polygons = [poly for part in polygons for poly in shapely.get_parts(part) if not poly.is_empty]
    return shapely.MultiPolygon(polygons) if len(polygons) > 1 else (polygons or [shapely.Polygon()])[0]


def simplify(frame: gpd.GeoDataFrame, coverage: bool) -> gpd.GeoDataFrame:
    # Some source features are geometry collections; only their polygons are areas.
    geoms = frame.geometry.apply(polygons_of)
    frame, geoms = frame[~geoms.is_empty], geoms[~geoms.is_empty].make_valid()
    geoms = shapely.coverage_simplify(geoms.values, TOLERANCE) if coverage else geoms.simplify(TOLERANCE)
    frame = frame.set_geometry(shapely.set_precision(shapely.make_valid(geoms), 0.001))
    return frame[~frame.geometry.is_empty]


def write(frame: gpd.GeoDataFrame, name: str) -> None:
    collection = json.loads(frame.to_json(drop_id=True))
    with gzip.open(OUT / name, "wt", encoding="utf-8") as fh:
        json.dump(collection, fh, ensure_ascii=False, separators=(",", ":"))
    print(f"{name}: {len(frame)} features, {(OUT / name).stat().st_size / 1e6:.2f} MB")


def main() -> None:
    argparse.ArgumentParser(description=__doc__).parse_args()
    OUT.mkdir(parents=True, exist_ok=True)

    admin1 = read("admin1_geonames.geojson.gz")
    write(simplify(admin1[["key", "geonameid", "ne_names", "geometry"]], coverage=True), "admin1.geojson.gz")

    countries = read("admin0_countries.geojson.gz")
    # A code's small dependencies (Clipperton I., Brazilian Island) are not the country itself;
    # features without an ISO code are disputed or uninhabited areas.
    countries = countries[countries.ISO_A2_EH != "-99"].sort_values("POP_EST", ascending=False)
    countries = countries.drop_duplicates("ISO_A2_EH")
    fields = [
        "ISO_A2_EH",
        "NAME",
        "NAME_EN",
        "NAME_LONG",
        "FORMAL_EN",
        "NAME_ALT",
        "NAME_UK",
        "NAME_RU",
        "POP_EST",
        "LABEL_X",
        "LABEL_Y",
    ]
    write(simplify(countries[fields + ["geometry"]], coverage=True), "countries.geojson.gz")

    # Named areas news uses that no city list has: seas, peninsulas and other physical regions,
    # and the approximate Donbas and Chernobyl Exclusion Zone polygons.
    marine = read("ne_marine_polys.geojson.gz").assign(kind="water")
    regions = read("ne_region_polys.geojson.gz")
    regions = regions[regions.featurecla != "Dragons-be-here"].assign(kind="region")
    natural = gpd.pd.concat([marine, regions], ignore_index=True)
    natural = natural.assign(name=natural["name"].str.strip(), alt_names=natural["namealt"].fillna(""))
    derived = read("derived_ukraine_areas.geojson.gz")
    derived = derived[derived.geometry.geom_type != "Point"]
    derived = derived.assign(kind=derived["kind"].replace({"restricted_area": "zone"}))
    areas = gpd.pd.concat([natural, derived], ignore_index=True)[["name", "alt_names", "kind", "geometry"]]
    write(simplify(areas[areas["name"].notna()], coverage=False), "areas.geojson.gz")


if __name__ == "__main__":
    main()
