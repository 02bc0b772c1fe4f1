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
