"""Resolved mentions to incidents: which places are where an event happened, of what type, when.

Places are the article's mentions (geo.mentions) and its capitals named by their role ("the Ukrainian
capital": geo.capitals). Per sentence: its event triggers (geo.triggers) link to the places of their
clause, else of their sentence (coordination included: "Zhytomyr and Kharkiv were hit"), else, for
"there" and other pointers, of the previous sentence. Places in a role (geo.roles: dateline, speaker,
attacker, institution, venue, modifier ...) are never incident locations, nor is an area enclosing
another place of the sentence ("Kharkiv, Ukraine") or a country beside a finer place in its clause
("Russia struck Bakhmut"); a local official's town ("Kharkiv governor") or a reference point ("north of
Bakhmut") stands in when the sentence names no other place. Sentences about the future or a past year are
not incidents; negated triggers are not events; a general word that points back ("the attack") has the
type of the event before it. One incident per place and event type per sentence; the same incident from
several sentences or articles is merged, keeping every source.
"""

import datetime
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Protocol

from gazetteer import Gazetteer

from . import dates, details
from .article import Article
from .capitals import capital_mentions
from .errors import GeoError
from .incident import Incident
from .mention import Mention
from .mentions import find_mentions
from .text import sentences
from .triggers import STRATEGIC, VIOLENT_TYPES, Trigger, find_triggers, primary
from .verification import verification

# Clause breaks that separate one event from another inside a sentence.
CLAUSE_BREAK = re.compile(
    r";|:|\s[–—]\s|,\s+(?:while|whereas|but|although|though|as|after|before|when|"
    r"where|which)\b"
)
# A relative clause set off by commas ends at the next comma: "The strike in Dnipro, which killed 40 people,
# was condemned by Germany" is three clauses.
RELATIVE = re.compile(r",\s+(?:which|where|who)\b[^,;:]*(?=,)")
# Trigger confidence (geo.triggers): below MIN_CONFIDENCE, or more than CONFIDENCE_SPREAD under the best
# trigger of the same place, a trigger stands only when nothing better is there.
MIN_CONFIDENCE, CONFIDENCE_SPREAD = 0.5, 0.4
# A determiner, up to two words, then the trigger: "the attack", "the deadly overnight strike".
ANAPHOR = re.compile(r"\b(?:the|this|that|these|those)(?: [\w-]+){0,2} $", re.IGNORECASE)
# Words that point back to the previous sentence's place.
POINTER = re.compile(
    r"\b(?:there|it|its|the (?:city|town|village|region|area|oblast|province|settlement))\b", re.IGNORECASE
)


def article_incidents(
    article: Article, gazetteer: Gazetteer, default_date: datetime.date | None = None
) -> list[Incident]:
    """The incidents one article reports."""
    reference = dates.article_date(article.text, article.date or default_date)
    if reference is None:
        raise GeoError(f"{article.id}: no date: give the record a date, or pass --date YYYY-MM-DD")
    text = article.text
    spans = sentences(text)
    by_sentence: dict[int, list[Mention]] = {}
    # A capital named by its role ("the Ukrainian capital") is a place here, though no toponym for
    # find_mentions.
    named = find_mentions(text, gazetteer, spans)
    dateline = next((m.place.country for m in named if m.role == "dateline" and m.place), None)
    for mention in sorted(named + capital_mentions(text, gazetteer, spans, dateline), key=lambda m: m.start):
        by_sentence.setdefault(mention.sentence, []).append(mention)

    found: list[Incident] = []
    owners: list[int] = []  # sentence index of each incident, for verification cues that follow
    previous_places: list[Mention] = []
    last_event: Trigger | None = None  # the primary trigger of the last sentence that had one
    for index, (start, end) in enumerate(spans):
        sentence = text[start:end]
        clauses = _Clauses(sentence, reference)
        mentions = _locations(by_sentence.get(index, []))
        places = [m for m in mentions if not clauses.historical(m.start - start)]
        places = _countries_dropped(clauses, start, places)
        triggers = [_as_before(t, sentence, last_event) for t in find_triggers(sentence)]
        triggers = [t for t in triggers if not t.negated and clauses.current(t)]
        last_event = primary(triggers) or last_event
        cue = verification(sentence)
        if not triggers:
            if cue and found:
                # "The information could not be independently verified." speaks of the events before it.
                last = owners[-1]
                found = [
                    replace(inc, verification=_stronger(inc.verification, cue)) if owner == last else inc
                    for inc, owner in zip(found, owners, strict=True)
                ]
            previous_places = places or previous_places
            continue
        if not places:
            # "Kharkiv governor Oleh Synehubov said a rocket hit a school": the official's town or region;
            # "shelling 10 km north of Kharkiv": the reference point.
            places = _stand_ins(by_sentence.get(index, []))
        if not places and POINTER.search(sentence):
            places = previous_places
        fatalities, injuries = details.casualties(sentence)
        actors = details.actors(sentence)
        for mention, linked in _link(clauses, start, places, triggers):
            for group in _by_type(_kept(linked)):
                best = primary(group)
                when = clauses.date(best)
                found.append(
                    Incident(
                        place=mention.place,
                        event_type=best.event_type,
                        sub_event_type=best.sub_event_type,
                        date_start=when.start,
                        date_end=when.end,
                        date_precision=when.precision,
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
        previous_places = places or previous_places
    return merge(found)


class _Clauses:
    """A sentence cut into clauses, with the dates of each: an event is dated by a time expression of
    its own clause ("annexed in 2014" dates only its clause), else by the sentence's, else the article's."""

    def __init__(self, sentence: str, reference: datetime.date):
        self.breaks = sorted({m.start() for m in CLAUSE_BREAK.finditer(sentence)}
                             | {m.end() for m in RELATIVE.finditer(sentence)})
        self.spans = dates.find_all(sentence, reference)
        self.sentence_date = dates.pick(self.spans) or dates.DateSpan.article(reference)

    def index(self, position: int) -> int:
        return bisect_right(self.breaks, position)

    def _own(self, position: int) -> dates.DateSpan | None:
        return dates.pick([s for s in self.spans if self.index(s.text_start) == self.index(position)])

    def date(self, trigger: Trigger) -> dates.DateSpan:
        return self._own(trigger.start) or self.sentence_date

    def current(self, trigger: Trigger) -> bool:
        """Not in the future ("talks will ...") nor history ("the accident in 1986")."""
        return self.date(trigger).relation == "past"

    def historical(self, position: int) -> bool:
        """A place in a clause dated to an earlier year ("Crimea, annexed in 2014")."""
        own = self._own(position)
        return own is not None and own.relation == "historical"


def _as_before(trigger: Trigger, sentence: str, last_event: Trigger | None) -> Trigger:
    """A general word for an event that points back ("The attack hit a ceremony", "carried out the strike")
    has the type of the event told before it ("A military airstrike on a village ...")."""
    if last_event is None or trigger.confidence >= 1.0 or not ANAPHOR.search(sentence, 0, trigger.start):
        return trigger
    return replace(trigger, event_type=last_event.event_type, sub_event_type=last_event.sub_event_type,
                   confidence=last_event.confidence)


def _locations(mentions: list[Mention]) -> list[Mention]:
    """Mentions that can be where an event happened: resolved, in no other role, and not an area that
    encloses another mention of the sentence. A reference point stands for the place named off it when
    the gazetteer lacks that one ("attacks near Novoselivske, 15km northwest of Svatove": Svatove)."""
    usable = [m for i, m in enumerate(mentions) if m.place is not None and (
        m.role is None or m.role == "reference" and i > 0 and _unknown(mentions[i - 1]))]
    return [m for m in usable if not any(m.place.encloses(o.place) for o in usable if o is not m)]


def _unknown(mention: Mention) -> bool:
    return mention.place is None and mention.role is None


def _countries_dropped(clauses: _Clauses, offset: int, places: list[Mention]) -> list[Mention]:
    """Without a country whose clause names a finer place outside it: there the country is an actor or an
    origin ("Russia struck positions near Bakhmut", "missiles launched from Belarus hit Zhytomyr")."""
    def finer_in_clause(country: Mention) -> bool:
        clause = clauses.index(max(country.start - offset, 0))
        return any(o.place.kind != "country" and clauses.index(max(o.start - offset, 0)) == clause
                   for o in places)

    return [m for m in places if m.place.kind != "country" or not finer_in_clause(m)]


def _stand_ins(mentions: list[Mention]) -> list[Mention]:
    """Resolved mentions that stand in for an event's place when a sentence names none: local officials'
    towns or regions ("Mykolaiv's mayor"), settlements and regions only, as a country's officials speak
    for a whole state; and reference points ("10 km north of Kharkiv")."""
    return [m for m in mentions if m.place is not None
            and (m.role == "reference" or m.role == "official" and m.place.kind != "country")]


def _link(clauses: _Clauses, offset: int, places: list[Mention], triggers: list[Trigger]):
    """Pair places with the triggers of their clause. A trigger in a clause without places goes to the
    places of the nearest clause that has some, the earlier one on ties ("Kharkiv was shelled, and
    three people were killed"); a place whose clause has only other places' triggers gets none."""
    where = {id(m): clauses.index(max(m.start - offset, 0)) for m in places}
    with_places = sorted(set(where.values()))
    linked: dict[int, list[Trigger]] = {}
    for trigger in triggers:
        clause = clauses.index(trigger.start)
        if with_places:
            nearest = min(with_places, key=lambda c: (abs(c - clause), c > clause))
            linked.setdefault(nearest, []).append(trigger)
    return [(m, linked[where[id(m)]]) for m in places if where[id(m)] in linked]


def _kept(triggers: list[Trigger]) -> list[Trigger]:
    """Triggers that stand on their own: 0.5 or more and within 0.4 of the best one; when none does, the
    best alone (a weak word is evidence only when nothing better is there). Beside violence, forces and
    other things merely present are its actors or its traces ("strikes killed three fighters"), no
    development of their own."""
    best = primary(triggers)
    floor = max(MIN_CONFIDENCE, best.confidence - CONFIDENCE_SPREAD)
    kept = [t for t in triggers if t.confidence >= floor] or [best]
    if any(t.event_type in VIOLENT_TYPES for t in kept):
        kept = [t for t in kept if (t.event_type, t.sub_event_type) != (STRATEGIC, "Other")]
    return kept


def _by_type(triggers: list[Trigger]) -> list[list[Trigger]]:
    grouped: dict[str, list[Trigger]] = {}
    for trigger in triggers:
        grouped.setdefault(trigger.event_type, []).append(trigger)
    return list(grouped.values())


_STRENGTH = {"reported": 0, "unverified": 1, "disputed": 2}


def _stronger(current: str, cue: str) -> str:
    return max(current, cue, key=_STRENGTH.__getitem__)


def merge(incidents: list[Incident]) -> list[Incident]:
    """One incident per place, sub-event type and overlapping dates, with every source and trigger; it keeps
    the first report's evidence and the narrowest of the reports' date spans. A report joins the earliest
    kept incident whose dates overlap its own."""
    merger = Merger()
    merger.add(incidents)
    return merger.merged


class KeptIncidents(Protocol):
    """Where a Merger keeps the merged incidents, in the order kept: a list in memory (KeptList), or a
    table on disk for a run whose incidents should not all be in memory at once."""

    def first_overlapping(self, incident: Incident) -> int | None:
        """The position of the earliest kept incident at the same place, of the same sub-event type and
        with overlapping dates, if any."""

    def append(self, incident: Incident) -> None: ...

    def join(self, i: int, incident: Incident) -> None:
        """A new report of the incident kept at position i: it becomes joined(kept, incident)."""

    def __iter__(self) -> Iterator[Incident]: ...


class Merger:
    """merge() fed a batch at a time (a run's articles as they are processed): the kept incidents are
    always merge() of everything added so far. Merging a merged list again is not the same, since a kept
    incident's dates narrow as reports join it."""

    def __init__(self, kept: KeptIncidents | None = None) -> None:
        self.kept = KeptList() if kept is None else kept

    @property
    def merged(self) -> list[Incident]:
        return list(self.kept)

    def add(self, incidents: Iterable[Incident]) -> None:
        kept = self.kept
        for incident in incidents:
            i = kept.first_overlapping(incident)
            if i is None:
                kept.append(incident)
            else:
                kept.join(i, incident)


def joined(kept: Incident, incident: Incident) -> Incident:
    """The kept incident with a new report of it: every source, trigger and actor, the stronger
    verification, the narrower dates and the casualty figures first given."""
    narrow = min(kept, incident, key=lambda inc: inc.date_end - inc.date_start)
    return replace(
        kept,
        date_start=narrow.date_start,
        date_end=narrow.date_end,
        date_precision=narrow.date_precision,
        sources=tuple(dict.fromkeys(kept.sources + incident.sources)),
        triggers=tuple(dict.fromkeys(kept.triggers + incident.triggers)),
        verification=_stronger(kept.verification, incident.verification),
        fatalities=kept.fatalities if kept.fatalities is not None else incident.fatalities,
        injuries=kept.injuries if kept.injuries is not None else incident.injuries,
        actors=tuple(dict.fromkeys(kept.actors + incident.actors)),
    )


_INDEXED_DAYS = 31  # spans up to a month are found through the days they cover; longer ones one by one


def _overlap(a: Incident, b: Incident) -> bool:
    return a.date_start <= b.date_end and b.date_start <= a.date_end


def _days(incident: Incident) -> range | None:
    """The days an incident covers, as ordinals, or None for a span too long (or reversed) to index."""
    start, end = incident.date_start.toordinal(), incident.date_end.toordinal()
    return range(start, end + 1) if 0 <= end - start <= _INDEXED_DAYS else None


class KeptList:
    """Kept incidents in memory, each place and sub-event type's indexed by the days they cover: scanning
    every kept incident for each new report made merging quadratic in a place's incidents (a year of
    reports on one city)."""

    def __init__(self) -> None:
        self._incidents: list[Incident] = []
        self._groups: dict[tuple[str, str], _Group] = {}

    def _group(self, incident: Incident) -> "_Group":
        return self._groups.setdefault((incident.place.id, incident.sub_event_type), _Group())

    def first_overlapping(self, incident: Incident) -> int | None:
        return self._group(incident).first_overlapping(self._incidents, incident)

    def append(self, incident: Incident) -> None:
        self._group(incident).add(len(self._incidents), incident)
        self._incidents.append(incident)

    def join(self, i: int, incident: Incident) -> None:
        before = self._incidents[i]
        self._incidents[i] = joined(before, incident)
        self._group(incident).move(i, before, self._incidents[i])

    def __iter__(self) -> Iterator[Incident]:
        return iter(self._incidents)


class _Group:
    """The kept incidents of one place and sub-event type, by the days they cover."""

    def __init__(self) -> None:
        self.order: list[int] = []  # indices into the merged list, in the order kept
        self.by_day: dict[int, set[int]] = {}
        self.unindexed: set[int] = set()

    def first_overlapping(self, merged: list[Incident], incident: Incident) -> int | None:
        days = _days(incident)
        if days is None:
            return next((i for i in self.order if _overlap(merged[i], incident)), None)
        candidates = set(self.unindexed)
        for day in days:
            candidates.update(self.by_day.get(day, ()))
        return min((i for i in candidates if _overlap(merged[i], incident)), default=None)

    def add(self, i: int, incident: Incident) -> None:
        self.order.append(i)
        self._index(i, incident)

    def move(self, i: int, before: Incident, after: Incident) -> None:
        if (before.date_start, before.date_end) != (after.date_start, after.date_end):
            days = _days(before)
            if days is None:
                self.unindexed.discard(i)
            for day in days or ():
                self.by_day[day].discard(i)
            self._index(i, after)

    def _index(self, i: int, incident: Incident) -> None:
        days = _days(incident)
        if days is None:
            self.unindexed.add(i)
        for day in days or ():
            self.by_day.setdefault(day, set()).add(i)
