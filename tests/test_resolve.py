"""Which place a name means in its article: sentences written for these tests."""

import pytest

from gazetteer import Place, distance_km
from gazetteer.build import LISTING_SHIFT, OWN, WORD
from gazetteer.store import scored
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
        # Neither name is clear alone, but the state both have a town in is where the article is.
        ("The choir sang in Lancaster and Harrisburg.", "Lancaster", "US", "US.PA"),
        # A county is no place of the gazetteer, but the states that have one named so vote (US counties).
        ("Deputies from Orange County searched a lake near Windermere.", "Windermere", "US", "US.FL"),
        ("The Tompkins County Sheriff said a barn in Dryden burned.", "Dryden", "US", "US.NY"),
        # A town's offices or people make a name a town, not the country, in the whole article.
        ("The Lebanon City Council met on Monday.", "Lebanon", "US", None),
    ],
)
def test_context_chooses_the_place(gazetteer, text, name, country, admin1):
    place = place_of(text, name, gazetteer)
    assert place.country == country
    if admin1:
        assert place.admin1 == admin1


def test_a_name_called_a_town_once_is_the_town_throughout(gazetteer):
    text = "James Hale, 36, of Palestine, was charged. A Palestine man saw it."
    assert [m.place.country for m in find_mentions(text, gazetteer)] == ["US", "US"]


def test_a_place_named_near_another_is_its_namesake_near_it_or_none(gazetteer):
    # Bare, Ozera is the gazetteer's village in Zhytomyr Oblast; the one near Hostomel it lacks.
    assert place_of("Shelling hit Ozera.", "Ozera", gazetteer).admin1 == "UA.18"
    ozera, hostomel = find_mentions("Vehicles burned on a road in Ozera close to Hostomel.", gazetteer)
    assert ozera.place is None and hostomel.role == "reference"
    village = place_of("Troops took the village of Ivanivske near Bakhmut.", "Ivanivske", gazetteer)
    assert village.admin1 == "UA.05"  # Donetsk Oblast, as Bakhmut
    # Off another by a distance and a direction: the gazetteer's only Novoselivske is in Crimea, 600 km off.
    text = "Troops repelled attacks near Novoselivske, 15km northwest of Svatove."
    novoselivske, svatove = find_mentions(text, gazetteer)
    assert novoselivske.place is None and svatove.role == "reference"
    # A direction alone reaches further: Kherson is 60 km from Mykolaiv.
    assert place_of("Shelling hit Kherson, east of Mykolaiv.", "Kherson", gazetteer).admin1 == "UA.08"
    # An area is no settlement to place by distance.
    gulf = place_of("Rain fell on the Gulf of Mexico near Beaumont.", "Gulf of Mexico", gazetteer)
    assert gulf.kind == "water"


def test_after_a_town_a_name_is_the_region_that_holds_it(gazetteer):
    # "Town, Region": the second name is the region, though a bare "Kharkiv" is the city.
    text = "Shops shut in Chuhuiv, Kharkiv, after the blast."
    assert place_of(text, "Kharkiv", gazetteer).kind == "admin1"
    # So it is after a town the gazetteer does not know.
    text = "A barn burned in Smalltown, Kharkiv, on Monday."
    assert place_of(text, "Kharkiv", gazetteer).kind == "admin1"
    # In a list of towns it is one more town.
    text = "Shops shut in Chuhuiv, Kharkiv and Poltava."
    assert place_of(text, "Kharkiv", gazetteer).kind == "city"


def test_a_town_the_region_after_it_does_not_hold_is_left_unresolved(gazetteer):
    # The gazetteer has no Lviv in Ohio; the one in Ukraine is not the town meant.
    for text in ("A barn burned in Lviv, Ohio, on Sunday.", "A barn burned in Lviv in the Ohio region."):
        found = {m.text: m.place for m in find_mentions(text, gazetteer)}
        assert found["Lviv"] is None
        assert found["Ohio"].admin1 == "US.OH"


def test_a_town_in_the_region_named_after_it_is_the_one_there(gazetteer):
    assert place_of("Floods reached Perth in the province of Ontario.", "Perth", gazetteer).admin1 == "CA.08"


def test_a_region_word_ending_a_name_asks_nothing_of_the_name_after_it(gazetteer):
    # "Kherson region" is one name; "region of Ukraine" does not make Ukraine an admin-1 region.
    assert place_of("Rockets hit the Kherson region of Ukraine.", "Ukraine", gazetteer).kind == "country"
    assert place_of("Rockets hit the region of Kharkiv.", "Kharkiv", gazetteer).kind == "admin1"
    # A plural region word after a list of names makes each of them a region.
    text = "Drones were shot down over the Odesa, Mykolaiv and Kherson oblasts."
    assert [m.place.kind for m in find_mentions(text, gazetteer)] == ["admin1"] * 3
    # With an adjective between.
    assert place_of("A drone hit the Russian region of Bryansk.", "Bryansk", gazetteer).kind == "admin1"
    assert place_of("Shelling hit the southern region of Kherson.", "Kherson", gazetteer).kind == "admin1"
    region = place_of("Shells hit the Russian border region of Belgorod.", "Belgorod", gazetteer)
    assert region.kind == "admin1"


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


def _flags(own: bool, listings: int) -> int:
    return (OWN if own else 0) | WORD | listings << LISTING_SHIFT


def test_an_exonym_many_languages_list_outweighs_a_smaller_namesakes_own_name():
    # Made-up places: Brenovo (900,000) is written "Brenau" in three languages; Brenau (95,000) is a
    # town of its own name elsewhere.
    city = Place("geonames:1", "Brenovo", "city", 45.0, 20.0, "XA", None, 900_000)
    town = Place("geonames:2", "Brenau", "city", 40.0, -90.0, "XB", None, 95_000)
    assert scored([(town, _flags(True, 2)), (city, _flags(False, 3))])[0][0] is city
    # One odd listing of the name does not: the town's own name wins.
    assert scored([(town, _flags(True, 2)), (city, _flags(False, 1))])[0][0] is town
    # A region's alternate names merge several sources: their count does not weigh.
    region = Place("admin1:XA.01", "Brenovo Land", "admin1", 45.0, 20.0, "XA", "XA.01", 900_000)
    assert scored([(town, _flags(True, 2)), (region, _flags(False, 5))])[0][0] is town


def test_a_bare_exonym_of_a_large_city_is_the_city(gazetteer):
    assert gazetteer.lookup("Odessa")[0].country == "UA"
