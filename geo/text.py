"""Sentences and words of an article, with character offsets into the original text."""

import re
from bisect import bisect_left
from functools import lru_cache
from itertools import compress, count
from typing import NamedTuple

from gazetteer.names import WORD, fold_word

# A sentence ends at . ! ? (with closing quotes) before a capitalised word, or at a line break.
# Abbreviations that end in a period inside a sentence are not ends. The pattern opens with the set of
# the characters either kind of end starts with, which the engine scans for in C, instead of trying
# every position of the text (three times fewer instructions).
_END = re.compile(r"""[.!?\n](?:(?<=[.!?])["”’)\]]*\s+(?=["“‘(]?[A-Z0-9])|(?<=\n)\n*)""")
_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "mt",
    "gen",
    "col",
    "lt",
    "sgt",
    "capt",
    "maj",
    "rep",
    "sen",
    "gov",
    "pres",
    "prof",
    "jr",
    "sr",
    "no",
    "vs",
    "etc",
    "inc",
    "ltd",
    "co",
    "corp",
    "u.s",
    "u.k",
    "u.n",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "ft",
    "ave",
    "fig",
    "approx",
}
_APOSTROPHES = frozenset("'’ʼ")  # of a possessive "'s"
_LAST_WORD = re.compile(r"([\w.]+)\.[\"”’)\]]*$")  # before a period that may end a sentence


class Token(NamedTuple):
    """A word. Immutable like the project's dataclasses, and made for every word a rule reads: a tuple is
    made several times faster than a frozen dataclass."""

    start: int
    end: int
    text: str
    key: str  # folded form, without a possessive 's
    capitalised: bool


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, stripped of surrounding space."""
    spans, start = [], 0
    for match in _END.finditer(text):
        # The closing mark a match opens with stays in its sentence; a line break ends one whatever
        # comes before it.
        end = match.start() + (text[match.start()] != "\n")
        if text[end] == "\n" or not _after_abbreviation(text, end):
            spans.append((start, end))
            start = match.end()
    spans.append((start, len(text)))
    return [_strip(text, s, e) for s, e in spans if text[s:e].strip()]


def _after_abbreviation(text: str, end: int) -> bool:
    word = _LAST_WORD.search(text[max(0, end - 12) : end])
    if not word:
        return False
    stem = word.group(1).lower()
    # Single capitals ("J. Smith") and known abbreviations ("Gen.", "U.S.") do not end a sentence.
    return stem in _ABBREVIATIONS or (len(stem) == 1 and stem.isalpha())


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


class Words:
    """The words of a text as Tokens; a possessive "'s" is left out of the word ("Kyiv's" -> "Kyiv").

    A word becomes a Token when first read: place names start with capitals, so most words of an
    article are never looked at, and `capitalised` lists the indices of those that may start one.
    """

    def __init__(self, text: str) -> None:
        self._matches = list(WORD.finditer(text))
        self._tokens: list[Token | None] = [None] * len(self._matches)
        self._starts = list(map(re.Match.start, self._matches))
        # Indices of the words whose first letter is a capital, by iterators that run in C.
        self.capitalised = list(compress(count(), map(str.isupper, map(text.__getitem__, self._starts))))

    def __len__(self) -> int:
        return len(self._matches)

    def __getitem__(self, index: int) -> Token:
        token = self._tokens[index]
        if token is None:
            match = self._matches[index]
            word, key, capitalised = _word(match.group())
            at = match.start()
            # tuple.__new__ skips the NamedTuple's Python-level __new__: a third of the cost of a token.
            token = self._tokens[index] = tuple.__new__(Token, (at, at + len(word), word, key, capitalised))
        return token

    def span(self, first: int, last: int) -> list[Token]:
        """Words first to last, inclusive."""
        return [self[i] for i in range(first, last + 1)]

    def key(self, first: int, last: int) -> str:
        """The lookup key of the name that words first to last spell: their keys, space-joined."""
        return " ".join(token.key for token in self.span(first, last))

    def index_at(self, offset: int) -> int | None:
        """The index of the word starting at `offset`, if one does."""
        index = bisect_left(self._starts, offset)
        return index if index < len(self._starts) and self._starts[index] == offset else None


@lru_cache(maxsize=500_000)
def _word(word: str) -> tuple[str, str, bool]:
    """A matched word's text without a possessive 's, its key, and whether it is capitalised: the same
    words come again and again."""
    if word[-2:-1] in _APOSTROPHES and word[-1:] in "sS":
        word = word[:-2]
    return word, fold_word(word), word[0].isupper()


def sentence_starts(text: str, spans: list[tuple[int, int]]) -> set[int]:
    """Offsets of the first word of each sentence (or quotation), where capitals say nothing."""
    found = (WORD.search(text, start, end) for start, end in spans)
    return {match.start() for match in found if match}
