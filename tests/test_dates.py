"""Dates from datelines and time expressions. Reference days chosen for their edges:
2022-03-28 is a Monday, 2023-01-01 a Sunday and the first of a year, 2024-03-01 the first of a month
after a leap day, 2022-03-26 a Saturday."""

from datetime import date

import pytest

from geo.dates import DateSpan, article_date, find_all, resolve

MONDAY = date(2022, 3, 28)
SATURDAY = date(2022, 3, 26)
NEW_YEAR_SUNDAY = date(2023, 1, 1)
AFTER_LEAP_DAY = date(2024, 3, 1)  # a Friday


def when(sentence: str, reference: date) -> tuple[str, str, str, str]:
    span = resolve(sentence, reference)
    assert span is not None, sentence
    return span.start.isoformat(), span.end.isoformat(), span.precision, span.relation


# --- Relative days --------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, reference, expected", [
    ("Drones struck a fuel depot near Lutsk today.", MONDAY, ("2022-03-28", "2022-03-28", "day", "past")),
    ("A grain silo burned in Mykolaiv yesterday.", NEW_YEAR_SUNDAY,
     ("2022-12-31", "2022-12-31", "day", "past")),
    ("Yesterday, a bridge near Izium was blown up.", AFTER_LEAP_DAY,
     ("2024-02-29", "2024-02-29", "day", "past")),
    ("Sappers cleared mines in Irpin the day before yesterday.", AFTER_LEAP_DAY,
     ("2024-02-28", "2024-02-28", "day", "past")),
    ("Shelling of Nikopol resumed three days ago.", AFTER_LEAP_DAY,
     ("2024-02-27", "2024-02-27", "day", "past")),
    ("A convoy was ambushed 10 days ago outside Sumy.", NEW_YEAR_SUNDAY,
     ("2022-12-22", "2022-12-22", "day", "past")),
])
def test_relative_days(sentence, reference, expected):
    assert when(sentence, reference) == expected


# --- Weekdays -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, reference, expected", [
    # The reference's own weekday is the reference day itself.
    ("A rail depot in Fastiv was hit on Monday.", MONDAY, "2022-03-28"),
    ("Mortar fire killed two farmers near Vuhledar on Sunday.", MONDAY, "2022-03-27"),
    ("Tuesday saw heavy fighting around Popasna.", MONDAY, "2022-03-22"),
    ("Partisans sabotaged a train on Friday, regional officials say.", NEW_YEAR_SUNDAY, "2022-12-30"),
    ("On Sunday, missiles fell on Zaporizhzhia.", NEW_YEAR_SUNDAY, "2023-01-01"),
    ("Russian aircraft bombed Lysychansk on Thursday afternoon.", AFTER_LEAP_DAY, "2024-02-29"),
    # "last Monday" said on a Monday is a week back, not the same day.
    ("Troops withdrew from Kupiansk last Monday.", MONDAY, "2022-03-21"),
    ("A hospital in Kherson was struck last Saturday.", SATURDAY, "2022-03-19"),
])
def test_weekdays(sentence, reference, expected):
    assert when(sentence, reference) == (expected, expected, "day", "past")


# --- Nights ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("phrase", ["overnight", "during the night", "last night", "at night",
                                    "in the early hours"])
def test_night_before_the_reference(phrase):
    assert when(f"Air defences over Dnipro were active {phrase}.", AFTER_LEAP_DAY) == \
        ("2024-02-29", "2024-03-01", "night", "past")


def test_early_hours_of_a_weekday():
    assert when("Explosions shook Odesa in the early hours of Sunday.", MONDAY) == \
        ("2022-03-26", "2022-03-27", "night", "past")


@pytest.mark.parametrize("reference", [date(2022, 3, 29), MONDAY])
def test_weekday_night_runs_into_the_next_morning(reference):
    assert when("On Monday night a drone hit a substation in Konotop.", reference) == \
        ("2022-03-28", "2022-03-29", "night", "past")


# --- Weeks, weekends, months ----------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, reference, expected", [
    ("Last week, saboteurs damaged a pipeline near Shostka.", MONDAY, ("2022-03-21", "2022-03-27", "week")),
    ("Last week, saboteurs damaged a pipeline near Shostka.", NEW_YEAR_SUNDAY,
     ("2022-12-19", "2022-12-25", "week")),
    ("Fighting intensified near Marinka this week.", NEW_YEAR_SUNDAY, ("2022-12-26", "2023-01-01", "week")),
    ("Earlier this week, a school in Okhtyrka was shelled.", MONDAY, ("2022-03-28", "2022-03-28", "week")),
    ("Gunfire was heard in Bucha over the weekend.", MONDAY, ("2022-03-26", "2022-03-27", "range")),
    ("Gunfire was heard in Bucha over the weekend.", NEW_YEAR_SUNDAY, ("2022-12-31", "2023-01-01", "range")),
    ("Two depots burned at the weekend.", SATURDAY, ("2022-03-26", "2022-03-26", "range")),
    ("Kyiv's suburbs were mined last month.", NEW_YEAR_SUNDAY, ("2022-12-01", "2022-12-31", "month")),
    ("Kyiv's suburbs were mined last month.", AFTER_LEAP_DAY, ("2024-02-01", "2024-02-29", "month")),
    ("Earlier this month, power lines near Kramatorsk were cut.", AFTER_LEAP_DAY,
     ("2024-03-01", "2024-03-01", "month")),
    ("The dam was breached two weeks ago.", MONDAY, ("2022-03-11", "2022-03-17", "week")),
    ("The village has been shelled since Friday.", MONDAY, ("2022-03-25", "2022-03-28", "range")),
    ("Over the past 24 hours, rockets hit Sloviansk.", MONDAY, ("2022-03-27", "2022-03-28", "range")),
])
def test_periods(sentence, reference, expected):
    assert when(sentence, reference) == (*expected, "past")


# --- Absolute dates -------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, reference, expected", [
    ("Artillery hit Avdiivka on March 21.", MONDAY, ("2022-03-21", "2022-03-21", "day")),
    ("Artillery hit Avdiivka on 21 March.", MONDAY, ("2022-03-21", "2022-03-21", "day")),
    ("Artillery hit Avdiivka on the 21st of March.", MONDAY, ("2022-03-21", "2022-03-21", "day")),
    ("Artillery hit Avdiivka on March 21, 2022.", MONDAY, ("2022-03-21", "2022-03-21", "day")),
    ("Artillery hit Avdiivka on Monday, March 21.", MONDAY, ("2022-03-21", "2022-03-21", "day")),
    # No year, and this year's date would be after the reference: the previous year.
    ("A ferry was seized on December 30.", NEW_YEAR_SUNDAY, ("2022-12-30", "2022-12-30", "day")),
    ("A ferry was seized on April 2.", MONDAY, ("2021-04-02", "2021-04-02", "day")),
    ("Dozens fled Mariupol between March 1 and 5.", MONDAY, ("2022-03-01", "2022-03-05", "range")),
    ("Dozens fled Mariupol between 1 and 5 March.", MONDAY, ("2022-03-01", "2022-03-05", "range")),
    ("The port was blockaded from December 28 to January 3.", date(2023, 1, 5),
     ("2022-12-28", "2023-01-03", "range")),
    ("Trenches were dug near Hostomel in early March.", MONDAY, ("2022-03-01", "2022-03-10", "range")),
    ("A column stalled near Ivankiv in mid-March.", MONDAY, ("2022-03-11", "2022-03-20", "range")),
    ("Troops massed near Belgorod in late February.", MONDAY, ("2022-02-21", "2022-02-28", "range")),
    ("Troops massed near Belgorod in late February.", AFTER_LEAP_DAY, ("2024-02-21", "2024-02-29", "range")),
    ("Civilians left Enerhodar in March.", MONDAY, ("2022-03-01", "2022-03-28", "month")),
    ("The report on 2022-03-21 described a strike in Bakhmut.", MONDAY, ("2022-03-21", "2022-03-21", "day")),
])
def test_absolute_dates(sentence, reference, expected):
    assert when(sentence, reference) == (*expected, "past")


def test_leap_day_in_a_common_year_is_no_date():
    assert resolve("Strikes were reported on February 29.", date(2023, 3, 10)) is None


def test_a_date_across_new_year_is_not_history():
    assert when("A strike on December 30, 2022 destroyed a bakery.", NEW_YEAR_SUNDAY) == \
        ("2022-12-30", "2022-12-30", "day", "past")


# --- Future and history ---------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, reference, expected", [
    ("On Tuesday, talks will resume in Minsk.", MONDAY, ("2022-03-29", "2022-03-29")),
    # The reference's own weekday in a future clause is the reference day, still future.
    ("Negotiators are expected to meet on Monday.", MONDAY, ("2022-03-28", "2022-03-28")),
    ("Officials say a prisoner exchange could happen on Saturday.", MONDAY, ("2022-04-02", "2022-04-02")),
    ("A donor conference is scheduled for April 4.", MONDAY, ("2022-04-04", "2022-04-04")),
    ("Evacuations from Sumy continue tomorrow.", NEW_YEAR_SUNDAY, ("2023-01-02", "2023-01-02")),
    ("Inspectors visit the plant next week.", NEW_YEAR_SUNDAY, ("2023-01-02", "2023-01-08")),
    ("The corridor reopens later today.", MONDAY, ("2022-03-28", "2022-03-28")),
])
def test_future(sentence, reference, expected):
    start, end, _, relation = when(sentence, reference)
    assert (start, end, relation) == (*expected, "future")


@pytest.mark.parametrize("sentence", [
    "Chernobyl's reactor exploded in 1986.",
    "Russia annexed Crimea in 2014.",
    "The bridge was built last year.",
    "Kharkiv was occupied in May 2021, a veteran recalled.",
])
def test_historical(sentence):
    assert resolve(sentence, MONDAY).relation == "historical"


# --- Several expressions, and none ----------------------------------------------------------------------

def test_first_past_event_expression_wins_over_future_and_history():
    sentence = "Russia, which seized Crimea in 2014, shelled Kherson on Sunday and will hold drills next week"
    assert [s.relation for s in find_all(sentence, MONDAY)] == ["historical", "past", "future"]
    assert when(sentence, MONDAY) == ("2022-03-27", "2022-03-27", "day", "past")


def test_the_date_of_a_statement_yields_to_the_date_of_the_event():
    sentence = "The mayor told Ukrainska Pravda on Monday that a tanker exploded in Chornomorsk on Saturday."
    spans = find_all(sentence, MONDAY)
    assert [(s.text, s.statement) for s in spans] == [("Monday", True), ("Saturday", False)]
    assert resolve(sentence, MONDAY).start == date(2022, 3, 26)


def test_a_statement_date_alone_still_dates_the_sentence():
    assert when("Shelling in Kharkiv killed four, the governor said on Sunday.", MONDAY)[0] == "2022-03-27"


def test_only_future_expressions_give_the_first_future_one():
    span = resolve("Peskov said on Monday that talks would resume on Tuesday.", MONDAY)
    assert (span.text, span.relation) == ("Monday", "past")
    span = resolve("Talks would resume on Tuesday, and a ceasefire next week.", MONDAY)
    assert (span.text, span.relation) == ("Tuesday", "future")


def test_text_and_offsets():
    sentence = "Witnesses saw flares over Kreminna late on Saturday night."
    span = resolve(sentence, MONDAY)
    assert sentence[span.text_start:span.text_end] == span.text == "Saturday night"
    assert (span.start, span.end, span.precision) == (date(2022, 3, 26), date(2022, 3, 27), "night")


@pytest.mark.parametrize("sentence", [
    "Residents may flee if the dam fails.",
    "Thousands joined a march on Kyiv's main square.",
    "Volunteers deliver bread on Sundays.",
    "The curfew starts at 5:30 each evening in 12 districts.",
    "Russian forces shelled the outskirts of Chuhuiv.",
])
def test_no_time_expression(sentence):
    assert resolve(sentence, MONDAY) is None


def test_article_span():
    assert DateSpan.article(MONDAY) == DateSpan(MONDAY, MONDAY, "article")


# --- Datelines ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, default, expected", [
    ("Kyiv, April 3,(dpa) – Rescue teams searched the rubble.", date(2022, 4, 1), date(2022, 4, 3)),
    ("KHARKIV, Ukraine (AP) — Sirens sounded again on May 2.", date(2022, 5, 4), date(2022, 5, 4)),
    ("WARSAW, 7 April 2022 (Reuters) - Refugees crossed at Medyka.", None, date(2022, 4, 7)),
    ("April 7, 2022 — Refugees crossed at Medyka.", date(2023, 1, 1), date(2022, 4, 7)),
    # The dateline's day and month win; the year is the one nearest the default, here across New Year.
    ("ODESA, Dec. 31 (Xinhua) -- Ships left port.", date(2023, 1, 2), date(2022, 12, 31)),
    ("ODESA, Jan. 2 (Xinhua) -- Ships left port.", date(2022, 12, 30), date(2023, 1, 2)),
    # Only the dateline counts: a date further on is not the article's.
    ("LVIV (Reuters) - The governor said shelling on March 20 destroyed a depot.", date(2022, 3, 25),
     date(2022, 3, 25)),
    ("Update from the front lines of eastern Ukraine, as reported by our correspondents on the ground "
     "in the Donbas region, March 20", date(2022, 3, 25), date(2022, 3, 25)),
    # After a headline and a byline; but a later line with no dash is body text, not a dateline.
    ("Missile kills four in Dnipro\n\nBy A. Reporter\n\nKYIV, Jan 14 (Reuters) - A missile struck.",
     date(2023, 3, 20), date(2023, 1, 14)),
    ("KYIV (AP) — Sirens sounded.\nOn Feb. 24, 2022, Russia invaded Ukraine.", date(2023, 3, 20),
     date(2023, 3, 20)),
])
def test_article_date(text, default, expected):
    assert article_date(text, default) == expected


def test_dateline_without_year_or_default_is_unknown():
    assert article_date("Kyiv, April 3,(dpa) – Rescue teams searched the rubble.", None) is None
