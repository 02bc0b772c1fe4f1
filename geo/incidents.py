"""Resolved mentions to incidents: which places are where an event happened, of what type, when.

Per sentence: its event triggers (geo.triggers) link to the places of their clause, else of their
sentence (coordination included: "Zhytomyr and Kharkiv were hit"), else, for "there" and other
pointers, of the previous sentence. Places in a role (dateline, speaker, institution, venue,
modifier) are never incident locations, nor is an area enclosing another place of the sentence
("Kharkiv, Ukraine"). Sentences about the future or a past year are not incidents; negated
triggers are not events. One incident per place and event type per sentence; the same incident
from several sentences or articles is merged, keeping every source.
"""

import datetime
import re
from dataclasses import dataclass, replace

from gazetteer import Gazetteer, Place

from . import dates, details
from .incident import Incident
from .mention import Mention
from .mentions import find_mentions
from .text import sentences
from .triggers import find_triggers
from .verification import verification

# Clause breaks that separate one event from another inside a sentence.
CLAUSE_BREAK = re.compile(
    r";|:|\s[–—]\s|,\s+(?:while|whereas|but|although|though|as|after|before|when|"
    r"where|which)\b"
)
# Words that point back to the previous sentence's place.
POINTER = re.compile(
    r"\b(?:there|it|its|the (?:city|town|village|region|area|oblast|province|settlement))\b", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Article:
    """One input article: its id (file name or record id), text and date (None: from the dateline or
    the caller's default)."""

    id: str
    text: str
    date: datetime.date | None = None


def article_incidents(
    article: Article, gazetteer: Gazetteer, default_date: datetime.date | None = None
) -> list[Incident]:
    """The incidents one article reports."""
    reference = dates.article_date(article.text, article.date or default_date)
    if reference is None:
        from .errors import GeoError

        raise GeoError(f"{article.id}: no date: give the record a date, or pass --date YYYY-MM-DD")
    text = article.text
    spans = sentences(text)
    by_sentence: dict[int, list[Mention]] = {}
    for mention in find_mentions(text, gazetteer, spans):
        by_sentence.setdefault(mention.sentence, []).append(mention)

    found: list[Incident] = []
    owners: list[int] = []  # sentence index of each incident, for verification cues that follow
    previous_places: list[Mention] = []
    for index, (start, end) in enumerate(spans):
        sentence = text[start:end]
        mentions = _locations(by_sentence.get(index, []))
        triggers = [t for t in find_triggers(sentence) if not t.negated]
        cue = verification(sentence)
        if not triggers:
            if cue and found:
                # "The information could not be independently verified." speaks of the events before it.
                last = owners[-1]
                found = [
                    replace(inc, verification=_stronger(inc.verification, cue)) if owner == last else inc
                    for inc, owner in zip(found, owners, strict=True)
                ]
            previous_places = mentions or previous_places
            continue
        when = dates.resolve(sentence, reference)
        if when is not None and when.relation in ("future", "historical"):
            previous_places = mentions or previous_places
            continue
        if not mentions and POINTER.search(sentence):
            mentions = previous_places
        span_dates = (when.start, when.end, when.precision) if when else (reference, reference, "article")
        fatalities, injuries = details.casualties(sentence)
        actors = details.actors(sentence)
        for mention, linked in _link(sentence, start, mentions, triggers):
            for event_type, group in _by_type(linked).items():
                found.append(
                    Incident(
                        place=mention.place,
                        event_type=event_type,
                        sub_event_type=group[0].sub_event_type,
                        date_start=span_dates[0],
                        date_end=span_dates[1],
                        date_precision=span_dates[2],
                        evidence=sentence,
                        sources=(article.id,),
                        verification=cue or "reported",
                        evidence_start=start,
                        evidence_end=end,
                        triggers=tuple(t.text for t in group),
                        fatalities=fatalities,
                        injuries=injuries,
                        actors=actors,
                        mention=text[mention.phrase_start : mention.phrase_end],
                    )
                )
                owners.append(index)
        previous_places = mentions or previous_places
    return merge(found)


def _locations(mentions: list[Mention]) -> list[Mention]:
    """Mentions that can be where an event happened: resolved, in no other role, and not an area that
    encloses another mention of the sentence."""
    usable = [m for m in mentions if m.place is not None and m.role is None]
    return [m for m in usable if not any(_encloses(m.place, o.place) for o in usable if o is not m)]


def _encloses(area: Place, place: Place) -> bool:
    if area.kind == "country":
        return place.country == area.country and place.kind != "country"
    if area.kind == "admin1":
        return place.admin1 == area.admin1 and place.kind == "city"
    return False


def _link(sentence: str, offset: int, mentions: list[Mention], triggers) -> list[tuple[Mention, list]]:
    """Pair each place with the triggers of its clause (or of the sentence when its clause has none)."""
    breaks = [0, *(m.start() for m in CLAUSE_BREAK.finditer(sentence)), len(sentence)]

    def clause(position: int) -> int:
        return max(i for i, b in enumerate(breaks[:-1]) if b <= position)

    pairs = []
    for mention in mentions:
        here = [t for t in triggers if clause(t.start) == clause(max(mention.start - offset, 0))]
        pairs.append((mention, here or triggers))
    return pairs


def _by_type(triggers) -> dict[str, list]:
    grouped: dict[str, list] = {}
    for trigger in triggers:
        grouped.setdefault(trigger.event_type, []).append(trigger)
    return grouped


_STRENGTH = {"reported": 0, "unverified": 1, "disputed": 2}


def _stronger(current: str, cue: str) -> str:
    return max(current, cue, key=_STRENGTH.__getitem__)


def merge(incidents: list[Incident]) -> list[Incident]:
    """One incident per place, sub-event type and overlapping dates, with every source and trigger."""
    merged: list[Incident] = []
    same: dict[tuple[str, str], list[int]] = {}  # (place, sub-event type) -> indices into merged
    for incident in incidents:
        indices = same.setdefault((incident.place.id, incident.sub_event_type), [])
        for i in indices:
            kept = merged[i]
            if kept.date_start <= incident.date_end and incident.date_start <= kept.date_end:
                merged[i] = replace(
                    kept,
                    sources=tuple(dict.fromkeys(kept.sources + incident.sources)),
                    triggers=tuple(dict.fromkeys(kept.triggers + incident.triggers)),
                    verification=_stronger(kept.verification, incident.verification),
                    fatalities=kept.fatalities if kept.fatalities is not None else incident.fatalities,
                    injuries=kept.injuries if kept.injuries is not None else incident.injuries,
                    actors=tuple(dict.fromkeys(kept.actors + incident.actors)),
                )
                break
        else:
            indices.append(len(merged))
            merged.append(incident)
    return merged
