"""Which words are place names: gazetteer matches, kept or dropped on evidence in the text.

Candidates are the longest runs of capitalised words that the gazetteer knows as a name or as a place
adjective ("French", "Sri Lankan": a demonym). A name followed by a feature word ("Walker County",
"Mississippi River", "Dublin Road") is that longer feature; a feature word after a capitalised word
the gazetteer does not join to it ("Goat Island") is no place of its own. Evidence against a candidate:
it is not capitalised, it is a month or weekday, an all-capitals acronym that is not a country's
("NATO", "GNA"), a compass or generic word ("West", "Central"), a common English word naming only a
small place ("Police", "Split" at a sentence start), the name of a product before its model code
("Milan M3"), a word of a longer capitalised name ("Dmitry Peskov", "Ukrayinska Pravda"; a participle
opening the sentence is none, "Bombed Lviv"), or part of a person's name: after a title ("Mrs.
Lincoln"), a first name ("Jose Bautista") or a middle initial ("Roy A. Nelson"), or a first name itself
naming only a small place ("Tyler Williams"), unless a preposition of place comes before it and no
surname after it ("in Selma") or a word for an area follows it ("the Selma area"). A name seen as part
of a person's or organisation's name is not a place anywhere in that article.
"""

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from gazetteer import Gazetteer, Place, name_key
from gazetteer.query import ADMIN1_WORDS, ZONE_WORDS

from .text import Token, Words

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
# English word frequencies are wordfreq's Zipf values, which the gazetteer stores (Gazetteer.zipf).
RARE_ZIPF = 4.0  # Zipf frequency below which a capitalised word is likely a proper name
COMMON_ZIPF = 3.5  # at or above this a word is an ordinary English word as well as a name
MINOR_PLACE = 100_000  # a common word naming a smaller place than this is read as the word
AREA_KINDS = ("country", "admin1", "water", "region", "zone")
MAX_WORDS = 6
NAME_GAP = re.compile(r"[ \-.'’]{0,3}")  # what may stand between two words of a name
# Captions and social media write places in lower case ("shelling in mariupol"). A lower-case word right
# after a preposition of place is a name when it is no English word and names a town this large or an area
# (a size that also makes a town before an institution's name its place: "Rivne Substation").
_PLACE_PREPOSITIONS = ("in", "near", "at", "from", "outside", "around", "into", "towards", "toward")
# Each preposition is a literal with the word boundary before it checked behind it ("in(?<!\w..)", not
# "\bin"): a search then scans in C for the letters prepositions start with, instead of trying the whole
# pattern at every position of the text.
PLACE_PREPOSITIONS = (
    "(?:" + "|".join(rf"{word}(?<!\w{'.' * len(word)})" for word in _PLACE_PREPOSITIONS) + r")\s+"
)
PREPOSITION_THEN_WORD = re.compile(PLACE_PREPOSITIONS + r"(?=[^\W\d_])")
PREPOSITION_BEFORE = re.compile(PLACE_PREPOSITIONS + r"$")
AREA_AFTER = re.compile(rf" (?:{'|'.join(ADMIN1_WORDS + ZONE_WORDS)})\b", re.IGNORECASE)  # "the X area"
LOWER_CASE_PLACE = 10_000
MODEL_CODE = re.compile(r" [^\W\d_]+-?\d\w*\b")  # "TB2", "Su-34": letters, then digits
COUNTY_WORD = re.compile(r" (?:County|Parish)\b")
COUNTY_REACH = 40  # characters from a county's first word to "County": three words at most
CONTRACTION = re.compile(r"['’](?:d|ll|re|ve|m)$", re.IGNORECASE)  # "He’d", "We’ll": never a name
DATELINE_END = re.compile(r",|\s+[(\-—–]")  # what follows the place of a dateline
# ... and of one that a headline runs on into, where a comma alone is too weak a sign ("AMLO, as he is
# known"): a dash or a bracket, after the region if there is one ("CHARLESTON, W.Va. —").
RUN_ON_DATELINE_END = re.compile(r"(?:,[^,\n]{1,30})?\s+[(\-—–]")
# Words that name a direction or a part of anything; alone they are not a place ("the West", "Central
# Government", "40th Avenue South"), though gazetteers hold towns and regions so called.
GENERIC_WORDS = frozenset(
    "north south east west northern southern eastern western central centre center middle upper lower "
    "metro man".split()
)
# Feature words that make a name before them a longer place name: "Walker County", "Dublin Road".
FEATURE_WORDS = frozenset(
    "county parish township river creek valley lake bay island street st road rd drive avenue ave "
    "boulevard blvd highway square bridge canal".split()
)
# Head nouns of an institution or facility named after its town: "Mykolaiv Oncology Hospital", "Kharkiv
# Pedagogical Institute", "Rivne Substation". The town is where the institution is, so rare words between
# the two ("Oncology") do not make the town part of a person's or organisation's name.
FACILITY_NOUNS = frozenset(
    "hospital clinic institute university college school academy polytechnic lyceum gymnasium substation "
    "station airport port plant factory works refinery depot stadium arena museum theatre theater library "
    "cathedral church monastery mosque synagogue market mall centre center corps barracks base".split()
)
# Lower-case words between a first name and a surname: "Mike de Kock", "Ahmed bin Salem".
SURNAME_PARTICLES = frozenset("de da di del della van von der den ter bin ibn ben".split())
# Words before a person's name.
TITLES = frozenset(
    "mr mrs ms miss dr prof professor sir lord lady dame king queen prince princess pope sheikh imam rev "
    "reverend pastor father gov governor sen senator rep representative president mayor judge justice "
    "sheriff deputy officer trooper sgt sergeant lt lieutenant capt captain gen general col colonel maj "
    "major cpl corporal pvt det detective coach chancellor minister secretary ambassador commissioner "
    "councilman councilwoman chairman".split()
)


@dataclass(frozen=True, slots=True)
class Candidate:
    first: int  # offset of the first word (geo.text.Words)
    last: int  # offset of the last word
    places: tuple[Place, ...]
    end: int  # character offset of the end: past a period that belongs to the name ("Calif.")
    demonym: Place | None = None  # the place an adjective names ("French"); `places` is then empty
    feature: str | None = None  # a feature word that ends the name ("County"); `places` are the head's


def _first_name(gazetteer: Gazetteer, key: str) -> bool:
    """A US census first name that is not a common English word (the gazetteer's list), nor a month."""
    return key in gazetteer.first_names and key not in MONTHS_AND_DAYS


def _joined(text: str, left: Token, right: Token) -> bool:
    """Whether two tokens can be words of one name: only spaces, hyphens or a period between them."""
    return NAME_GAP.fullmatch(text, left.end, right.start) is not None


def candidates(text: str, words: Words, gazetteer: Gazetteer) -> list[Candidate]:
    """Longest gazetteer names or place adjectives starting at capitalised words, left to right, not
    overlapping."""
    found, free = [], -1  # words up to offset `free` belong to a candidate already
    lower = _lower_case_names(text, words, gazetteer)
    counties = [match.start() for match in COUNTY_WORD.finditer(text)]  # where _county can end
    for i in sorted(words.capitalised + list(lower)):
        if i <= free:
            continue
        if i in lower:
            found.append(lower[i])
            free = i
            continue
        best, key = None, ""
        previous, first, j = None, words[i], i
        for _ in range(MAX_WORDS):
            word = words[j]
            if previous and not _joined(text, previous, word):
                break
            key = f"{key} {word.key}" if key else word.key
            if word.capitalised or word.key in NAME_INNER_WORDS:
                as_word = written_as_word(text[first.start : word.end])
                places, demonym, longer = _reading(gazetteer, key, as_word)
                if (places or demonym) and word.capitalised:
                    end = word.end
                    if key in gazetteer.abbreviations and text[end : end + 1] == ".":
                        end += 1
                    best = Candidate(i, j, places, end, demonym)
            else:
                longer = gazetteer.has_prefix(key)
            if not longer:
                break
            previous, j = word, words.after(j)
            if j is None:
                break
        if best:
            best = _with_feature(text, words, best)
        elif counties and 0 <= _next(counties, first.end) - first.end <= COUNTY_REACH:
            best = _county(text, words, i, gazetteer)
        if best:
            found.append(best)
            free = best.last
    return found


@lru_cache(maxsize=100_000)
def _reading(gazetteer: Gazetteer, key: str, word: bool) -> tuple[tuple[Place, ...], Place | None, bool]:
    """The places a name key names (`word` as for Gazetteer.scored_key), or the place it is the adjective
    of, and whether longer names start with it: the loop of candidates() asks this of the same words in
    article after article, and one cached call is several times cheaper than the four lookups."""
    places = gazetteer.lookup_key(key, word)
    # An adjective is read as itself unless a notable place has it as its name: "Canadian" is Canada's,
    # not two small towns', but "Indiana" is no adjective.
    demonym = gazetteer.demonym_key(key)
    if demonym and _notable(places, key, MINOR_PLACE):
        demonym = None
    return (() if demonym else places), demonym, gazetteer.has_prefix(key)


def written_as_word(surface: str) -> bool:
    """Whether a name is written as a word rather than in capitals: "And" is not Andorra's code "AND"
    (Gazetteer.scored_key leaves out places that only have the name as a code)."""
    return not surface.isupper()


def _lower_case_names(text: str, words: Words, gazetteer: Gazetteer) -> dict[int, Candidate]:
    """Lower-case words after a preposition of place that name a place (see PREPOSITION_THEN_WORD)."""
    found = {}
    for match in PREPOSITION_THEN_WORD.finditer(text):
        index = match.end()  # a letter after a space: a word starts there
        word = words[index]
        if word.capitalised:
            continue
        if gazetteer.zipf(word.key) or _first_name(gazetteer, word.key) or word.key in MONTHS_AND_DAYS:
            continue
        places = gazetteer.lookup_key(word.key, True)
        if places and _sizeable(places[0], LOWER_CASE_PLACE):
            found[index] = Candidate(index, index, places, word.end)
    return found


def _with_feature(text: str, words: Words, cand: Candidate) -> Candidate:
    """The candidate extended over a capitalised feature word right after it ("Walker County")."""
    if cand.demonym:
        return cand
    following = words.after(cand.last)
    if following is None or text[cand.end : words[following].start] != " ":
        return cand
    word = words[following]
    if not word.capitalised or word.key not in FEATURE_WORDS:
        return cand
    end = word.end + (text[word.end : word.end + 1] == "." and len(word.key) <= 4)  # "St.", "Ave."
    return Candidate(cand.first, following, cand.places, end, feature=word.text)


def _next(offsets: list[int], at: int) -> int:
    """The first offset at or after `at` (a sorted list), or -1."""
    index = bisect_left(offsets, at)
    return offsets[index] if index < len(offsets) else -1


def _county(text: str, words: Words, first: int, gazetteer: Gazetteer) -> Candidate | None:
    """A US county whose name is no place of the gazetteer ("Cooke County"), up to three words before
    "County" or "Parish"; the gazetteer has no place for it, but knows its states (Gazetteer.counties)."""
    last = first
    for _ in range(3):
        following = words.after(last)
        if following is None:
            return None
        feature = words[following]
        if not words[last].capitalised or text[words[last].end : feature.start] != " ":
            return None
        if feature.capitalised and feature.key in ("county", "parish"):
            key = words.key(first, following)
            if key not in gazetteer.counties:
                return None
            return Candidate(first, following, (), feature.end, feature=feature.text)
        last = following
    return None


def _notable(places: tuple[Place, ...], key: str, population: int) -> bool:
    """Whether a common word is here the name of an area or a large place, by that place's own name
    or a country's: alternate names that are common words ("We" for Hue) are not evidence."""
    return any(
        _sizeable(p, population) and (p.kind == "country" or _place_key(p.name) == key) for p in places
    )


def _sizeable(place: Place, population: int) -> bool:
    """Whether a place is an area or has at least `population` people. An admin-1 region whose towns add
    up to fewer than MINOR_PLACE people is no area in this sense: some countries' first-level units are
    municipalities as small as a village (Slovenia's "Štore", which is also the word "Store")."""
    if place.kind == "admin1":
        return not 0 < place.population < min(population, MINOR_PLACE)
    return place.kind in AREA_KINDS or place.population >= population


# The keys of the names of places the recogniser weighs, the same places in article after article.
_place_key = lru_cache(maxsize=100_000)(name_key)


def rejection(
    text: str, words: Words, cand: Candidate, sentence_starts: set[int], gazetteer: Gazetteer
) -> str | None:
    """Why a candidate is not a place mention, or None when nothing speaks against it."""
    span = words.span(cand.first, cand.last)
    surface = text[span[0].start : span[-1].end]
    single = len(span) == 1
    if single and span[0].key in MONTHS_AND_DAYS:
        return "month or weekday"
    if single and span[0].key in GENERIC_WORDS:
        return "generic word"
    if single and CONTRACTION.search(surface):
        return "contraction"  # "He’d" is no "el Hed"
    if _dateline(text, surface, span[0].start, cand.end, sentence_starts):
        return None  # "CAIRO, Egypt -": a dateline names a place, common word or not
    letters = "".join(filter(str.isalpha, surface))
    acronym = 0 < len(letters) <= 5 and all(map(str.isupper, letters))
    # Acronyms: only countries and continents (as "EU") are commonly written so ("UK"), and
    # abbreviations that the gazetteer writes with their period ("N.M.", "U.S.").
    if acronym and cand.end == span[-1].end and not any(p.kind in ("country", "region") for p in cand.places):
        return "acronym"
    if cand.demonym:
        return None  # an adjective is not a person's name, and is no common word
    if _person(text, words, cand, gazetteer):
        return "part of a person's name"
    abbreviation = cand.end > span[-1].end  # with the period the gazetteer writes it with ("Ala.")
    zipf = gazetteer.zipf(span[0].key)
    if single and not acronym and not abbreviation and zipf >= COMMON_ZIPF:
        at_start = span[0].start in sentence_starts
        # At a sentence start, where a capital says nothing, a common word must name a place the larger
        # the more common the word: ten times the people for each ten times the uses ("Toledo", Zipf
        # 3.5, is the city; "Store", Zipf 5.0, would need three million people).
        needed = round(MINOR_PLACE * 10 ** (zipf - COMMON_ZIPF)) if at_start else MINOR_PLACE
        if not _notable(cand.places, span[0].key, needed):
            return "common word"
    if single and span[0].key in FEATURE_WORDS and _capitalised_before(text, words, cand.first):
        return "part of a longer name"  # "Snake Island", a feature the gazetteer lacks, is not "Island"
    previous = words.before(cand.first)
    before = _name_neighbour(text, words, previous, cand.first, gazetteer) and not _participle(
        words, previous, sentence_starts, gazetteer
    )
    after = _name_neighbour(text, words, words.after(cand.last), cand.last, gazetteer)
    # A county's name runs on into its offices ("Cooke County Sheriff"): the county is still a place.
    if _model_code_after(text, words, cand.last):
        return "part of a longer name"  # a product named after a place: "Bayraktar TB2", "Sukhoi Su-34"
    if before or (after and not cand.feature and not _facility(text, words, cand, gazetteer)):
        return "part of a longer name"
    return None


def _capitalised_before(text: str, words: Words, index: int) -> bool:
    """Whether a capitalised word comes right before words[index], after a single space."""
    previous = words.before(index)
    if previous is None:
        return False
    before = words[previous]
    return before.capitalised and text[before.end : words[index].start] == " "


def _model_code_after(text: str, words: Words, index: int) -> bool:
    """Whether a model code, letters and digits in one word ("TB2", "Su-34"), follows words[index]."""
    return MODEL_CODE.match(text, words[index].end) is not None


def _participle(words: Words, index: int, sentence_starts: set[int], gazetteer: Gazetteer) -> bool:
    """Whether words[index] opens a sentence and ends in "-ed" without being a first name: a participle
    capitalised by its place ("Bombed Lviv, four hurt"), which names what happened to the place."""
    word = words[index]
    return word.start in sentence_starts and word.key.endswith("ed") and not _first_name(gazetteer, word.key)


def _dateline(text: str, surface: str, start: int, end: int, sentence_starts: set[int]) -> bool:
    """Whether a name in capitals opens a line, or a sentence, and what follows it ends the place of a
    dateline ("COLUMBUS, Ohio (AP) -", "WINNIPEG — "): a headline may run on into its dateline on one
    line ("Council votes on budget. PORTLAND — The council...")."""
    if not surface.isupper():
        return False
    if not text[text.rfind("\n", 0, start) + 1 : start].strip():
        return DATELINE_END.match(text, end) is not None
    return start in sentence_starts and RUN_ON_DATELINE_END.match(text, end) is not None


def rejected_throughout(cand: Candidate, reason: str | None, key: str) -> bool:
    """Whether a rejection holds for the name in the whole article: a person's name always ("Coach
    Brian Welch ... Welch said"), an organisation's name when the name is no area nor a town of some
    size ("Ukrayinska Pravda ... Pravda cited", but "Leeds Rhinos ... fans in Leeds")."""
    if reason == "part of a person's name":
        return True
    return reason == "part of a longer name" and not _notable(cand.places, key, LOWER_CASE_PLACE)


def _person(text: str, words: Words, cand: Candidate, gazetteer: Gazetteer) -> bool:
    """Whether the candidate is (part of) a person's name: after a title ("Mrs. Lincoln"), a first name
    ("Jose Bautista") or a middle initial ("Roy A. Nelson"); or a first name before a capitalised word
    ("Tyler Williams") or alone, when the place it names is small."""
    first = words[cand.first]
    previous = words.before(cand.first)
    if previous is not None:
        before = words[previous]
        gap = text[before.end : first.start]
        if gap in (" ", ". ") and before.key in TITLES and before.capitalised:
            return True
        if gap == " " and before.capitalised and _first_name(gazetteer, before.key):
            return True
        if gap == ". " and len(before.text) == 1 and before.text.isupper():
            second = words.before(previous)
            if second is not None:
                return words[second].capitalised  # "Roy A. Nelson", not "Washington, D. C."
        if gap == " " and before.key in SURNAME_PARTICLES and not before.capitalised:
            second = words.before(previous)  # "Mike de Kock", "Ahmed bin Salem"
            if second is not None:
                name = words[second]
                if text[name.end : before.start] == " " and _first_name(gazetteer, name.key):
                    return True
    if cand.first == cand.last and _first_name(gazetteer, first.key):
        # After a preposition of place and with no surname after it, a first name is the town
        # ("shelling in Tyler"), as "in" takes a place far more often than a person; and so it is
        # before a word for an area ("the Tyler area").
        located = (
            PREPOSITION_BEFORE.search(text, max(0, first.start - 12), first.start) is not None
            and not _surname_after(text, words, cand.last)
        ) or AREA_AFTER.match(text, cand.end) is not None
        return not located and not _notable(cand.places, first.key, MINOR_PLACE)
    return False


def _surname_after(text: str, words: Words, index: int) -> bool:
    """Whether a capitalised word follows words[index] after a single space ("Tyler Brooks")."""
    following = words.after(index)
    return following is not None and words[following].capitalised and (
        text[words[index].end : words[following].start] == " "
    )


def _facility(text: str, words: Words, cand: Candidate, gazetteer: Gazetteer) -> bool:
    """Whether capitalised words after the candidate name an institution or facility (FACILITY_NOUNS) in
    a town of some size; a first name there begins a person's name ("Ben Strother Sunday School")."""
    if cand.first == cand.last and _first_name(gazetteer, words[cand.first].key):
        return False
    top = cand.places[0] if cand.places else None
    if top is None or not _sizeable(top, LOWER_CASE_PLACE):
        return False
    previous, index = words[cand.last], cand.last
    for _ in range(MAX_WORDS):
        index = words.after(index)
        if index is None:
            return False
        word = words[index]
        if not (word.capitalised or word.key in NAME_INNER_WORDS) or text[previous.end : word.start] != " ":
            return False
        if word.capitalised and word.key in FACILITY_NOUNS:
            return True
        previous = word
    return False


def _name_neighbour(text: str, words: Words, index: int | None, inner: int, gazetteer: Gazetteer) -> bool:
    """Whether words[index] is a capitalised rare word glued to the candidate by a space or a hyphen: a
    person's or an organisation's name continues across it ("Dmitry Peskov", "Ukrayinska Pravda",
    "Dynamo-Kyiv"); a place hyphened to a place is not one name ("Kharkiv-Kyiv highway")."""
    if index is None:
        return False
    word = words[index]
    if not word.capitalised:
        return False
    gap = text[word.end : words[inner].start] if index < inner else text[words[inner].end : word.start]
    if gap not in (" ", "-"):
        return False
    if word.text.isupper() and len(word.text) > 1:
        return False  # an acronym beside a name ("NATO Kyiv summit") does not join it
    if gap == "-" and gazetteer.lookup_key(word.key, True):
        return False  # two places hyphened ("Kharkiv-Kyiv highway") are both places
    return gazetteer.zipf(word.key) < RARE_ZIPF
