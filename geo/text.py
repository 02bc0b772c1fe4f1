"""Sentences and words of an article, with character offsets into the original text."""

import re
from functools import lru_cache
from itertools import compress
from typing import NamedTuple

from gazetteer.names import WORD, fold_word

# How far into an article its dateline may begin (dateline_lines): a headline and a byline may come
# before it ("Missile kills four in Dnipro / By Pavel Polityuk / KYIV, Jan 14 (Reuters) - ...").
DATELINE_REACH = 400

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
# Where a capitalised word starts: a capital with neither a letter or digit nor one and an apostrophe right
# before it (an apostrophe between letters is inside a word: "O'Brien"). The pattern opens with a set
# the engine searches for in C (A-Z, or a character beyond Latin-1's symbols: written as what it leaves
# out, as compiling a range up to U+10FFFF takes 20 ms), so the look-behinds are tried only there;
# str.isupper then keeps the capitals.
_CAPITAL = re.compile(r"[^\x00-@\[-\xbf](?<=[^\W_])(?<![^\W_].)(?<![^\W_]['’ʼ‘`´].)")
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
    """The words of a text (gazetteer.names.WORD) as Tokens, each known by the offset where it starts; a
    possessive "'s" is left out of the word ("Kyiv's" -> "Kyiv").

    Place names start with capitals, and the rules read only the few words around them: so the text is
    not cut into words up front. One scan in C lists the capitalised words (`capitalised`), and a word,
    or the one before or after it, is read from the text when a rule asks for it. Whether a character
    starts a word depends only on the two before it (see _CAPITAL), so a word read from anywhere is the
    one a tokenisation of the whole text has there.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._read: dict[int, tuple[Token, int]] = {}  # offset -> (token, end of the word with its "'s")
        self._reversed: str | None = None
        # Neighbours found so far: the rules ask for the same ones again (None: there is none).
        self._after: dict[int, int | None] = {}
        self._before: dict[int, int | None] = {}
        # The scan's set also holds lower-case letters beyond ASCII: str.isupper, mapped in C, drops them.
        found = list(map(re.Match.start, _CAPITAL.finditer(text)))
        self.capitalised = list(compress(found, map(str.isupper, map(text.__getitem__, found))))

    def __getitem__(self, offset: int) -> Token:
        read = self._read.get(offset)  # the rules read the same words several times: one call, not two
        return (read or self._word_at(offset))[0]

    def _word_at(self, offset: int) -> tuple[Token, int]:
        read = self._read.get(offset)
        if read is None:
            match = WORD.match(self._text, offset)
            word, key, capitalised = _word(match.group())
            # tuple.__new__ skips the NamedTuple's Python-level __new__: a third of the cost of a token.
            token = tuple.__new__(Token, (offset, offset + len(word), word, key, capitalised))
            read = self._read[offset] = (token, match.end())
        return read

    def after(self, offset: int) -> int | None:
        """The offset of the word after the one at `offset`, or None at the end of the text."""
        following = self._after.get(offset, -1)
        if following == -1:
            match = WORD.search(self._text, self._word_at(offset)[1])
            following = self._after[offset] = match.start() if match else None
            if following is not None:
                self._before[following] = offset
        return following

    def before(self, offset: int) -> int | None:
        """The offset of the word before the one at `offset`, or None at the start of the text."""
        previous = self._before.get(offset, -1)
        if previous == -1:
            # WORD read backwards is WORD (letters, apostrophes only between letters): searched in the
            # reversed text from `offset`, it finds the word before, whole.
            if self._reversed is None:
                self._reversed = self._text[::-1]
            match = WORD.search(self._reversed, len(self._text) - offset)
            previous = self._before[offset] = len(self._text) - match.end() if match else None
            if previous is not None:
                self._after[previous] = offset
        return previous

    def span(self, first: int, last: int) -> list[Token]:
        """Words first to last, inclusive (offsets of their starts)."""
        tokens = [self[first]]
        at = first
        while at < last:
            at = self.after(at)
            tokens.append(self[at])
        return tokens

    def key(self, first: int, last: int) -> str:
        """The lookup key of the name that words first to last spell: their keys, space-joined."""
        return " ".join(token.key for token in self.span(first, last))


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


_LINE_START = re.compile(r"^[ \t]*(?=\S)", re.MULTILINE)


def dateline_lines(text: str) -> list[int]:
    """Where the lines that may hold the article's dateline open (their first character that is not
    blank), in order: every line that is not blank and opens within DATELINE_REACH of the start."""
    return [match.end() for match in _LINE_START.finditer(text[:DATELINE_REACH])]
