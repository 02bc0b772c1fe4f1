"""When did an event happen: the article's dateline date and the time expressions of a sentence.

Pure regular expressions (no dateparser): one scanner finds every expression in a sentence in a single
pass, and a small handler per kind of expression turns it into a span of days relative to the article's
reference date. docs/dates.md lists the expressions and the rules for years and weekdays.
"""

import math
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from .text import dateline_lines

DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class DateSpan:
    """The days an expression refers to, `start` to `end` inclusive.

    `precision`: "day", "night" (start = the evening's day, end = the next morning's), "week", "month",
    "year", "range" (an explicit or open span: "between March 1 and 5", "since Friday", "late February")
    or "article" (only the article date is known). `relation`: "past" (at or before the reference),
    "future" ("tomorrow", "on Tuesday, talks will...") or "historical" (a year before the reference's:
    "in 2014", "last year"). `statement` is True when the expression dates a statement ("said on Monday")
    rather than an event. `text` is the expression as written, at `text_start:text_end` in the sentence.
    """

    start: date
    end: date
    precision: str
    relation: str = "past"
    statement: bool = False
    text: str = ""
    text_start: int = 0
    text_end: int = 0

    @classmethod
    def article(cls, day: date) -> "DateSpan":
        """The span to use when a sentence has no time expression: the article's date."""
        return cls(day, day, "article")


# --- Building blocks ------------------------------------------------------------------------------------

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december"]
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}


def _month_names() -> str:
    # Capitalised or ALL-CAPS only: lower-case "may" and "march" are a verb and a noun, not months.
    names = []
    for name in MONTHS:
        short = name[:3].title()
        full = name.title()
        names += [full, full.upper()] if name == "may" else [full, full.upper(), rf"{short}\.", short]
    names.sort(key=len, reverse=True)  # "March" before "Mar", so the longest name is taken
    return "(?-i:(?=[A-Z])(?:" + "|".join(names) + r"|Sept\.?))(?!\w)"  # the guard fails fast


WD = "(?=[mtwfs])(?:" + "|".join(WEEKDAYS) + ")"
MON = _month_names()
DNUM = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:])"  # a day of the month, not a clock time
YEAR_DIGITS = r"(?:1[89]|20)\d\d"
YEAR = YEAR_DIGITS + r"(?![\d-])"  # not the start of an ISO date
NUM = r"(?:\d{1,3}|" + "|".join(NUMBERS) + ")"
SEP = r"(?:\s*[-–]\s*|\s+(?:to|and|until|through)\s+)"  # between the two ends of a range


def _weekday(word: str) -> int:
    return WEEKDAYS.index(word.lower())


def _month(word: str) -> int:
    return 1 + next(i for i, name in enumerate(MONTHS) if name.startswith(word.lower()[:3]))


def _number(word: str) -> int:
    return NUMBERS.get(word.lower()) or int(word)


def _day(word: str) -> int:
    return int(word.rstrip("stndrh"))


def _valid_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _on_or_before(day: date, weekday: int) -> date:
    return day - timedelta((day.weekday() - weekday) % 7)


def _on_or_after(day: date, weekday: int) -> date:
    return day + timedelta((weekday - day.weekday()) % 7)


def _month_span(year: int, month: int) -> tuple[date, date]:
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1  # month may run past December or January
    first = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return first, following - DAY


def _period(unit: str, day: date) -> tuple[date, date]:
    """The calendar week (ISO, Monday-Sunday), month or year containing `day`."""
    if unit == "week":
        monday = day - timedelta(day.weekday())
        return monday, monday + 6 * DAY
    if unit == "month":
        return _month_span(day.year, day.month)
    return date(day.year, 1, 1), date(day.year, 12, 31)


def _pick_year(make: Callable[[int], tuple[date, date]], year: str | None, ref: date,
               ahead: bool) -> tuple[date, date]:
    """A span from an absolute expression; without a year, the year that puts it before the reference
    (after it when the clause speaks of the future)."""
    if year:
        return make(int(year))
    start, end = make(ref.year)
    if ahead and end < ref:
        return make(ref.year + 1)
    if not ahead and start > ref:
        return make(ref.year - 1)
    return start, end


# --- Handlers: (match of the rule's own regex, reference, ahead) -> (start, end, precision) -------------
# `ahead` is True when the expression's clause speaks of the future; only deictic rules honour it.

Span = tuple[date, date, str]


def _relative_day(m: re.Match, ref: date, ahead: bool) -> Span:
    offsets = {"the day before yesterday": -2, "yesterday": -1, "tomorrow": 1, "the day after tomorrow": 2}
    day = ref + offsets.get(" ".join(m["word"].lower().split()), 0) * DAY
    return day, day, "day"


def _tonight(m: re.Match, ref: date, ahead: bool) -> Span:
    return ref, ref + DAY, "night"


def _night_before(m: re.Match, ref: date, ahead: bool) -> Span:
    morning = _on_or_before(ref, _weekday(m["wd"])) if m["wd"] else ref
    return morning - DAY, morning, "night"


def _weekday_night(m: re.Match, ref: date, ahead: bool) -> Span:
    start, _, _ = _weekday_rule(m, ref, ahead)
    return start, start + DAY, "night"


def _weekday_rule(m: re.Match, ref: date, ahead: bool) -> Span:
    weekday = _weekday(m["wd"])
    which = " ".join((m.groupdict().get("which") or "").lower().split())
    if which in ("last", "past", "this past"):
        day = _on_or_before(ref - DAY, weekday)
    elif which in ("next", "coming", "this coming"):
        day = _on_or_after(ref + DAY, weekday)
    else:
        day = _on_or_after(ref, weekday) if ahead else _on_or_before(ref, weekday)
    return day, day, "day"


def _calendar(m: re.Match, ref: date, ahead: bool) -> Span:
    unit, which = m["unit"].lower(), m["which"].lower()
    start, end = _period(unit, ref)
    if which == "last":
        start, end = _period(unit, start - DAY)
    elif which == "next":
        start, end = _period(unit, end + DAY)
    return start, end, unit


def _weekend(m: re.Match, ref: date, ahead: bool) -> Span:
    which = m["which"].lower()
    if which == "last":
        saturday = _on_or_before(ref - 2 * DAY, 5)  # the weekend that ended before the reference day
    elif which == "next" or (ahead and ref.weekday() < 5):
        saturday = _on_or_after(ref + DAY, 5)
    else:
        saturday = _on_or_before(ref, 5)
    return saturday, saturday + DAY, "range"


def _ago(m: re.Match, ref: date, ahead: bool) -> Span:
    n, unit = _number(m["n"]), m["unit"].lower().rstrip("s")
    if unit == "day":
        return ref - n * DAY, ref - n * DAY, "day"
    if unit == "week":
        middle = ref - 7 * n * DAY  # "two weeks ago" is vague: the days around that point
        return middle - 3 * DAY, middle + 3 * DAY, "week"
    if unit == "month":
        return *_month_span(ref.year, ref.month - n), "month"
    return date(ref.year - n, 1, 1), date(ref.year - n, 12, 31), "year"


def _recent(m: re.Match, ref: date, ahead: bool) -> Span:
    unit = m["unit"].lower().rstrip("s")
    n = _number(m["n"]) if m["n"] else 1
    days = {"hour": n / 24, "day": n, "week": 7 * n, "month": 30 * n, "year": 365 * n}[unit]
    return ref - timedelta(days=math.ceil(days)), ref, "range"


def _month_day(m: re.Match) -> tuple[int, int]:
    return int(m["m"]) if m["m"].isdigit() else _month(m["m"]), _day(m["d"])


def _date(m: re.Match, ref: date, ahead: bool) -> Span:
    month, day = _month_day(m)
    start, end = _pick_year(lambda y: (date(y, month, day),) * 2, m["y"], ref, ahead)
    return start, end, "day"


def _range(m: re.Match, ref: date, ahead: bool) -> Span:
    m1, m2 = m["m1"] or m["m2"], m["m2"] or m["m1"]
    first, last = (_month(m1), _day(m["d1"])), (_month(m2), _day(m["d2"]))

    def make(year: int) -> tuple[date, date]:
        # "December 28 to January 3": the start is in the year before the end
        return date(year - (first > last), *first), date(year, *last)

    start, end = _pick_year(make, m.groupdict().get("y1") or m["y2"], ref, ahead)
    return start, end, "range"


def _part_of_month(m: re.Match, ref: date, ahead: bool) -> Span:
    part, month = m["part"].lower().split()[0], _month(m["m"])

    def make(year: int) -> tuple[date, date]:
        first, last = _month_span(year, month)
        if part in ("early", "beginning", "start"):
            return first, first + 9 * DAY
        if part in ("mid", "middle"):
            return first + 10 * DAY, first + 19 * DAY
        return first + 20 * DAY, last

    start, end = _pick_year(make, m["y"], ref, ahead)
    return start, end, "range"


def _month_rule(m: re.Match, ref: date, ahead: bool) -> Span:
    month = _month(m["m"])
    start, end = _pick_year(lambda y: _month_span(y, month), m["y"], ref, ahead)
    return start, end, "month"


def _year(m: re.Match, ref: date, ahead: bool) -> Span:
    year = int(m["y"])
    return date(year, 1, 1), date(year, 12, 31), "year"


@dataclass(frozen=True, slots=True)
class Rule:
    pattern: str  # named groups feed the handler
    handler: Callable[[re.Match, date, bool], Span]
    deictic: bool = False  # "on Tuesday": before or after the reference, depending on the clause's tense


# In scanning order: at one position the first rule that matches wins, so longer forms come first.
WEEKDAY_PREFIX = rf"(?:(?P<wd>{WD}),?\s+)?(?:the\s+)?"
PREP = r"(?:in|during|until|from|by|of|throughout|before|after)\s+"
RULES = [
    Rule(rf"(?:between\s+|from\s+)?(?P<m1>{MON})\s+(?P<d1>{DNUM})(?:,?\s+(?P<y1>{YEAR}))?{SEP}"
         rf"(?:(?P<m2>{MON})\s+)?(?P<d2>{DNUM})(?:,?\s+(?P<y2>{YEAR}))?", _range, True),
    Rule(rf"(?:between\s+|from\s+)?(?P<d1>{DNUM})(?:\s+(?:of\s+)?(?P<m1>{MON}))?{SEP}"
         rf"(?P<d2>{DNUM})\s+(?:of\s+)?(?P<m2>{MON})(?:,?\s+(?P<y2>{YEAR}))?", _range, True),
    Rule(rf"{WEEKDAY_PREFIX}(?P<m>{MON})\s+(?P<d>{DNUM})(?:,?\s+(?P<y>{YEAR}))?", _date, True),
    Rule(rf"{WEEKDAY_PREFIX}(?P<d>{DNUM})\s+(?:of\s+)?(?P<m>{MON})(?:,?\s+(?P<y>{YEAR}))?", _date, True),
    Rule(rf"(?P<y>{YEAR_DIGITS})-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-3]\d)", _date),
    Rule(r"(?:(?:in|at)\s+)?(?:the\s+)?(?P<part>early|mid|late|(?:beginning|start|middle|end)\s+of)"
         rf"[\s-]*(?P<m>{MON})(?:,?\s+(?P<y>{YEAR}))?", _part_of_month, True),
    # A bare month name only after a preposition or before a year ("in March", "March 2022").
    Rule(rf"(?:{PREP}|(?<=since\s)|(?={MON},?\s+{YEAR}))(?P<m>{MON})(?:,?\s+(?P<y>{YEAR}))?",
         _month_rule, True),
    Rule(rf"(?:{PREP}|(?<=since\s))(?P<y>{YEAR})", _year),
    Rule(r"(?P<word>the\s+day\s+(?:before\s+yesterday|after\s+tomorrow)|yesterday|tomorrow)"
         r"(?:\s+(?:morning|afternoon|evening))?", _relative_day),
    Rule(r"(?P<word>today|this\s+(?:morning|afternoon|evening))", _relative_day, True),
    Rule(r"tonight", _tonight),
    Rule(r"(?:overnight|during\s+the\s+night|last\s+night|at\s+night|in\s+the\s+night|"
         r"through(?:out)?\s+the\s+night|in\s+the\s+(?:early|small|wee)\s+hours)"
         rf"(?:\s+(?:of|on|into|to)\s+(?P<wd>{WD}))?", _night_before),
    Rule(rf"(?P<wd>{WD})\s+night", _weekday_night, True),
    Rule(rf"(?:(?P<which>last|this\s+past|past|next|this\s+coming|coming|this)\s+)?(?P<wd>{WD})"
         r"(?:\s+(?:morning|afternoon|evening))?", _weekday_rule, True),
    Rule(r"(?:over\s+|at\s+|during\s+|on\s+)?(?P<which>last|this|next|the)\s+weekend", _weekend, True),
    Rule(r"(?P<which>last|this|next)\s+(?P<unit>week|month|year)", _calendar, True),
    Rule(rf"(?P<n>{NUM})\s+(?P<unit>days?|weeks?|months?|years?)\s+ago", _ago),
    Rule(rf"(?:over\s+|in\s+|during\s+)?the\s+(?:past|last)\s+(?:(?P<n>{NUM})\s+)?"
         r"(?P<unit>hours?|days?|weeks?|months?|years?)", _recent),
]

_GROUP_NAME = re.compile(r"\(\?P<\w+>")
_COMPILED = [re.compile(rule.pattern, re.I) for rule in RULES]
# Modifiers before any expression: "since Friday", "later today", "earlier this week".
_SCANNER = re.compile(
    r"\b(?:(?P<since>since)\s+|(?P<later>later)\s+(?:on\s+)?|(?P<earlier>earlier)\s+(?:on\s+)?)?(?:"
    + "|".join(f"(?P<r{i}>{_GROUP_NAME.sub('(?:', rule.pattern)})" for i, rule in enumerate(RULES))
    + r")(?!\w)", re.I)

# Every expression has one of these key words ("between 1 and 5 March": "March"), at most REACH
# characters from its start ("at the beginning of March"); most sentences have none.
REACH = 48
_WORD_START = re.compile(r"\b\w")
_ANY = re.compile(rf"\b(?:{MON}|\d{{4}}|{WD}|yesterday|today|tomorrow|tonight|overnight|morning|"
                  r"afternoon|evening|night|hours?|week|weekend|month|year|days?|weeks|months|years)\b", re.I)

# --- Tense and role of an expression --------------------------------------------------------------------

# Clause boundaries: the future marker must be in the expression's own clause.
_CLAUSE_BREAK = re.compile(r'[.;:!?"“”()]|\s[-–—]\s|[–—]|\bthat\b|,\s+(?:and|but|while|whereas|although|'
                           r'though|as|after|before|when|which|who|where)\b|'
                           r'\b(?:and|but)\s+(?=(?:will|would|could|shall|is|are|was|were)\b)', re.I)
_FUTURE = re.compile(r"\b(?:will|shall|won't|going\s+to|(?:due|set|expected|scheduled|slated)\s+to|"
                     r"plan(?:s|ned)?\s+(?:to|for)|scheduled\s+for|intends?\s+to|upcoming)\b|'ll\b|"
                     r"\b(?:would|could)\b(?!\s+(?:not\b|have\b))|\b(?-i:may|might)\b(?!\s+(?:not\b|have\b))",
                     re.I)
# A reporting verb, then only words that name the medium or the speaker: "told Reuters on Monday",
# "said in a televised address late on Sunday" date the statement, not the event.
_STATEMENT = re.compile(
    r"\b(?:said|says|say|saying|told|tells|announced|reported|stated|added|claimed|wrote|confirmed|denied|"
    r"warned|declared|tweeted|posted|noted|insisted)"
    r"(?:\s+(?:in|at|to|on|a|an|the|his|her|their|its|late|early|statement|reporters|journalists|press|"
    r"conference|briefing|televised|video|address|interview|post|message|(?-i:[A-Z][\w'’.-]*)),?)*\s*$", re.I)


def _clause(sentence: str, breaks: list[int], start: int, end: int) -> str:
    i = bisect_right(breaks, start)
    return sentence[breaks[i - 1] if i else 0: breaks[i] if i < len(breaks) else len(sentence)]


def _relation(start: date, end: date, precision: str, text: str, ref: date, future: bool) -> str:
    if start > ref or future:
        return "future"
    # A named earlier year is history, except a dated day just across New Year ("December 30, 2021").
    if end.year < ref.year and (precision == "year" or (re.search(YEAR, text) and (ref - end).days > 31)):
        return "historical"
    return "past"


def _expressions(text: str):
    """(scanner match, rule index, the rule's own match) for each expression in `text`, in order."""
    pos = 0
    # Matching is the costly part: try only the words a little before the next key word, since every
    # expression has a key word no further than REACH characters from its start.
    while anchor := _ANY.search(text, pos):
        starts = _WORD_START.finditer(text, max(pos, anchor.start() - REACH), anchor.start() + 1)
        m = next(filter(None, (_SCANNER.match(text, w.start()) for w in starts)), None)
        if m is None:
            pos = anchor.end()
            continue
        pos = m.end()
        index = next(i for i in range(len(RULES)) if m[f"r{i}"] is not None)
        yield m, index, _COMPILED[index].fullmatch(text, *m.span(f"r{index}"))


def find_all(sentence: str, reference: date) -> list[DateSpan]:
    """Every time expression in the sentence, in order, resolved against the article's reference date."""
    spans = []
    breaks: list[int] | None = None
    for m, index, parts in _expressions(sentence):
        rule = RULES[index]
        ahead = bool(m["later"])
        if rule.deictic and not m["later"] and not m["earlier"]:
            if breaks is None:
                breaks = [b.start() for b in _CLAUSE_BREAK.finditer(sentence)]
            ahead = bool(_FUTURE.search(_clause(sentence, breaks, m.start(), m.end())))
        try:
            start, end, precision = rule.handler(parts, reference, ahead)
        except ValueError:  # no such day: "February 30", or February 29 outside a leap year
            continue
        future = ahead and rule.deictic and end >= reference
        relation = _relation(start, end, precision, m[0], reference, future)
        if m["since"]:
            end, precision = reference, "range"
        # A past event has happened by the reference date (a night still ends the next morning); a future
        # one has not yet begun.
        if relation == "future":
            start = max(start, reference)
        elif precision != "night":
            end = min(end, reference)
        statement = bool(_STATEMENT.search(sentence, max(0, m.start() - 80), m.start()))
        spans.append(DateSpan(start, end, precision, relation, statement, m[0], m.start(), m.end()))
    return spans


def resolve(sentence: str, reference: date) -> DateSpan | None:
    """The span that most likely dates the sentence's event, or None when it has no time expression.

    Rule: the first past expression that does not date a statement; else the first past one that does
    ("the governor said on Monday"); else the first expression (future or historical, which the incident
    stage rejects).
    """
    return pick(find_all(sentence, reference))


def pick(spans: list[DateSpan]) -> DateSpan | None:
    """Of a text's spans, the one resolve() takes (the rule above)."""
    past = [span for span in spans if span.relation == "past"]
    return next((span for span in past if not span.statement), None) or next(iter(past or spans), None)


# --- Article dateline -----------------------------------------------------------------------------------

_DATELINE_END = re.compile(r"\s[-–—]\s|[–—]|\n")
DATELINE_CHARS = 120


def article_date(text: str, default: date | None) -> date | None:
    """The article's date: the dateline's ("LONDON, 3 March 2022 (Reuters) -"), else `default`.

    Only the dateline is read: the text before the first dash or line break, at most 120 characters, of
    the first line, or of a later one that may hold it (geo.text.dateline_lines: after a headline and a
    byline) and has a dash there as datelines do (a body's "On Feb. 24, 2022, Russia invaded" is none).
    A dateline date without a year takes the year (default's, the one before or the one after) that
    puts it nearest to `default`, so the dateline's day and month win over default's; without a default
    such a date cannot be completed, and the result is None.
    """
    for number, start in enumerate(dateline_lines(text)):
        head = text[start : start + DATELINE_CHARS]
        cut = _DATELINE_END.search(head)
        if number and (cut is None or head[cut.start()] == "\n"):
            continue
        for _, index, parts in _expressions(head[: cut.start()] if cut else head):
            if RULES[index].handler is not _date:
                continue
            month, day = _month_day(parts)
            if parts["y"]:
                return _valid_date(int(parts["y"]), month, day) or default
            if default is None:
                return None
            candidates = [_valid_date(default.year + k, month, day) for k in (0, -1, 1)]
            return min((d for d in candidates if d), key=lambda d: abs(d - default), default=default)
    return default
