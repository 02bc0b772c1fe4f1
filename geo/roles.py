"""The role a mention plays in its sentence, when it is not where something happened.

The dateline; a speaker or government by metonymy ("Kiev wants", "Moscow is demanding"), or an
attacker ("Russia launched a drone attack"); an institution's seat when the institution is a source
("the parliament in Kiev reported"); a venue of talks or announcements ("talks in Istanbul", "announced
in The Hague"); a party to an agreement ("joined forces with Poland"); the object of a demand or claim
("demanding that Ukraine ..."); the recipient of goods or arms ("supplying drones to Moscow"); a
modifier ("Black Sea peninsula", "the equipment of Russia"); the one spoken to or about ("accused Russia
of"); a local official ("Kharkiv governor"); a reference point ("north of Bakhmut"; geo.mentions also
makes one of a place named near another: "Ivanivske near Bakhmut"). The incident stage never places an
event at such a mention, except that it falls back on an official's town or a reference point when the
sentence names no other place. docs/incidents.md has the rules.
"""

import re

from .patterns import Ending

# "MOSCOW, March 28 (dpa) –", "KYIV, Ukraine (AP) —": a place, then a date, region or agency, then a dash.
# Without the dash ("Kharkiv, Forest Park (Lesonpark), a memorial ...") it is a place of the text.
DATELINE_AFTER = re.compile(
    r"^(?:,? [\w.]+){0,4},? ?(?:\([^()]{1,40}\))? ?(?:[–—]|--?) |^,? (?:jan|feb|mar|apr|may|jun|jul|aug|"
    r"sep|oct|nov|dec)[a-z]*\.? \d",
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
    "presidency|leadership|regime|mission|prosecutors?|agency|newspaper|broadcaster|military|army|"
    "armed forces|general staff"
)
INSTITUTION_BEFORE = Ending(rf"\b(?:{INSTITUTIONS}) (?:in|of|from) (?:the )?$", re.IGNORECASE)
# "Russia's defence ministry", "the Kharkiv regional administration": up to two words between.
INSTITUTION_AFTER = re.compile(rf"^(?:'s)?(?: [\w-]+){{0,2}}? (?:{INSTITUTIONS})\b", re.IGNORECASE)
# An institution is a role only as a source: it speaks ("the parliament in Kiev reported") or is cited
# ("according to the ministry in Kyiv"). As a target it is where the event happened ("an airstrike on the
# security service office in Kharkiv").
SOURCE_BEFORE = re.compile(r"\b(?:according to|citing|cited|quoting|quoted by)\b[^,;.]*$", re.IGNORECASE)
# A metonymic speaker is a subject: "Kyiv said", never the object of a preposition ("a missile attack on
# Kyiv reported with debris").
PREPOSITION_BEFORE = Ending(
    r"\b(?:on|in|at|near|to|from|of|over|into|around|towards?|against|by|outside|across|through)"
    r" (?:the )?$", re.IGNORECASE)
# Venues of talks: a talks word earlier in the clause (no comma between), then "in" or "at" ("talks could
# take place in Istanbul"); travel and visits; announcements. An event that "took place in" a town is no
# venue.
TALKS = (r"talks|negotiations|meetings?|met|meet|summit|conference|announced|announcement|signed|signing"
         r"|ceremony|forum|session|gathering|round of")
VENUE_BEFORE = Ending(
    rf"\b(?:(?:{TALKS})\b[^.;:!?,]{{0,80}}? (?:in|at)|(?:travel\w*|flew|fly|flying|went|go|going|come|came"
    r"|returned?) to|arrived in|visit(?:ed|s|ing)?) (?:the )?$",
    re.IGNORECASE,
)
VENUE_AFTER = re.compile(r"^,? (?:as )?(?:the )?(?:venue|host)\b", re.IGNORECASE)
# "Zelensky visited Bucha, where civilians were executed": the place of the relative clause is no venue.
WHERE_AFTER = re.compile(r"^,? where\b", re.IGNORECASE)
# The one spoken to or about: "accused Russia of ...", "urged Ukraine to ...".
ADDRESSEE_BEFORE = Ending(
    r"\b(?:accus\w*|blam\w*|urg\w*|call\w* on|asked|ask|asks|told|tell|tells|warn\w*|condemn\w*|"
    r"criticis\w*|criticiz\w*|sanction\w*|thank\w*|invit\w*) (?:the )?$",
    re.IGNORECASE,
)
# Parties to an agreement or joint action: "joined forces with Poland, Lithuania and Ukraine", "a prisoner
# exchange between Russia and Ukraine", "a deal with Turkey".
NAMES = r"(?:[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)*(?:, and |, | and ))*"
PARTY_BEFORE = Ending(
    r"\b(?i:agreements?|agreed|deals?|accords?|treat(?:y|ies)|memorand\w*|talks|negotiations|cooperat\w*"
    r"|joined forces|partnership|alliance|exchanges?|swaps?|relations|ties)(?: \w+){0,3}? (?i:with|between) "
    rf"(?:the )?{NAMES}$")
# Demands and claims: "Moscow is demanding that Ukraine ...", "wants Crimea back", "claims to Crimea".
DEMAND_BEFORE = Ending(
    r"\b(?:demand\w*|insist\w*|calls? for|called for|wants?|wanted|claims? (?:to|over|on))(?: that)?"
    r" (?:the )?$", re.IGNORECASE)
# The one who attacks, by metonymy: "Russia launched a drone attack on the capital", "Israel struck ...". A
# place hit is passive ("Kharkiv was hit", "Kyiv struck by missiles").
ACTOR_AFTER = re.compile(
    r"^(?:'s? (?:army|forces|military|troops|air force|navy))?(?: (?:has|have|had|again|also|then|later))*"
    r" (?:launched|struck|fired|attacked|shelled|bombed|hit|pounded|targeted|unleashed|carried out)\b"
    r"(?! (?:by|upon|on)\b)",
    re.IGNORECASE,
)
# The recipient of goods or arms: "firms supplying drones to Moscow", "Berlin will send tanks to Ukraine".
RECIPIENT_BEFORE = Ending(
    r"\b(?:suppl(?:y|ies|ied|ying)|sell(?:s|ing)?|sold|deliver(?:s|ed|ing|y|ies)?|send(?:s|ing)?|sent"
    r"|ship(?:s|ped|ping)?|provid(?:e|es|ed|ing)|export(?:s|ed|ing)?|transfer(?:s|red|ring)?"
    r"|donat(?:e|es|ed|ing))\b[^.;:!?]{0,60}? to (?:the )?$", re.IGNORECASE)
# A name used as an adjective before a noun for something not at the place: "Black Sea peninsula",
# "Kharkiv natives", "Kyiv's government". A port, airport or station named after a town is in it.
MODIFIER_AFTER = re.compile(
    r"^ (?:peninsula|coast|coastline|border|fleet|natives?|authorities|officials|troops|forces|army"
    r"|military|side|delegation|delegates|government|leaders?|president|mayor|governor|police|team|club"
    r"|region's)\b"
)
# The owner of forces or goods is not where they are: "the equipment of Russia", "a flag of Ukraine".
# Named vessels are not places either: "the landing ship Orsk".
MODIFIER_BEFORE = Ending(
    r"\b(?:(?:troops|forces|army|armed forces|soldiers|military|navy|fleet|equipment|vehicles|tanks|weapons"
    r"|flags?|citizens|nationals|allies|ally|president|leaders?|government) of (?:the )?"
    r"|(?:ship|vessel|frigate|cruiser|corvette|submarine|tanker|warship|boat|ferry) [\"'‘“]?)$",
    re.IGNORECASE)
# Local officials speak for their town or region: "Kharkiv governor ...", "Mykolaiv's mayor ...", "officials
# in Sumy". Not the event's place as such, but the incident stage falls back on it when their sentence
# names no other.
_OFFICES = r"(?:mayor|governor|authorities|officials|administration|council|police|emergency services)"
_LOCAL = r"(?:regional|city|local|military|oblast|district|municipal|state|civil|civilian)"
OFFICIAL_AFTER = re.compile(rf"^(?:'s)?(?: {_LOCAL})* {_OFFICES}\b", re.IGNORECASE)
OFFICIAL_BEFORE = Ending(
    rf"\b(?:{_LOCAL} )*{_OFFICES} (?:in|of|for) (?:the )?(?:(?:city|town|region|oblast|village) of )?$",
    re.IGNORECASE)
# A reference point: the event is somewhere off it ("repelled attacks near Soledar, north of Bakhmut",
# "positions 10 km NE of Mariupol"). "In the north of Kharkiv" is inside the place, and no reference.
DISTANCE = r"(\d+(?:[.,]\d+)?) ?(km|kilometres|kilometers|miles)"
DIRECTION = r"(?:(?:north|south)(?:-?(?:east|west))?|east|west|(?-i:NE|NW|SE|SW))"
REFERENCE_BEFORE = Ending(rf"\b(?:{DISTANCE} )?{DIRECTION} of $", re.IGNORECASE)
# An office that is the object of "with", "against", "on" or "at" acts where the event happened: "protesters
# clashed with police in Chisinau", "an attack on police in Lviv".
OFFICE_OBJECT = Ending(r"\b(?:with|against|on|at) (?:the )?$", re.IGNORECASE)
# The agent of a statement in the passive: "the strike was condemned by Germany".
SPEAKER_BEFORE = Ending(
    rf"\b(?:{SPEECH_VERBS}|criticised|criticized|denounced) by (?:the )?$", re.IGNORECASE)


def _institution(before: str, after: str) -> bool:
    if INSTITUTION_BEFORE.search(before):
        return bool(_speaks(after) or SOURCE_BEFORE.search(before))
    named = INSTITUTION_AFTER.match(after)
    return bool(named and (_speaks(after[named.end():]) or SOURCE_BEFORE.search(before)))


def _official(before: str, after: str) -> bool:
    if OFFICIAL_AFTER.match(after):
        return True
    office = OFFICIAL_BEFORE.search(before)
    return office is not None and not OFFICE_OBJECT.search(before[: office.start()])


def _reference(before: str) -> bool:
    match = REFERENCE_BEFORE.search(before)
    return match is not None and not before[: match.start()].lower().endswith("the ")


def _speaks(after: str) -> bool:
    return bool(SPEAKER_AFTER.match(after))


# Each role with its test on (text of the sentence before the name, text after it), in order. Patterns on
# the text before that end in `$` are Endings (geo.patterns), which find the same match several times
# faster than a search of the whole sentence; SOURCE_BEFORE, which starts with `[^,;.]*`, is not.
RULES = (
    ("official", _official),
    ("institution", _institution),
    ("speaker", lambda before, after: (_speaks(after) and not PREPOSITION_BEFORE.search(before))
     or SPEAKER_BEFORE.search(before)),
    ("actor", lambda before, after: ACTOR_AFTER.match(after) and not PREPOSITION_BEFORE.search(before)),
    ("addressee", lambda before, after: ADDRESSEE_BEFORE.search(before)),
    ("party", lambda before, after: PARTY_BEFORE.search(before)),
    ("demand", lambda before, after: DEMAND_BEFORE.search(before)),
    ("recipient", lambda before, after: RECIPIENT_BEFORE.search(before)),
    ("venue", lambda before, after: not WHERE_AFTER.match(after)
     and (VENUE_BEFORE.search(before) or VENUE_AFTER.match(after))),
    ("modifier", lambda before, after: MODIFIER_AFTER.match(after) or MODIFIER_BEFORE.search(before)),
    ("reference", lambda before, after: _reference(before)),
)


def role(text: str, start: int, end: int, sentence_start: int, opens_article: bool) -> str | None:
    """The role that makes a mention something other than an event's location, if any. `opens_article`:
    whether the sentence opens a line that may hold the dateline (geo.text.dateline_lines)."""
    before, after = text[sentence_start:start], text[end : end + 80]
    if opens_article and not before.strip() and DATELINE_AFTER.match(after):
        return "dateline"
    return next((name for name, test in RULES if test(before, after)), None)
