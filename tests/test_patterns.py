import re

import pytest

from geo.patterns import Ending


def test_a_bounded_pattern_is_searched_over_its_reach_only():
    assert Ending(r"\bin (?:the )?$").reach == len("in the ") + 1
    assert Ending(r"\bsaid \w+ $").reach is None  # \w+ has no bound
    assert Ending(r"\bin $|^at ").reach is None  # the second branch need not end at the end
    assert Ending(r"\bin $", re.MULTILINE).reach is None  # $ at every line end


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        (r"\b(?:talks )?in (?:the )?$", "the talks in "),  # the longest match
        (r"\b(?:talks )?in (?:the )?$", "x" * 50 + " in the "),
        (r"\b(?:talks )?in (?:the )?$", "the talks in \n"),  # $ before a final newline
        (r"\b(?:talks )?in (?:the )?$", ""),
        (r"\bin $", "in "),
        # The search starts at "in", inside "begin": \b reads the letter before the start, so no match.
        (r"\bin $", "begin \n"),
    ],
)
def test_the_same_match_as_a_search_of_the_whole_text(pattern, text):
    whole = re.compile(pattern).search(text)
    found = Ending(pattern).search(text)
    assert (found and found.span()) == (whole and whole.span())


UNBOUNDED = r"\b(?:accus\w*|blam\w*|call\w* on) (?:the )?$"


def test_an_unbounded_pattern_is_tried_reversed_first():
    ending = Ending(UNBOUNDED, re.IGNORECASE)
    assert ending.reach is None
    assert ending.reversed.match("Moscow accused the "[::-1])
    assert not ending.reversed.match("accused the man "[::-1])


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        (UNBOUNDED, "Moscow has accused "),
        (UNBOUNDED, "Moscow has ACCUSED the "),
        (UNBOUNDED, "the accused man said "),  # a match elsewhere, not at the end
        (UNBOUNDED, "they called on the "),
        (UNBOUNDED, "they recalled on "),  # no word boundary before "called"
        (UNBOUNDED, "accused \n"),  # $ before a final newline: the whole text is searched
        (UNBOUNDED, ""),
        (r"(?<=\d)(?:km|mi) (?!north)\w*$", "10 km west"),  # look-behind and look-ahead change sides
        (r"(?<=\d)(?:km|mi) (?!north)\w*$", "10 km northwest"),
        (r"\b(?i:with) [A-Z]\w*(?:, [A-Z]\w*)*$", "talks WITH Poland, Lithuania"),  # flags of a group
        (r"\b(?i:with) [A-Z]\w*(?:, [A-Z]\w*)*$", "talks with poland"),
        (r"\b([a-z]+) \1$", "in in"),  # a back reference cannot be reversed: searched whole
    ],
)
def test_a_reversed_try_finds_the_same_match(pattern, text):
    ending = Ending(pattern, re.IGNORECASE if pattern == UNBOUNDED else 0)
    whole = ending.regex.search(text)
    found = ending.search(text)
    assert (found and found.span()) == (whole and whole.span())
