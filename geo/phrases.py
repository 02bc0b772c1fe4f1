"""What the words around a mention say about the kind of place it means.

"the (southern, Russian ...) region(s) of X (and Y)", "X region", "X and Y oblasts" ask for admin-1
regions (not "the W region of X", whose region word ends the name W);
"the restricted area around the X power plant", "the X exclusion zone" ask for a zone;
"X City Council", "X Police Department", "X High School", "a X man" ask for a town (at least, for no
country: such local offices and people are a town's, and a country's are written with its adjective).
"""

import re

from gazetteer.query import ADMIN1_WORDS, FACILITY_WORDS

from .patterns import Ending

_ADMIN1 = "|".join(sorted(ADMIN1_WORDS, key=len, reverse=True))
# Left of the mention (text ends right before it).
# Adjectives may come after "the": "the southern region of", "the Russian border region of".
ADMIN1_BEFORE = Ending(
    rf"\b(?:the (?:(?-i:[a-z][\w-]*|[A-Z][a-z]+(?:an|ese|ish)) ){{0,2}})?(?:{_ADMIN1}) (?:of|around|near)"
    r" (?:the )?$",
    re.IGNORECASE,
)
ZONE_BEFORE = Ending(
    r"\b(?:the )?(?:(?:restricted|exclusion|closed|contaminated) )?(?:area|zone) "
    r"(?:around|near|of) (?:the )?(?:[\w-]+ ){0,2}$",
    re.IGNORECASE,
)
# Right of the mention (text starts right after it).
ADMIN1_AFTER = re.compile(rf"^ (?:{_ADMIN1})\b", re.IGNORECASE)
ZONE_AFTER = re.compile(
    rf"^(?: {FACILITY_WORDS})?(?: (?:exclusion|restricted) zone| zone)\b|^ {FACILITY_WORDS}\b", re.IGNORECASE
)
# What only a town has, right after its name.
TOWN_AFTER = re.compile(
    r"^(?:'s|’s)? (?:city (?:council|hall|manager|commission|limits)|mayor|aldermen"
    r"|police (?:department|chief)|fire department|public library|(?:elementary|middle|high) school"
    r"|(?:independent )?school district"
    r"|man|woman|residents?)\b",
    re.IGNORECASE,
)
LAST_WORD = re.compile(r"([^\W\d_][\w'’-]*) $")
COORDINATION = re.compile(r"^(?:,? and |,? or |, )$")


def _name_tail(before: str, match: re.Match) -> bool:
    """Whether the region word of a match ends the name before it: "the Kherson Oblast of Ukraine" names
    no region of Ukraine."""
    if match.group().lower().startswith("the "):
        return False
    word = LAST_WORD.search(before, max(0, match.start() - 40), match.start())
    return word is not None and word.group(1)[0].isupper()


def kind_hint(text: str, start: int, end: int, sentence_start: int) -> tuple[str | None, int, int]:
    """(kind, phrase_start, phrase_end): the kind the phrase around text[start:end] asks for."""
    before, after = text[sentence_start:start], text[end : end + 60]
    if (match := ADMIN1_BEFORE.search(before)) and not _name_tail(before, match):
        return "admin1", sentence_start + match.start(), end
    if match := ADMIN1_AFTER.match(after):
        return "admin1", start, end + match.end()
    if match := ZONE_BEFORE.search(before):
        tail = ZONE_AFTER.match(after)
        return "zone", sentence_start + match.start(), end + (tail.end() if tail else 0)
    if match := ZONE_AFTER.match(after):
        return "zone", start, end + match.end()
    if TOWN_AFTER.match(after):
        return "city", start, end  # the phrase stays the name: "Lebanon", not "Lebanon Police Department"
    return None, start, end
