"""Which place a name means in its article: sentences written for these tests."""

import pytest

from gazetteer import distance_km
from geo import find_mentions


def place_of(text, name, gazetteer):
    return next(m.place for m in find_mentions(text, gazetteer) if m.text == name)


@pytest.mark.parametrize(
    ("text", "name", "country", "admin1"),
    [
        ("Paris, Texas, held a rodeo.", "Paris", "US", "US.TX"),
        ("The Paris council met on Tuesday.", "Paris", "FR", None),
        # A US article still means England by a bare London: the prior outweighs the country vote.
        ("Fans from Chicago and Boston flew to London for the match.", "London", "GB", None),
        # Named counties and a state make a small Texas town the one meant.
        (
            "Rain fell across Texas. In Gainesville, near Denton, schools closed.",
            "Gainesville",
            "US",
            "US.TX",
        ),
        ("Voters in California and Nevada went to the polls.", "California", "US", "US.CA"),
        ("Georgia and Armenia signed a treaty.", "Georgia", "GE", None),
        ("Atlanta and Savannah are the largest cities of Georgia.", "Georgia", "US", "US.GA"),
    ],
)
def test_context_chooses_the_place(gazetteer, text, name, country, admin1):
    place = place_of(text, name, gazetteer)
    assert place.country == country
    if admin1:
        assert place.admin1 == admin1


def test_one_sense_per_name_per_article(gazetteer):
    found = find_mentions(
        "In Springfield, Illinois, the mayor spoke. Roads in Springfield were shut.", gazetteer
    )
    places = {m.place.id for m in found if m.text == "Springfield"}
    assert len(places) == 1


@pytest.mark.parametrize(
    ("name", "lat", "lon"),
    [
        ("United States", 39.76, -98.5),
        ("Russia", 60.0, 100.0),
        ("Europe", 48.69, 9.14),
        ("China", 35.0, 105.0),
    ],
)
def test_countries_and_continents_sit_at_their_geonames_points(gazetteer, name, lat, lon):
    place = gazetteer.lookup(name)[0]
    assert distance_km(place.lat, place.lon, lat, lon) < 50


def test_a_state_is_not_demoted_by_a_small_namesake_town(gazetteer):
    assert gazetteer.lookup("Nebraska")[0].kind == "admin1"
    assert gazetteer.lookup("Kharkiv")[0].kind == "city"
