"""What the words around a mention say about it: the kind of place it means, and its role.

Kinds: "the region(s) of X (and Y)", "X region", "X and Y oblasts" ask for admin-1 regions;
"the restricted area around the X power plant", "the X exclusion zone" ask for a zone.
Roles (for the incident stage): the dateline; a speaker or government by metonymy ("Kiev wants",
"Moscow is demanding"); an institution's seat ("the parliament in Kiev"); a venue of talks or
announcements ("talks in Istanbul", "announced in The Hague"); a modifier ("Black Sea peninsula");
the one spoken to or about ("accused Russia of").
"""

import re

from gazetteer.query import ADMIN1_WORDS, FACILITY_WORDS

_ADMIN1 = "|".join(sorted(ADMIN1_WORDS, key=len, reverse=True))
# Left of the mention (text ends right before it).
ADMIN1_BEFORE = re.compile(rf"\b(?:the )?(?:{_ADMIN1}) (?:of|around|near) (?:the )?$", re.IGNORECASE)
ZONE_BEFORE = re.compile(
    r"\b(?:the )?(?:(?:restricted|exclusion|closed|contaminated) )?(?:area|zone) "
    r"(?:around|near|of) (?:the )?(?:[\w-]+ ){0,2}$",
    re.IGNORECASE,
)
# Right of the mention (text starts right after it).
ADMIN1_AFTER = re.compile(rf"^ (?:{_ADMIN1})\b", re.IGNORECASE)
ZONE_AFTER = re.compile(
    rf"^(?: {FACILITY_WORDS})?(?: (?:exclusion|restricted) zone| zone)\b|^ {FACILITY_WORDS}\b", re.IGNORECASE
)
# "MOSCOW, March 28 (dpa) –", "KYIV, Ukraine (AP) —": a place, then a date, region or agency, then a dash.
DATELINE_AFTER = re.compile(
    r"^(?:,? [\w.]+){0,4}[,.]? ?(?:\(|[–—-] )|^,? (?:jan|feb|mar|apr|may|jun|jul|aug|sep|"
    r"oct|nov|dec)[a-z]*\.? \d",
    re.IGNORECASE,
)
COORDINATION = re.compile(r"^(?:,? and |,? or |, )$")

SPEECH_VERBS = (
    "said|says|say|told|tells|stated|states|announced|announces|claimed|claims|reported|reports|"
    "wants|want|wanted|demands|demanded|demanding|insists|insisted|accused|accuses|blamed|blames|"
    "denied|denies|rejected|rejects|urged|urges|warned|warns|called|calls|responded|agreed|agrees|"
    "refused|refuses|threatened|threatens|hopes|expects|believes|plans|seeks|sought|confirmed|"
    "recognized|recognised|condemned|condemns|welcomed|vowed|pledged|argued|argues|maintains"
)
SPEAKER_AFTER = re.compile(
    rf"^(?:'s? government| government)?(?: (?:has|have|had|is|was|has also|also|"
    rf"now|again|then|later|previously|repeatedly))* (?:{SPEECH_VERBS})\b",
    re.IGNORECASE,
)
INSTITUTIONS = (
    "parliament|government|ministry|embassy|consulate|court|authorities|officials|spokesman|"
    "spokeswoman|spokesperson|delegation|office|headquarters|administration|council|"
    "presidency|leadership|regime|mission|prosecutors?|agency|newspaper|broadcaster"
)
INSTITUTION_BEFORE = re.compile(rf"\b(?:{INSTITUTIONS}) (?:in|of|from) (?:the )?$", re.IGNORECASE)
INSTITUTION_AFTER = re.compile(rf"^(?:'s)? (?:{INSTITUTIONS})\b", re.IGNORECASE)
VENUE_BEFORE = re.compile(
    r"\b(?:(?:talks|negotiations|meetings?|met|meet|summit|conference|announced|announcement|held|hosted|"
    r"signed|ceremony|forum|session|gathering|round|take place|took place|taking place|takes place)"
    r"(?: [\w-]+){0,4} (?:in|at)|(?:travel\w*|flew|fly|flying|went|go|going|come|came|returned?) to|"
    r"arrived in|visit(?:ed|s|ing)?) (?:the )?$",
    re.IGNORECASE,
)
# The one spoken to or about: "accused Russia of ...", "urged Ukraine to ...".
ADDRESSEE_BEFORE = re.compile(
    r"\b(?:accus\w*|blam\w*|urg\w*|call\w* on|asked|ask|asks|told|tell|tells|warn\w*|condemn\w*|"
    r"criticis\w*|criticiz\w*|sanction\w*|demand\w* that|thank\w*|invit\w*) (?:the )?$",
    re.IGNORECASE,
)
# The one spoken to or about: "accused Russia of ...", "urged Ukraine to ...".
ADDRESSEE_BEFORE = re.compile(
    r"\b(?:accus\w*|blam\w*|urg\w*|call\w* on|asked|ask|asks|told|tell|tells|warn\w*|condemn\w*|"
    r"criticis\w*|criticiz\w*|sanction\w*|demand\w* that|thank\w*|invit\w*) (?:the )?$",
    re.IGNORECASE,
)
VENUE_AFTER = re.compile(r"^,? (?:as )?(?:the )?(?:venue|host)\b", re.IGNORECASE)
# A name used as an adjective before a lower-case noun: "Black Sea peninsula", "Kharkiv residents".
MODIFIER_AFTER = re.compile(
    r"^ (?:peninsula|coast|coastline|border|port|harbou?r|fleet|residents?|people|natives?|"
    r"authorities|officials|troops|forces|army|military|side|delegation|delegates|government|"
    r"leaders?|president|mayor|governor|police|team|club|airport|station|region's)\b"
)


def kind_hint(text: str, start: int, end: int, sentence_start: int) -> tuple[str | None, int, int]:
    """(kind, phrase_start, phrase_end): the kind the phrase around text[start:end] asks for."""
    before, after = text[sentence_start:start], text[end : end + 60]
    if match := ADMIN1_BEFORE.search(before):
        return "admin1", sentence_start + match.start(), end
    if match := ADMIN1_AFTER.match(after):
        return "admin1", start, end + match.end()
    if match := ZONE_BEFORE.search(before):
        tail = ZONE_AFTER.match(after)
        return "zone", sentence_start + match.start(), end + (tail.end() if tail else 0)
    if match := ZONE_AFTER.match(after):
        return "zone", start, end + match.end()
    return None, start, end


def role(text: str, start: int, end: int, sentence_start: int, is_first_sentence: bool) -> str | None:
    """The role that makes a mention something other than an event's location, if any."""
    before, after = text[sentence_start:start], text[end : end + 80]
    if is_first_sentence and not before.strip() and DATELINE_AFTER.match(after):
        return "dateline"
    if INSTITUTION_BEFORE.search(before) or INSTITUTION_AFTER.match(after):
        return "institution"
    if SPEAKER_AFTER.match(after):
        return "speaker"
    if ADDRESSEE_BEFORE.search(before):
        return "addressee"
    if VENUE_BEFORE.search(before) or VENUE_AFTER.match(after):
        return "venue"
    if MODIFIER_AFTER.match(after):
        return "modifier"
    return None
