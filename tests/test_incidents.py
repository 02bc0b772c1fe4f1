"""Article to incidents: roles rejected, linking, dates, verification and merging, on sentences written for
these tests (reference date Wednesday 10 May 2023)."""

from datetime import date

import pytest

from geo import Article, article_incidents, extract
from geo.triggers import BATTLES, EXPLOSIONS, STRATEGIC

WEDNESDAY = date(2023, 5, 10)


@pytest.fixture
def incidents(gazetteer):
    def run(text: str, source: str = "a"):
        return article_incidents(Article(source, text), gazetteer, WEDNESDAY)

    return run


def places(found) -> set[str]:
    return {incident.place.name for incident in found}


def only(found, name: str):
    (incident,) = [i for i in found if i.place.name == name]
    return incident


# --- Roles: a place in one of these is never where the event happened ---------------------------------------

ROLES = [
    ("dateline", "LVIV, May 10 (Reuters) - Rockets hit Kherson overnight.", "Lviv", "Kherson"),
    ("speaker", "Warsaw said that drones had struck Odesa.", "Warsaw", "Odesa"),
    ("institution as a source", "The ministry in Kyiv reported heavy shelling of Sumy.", "Kyiv", "Sumy"),
    ("venue of talks", "Negotiators meeting in Geneva discussed the shelling of Kherson.", "Geneva",
     "Kherson"),
    ("party to an agreement", "Turkey signed a grain deal with Moldova as artillery pounded Kherson.",
     "Moldova", "Kherson"),
    ("addressee", "Officials accused Romania of ignoring the missile strikes on Odesa.", "Romania", "Odesa"),
    ("modifier", "Kharkiv natives were among the victims of shelling in Sumy.", "Kharkiv", "Sumy"),
]


@pytest.mark.parametrize(("why", "text", "rejected", "kept"), ROLES, ids=[r[0] for r in ROLES])
def test_places_in_roles_are_not_incidents(incidents, why, text, rejected, kept):
    found = places(incidents(text))
    assert rejected not in found, why
    assert kept in found, why


def test_an_institution_that_is_hit_is_where_the_event_happened(incidents):
    assert "Dnipro" in places(incidents("A missile hit the regional administration in Dnipro."))


def test_a_demand_is_no_incident(incidents):
    assert incidents("Moscow is demanding that Moldova withdraw its troops.") == []


def test_a_historical_event_is_no_incident(incidents):
    assert incidents("Mykolaiv was shelled in 2015, long before the current war.") == []
    found = incidents("Sevastopol, annexed in 2014, was struck by drones on Monday; Odesa was calm.")
    assert places(found) == {"Sevastopol"}
    assert only(found, "Sevastopol").date_start == date(2023, 5, 8)


def test_a_future_or_threatened_event_is_no_incident(incidents):
    assert incidents("The general warned that rockets will hit Kharkiv next week.") == []


def test_a_negated_event_is_no_incident(incidents):
    assert incidents("There was no shelling in Kharkiv overnight.") == []


# --- Linking ------------------------------------------------------------------------------------------------

def test_coordinated_places_share_the_event(incidents):
    found = incidents("Sumy and Poltava were hit by drones.")
    assert places(found) == {"Sumy", "Poltava"}
    assert {i.sub_event_type for i in found} == {"Air/drone strike"}


def test_there_points_to_the_previous_sentence(incidents):
    found = incidents("Our correspondent reached Kherson on Monday. Shelling continued there all night.")
    assert places(found) == {"Kherson"}


def test_the_city_points_to_the_previous_sentence(incidents):
    assert places(incidents("Mykolaiv was quiet at dawn. By noon, artillery was pounding the city.")) == {
        "Mykolayiv"}


def test_a_local_official_speaks_for_the_town_when_no_other_place_is_named(incidents):
    found = incidents("Poltava governor Ivan Petrenko said a drone hit a fuel depot.")
    assert places(found) == {"Poltava"}


def test_a_local_official_gives_way_to_a_place_named_in_the_sentence(incidents):
    assert places(incidents("Sumy's mayor said rockets hit Okhtyrka.")) == {"Okhtyrka"}


def test_officials_in_a_town_speak_for_it(incidents):
    assert places(incidents("Officials in Lutsk said a drone hit a warehouse.")) == {"Lutsk"}
    assert places(incidents("The mayor of Lutsk said rockets hit Kovel.")) == {"Kovel"}


def test_a_reference_point_is_no_place_of_the_event_unless_it_is_the_only_one(incidents):
    found = incidents("Troops repelled attacks near Soledar and Krasna Hora, north of Bakhmut.")
    assert places(found) == {"Soledar", "Krasna Hora"}
    assert places(incidents("Artillery shelled positions 10 km east of Kupiansk.")) == {"Kupyansk"}
    found = incidents("Russia said its forces had captured the village of Ivanivske near Bakhmut.")
    assert places(found) == {"Ivanivs'ke"}
    # Off a place the gazetteer lacks (the only Novoselivske it has is in Crimea), the reference stands in.
    found = incidents("Troops repelled attacks near Novoselivske, 15km northwest of Svatove, and Kupiansk.")
    assert places(found) == {"Svatove", "Kupyansk"}
    # Inside the place, not off it.
    assert places(incidents("Artillery shelled villages in the north of Kharkiv and Sumy.")) >= {"Sumy"}


def test_the_dateline_after_a_headline_and_a_byline_is_no_place_of_the_event(incidents):
    text = ("Missile strike kills four in Dnipro\n\nBy A. Reporter\n\n"
            "KYIV, Jan 14 (Reuters) - A Russian missile struck an apartment block in Dnipro on Saturday.")
    assert places(incidents(text)) == {"Dnipro"}


def test_forces_beside_violence_are_its_actors_not_a_development(incidents):
    found = incidents("Strikes killed three fighters in Okhtyrka.")
    assert {i.event_type for i in found} == {"Explosions/Remote violence"}
    found = incidents("Russian fighters were seen in Okhtyrka.")
    assert {(i.event_type, i.sub_event_type) for i in found} == {("Strategic developments", "Other")}


def test_a_general_word_pointing_back_has_the_type_of_the_event_before(incidents):
    found = incidents("An airstrike hit a village near Sumy. The attack hit a wedding in Okhtyrka.")
    assert only(found, "Okhtyrka").sub_event_type == "Air/drone strike"
    # Without a determiner it is an event of its own.
    found = incidents("An airstrike hit a village near Sumy. Troops attack Okhtyrka.")
    assert only(found, "Okhtyrka").event_type == "Battles"


def test_a_relative_clause_between_commas_ends_at_the_comma(incidents):
    found = incidents("The blast in Lutsk, which killed three people, left Kovel without power.")
    assert places(found) == {"Lutsk"}


def test_weapons_shot_down_are_disrupted_not_strikes(incidents):
    found = incidents("Air defence shot down four drones over Lutsk.")
    assert {i.sub_event_type for i in found} == {"Disrupted weapons use"}


def test_a_country_is_no_place_beside_a_finer_one_in_its_clause(incidents):
    assert places(incidents("Russia shelled farms near Okhtyrka with artillery.")) == {"Okhtyrka"}
    assert places(incidents("Rockets fired from Belarus struck Rivne.")) == {"Rivne"}


def test_a_country_alone_stays_an_incident(incidents):
    assert places(incidents("Drones struck Moldova at night.")) == {"Moldova"}


def test_a_visited_place_is_where_its_relative_clause_happened(incidents):
    found = incidents("The minister visited Irpin, where soldiers had executed civilians.")
    assert places(found) == {"Irpin"}


def test_the_owner_of_forces_is_no_place(incidents):
    assert places(incidents("The troops of Belarus shelled Chernihiv.")) == {"Chernihiv"}


def test_forces_before_the_event_leave_it_its_type(incidents):
    found = incidents("Enemy troops shelled the farms near Izium.")
    assert {i.sub_event_type for i in found} == {"Shelling/artillery/missile attack"}


def test_captured_before_a_name_is_a_taking_of_territory(incidents):
    found = incidents("Separatists captured Kreminna after heavy losses.")
    assert {(i.place.name, i.event_type) for i in found} == {("Kreminna", BATTLES)}


def test_a_place_in_another_clause_does_not_take_the_event(incidents):
    found = incidents("Rockets hit Kherson; in Odesa, residents held a concert.")
    assert places(found) == {"Kherson"}


def test_one_incident_per_place_and_type_in_a_sentence(incidents):
    found = incidents("Rockets and artillery shells hit Kherson and fighting raged nearby.")
    assert sorted(i.event_type for i in found) == sorted([EXPLOSIONS, BATTLES])
    assert "Rockets" in only_type(found, EXPLOSIONS).triggers  # every trigger of the type, in one incident


def test_a_capital_named_by_its_role_is_the_capital_city(incidents):
    text = "Kyiv, May 29 (dpa) - Russia launched a massive drone attack on the Ukrainian capital overnight."
    (found,) = incidents(text)
    assert (found.place.geonameid, found.place.kind) == (703448, "city")  # Kyiv, the city
    assert found.mention == "the Ukrainian capital"
    assert places(incidents("Drones struck Russia's capital.")) == {"Moscow"}
    assert places(incidents("The Ukrainian capital said drones were shot down over Sumy.")) == {"Sumy"}
    assert places(incidents("Fighting raged in the capital of Sudan.")) == {"Khartoum"}
    # "The capital" alone is the dateline's country's, here Ukraine's.
    assert places(incidents("KHARKIV, Ukraine (AP) - Missiles hit the capital overnight.")) == {"Kyiv"}
    assert places(incidents("Missiles hit the capital overnight.")) == set()


def test_a_capital_with_its_name_in_apposition_is_that_name(incidents):
    (found,) = incidents("Fighting spread in the Sudanese capital Khartoum.")
    assert (found.place.name, found.mention) == ("Khartoum", "Khartoum")
    (found,) = incidents("Rockets hit the Ukrainian capital, Kyiv.")
    assert found.mention == "Kyiv"
    # After a comma, another place begins a list: the capital stays.
    found = incidents("Rockets hit the Ukrainian capital, Kharkiv and Odesa.")
    assert places(found) == {"Kyiv", "Kharkiv", "Odesa"}


def only_type(found, event_type):
    (incident,) = [i for i in found if i.event_type == event_type]
    return incident


def test_a_weak_word_gives_way_to_a_named_event(incidents):
    # "troops in" (presence, 0.5) is the setting of the shelling, not a second incident.
    found = incidents("Russian troops in Kherson shelled the river port.")
    assert [i.event_type for i in found] == [EXPLOSIONS]


def test_a_weak_word_stands_when_nothing_better_is_there(incidents):
    found = incidents("Russian troops in Melitopol.")
    assert [(i.event_type, i.sub_event_type) for i in found] == [(STRATEGIC, "Other")]


# --- Dates --------------------------------------------------------------------------------------------------

DATES = [
    ("Drones struck Odesa on Monday.", date(2023, 5, 8), date(2023, 5, 8), "day"),
    ("Drones struck Odesa yesterday.", date(2023, 5, 9), date(2023, 5, 9), "day"),
    ("Drones struck Odesa during the night.", date(2023, 5, 9), date(2023, 5, 10), "night"),
    ("Drones struck Odesa last week.", date(2023, 5, 1), date(2023, 5, 7), "week"),
    ("Drones struck Odesa on May 3.", date(2023, 5, 3), date(2023, 5, 3), "day"),
    ("Drones struck Odesa.", WEDNESDAY, WEDNESDAY, "article"),
    # The statement's date is not the event's.
    ("Drones struck Odesa overnight, the governor said on Tuesday.", date(2023, 5, 9), date(2023, 5, 10),
     "night"),
]


@pytest.mark.parametrize(("text", "start", "end", "precision"), DATES)
def test_event_dates(incidents, text, start, end, precision):
    incident = only(incidents(text), "Odesa")
    assert (incident.date_start, incident.date_end, incident.date_precision) == (start, end, precision)


def test_each_clause_is_dated_by_its_own_expression(incidents):
    found = incidents("On Tuesday drones hit Sumy, while on Sunday rockets struck Kherson.")
    assert only(found, "Sumy").date_start == date(2023, 5, 9)
    assert only(found, "Kherson").date_start == date(2023, 5, 7)


# --- Verification -------------------------------------------------------------------------------------------

VERIFICATION = [
    ("Shelling hit Sumy.", "reported"),
    ("Shelling hit Sumy. The report could not be independently verified.", "unverified"),
    ("Russian drones allegedly struck Sumy.", "unverified"),
    ("Drones struck Sumy, which our reporters were unable to confirm.", "unverified"),
    ("Shelling hit Sumy. There was no independent confirmation of the toll.", "unverified"),
    ("Shelling hit Sumy, but the army denied it.", "disputed"),
    ("Local channels reported fires in Sumy. Satellite images showed no such fires.", "disputed"),
]


@pytest.mark.parametrize(("text", "verification"), VERIFICATION)
def test_verification(incidents, text, verification):
    assert only(incidents(text), "Sumy").verification == verification


# --- Merging ------------------------------------------------------------------------------------------------

def test_the_same_incident_in_two_articles_is_one_row_with_both_sources(gazetteer):
    articles = [
        Article("first", "Rockets hit Kherson on Monday.", WEDNESDAY),
        Article("second", "Kherson was hit by rockets early this week, killing two people.", WEDNESDAY),
    ]
    table = extract(articles, gazetteer)
    assert len(table) == 1
    row = table.iloc[0]
    assert row["sources"] == ["first", "second"]
    assert row["source"] == "first; second"
    assert row["date"] == "2023-05-08"  # the narrower report's date
    assert row["fatalities"] == 2


def test_different_days_or_sub_types_stay_apart(gazetteer):
    articles = [
        Article("first", "Rockets hit Kherson on Monday.", WEDNESDAY),
        Article("second", "Rockets hit Kherson on Saturday.", WEDNESDAY),
        Article("third", "A drone strike hit Kherson on Monday.", WEDNESDAY),
    ]
    assert len(extract(articles, gazetteer)) == 3


def test_a_report_joins_the_earliest_kept_incident_its_dates_overlap(incidents):
    """merge() finds kept incidents through the days they cover: the cases where a scan of them all and
    that index could differ, worked out by hand."""
    from dataclasses import replace

    from geo import merge

    (template,) = incidents("Rockets hit Kherson on Monday.")

    def report(source: str, start: tuple[int, int], end: tuple[int, int]):
        return replace(template, sources=(source,), date_start=date(2023, *start), date_end=date(2023, *end))

    monday, tuesday = report("mon", (5, 8), (5, 8)), report("tue", (5, 9), (5, 9))
    week = report("week", (5, 8), (5, 14))  # overlaps both days: joins Monday's, kept first
    assert [i.sources for i in merge([monday, tuesday, week])] == [("mon", "week"), ("tue",)]
    # A kept week narrowed to the Friday a later report names is found by that day, and no longer by Monday.
    friday = report("fri", (5, 12), (5, 12))
    assert [i.sources for i in merge([week, friday, monday])] == [("week", "fri"), ("mon",)]
    # Narrowed to a span reaching past the week, it is found by the new day too.
    weekend = report("weekend", (5, 14), (5, 15))
    assert [i.sources for i in merge([week, weekend, report("mon2", (5, 15), (5, 15))])] == [
        ("week", "weekend", "mon2")]
    # Spans longer than a month are not indexed by day, but still meet the days inside them.
    year = report("year", (1, 1), (12, 31))
    assert [i.sources for i in merge([year, tuesday])] == [("year", "tue")]
    assert [i.sources for i in merge([tuesday, year])] == [("tue", "year")]


def test_merging_a_batch_at_a_time_is_merging_them_all(incidents):
    """A run merges its articles' incidents as they come: the result must be merge() of all of them,
    which merging the merged list again is not (a kept incident's dates narrow as reports join it)."""
    from dataclasses import replace

    from geo import Merger, merge

    (template,) = incidents("Rockets hit Kherson on Monday.")

    def report(source: str, first: int, last: int):
        start, end = date(2023, 5, first), date(2023, 5, last)
        return replace(template, sources=(source,), date_start=start, date_end=end)

    x, y, z = report("x", 1, 10), report("y", 11, 11), report("z", 10, 11)
    assert [i.sources for i in merge([x, y, z])] == [("x", "z"), ("y",)]
    assert [i.sources for i in merge(merge([x, y, z]))] == [("x", "z", "y")]
    merger = Merger()
    merger.add([x, y])
    merger.add(iter([z]))
    assert merger.merged == merge([x, y, z])
