"""Which words are place names: gazetteer matches, kept or dropped on evidence in the text.

Candidates are the longest runs of words that the gazetteer knows as a name. Evidence against one:
it is not capitalised, it is a month or weekday, an all-capitals acronym that is not a country's
("NATO", "GNA"), a common English word naming only a small place ("Police", "Split" at a sentence
start), or a word of a longer capitalised name ("Dmitry Peskov", "Ukrayinska Pravda"). A name
seen as part of a person's or organisation's name is not a place anywhere in that article.
"""

from dataclasses import dataclass
from functools import lru_cache

from wordfreq import zipf_frequency

from gazetteer import Gazetteer, Place, name_key

from .text import Token

MONTHS_AND_DAYS = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
# Lower-case words allowed inside a multi-word name: "Sea of Azov", "Rostov-on-Don".
NAME_INNER_WORDS = frozenset(
    "of and on upon the de del der la le les du da do dos das di al el am im sur".split()
)
# Capitalised words next to a name that do not make it part of a longer name ("Eastern Ukraine").
# Beyond these, a capitalised neighbour is a name word when it is rare in English (see RARE_ZIPF).
RARE_ZIPF = 4.0  # wordfreq Zipf frequency below which a capitalised word is likely a proper name
COMMON_ZIPF = 3.5  # at or above this a word is an ordinary English word as well as a name
MINOR_PLACE = 100_000  # a common word naming a smaller place than this is read as the word
MAJOR_PLACE = 1_000_000  # at a sentence start, a common word must name a place this large
AREA_KINDS = ("country", "admin1", "water", "region", "zone")
MAX_WORDS = 6


@dataclass(frozen=True, slots=True)
class Candidate:
    first: int  # index of the first token
    last: int  # index of the last token (inclusive)
    places: tuple[Place, ...]


@lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    return zipf_frequency(word, "en")


def _joined(text: str, left: Token, right: Token) -> bool:
    """Whether two tokens can be words of one name: only spaces, hyphens or a period between them."""
    gap = text[left.end : right.start]
    return len(gap) <= 3 and all(c in " -.'’" for c in gap) and "\n" not in gap


def candidates(text: str, words: list[Token], gazetteer: Gazetteer) -> list[Candidate]:
    """Longest gazetteer names starting at capitalised words, left to right, not overlapping."""
    found, i = [], 0
    while i < len(words):
        best = None
        if words[i].capitalised:
            key = ""
            for j in range(i, min(i + MAX_WORDS, len(words))):
                if j > i and not _joined(text, words[j - 1], words[j]):
                    break
                key = f"{key} {words[j].key}" if key else words[j].key
                if words[j].capitalised or words[j].key in NAME_INNER_WORDS:
                    places = gazetteer.lookup_key(key)
                    if places and words[j].capitalised:
                        best = Candidate(i, j, places)
                if not gazetteer.has_prefix(key):
                    break
        if best:
            found.append(best)
            i = best.last + 1
        else:
            i += 1
    return found


def _notable(places: tuple[Place, ...], key: str, population: int) -> bool:
    """Whether a common word is here the name of an area or a large place, by that place's own name
    or a country's: alternate names that are common words ("We" for Hue) are not evidence."""
    return any(
        (p.kind in AREA_KINDS or p.population >= population)
        and (p.kind == "country" or name_key(p.name) == key)
        for p in places
    )


def rejection(text: str, words: list[Token], cand: Candidate, sentence_starts: set[int]) -> str | None:
    """Why a candidate is not a place mention, or None when nothing speaks against it."""
    span = words[cand.first : cand.last + 1]
    surface = text[span[0].start : span[-1].end]
    single = len(span) == 1
    if single and span[0].key in MONTHS_AND_DAYS:
        return "month or weekday"
    letters = [c for c in surface if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) <= 5:
        # Acronyms: only countries are commonly written so ("UK", "UAE", "U.S.").
        if not any(p.kind == "country" for p in cand.places):
            return "acronym"
    if single and zipf(span[0].key) >= COMMON_ZIPF:
        at_start = span[0].start in sentence_starts
        if not _notable(cand.places, span[0].key, MAJOR_PLACE if at_start else MINOR_PLACE):
            return "common word"
    if _name_neighbour(text, words, cand.first - 1, cand.first, sentence_starts) or _name_neighbour(
        text, words, cand.last + 1, cand.last, sentence_starts
    ):
        return "part of a longer name"
    return None


def _name_neighbour(text: str, words: list[Token], index: int, inner: int, starts: set[int]) -> bool:
    """Whether words[index] is a capitalised rare word glued to the candidate: a person's or an
    organisation's name continues across it ("Dmitry Peskov", "Ukrayinska Pravda")."""
    if not 0 <= index < len(words):
        return False
    word = words[index]
    left, right = sorted((words[index], words[inner]), key=lambda w: w.start)
    if not word.capitalised or text[left.end : right.start] != " ":
        return False
    if word.text.isupper() and len(word.text) > 1:
        return False  # an acronym beside a name ("NATO Kyiv summit") does not join it
    return zipf(word.key) < RARE_ZIPF


def sentence_starts(text: str, words: list[Token], spans: list[tuple[int, int]]) -> set[int]:
    """Offsets of the first word of each sentence (or quotation) where capitals say nothing."""
    starts = set()
    for start, end in spans:
        first = next((w for w in words if start <= w.start < end), None)
        if first:
            starts.add(first.start)
    return starts
