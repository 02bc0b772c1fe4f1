"""The role a mention plays in its sentence, when it is not where something happened.

The dateline; a speaker or government by metonymy ("Kiev wants", "Moscow is demanding"); an
institution's seat ("the parliament in Kiev"); a venue of talks or announcements ("talks in
Istanbul", "announced in The Hague"); a modifier ("Black Sea peninsula"); the one spoken to or
about ("accused Russia of"). The incident stage never places an event at such a mention.
"""

import re

# "MOSCOW, March 28 (dpa) –", "KYIV, Ukraine (AP) —": a place, then a date, region or agency, then a dash.
DATELINE_AFTER = re.compile(
    r"^(?:,? [\w.]+){0,4}[,.]? ?(?:\(|[–—-] )|^,? (?:jan|feb|mar|apr|may|jun|jul|aug|sep|"
    r"oct|nov|dec)[a-z]*\.? \d",
    re.IGNORECASE,
)

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
