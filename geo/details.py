"""Casualty counts and actor phrases of an event sentence.

Vague counts follow ACLED's conservative convention: "tens" 10, "dozens" 12, "hundreds" 100, "a dozen" 12;
"several", "many" or "multiple" give no number (None). Several counts of one kind: the largest, as a
lower bound (a sentence often restates one toll). See docs/events.md.
"""

import re

_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
          "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
          "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_VAGUE = {"a dozen": 12, "dozen": 12, "dozens": 12, "tens": 10, "hundreds": 100, "scores": 20,
          "a hundred": 100}
_ZERO = r"no one|nobody|none|no(?= (?:people|civilians|one|deaths|casualties|fatalities|injuries))"

_NUMBER = (r"\d{1,3}(?:,\d{3})+|\d+|(?:" + "|".join(_TENS) + r")(?:[\s-](?:" + "|".join(_UNITS) + r"))?|"
           + "|".join(sorted(_UNITS, key=len, reverse=True)) + "|"
           + "|".join(sorted(_VAGUE, key=len, reverse=True)))
# A singular victim with no number ("a child was killed", "Man killed") counts one.
_ONE = (r"(?:an?\s+|one\s+)?(?:\w+\s+)?(?:child|man|woman|boy|girl|person|civilian|resident|soldier"
        r"|pedestrian|driver|teenager|journalist|volunteer|policeman|police officer|serviceman)")
_DEAD = r"killed|dead|died|die|deaths?|fatalities|fatally|lost their lives|lives were lost|bodies"
_HURT = r"injured|wounded|hurt|injuries|injuring|wounding|hospitali[sz]ed"
_COUNT = r"(?:at least|as many as|more than|over|nearly|almost|about|around|some|up to|roughly)\s+"
# Words allowed between a number and its verb: one noun ("38 pupils"), then auxiliaries and report hedges.
_FILL = (r"(?:\s+(?!and\b|or\b)[a-z]+)?(?:\s+(?:people|persons|civilians|children|adults|women|men|soldiers"
         r"|servicemen|troops|residents|others|more|of|them|were|was|have|has|had|been|are|is|reportedly|reported|confirmed|as|being|later"
         r"|also|who|the|including|[a-z]+ians?|[a-z]+ish))*?")

_LEFT = re.compile(rf"\b(?:{_COUNT})?(?P<num>{_ZERO}|{_NUMBER}|{_ONE}){_FILL}\s+(?P<kind>{_DEAD}|{_HURT})\b",
                   re.IGNORECASE)
_RIGHT = re.compile(rf"\b(?P<kind>killing|killed|kills|left|leaving|injuring|wounding|injured|wounded)\s+"
                    rf"(?:{_COUNT})?(?P<num>{_NUMBER}|{_ONE})\b(?!\s*(?:km|kilomet|miles?|metres|meters|days?|hours?"
                    r"|weeks?|months?|years?|times|minutes|percent|%|[ap]\.?m\b))"
                    rf"(?:\s+\w+)?(?:\s+(?P<kind2>{_DEAD}|{_HURT}))?", re.IGNORECASE)
_TOLL = re.compile(rf"\b(?:death toll|toll)\s+(?:\w+\s+){{0,3}}?(?:to|of|at|is|was|reached|stands at)\s+"
                   rf"(?:{_COUNT})?(?P<num>{_NUMBER})\b", re.IGNORECASE)
# "including 5 children" re-counts victims already counted: drop the aside before counting.
_ASIDE = re.compile(r",\s*(?:including|among them|of whom|most of them)[^,;.]*,?|\([^)]*\)", re.IGNORECASE)


def _value(words: str) -> int | None:
    text = " ".join(words.lower().split())
    if text[0].isdigit():
        return int(text.replace(",", ""))
    if text in _VAGUE:
        return _VAGUE[text]
    if re.fullmatch(_ZERO, text):
        return 0
    if text in _UNITS:
        return _UNITS[text]
    head, _, unit = text.replace("-", " ").partition(" ")
    if head in _TENS:
        return _TENS[head] + _UNITS.get(unit, 0)
    return 1  # a singular victim


def _kind(word: str) -> str:
    return "hurt" if re.fullmatch(_HURT, word, re.IGNORECASE) else "dead"


def casualties(sentence: str) -> tuple[int | None, int | None]:
    """(fatalities, injuries) stated in the sentence, None where it states none."""
    text = _ASIDE.sub("", sentence)
    counts: dict[str, list[int]] = {"dead": [], "hurt": []}
    for match in _LEFT.finditer(text):
        counts[_kind(match["kind"])].append(_value(match["num"]))
    for match in _RIGHT.finditer(text):
        kind = match["kind"].lower()
        if kind in ("left", "leaving"):
            if not match["kind2"]:
                continue
            kind = match["kind2"]
        counts[_kind(kind)].append(_value(match["num"]))
    for match in _TOLL.finditer(text):
        counts["dead"].append(_value(match["num"]))
    if re.search(r"\bno (?:casualties|victims)\b", text, re.IGNORECASE):
        counts["dead"].append(0)
        counts["hurt"].append(0)
    return (max(counts["dead"], default=None), max(counts["hurt"], default=None))


_SIDE = (r"(?:[A-Z][a-z]+(?:ian|an|ese|ish|ic|i)|pro-[A-Z][a-z]+|[A-Z]{2,4}|separatist|rebel|government"
         r"|state|enemy|occupying|occupation|allied|opposition|security|armed|[A-Z][a-z]+-backed"
         r"|[A-Z][a-z]+'s)")
_UNIT = (r"(?:troops|soldiers|forces|military|army|armed forces|navy|air force|servicemen|paratroopers"
         r"|marines|units?|militants|fighters|separatists|militias?|police|border guards|national guard"
         r"|special forces|mercenaries|artillery|air defen[cs]e|gunmen|rebels|insurgents|officers"
         r"|authorities)")
# "the Russian military", "Ukrainian soldiers", "separatist forces"; bare "forces" ("joined forces") is none.
_ACTOR = re.compile(rf"\b(?:the\s+)?{_SIDE}(?:\s+(?:armed|military|regular|special|airborne|elite))?"
                    rf"\s+{_UNIT}\b"
                    rf"|\b(?:Wagner(?:\s+Group)?|Azov(?:\s+(?:Regiment|Battalion))?|police|militants|rebels"
                    rf"|separatists|insurgents|gunmen|protesters|demonstrators|rioters|mercenaries)\b")


def actors(sentence: str) -> tuple[str, ...]:
    """Actor phrases in order of first mention, without repeats; their spans do not overlap."""
    return tuple(dict.fromkeys(match.group() for match in _ACTOR.finditer(sentence)))
