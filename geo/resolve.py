"""Which place a recognised name means, from its candidates and the rest of the article.

Evidence, in order: the kind the phrase asks for ("the region of X" is an admin-1 region); a
following "City, Region" or "City, Country"; the countries the article is about (countries it
names and the countries of its unambiguous places); then the prior (kind and population).
One sense per name per article: every mention of a name resolves to the same place.
"""

from collections import Counter

from gazetteer import Gazetteer, Place
from gazetteer.query import Query


def article_countries(candidate_sets: list[tuple[Place, ...]]) -> Counter:
    """Countries the article is about: countries it names and the countries of names that are
    unambiguous (a single country among their candidates)."""
    votes: Counter = Counter()
    for places in candidate_sets:
        countries = {p.country for p in places if p.country}
        if len(countries) == 1:
            votes[countries.pop()] += 1
        elif places and places[0].kind == "country":
            votes[places[0].country] += 1
    return votes


def choose(places: tuple[Place, ...], countries: Counter, within: tuple[Place, ...] = ()) -> Place | None:
    """The most likely place among candidates (ranked by the gazetteer's prior), given an enclosing area
    named right after it ("Paris, Texas") and the countries the article is about: the best-ranked
    candidate in one of them beats a larger namesake elsewhere."""
    if within:
        enclosed = [p for p in places if any(_encloses(area, p) for area in within)]
        places = tuple(enclosed) or places
    local = [p for p in places if countries.get(p.country)]
    return (local or places or [None])[0]


def _encloses(area: Place, place: Place) -> bool:
    if area.kind == "country":
        return place.country == area.country and place.id != area.id
    if area.kind == "admin1":
        return place.admin1 == area.admin1 and place.id != area.id
    return False


def hinted(gazetteer: Gazetteer, key: str, kind: str | None, places: tuple[Place, ...]) -> tuple[Place, ...]:
    """Candidates narrowed to the kind the phrase asks for, when the gazetteer has such a place."""
    if kind is None:
        return places
    narrowed = tuple(p for p in gazetteer.search(Query(key, kind)) if p.kind == kind)
    return narrowed or places
