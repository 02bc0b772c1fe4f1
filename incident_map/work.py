"""The unit of work every engine runs: one article to its incidents, in a form that travels.

Workers (processes, Dask workers on other machines) send back incidents with their place as an id, not
as the place with its polygon (a country's outline is hundreds of kilobytes); the same form is what the
result cache stores. `decode` turns it back into the very Incident `article_incidents` made.
"""

import dataclasses
import json
import operator
import typing
from datetime import date
from functools import cache

from gazetteer import Gazetteer, Place
from geo import Article, Incident, article_incidents

# (status, payload): ("processed", (incident count, JSON text of [encoded incident, ...])) or
# ("failed", reason). The worker encodes the JSON: the main process stores it as it is, never decoding it.
Outcome = tuple[str, typing.Any]
_FIELDS = dataclasses.fields(Incident)


@cache
def gazetteer() -> Gazetteer:
    """This process's gazetteer, opened on first use (in each worker process, on each machine)."""
    return Gazetteer.open()


def process(article: Article, default_date: date | None) -> Outcome:
    """One article's incidents, or why it has none: an error in one article must not stop the others."""
    try:
        encoded = [encode(incident) for incident in article_incidents(article, gazetteer(), default_date)]
        return "processed", (len(encoded), json.dumps(encoded, ensure_ascii=False))
    except Exception as error:  # any failure is this article's, reported with it
        return "failed", f"{type(error).__name__}: {error}"


def encode(incident: Incident) -> list:
    """The incident as a JSON-ready list of its fields, the place by id (tuples are JSON arrays)."""
    return [value if plain is None or value is None else plain(value)
            for plain, value in zip(_PLAIN, _VALUES(incident), strict=True)]


def decode(values: list, place: typing.Callable[[str], Place]) -> Incident:
    """The incident `encode` was given, its place looked up with `place(id)`."""
    return Incident(*[place(value) if convert is Place
                      else value if convert is None or value is None else convert(value)
                      for convert, value in zip(_TYPED, values, strict=True)])


def _converter(kind) -> typing.Callable | None:
    """How a field's JSON value becomes its value again (None: as it is); Place stands for the lookup."""
    if kind is Place:
        return Place
    if kind is date:
        return date.fromisoformat
    return tuple if typing.get_origin(kind) is tuple else None


# Worked out once, in the order of Incident's arguments: encoding and decoding run for every incident of
# every run.
_TYPED = [_converter(field.type) for field in _FIELDS]
_VALUES = operator.attrgetter(*(field.name for field in _FIELDS))
_PLAIN = [{Place: operator.attrgetter("id"), date: date.isoformat}.get(field.type) for field in _FIELDS]
