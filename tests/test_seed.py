"""The defining example: `incident-map build` on the seed wire report against the analyst's coding."""

import json
from datetime import date

import pytest
import shapely

from gazetteer import distance_km
from geo import find_mentions
from incident_map.cli import main


@pytest.fixture(scope="module")
def expected(shared):
    return json.loads((shared / "seed" / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def built(shared, expected, tmp_path_factory):
    out = tmp_path_factory.mktemp("seed")
    article = shared / "seed" / expected["article"]
    assert main(["build", str(article), "-o", str(out), "--date", expected["reference_date"]]) == 0
    return json.loads((out / "incidents.geojson").read_text(encoding="utf-8"))["features"]


def _near(feature, want) -> bool:
    if want.get("geonameid"):
        return feature["properties"]["geonameid"] == want["geonameid"]
    if feature["properties"]["precision"] != want["precision"]:
        return False  # a zone is not found by the oblast that contains it
    geometry = shapely.geometry.shape(feature["geometry"])
    point = shapely.Point(want["lon"], want["lat"])
    if geometry.contains(point):
        return True
    nearest = shapely.ops.nearest_points(geometry, point)[0]
    return distance_km(nearest.y, nearest.x, want["lat"], want["lon"]) <= want["tolerance_km"]


def _dates(props) -> tuple[date, date]:
    if props.get("date"):
        day = date.fromisoformat(props["date"])
        return day, day
    return date.fromisoformat(props["date_start"]), date.fromisoformat(props["date_end"])


def test_every_required_incident_is_found(built, expected):
    for want in expected["incidents_required"]:
        here = [f for f in built if _near(f, want)]
        assert here, f"no incident at {want['place']}"
        found_types = {f["properties"]["event_type"] for f in here}
        assert set(want["event_types"]) <= found_types, want["place"]
        for feature in here:
            props = feature["properties"]
            assert props["precision"] == want["precision"], want["place"]
            assert props["verification"] == want["verification"], want["place"]
            if "sub_event_types" in want:
                assert props["sub_event_type"] in want["sub_event_types"], want["place"]
            start, end = _dates(props)
            if "date_range" in want:
                assert (start.isoformat(), end.isoformat()) == tuple(want["date_range"]), want["place"]
            else:
                accepted = {date.fromisoformat(d) for d in want.get("date_accept", [want["date"]])}
                assert start in accepted and end in accepted, (want["place"], start, end)
            assert props["evidence"] == want["evidence"]
            assert props["source"] == expected["article"]


def test_areas_are_polygons_and_settlements_points(built):
    for feature in built:
        kind = feature["geometry"]["type"]
        precision = feature["properties"]["precision"]
        assert (kind == "Point") == (precision == "point"), feature["properties"]["place_name"]


def test_the_zone_is_not_larger_than_the_analyst_allows(built, expected):
    zone = next(w for w in expected["incidents_required"] if w["precision"] == "zone")
    feature = next(f for f in built if f["properties"]["precision"] == "zone")
    minx, miny, maxx, maxy = shapely.geometry.shape(feature["geometry"]).bounds
    assert distance_km(miny, minx, maxy, maxx) <= zone["max_extent_km"] * 1.5  # a diagonal of the extent
    assert distance_km(miny, minx, miny, maxx) <= zone["max_extent_km"]


def test_no_incident_for_places_in_other_roles(built, expected, gazetteer):
    allowed = {w["place"] for w in expected["incidents_allowed_country_level"]}
    for other in expected["places_mentioned_not_incidents"]:
        wrong = {p.id for p in gazetteer.lookup(other["mention"])[:1]}
        for feature in built:
            props = feature["properties"]
            if props["place_id"] in wrong and props["place_name"] not in allowed:
                pytest.fail(f"{other['mention']} ({other['why']}) became an incident: {props['evidence']}")


def test_country_level_incidents_are_only_the_allowed_ones(built, expected):
    allowed = {(w["place"], t) for w in expected["incidents_allowed_country_level"] for t in w["event_types"]}
    for feature in built:
        props = feature["properties"]
        if props["precision"] == "country":
            assert (props["place_name"], props["event_type"]) in allowed


def test_never_places_are_not_recognised(shared, expected, gazetteer):
    text = (shared / "seed" / expected["article"]).read_text(encoding="utf-8")
    names = {m.text for m in find_mentions(text, gazetteer)}
    assert not names & set(expected["never_places"])
    assert {"Chernihiv", "Zhytomyr", "Kharkiv", "Kiev", "Moscow", "Istanbul"} <= names
