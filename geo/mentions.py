"""Text to place mentions: recognise names, read the phrases around them, resolve them in context."""

import re
from bisect import bisect_right
from dataclasses import replace
from itertools import compress

from gazetteer import Gazetteer

from . import phrases, recognize, resolve, roles
from .mention import Mention
from .text import Words, dateline_lines, sentence_starts, sentences

# A preposition of place, up to three words, and a comma: the town of "in Smalltown, Kharkiv", when the
# words are no mention (the caller knows; a name the gazetteer knows would be one).
# Between a town and its region: "Town in the X region", "Town of the region of X".
IN_THE_REGION = re.compile(r" (?:in|of) (?:the )?(?:(?:region|oblast|province) of )?$", re.IGNORECASE)
_WORD = r"[^\W\d_][\w'’-]*"
# "Ozera close to Hostomel", "Ivanivske near Bakhmut", "Novoselivske, 15km northwest of Svatove": the
# second place says where the first is.
NEAR_GAP = re.compile(
    rf",? (?:near|outside|close to|not far from|(?:{roles.DISTANCE} )?({roles.DIRECTION}) of) (?:the )?",
    re.IGNORECASE,
)
NEAR_KM = 50.0  # how far "near" reaches, and the margin beyond a distance given
OFF_KM = 150.0  # how far a direction alone reaches: "Bakhmut, north of Donetsk" is 90 km
KM_PER = {"km": 1.0, "kilometres": 1.0, "kilometers": 1.0, "miles": 1.609}
UNKNOWN_TOWN_BEFORE = re.compile(recognize.PLACE_PREPOSITIONS + rf"((?:{_WORD}\s){{0,2}}{_WORD}), $")


def find_mentions(
    text: str, gazetteer: Gazetteer, spans: list[tuple[int, int]] | None = None, demonyms: bool = False
) -> list[Mention]:
    """Every place mention in `text`, in order, resolved against the gazetteer.

    `spans` are the text's sentences when the caller has them already (geo.text.sentences). With
    `demonyms`, place adjectives ("French", "Sri Lankan") are mentions too, of kind "demonym" resolved
    to the place they name: geoparsing corpora count them as toponyms, while an adjective never says
    where an event happened ("Turkish mediators"), so the incident stage goes without them.
    """
    spans = sentences(text) if spans is None else spans
    words = Words(text)
    starts = sentence_starts(text, spans)
    cands = recognize.candidates(text, words, gazetteer)
    reasons = [recognize.rejection(text, words, c, starts, gazetteer) for c in cands]
    # One sense per name per article: a name rejected as part of a person's name, or of an organisation's
    # when it names no notable place, is rejected everywhere (recognize.rejected_throughout).
    keys = [words.key(c.first, c.last) for c in cands]
    name_words = {
        key
        for c, r, key in zip(cands, reasons, keys, strict=True)
        if recognize.rejected_throughout(c, r, key)
    }
    keep = [
        r is None and key not in name_words and (demonyms or c.demonym is None)
        for c, r, key in zip(cands, reasons, keys, strict=True)
    ]
    kept, keys = list(compress(cands, keep)), list(compress(keys, keep))

    span_starts = [s for s, _ in spans]
    dateline_starts = set(dateline_lines(text))
    found = []
    for cand in kept:
        start, end = cand.first, cand.end
        index = max(bisect_right(span_starts, start) - 1, 0)
        kind, phrase_start, phrase_end = phrases.kind_hint(text, start, end, spans[index][0])
        found.append(
            Mention(
                start,
                end,
                text[start:end],
                index,
                phrase_start,
                phrase_end,
                kind,
                roles.role(text, start, end, spans[index][0], spans[index][0] in dateline_starts),
                demonym=cand.demonym is not None,
            )
        )
    found = _one_kind_per_name(_coordinate(text, found), keys)
    return _resolve(text, keys, kept, found, gazetteer)


def _coordinate(text: str, mentions: list[Mention]) -> list[Mention]:
    """Spread a kind over coordinated names: forwards from "the regions of Zhytomyr and Kharkiv", backwards
    from a plural after the last name ("Sumy and Poltava regions", "the Odesa, Mykolaiv and Kherson
    oblasts")."""
    result = list(mentions)
    for i in range(1, len(result)):
        a, b = result[i - 1], result[i]
        if a.kind_hint and not b.kind_hint and a.phrase_end == a.end and _coordinated(text, a, b):
            result[i] = replace(b, kind_hint=a.kind_hint, phrase_start=b.start)
    plural = set()  # names given the kind of the plural after a later name
    for i in range(len(result) - 1, 0, -1):
        a, b = result[i - 1], result[i]
        if not b.kind_hint or a.kind_hint or not _coordinated(text, a, b):
            continue
        after = text[b.end : b.phrase_end].rstrip()
        if i in plural or (b.phrase_start == b.start and b.phrase_end > b.end and after.endswith("s")):
            result[i - 1] = replace(a, kind_hint=b.kind_hint)
            plural.add(i - 1)
    return result


def _coordinated(text: str, a: Mention, b: Mention) -> bool:
    return a.sentence == b.sentence and phrases.COORDINATION.match(text[a.end : b.start]) is not None


def _one_kind_per_name(mentions: list[Mention], keys: list[str]) -> list[Mention]:
    """A name that the words around one of its mentions call a town ("Palestine Police Department") is
    the town wherever else the article names it alone ("35, of Palestine")."""
    towns = {key for key, m in zip(keys, mentions, strict=True) if m.kind_hint == "city"}
    return [
        replace(m, kind_hint="city") if m.kind_hint is None and key in towns else m
        for key, m in zip(keys, mentions, strict=True)
    ]


def _resolve(text, keys, kept, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    options = [_options(gazetteer, key, m, c) for key, m, c in zip(keys, mentions, kept, strict=True)]
    context = resolve.article_context(keys, options, gazetteer.counties)
    chosen: dict[tuple[str, str | None], object] = {}
    listed = [_listed(text, mentions, options, i) for i in range(len(mentions))]
    result = []
    for i, (key, mention, scored) in enumerate(zip(keys, mentions, options, strict=True)):
        within = ()
        if i + 1 < len(mentions) and _region_of(text, mention, mentions[i + 1], scored, options[i + 1]):
            within = options[i + 1]
        sense = (key, mention.kind_hint)
        if sense not in chosen or within:
            chosen[sense] = resolve.choose(key, scored, context, within)
            if within and not listed[i + 1] and resolve.elsewhere(scored, within):
                chosen[sense] = None
        region = None
        after_town = result and text[result[-1].end : mention.start] == ", "
        if after_town and not listed[i]:
            region = resolve.enclosing(scored, result[-1].place)  # "Novi Sad, Vojvodina"
        elif scored and not listed[i] and _after_unknown_town(text, mention.start):
            region = resolve.enclosing(scored, scored[0][0])  # "in Smalltown, Kharkiv": the oblast
        result.append(replace(mention, place=region or chosen[sense]))
    return _placed_near(text, result, options)


def _placed_near(text: str, mentions: list[Mention], options: list[resolve.Scored]) -> list[Mention]:
    """A place named near or off another ("Ozera close to Hostomel", "Novoselivske, 15km northwest of
    Svatove") is its likeliest namesake within reach of that one (NEAR_KM, NEAR_KM beyond a distance
    given, OFF_KM for a direction alone), and none when no namesake lies so near: the gazetteer lacks it,
    and one elsewhere is not it. The other place is then a reference point (geo.roles), where the event
    is not."""
    result = list(mentions)
    for i in range(len(result) - 1):
        place, anchor = result[i], result[i + 1]
        gap = NEAR_GAP.fullmatch(text, place.end, anchor.start)
        if place.role or anchor.role not in (None, "reference") or gap is None:
            continue
        result[i + 1] = replace(anchor, role="reference")
        # Only a settlement is placed by distance: "the Gulf of Mexico near Beaumont" is the gulf.
        settlement = place.place is None or place.place.kind == "city"
        if options[i] and settlement and anchor.place:
            result[i] = replace(place, place=resolve.likeliest_near(options[i], anchor.place, _reach(gap)))
    return result


def _reach(gap: re.Match) -> float:
    """How far from the reference point a NEAR_GAP match puts a place, in km."""
    number, unit, direction = gap.group(1, 2, 3)
    if number:
        return NEAR_KM + float(number.replace(",", ".")) * KM_PER[unit.lower()]
    return OFF_KM if direction else NEAR_KM


def _region_of(
    text: str, town: Mention, following: Mention, scored: resolve.Scored, region: resolve.Scored
) -> bool:
    """Whether the next mention names the area the town lies in: "Town, Region", or a town "in the"
    admin-1 region after it ("in the Kharkiv region", "in the Kharkiv Oblast")."""
    gap = text[town.end : following.start]
    if gap == ", ":
        return True
    if not (scored and region and scored[0][0].kind == "city" and region[0][0].kind == "admin1"):
        return False
    return IN_THE_REGION.match(gap) is not None


def _after_unknown_town(text: str, start: int) -> bool:
    """Whether capitalised words the gazetteer does not know come between a preposition of place and
    ", " right before `start` ("a fire in Smalltown, Kharkiv"): a town and then its region."""
    match = UNKNOWN_TOWN_BEFORE.search(text, max(0, start - 80), start)
    return match is not None and all(word[0].isupper() for word in match.group(1).split())


def _listed(text: str, mentions: list[Mention], options: list[resolve.Scored], i: int) -> bool:
    """Whether mentions[i] goes on into a list of places other than countries ("Sumy, Poltava and
    Lviv"), where it is one more town rather than the region of the one before it."""
    if i + 1 >= len(mentions) or not options[i + 1]:
        return False
    return _coordinated(text, mentions[i], mentions[i + 1]) and options[i + 1][0][0].kind != "country"


def _options(gazetteer: Gazetteer, key: str, mention: Mention, cand) -> resolve.Scored:
    """Scored candidate places of a mention. A feature the gazetteer lacks ("Walker County", "Dublin
    Road") has none: the town named like it may be far away."""
    if cand.demonym:
        return ((cand.demonym, 0.0),)
    if cand.feature:
        return ()
    scored = gazetteer.scored_key(key, recognize.written_as_word(mention.text))
    return resolve.hinted(gazetteer, key, mention.kind_hint, scored)
