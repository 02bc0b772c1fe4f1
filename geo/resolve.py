"""Which place a recognised name means, from its candidates and the rest of the article.

Each candidate scores the gazetteer's prior (kind, population, own name or alternate one), plus:
a large bonus when the area named after it encloses it ("City, Region", "City, Country", or a city "in
the" admin-1 region after it: "Perth in the province of Ontario"); a bonus for being in a country, and
in an admin-1 region, that the article is about. What the article is about is read from
the names whose reading is clear (one country among their candidates, or a top candidate well ahead
of the next): a local paper naming "Cooke County" and "Texas" sends "Gainesville" to Texas, while a
US article still sends "London" to England, whose prior is a thousand times a small town's. Names
whose reading is not clear cast a weaker vote for every admin-1 region of their likely towns, which
adds up where several such names have a town ("Lancaster" and "Harrisburg": Pennsylvania).
A town none of whose candidates lies in the admin-1 region named after it ("Lviv, Ohio") is left
unresolved: the gazetteer lacks it, and a namesake elsewhere is not it; so is a place named near another
("Ozera close to Hostomel") none of whose candidates lies near it.
One sense per name per article: every mention of a name resolves to the same place, except the
"Region" of "City, Region", which is the admin-1 region holding the city even where a city of that
name ranks first ("Chuhuiv, Kharkiv"), unless a list of towns goes on after it; after a town the
gazetteer lacks ("in Smalltown, Kharkiv"), the region named like the city.
"""

from dataclasses import dataclass, field

from gazetteer import Gazetteer, Place, distance_km
from gazetteer.query import Query
from gazetteer.store import prior

Scored = tuple[tuple[Place, float], ...]  # candidates with their prior score, best first
# Votes for countries or admin-1 regions by their codes. Plain dicts, not Counters: an article's context
# adds and takes out a few votes per name, and Counter arithmetic runs in Python.
Votes = dict[str, float]

ENCLOSED_BONUS = 10.0  # "Paris, Texas": the enclosing region settles it
COUNTRY_BONUS = 2.0  # at full share: a place 100 times smaller in the article's country wins
ADMIN1_BONUS = 2.0  # and another 100 times when in the article's admin-1 region
CLEAR_MARGIN = 1.0  # a reading this far ahead of the next one (10 times the population) is clear
# A name whose reading is not clear still says where the article may be: each admin-1 region of its
# likely towns (within POSSIBLE_MARGIN of the best) gets this share of a clear vote. Regions that several
# unclear names share ("Middletown" and "Berlin" both have a town in Connecticut) add up.
POSSIBLE_VOTE = 0.5
POSSIBLE_MARGIN = 4.0


@dataclass(frozen=True)
class ArticleContext:
    """Votes for the countries and admin-1 regions an article is about, and who cast them: a name's
    own vote does not count for its own reading ("Georgia" does not vote itself the country)."""

    countries: Votes
    admin1: Votes
    possible: Votes  # admin-1 votes of unclear names (POSSIBLE_VOTE each); they count for towns only
    votes_of: dict[str, tuple[Votes, Votes, Votes]]
    # name -> the votes of the other names, as shares of the largest; made once per name
    _shares: dict[str, tuple[dict, dict, dict]] = field(default_factory=dict, compare=False, repr=False)

    def bonus(self, place: Place, name: str) -> float:
        shares = self._shares.get(name)
        if shares is None:
            own_countries, own_admin1, own_possible = self.votes_of.get(name, _NO_VOTES)
            admin1 = _less(self.admin1, own_admin1)
            towns = admin1.copy()
            for key, count in _less(self.possible, own_possible).items():
                towns[key] = towns.get(key, 0) + count
            countries = _less(self.countries, own_countries)
            shares = self._shares[name] = (_shares(countries), _shares(admin1), _shares(towns))
        countries, admin1, towns = shares
        score = 0.0
        if place.country in countries:
            score += COUNTRY_BONUS * countries[place.country]
        regions = towns if place.kind == "city" else admin1
        if place.admin1 in regions and place.kind != "country":
            score += ADMIN1_BONUS * regions[place.admin1]
        return score


_NO_VOTES: tuple[Votes, Votes, Votes] = ({}, {}, {})


def _less(votes: Votes, own: Votes) -> Votes:
    """The votes left when a name's own are taken out, those left above zero."""
    return {key: left for key, count in votes.items() if (left := count - own.get(key, 0)) > 0}


def _shares(votes: dict) -> dict:
    top = max(votes.values(), default=0)
    return {key: count / top for key, count in votes.items()}


def article_context(
    names: list[str], options: list[Scored], regions_of: dict[str, list[str]]
) -> ArticleContext:
    """Countries and admin-1 regions voted for by each distinct name whose reading is clear, and the
    weaker votes of the others. `regions_of` gives the admin-1 keys of names that are no place of the
    gazetteer but lie in known regions (US counties): one region is a clear vote, several weak ones."""
    votes_of: dict[str, tuple[Votes, Votes, Votes]] = {}
    for name, scored in zip(names, options, strict=True):
        if name in votes_of:
            continue
        if not scored:
            regions = regions_of.get(name)
            if regions:
                votes_of[name] = _votes_of_regions(regions)
            continue
        countries: Votes = {}
        admin1: Votes = {}
        possible: Votes = {}
        top, score = scored[0]
        clear = len(scored) == 1 or score - scored[1][1] >= CLEAR_MARGIN
        if top.country and (clear or len({p.country for p, _ in scored}) == 1):
            # A named country or region says more about the article than a town in it.
            countries[top.country] = 2 if top.kind in ("country", "admin1") else 1
        if top.admin1 and top.kind != "country" and (clear or len({p.admin1 for p, _ in scored}) == 1):
            admin1[top.admin1] = 2 if top.kind == "admin1" else 1
        else:
            likely = {p.admin1 for p, s in scored if p.kind == "city" and s >= score - POSSIBLE_MARGIN}
            possible = dict.fromkeys(likely - {None}, POSSIBLE_VOTE)
        votes_of[name] = (countries, admin1, possible)
    totals: tuple[Votes, Votes, Votes] = ({}, {}, {})
    for votes in votes_of.values():
        for total, vote in zip(totals, votes, strict=True):
            for key, count in vote.items():
                total[key] = total.get(key, 0) + count
    return ArticleContext(*totals, votes_of)


def _votes_of_regions(regions: list[str]) -> tuple[Votes, Votes, Votes]:
    if len(regions) == 1:
        return {regions[0].split(".")[0]: 1}, {regions[0]: 1}, {}
    return {}, {}, dict.fromkeys(regions, POSSIBLE_VOTE)


def choose(name: str, scored: Scored, context: ArticleContext, within: Scored = ()) -> Place | None:
    """The best candidate for a name given an enclosing area named right after it and the article's
    context."""
    if not scored:
        return None
    areas = [area for area, _ in within[:3]]

    def total(item: tuple[Place, float]) -> float:
        place, score = item
        score += context.bonus(place, name)
        if areas and any(area.encloses(place) for area in areas):
            score += ENCLOSED_BONUS
        return score

    return max(scored, key=total)[0]


def elsewhere(scored: Scored, within: Scored) -> bool:
    """Whether the admin-1 region named after a town ("Town, Region") holds none of the town's
    candidates: the gazetteer lacks that town, and a namesake elsewhere is not it."""
    areas = [area for area, _ in within[:3] if area.kind in ("admin1", "country")]
    if not any(area.kind == "admin1" for area in areas):
        return False
    return not any(area.encloses(place) for area in areas for place, _ in scored)


def enclosing(scored: Scored, town: Place | None) -> Place | None:
    """The admin-1 region among a name's candidates that holds the town named right before it ("Town,
    Region"): there the name is the region even where its city ranks first ("Kharkiv" for the oblast)."""
    if town is None or town.kind != "city":
        return None
    return next((place for place, _ in scored if place.kind == "admin1" and place.encloses(town)), None)


def likeliest_near(scored: Scored, anchor: Place, km: float) -> Place | None:
    """The likeliest of a name's candidates within `km` of the anchor place or inside it, if any."""
    return next(
        (place for place, _ in scored
         if anchor.encloses(place) or distance_km(place.lat, place.lon, anchor.lat, anchor.lon) <= km),
        None,
    )


def hinted(gazetteer: Gazetteer, key: str, kind: str | None, scored: Scored) -> Scored:
    """Candidates narrowed to the kind the phrase asks for, when the gazetteer has such a place."""
    if kind is None:
        return scored
    if kind == "city":  # a town's offices or people: anything but a country, a sea or a natural region
        return tuple((p, s) for p, s in scored if p.kind in ("city", "admin1")) or scored
    narrowed = tuple((p, prior(p)) for p in gazetteer.search(Query(key, kind)) if p.kind == kind)
    return narrowed or scored
