"""Which words are place mentions: sentences written for these tests, not taken from any corpus."""

import pytest

from geo import find_mentions


def names(text, gazetteer, **options):
    return [m.text for m in find_mentions(text, gazetteer, **options)]


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("Flooding closed roads between Lyon and Grenoble on Sunday.", ["Lyon", "Grenoble"]),
        ("The mayor of Santa Fe, N.M., spoke first.", ["Santa Fe", "N.M."]),
        ("Officials in the U.S. and the UK disagreed.", ["U.S.", "UK"]),
        ("A bridge over the Ohio River in Jefferson County was shut.", ["Ohio River", "Jefferson County"]),
        ("Trade between the EU and Africa grew.", ["EU", "Africa"]),
        ("The Poltava Pedagogical Institute lost its roof.", ["Poltava"]),  # the town of an institution
        ("Smoke rose over houses in zaporizhzhia at dawn.", ["zaporizhzhia"]),  # lower case after "in"
        ("They lived in peace in Lviv.", ["Lviv"]),
        ("Can the talks in Ankara go on?", ["Ankara"]),  # "CAN" is Canada's code, not the word "Can"
        ("He moved from Mobile, Ala., to Muncie, Ind., in May.", ["Mobile", "Ala.", "Muncie", "Ind."]),
        # A dateline in capitals names a place even when the word is common or looks like an acronym.
        ("OMAHA, Neb. (AP) — Rain fell all day.", ["OMAHA", "Neb."]),
        ("CAIRO — Talks resumed on Monday.", ["CAIRO"]),
        # At a sentence start a word of middling frequency names its city ("Toledo", Zipf 3.5).
        ("Toledo officials closed the bridge.", ["Toledo"]),
        # A headline that runs on into its dateline on one line.
        ("Council cuts budget. CHARLESTON, W.Va. — The council met.", ["CHARLESTON", "W.Va."]),
        ("She moved from Ghana to America in 1990.", ["Ghana", "America"]),
        ("Growth in Latin America slowed.", ["Latin America"]),
        # A county the gazetteer knows only by name, followed by one of its offices.
        ("The Tompkins County Sheriff said a barn in Dryden burned.", ["Tompkins County", "Dryden"]),
        ("Trucks queued on the Kharkiv-Kyiv highway.", ["Kharkiv", "Kyiv"]),  # hyphened places
        # A first name naming a small town is the town after a preposition of place, with no surname.
        ("Floods reached houses in Selma overnight.", ["Selma"]),
        ("Storms flattened barns across the Selma area.", ["Selma"]),  # before a word for an area
        # A participle opening a caption is no word of the name after it.
        ("Bombed Lviv, four hurt", ["Lviv"]),
        # The town of an institution whose name has lower-case words in it.
        ("Windows broke at the Sumy Agrarian and Technical College.", ["Sumy"]),
    ],
)
def test_names_are_found_with_their_whole_span(gazetteer, text, wanted):
    assert names(text, gazetteer) == wanted


@pytest.mark.parametrize(
    ("text", "not_places"),
    [
        ("Mrs. Lincoln wrote to her sister in Boston.", {"Lincoln"}),
        ("Goalkeeper Andrew Trapani saved twice.", {"Trapani"}),
        ("Capt. Roy A. Nelson said the door was locked.", {"Nelson", "Roy"}),
        ("Tyler Brooks scored the winner.", {"Tyler"}),
        ("The award went in Selma Blair's name to a charity.", {"Selma"}),
        # A feature word ending a name the gazetteer lacks is not a place of its own ("Island": Iceland).
        ("Ferries to Goat Island ran late.", {"Island"}),
        ("A Milan M3 missile hit the truck.", {"Milan"}),  # a product named after a place, by its model code
        ("Growth slowed in the West while Central banks waited.", {"West", "Central"}),
        ("Prices rose in May and fell on Friday.", {"May", "Friday"}),
        ("And the talks went on.", {"And"}),  # Andorra's code AND, written in capitals only
        ("The prize went to Anna van Breda of the rowing club.", {"Breda"}),  # a surname after a particle
        ("She joined the Ohaneze-Aba youth wing.", {"Aba"}),  # a rare word hyphened to it: one name
        ("Critics of SPLIT, the film, left early.", {"SPLIT"}),  # capitals that open no line: no dateline
        ("Voters cheered. AMLO, as he is known, spoke.", {"AMLO"}),  # a comma alone ends no run-on dateline
        ("“He’d been there a while,” she said.", {"He’d"}),  # a contraction, not Algeria's El Hed
        # A first-level unit as small as a village (Slovenia's municipality Štore) is no area that
        # makes the common word a place.
        ("Store owners swept up glass.", {"Store"}),
    ],
)
def test_words_that_are_not_places_here(gazetteer, text, not_places):
    assert not set(names(text, gazetteer)) & not_places


def test_a_person_once_is_a_person_throughout(gazetteer):
    text = "Coach Brian Welch arrived. Later Welch praised the defence in Leeds."
    assert names(text, gazetteer) == ["Leeds"]


def test_an_organisation_named_after_a_place_leaves_the_place_a_place_elsewhere(gazetteer):
    text = "The Leeds Rhinos lost on Friday. Later, fans in Leeds cheered."
    assert [m.start for m in find_mentions(text, gazetteer)] == [text.rindex("Leeds")]


def test_demonyms_only_when_asked_and_resolved_to_their_country(gazetteer):
    text = "Turkish mediators met Sri Lankan envoys in Geneva."
    assert names(text, gazetteer) == ["Geneva"]
    found = find_mentions(text, gazetteer, demonyms=True)
    assert [(m.text, m.kind, m.place.country) for m in found] == [
        ("Turkish", "demonym", "TR"),
        ("Sri Lankan", "demonym", "LK"),
        ("Geneva", "city", "CH"),
    ]


def test_an_adjective_is_not_read_as_a_small_town_of_that_name(gazetteer):
    # Towns called "Canadian" exist; the adjective means Canada, and is no place without demonyms.
    text = "Canadian officials met their Mexican hosts."
    assert names(text, gazetteer) == []
    found = find_mentions(text, gazetteer, demonyms=True)
    assert [(m.text, m.kind, m.place.country) for m in found] == [
        ("Canadian", "demonym", "CA"),
        ("Mexican", "demonym", "MX"),
    ]


def test_a_county_the_gazetteer_lacks_is_found_but_not_placed(gazetteer):
    (mention,) = find_mentions("Deputies searched Walker County overnight.", gazetteer)
    assert (mention.text, mention.place) == ("Walker County", None)
