"""A country's capital named by its role: "the Ukrainian capital", "Russia's capital", "the capital of
Sudan", and "the capital" alone, of the dateline's country ("KYIV (AP) - ... explosions rocked the
capital").

War reports name a city this way as often as by its name ("a drone attack on the Ukrainian capital"). The
incident stage takes such a phrase as a mention of the capital city (gazetteer.Gazetteer.capital). Mention
finding (geo.mentions) does not: geoparsing corpora count no such phrase as a toponym.
"""

import re
from bisect import bisect_right

from gazetteer import Gazetteer, Place, name_key

from . import roles
from .mention import Mention
from .text import dateline_lines

_NAME_WORD = r"[A-Z][\w-]*"
# "capital" in the sense of money, not of a city: "the Russian capital markets", "Ukraine's capital needs".
_NOT_A_CITY = r"(?! (?:markets?|flight|flows?|controls?|investments?|gains?|spending|needs|goods|outlays?))"
# "the Ukrainian capital", "the Sri Lankan capital": a demonym of up to three words (gazetteer.demonym_key).
DEMONYM_CAPITAL = re.compile(rf"\b[Tt]he ((?:{_NAME_WORD} ){{1,3}})capital\b{_NOT_A_CITY}")
# "Russia's capital", "South Sudan’s capital": capitalised words, the last of them a country's name.
COUNTRY_CAPITAL = re.compile(rf"\b((?:{_NAME_WORD} ){{0,3}}{_NAME_WORD})['’]s capital\b{_NOT_A_CITY}")
# "the capital of Sudan": the country's name, up to four words.
CAPITAL_OF = re.compile(rf"\b[Tt]he capital of ((?:{_NAME_WORD} ){{0,3}}{_NAME_WORD})")
# "the capital" with no country named, not "the capital of ..." nor "the capital's ...".
BARE_CAPITAL = re.compile(rf"\b[Tt]he capital\b(?! of\b|['’]s\b){_NOT_A_CITY}")
WORDS = re.compile(r"\S+")
# A name after the phrase, as apposition: "the Sudanese capital Khartoum", "the Ukrainian capital, Kyiv".
APPOSED = re.compile(rf"(,)? ((?:{_NAME_WORD} ){{0,2}}{_NAME_WORD})")


def capital_mentions(
    text: str, gazetteer: Gazetteer, spans: list[tuple[int, int]], dateline_country: str | None = None
) -> list[Mention]:
    """Mentions of capitals named by their role in `text`, in order: `place` is the capital, the phrase is
    the mention's text, and its role (geo.roles) is read as for a name ("the Ukrainian capital said").

    `spans` are the text's sentences (geo.text.sentences); `dateline_country` is the country code of the
    dateline's place, whose capital "the capital" alone is. A phrase followed by a name of its own ("the
    Sudanese capital Khartoum", "the Ukrainian capital, Kyiv") is left out: that name is a mention already.
    """
    if "capital" not in text:  # most articles: no pattern search
        return []
    found = []  # (country code or None, start, end) of each phrase
    for match in DEMONYM_CAPITAL.finditer(text):
        named = gazetteer.demonym_key(name_key(match.group(1)))  # "Kurdish" names a region, no country
        found.append((named.country if named and named.kind == "country" else None, *match.span()))
    for match in COUNTRY_CAPITAL.finditer(text):
        found.append((*_country(gazetteer, match), match.end()))
    for match in CAPITAL_OF.finditer(text):
        named = _country_named(gazetteer, name_key(match.group(1)))
        found.append((named.country if named else None, *match.span()))
    if dateline_country:
        found += [(dateline_country, *match.span()) for match in BARE_CAPITAL.finditer(text)]
    starts = [start for start, _ in spans]
    dateline_starts = set(dateline_lines(text))
    mentions = []
    for country, start, end in found:
        capital = gazetteer.capital(country) if country else None
        if capital is None or _apposed(text, end, gazetteer, capital):
            continue
        index = max(bisect_right(starts, start) - 1, 0)
        role = roles.role(text, start, end, spans[index][0], spans[index][0] in dateline_starts)
        mentions.append(Mention(start, end, text[start:end], index, start, end, "city", role, capital))
    return sorted(mentions, key=lambda m: m.start)


def _country(gazetteer: Gazetteer, match: re.Match) -> tuple[str | None, int]:
    """The code of the country that the last words before "'s capital" name, the longest such name first
    ("South Sudan", not "Sudan"), and where that name starts ("Yesterday Russia's capital": at "Russia")."""
    for word in WORDS.finditer(match.group(1)):
        country = _country_named(gazetteer, name_key(match.group(1)[word.start():]))
        if country:
            return country.country, match.start(1) + word.start()
    return None, match.start()


def _country_named(gazetteer: Gazetteer, key: str) -> Place | None:
    """The country whose name has this key, if any ("Georgia" the country, not the state)."""
    return next((place for place in gazetteer.lookup_key(key) if place.kind == "country"), None)


def _apposed(text: str, end: int, gazetteer: Gazetteer, capital: Place) -> bool:
    """Whether a name follows the phrase in apposition: right after it, a place of the capital's country
    ("the Sudanese capital Khartoum"; not "the Ukrainian capital Tuesday"); after a comma, the capital
    itself ("the Ukrainian capital, Kyiv"; not the list in "the Ukrainian capital, Kharkiv and Odesa")."""
    match = APPOSED.match(text, end)
    if match is None:
        return False
    words = match.group(2).split()
    keys = (name_key(" ".join(words[:last])) for last in range(len(words), 0, -1))
    places = [place for key in keys for place in gazetteer.lookup_key(key)]
    if match.group(1):
        return any(p.id == capital.id for p in places)
    return any(p.country == capital.country for p in places)
