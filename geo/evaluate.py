"""Score geoparsing output against a gold corpus: recognition P/R/F1 and resolution error figures.

Plain data in, plain figures out: documents are dicts `{id, text, toponyms: [{start, end, name, lat, lon,
...}]}` as in ../shared/data (offsets are Python string indices, end exclusive). The metrics follow Gritta
et al., "What's missing in geographical parsing?" (LREV 2018) and "A pragmatic guide to geoparsing
evaluation" (LREV 2020); docs/evaluation.md defines each one.
"""

import json
import math
import statistics
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from gazetteer import distance_km

from .errors import GeoError

ACCURACY_KM = 161.0  # 100 miles: the k of accuracy@k used across the geoparsing literature
MAX_ERROR_KM = 20039.0  # half the Earth's equatorial circumference, the scale of the AUC curve
# GeoWebNews types that are not places to find: demonyms ("Canadians"), languages ("English") and
# homonyms (a place name used for something else). The corpus gives them no coordinates, and its
# toponym-resolution data leaves them out (dataset.py in
# milangritta/Pragmatic-Guide-to-Geoparsing-Evaluation).
GWN_IGNORED_TYPES = frozenset({"Demonym", "Homonym", "Language"})

Document = Mapping[str, Any]
Toponym = Mapping[str, Any]


class CorpusError(GeoError, ValueError):
    """A corpus file that cannot be used; the message names the file and the line."""


# Said with every malformed line, so that the user knows what the file should hold.
GOLD_LINE = 'a gold corpus line is {"id", "text", "toponyms": [{"start", "end", "name", "lat", "lon"}]}'


def read_gold(path: str | Path, drop_types: Collection[str] = ()) -> list[dict[str, Any]]:
    """Read a gold JSONL corpus; toponyms whose `type` is in `drop_types` are left out.

    Every line is checked (fields present, `text[start:end] == name`) so that a conversion error shows
    up here, with its line number, rather than as a quietly lower score.
    """
    docs: list[dict[str, Any]] = []
    seen: set[str] = set()
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                doc = json.loads(line)
                _check(doc)
            except (ValueError, TypeError) as error:
                raise CorpusError(f"{path}, line {number}: {error}; {GOLD_LINE}") from error
            if doc["id"] in seen:
                raise CorpusError(f"{path}, line {number}: duplicate document id {doc['id']!r}")
            seen.add(doc["id"])
            doc["toponyms"] = [t for t in doc["toponyms"] if t.get("type") not in drop_types]
            docs.append(doc)
    return docs


def _check(doc: Any) -> None:
    if not isinstance(doc, dict):
        raise ValueError("not a JSON object")
    missing = [key for key in ("id", "text", "toponyms") if key not in doc]
    if missing:
        raise ValueError(f"document lacks {', '.join(missing)}")
    for i, toponym in enumerate(doc["toponyms"]):
        missing = [key for key in ("start", "end", "name", "lat", "lon") if key not in toponym]
        if missing:
            raise ValueError(f"toponym {i} lacks {', '.join(missing)}")
        start, end = toponym["start"], toponym["end"]
        if doc["text"][start:end] != toponym["name"]:
            raise ValueError(f"toponym {i}: text[{start}:{end}] is not {toponym['name']!r}")


@dataclass(frozen=True, slots=True)
class MatchScores:
    """Figures for one way of pairing predicted with gold spans (exact, or overlapping).

    Resolution figures are over the pairs where both sides have coordinates (`resolved`); they are None
    when there are no such pairs, since an error figure over nothing is undefined, not zero.
    """

    true_positives: int
    precision: float
    recall: float
    f1: float
    resolved: int
    accuracy_161: float | None
    mean_error_km: float | None
    median_error_km: float | None
    auc: float | None


@dataclass(frozen=True, slots=True)
class Scores:
    """Scores of a run over a corpus. `seconds` is the run's wall time: the caller fills it in
    (`dataclasses.replace(scores, seconds=elapsed)`) since scoring never sees the run itself."""

    documents: int
    gold: int
    predicted: int
    exact: MatchScores
    overlap: MatchScores
    seconds: float | None = None

    @property
    def documents_per_second(self) -> float | None:
        return self.documents / self.seconds if self.seconds else None

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "documents_per_second": self.documents_per_second}


def score(gold: Sequence[Document], predicted: Iterable[Document]) -> Scores:
    """Score predicted documents against gold ones, matched by id.

    A gold document without a prediction counts as predicting nothing. A prediction for an id the gold
    corpus lacks is an error: it means the two files do not belong together.
    """
    by_id: dict[str, Sequence[Toponym]] = {}
    for doc in predicted:
        if doc["id"] in by_id:
            raise ValueError(f"predicted document {doc['id']!r} appears twice")
        by_id[doc["id"]] = doc["toponyms"]
    unknown = by_id.keys() - {doc["id"] for doc in gold}
    if unknown:
        raise ValueError(f"predictions for documents not in the gold corpus: {sorted(unknown)[:5]}")

    n_gold = n_predicted = tp_exact = tp_overlap = 0
    errors_exact: list[float] = []
    errors_overlap: list[float] = []
    for doc in gold:
        gold_toponyms, predicted_toponyms = doc["toponyms"], by_id.get(doc["id"], [])
        n_gold += len(gold_toponyms)
        n_predicted += len(predicted_toponyms)
        exact = _exact_pairs(gold_toponyms, predicted_toponyms)
        overlap = _overlap_pairs(gold_toponyms, predicted_toponyms)
        tp_exact += len(exact)
        tp_overlap += len(overlap)
        errors_exact += _errors(gold_toponyms, predicted_toponyms, exact)
        errors_overlap += _errors(gold_toponyms, predicted_toponyms, overlap)
    return Scores(
        documents=len(gold), gold=n_gold, predicted=n_predicted,
        exact=_match_scores(tp_exact, n_gold, n_predicted, errors_exact),
        overlap=_match_scores(tp_overlap, n_gold, n_predicted, errors_overlap),
    )


def _span(toponym: Toponym) -> tuple[int, int]:
    return toponym["start"], toponym["end"]


def _exact_pairs(gold: Sequence[Toponym], predicted: Sequence[Toponym]) -> list[tuple[int, int]]:
    """(gold index, predicted index) of identical spans; a span predicted twice still matches once."""
    unused: dict[tuple[int, int], list[int]] = {}
    for j, toponym in enumerate(predicted):
        unused.setdefault(_span(toponym), []).append(j)
    return [(i, unused[_span(g)].pop()) for i, g in enumerate(gold) if unused.get(_span(g))]


def _overlap(a: Toponym, b: Toponym) -> int:
    return min(a["end"], b["end"]) - max(a["start"], b["start"])


def _overlap_pairs(gold: Sequence[Toponym], predicted: Sequence[Toponym]) -> list[tuple[int, int]]:
    """A maximum one-to-one matching of overlapping spans (Kuhn's augmenting paths).

    Taking the first overlapping partner can lose a pair when spans nest or straddle ("New York" and
    "York" both predicted); augmenting paths cannot. Each gold span tries the identical span first, then
    larger overlaps, so the pairs used for resolution are the natural ones when there is a choice.
    """
    options = [sorted((j for j, p in enumerate(predicted) if _overlap(g, p) > 0),
                      key=lambda j, g=g: (_span(predicted[j]) != _span(g), -_overlap(g, predicted[j])))
               for g in gold]
    owner: dict[int, int] = {}  # predicted index -> gold index

    def claim(i: int, tried: set[int]) -> bool:
        for j in options[i]:
            if j not in tried:
                tried.add(j)
                if j not in owner or claim(owner[j], tried):
                    owner[j] = i
                    return True
        return False

    for i in range(len(gold)):
        claim(i, set())
    return [(i, j) for j, i in owner.items()]


def _errors(gold: Sequence[Toponym], predicted: Sequence[Toponym],
            pairs: list[tuple[int, int]]) -> list[float]:
    """Distance in km for each pair where both sides have coordinates (LGL has gold toponyms without)."""
    errors = []
    for i, j in pairs:
        g, p = gold[i], predicted[j]
        if None not in (g["lat"], g["lon"], p.get("lat"), p.get("lon")):
            errors.append(distance_km(g["lat"], g["lon"], p["lat"], p["lon"]))
    return errors


def _match_scores(tp: int, n_gold: int, n_predicted: int, errors: list[float]) -> MatchScores:
    # Nothing predicted (or no gold) gives 0, not a ZeroDivisionError: a run that finds nothing scores 0.
    precision = tp / n_predicted if n_predicted else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return MatchScores(
        true_positives=tp, precision=precision, recall=recall, f1=f1, resolved=len(errors),
        accuracy_161=sum(e <= ACCURACY_KM for e in errors) / len(errors) if errors else None,
        mean_error_km=statistics.fmean(errors) if errors else None,
        median_error_km=statistics.median(errors) if errors else None,
        auc=error_auc(errors),
    )


def error_auc(errors_km: Sequence[float]) -> float | None:
    """Area under the curve of sorted errors scaled as ln(error + 1) / ln(20039): 0 is perfect, 1 worst.

    Follows Gritta et al.'s code (print_stats in milangritta/Geocoding-with-Map-Vector, preprocessing.py):
    np.trapz(np.log(errors + 1)) / (np.log(20039) * (len(errors) - 1)), the trapezoidal rule over unit
    steps divided by the n - 1 steps of the x axis. That code integrates the errors in input order; the
    papers describe the curve of sorted errors, and sorting makes the figure independent of document
    order (the trapezoidal rule halves the first and last value), so they are sorted here. A single error
    spans no width; its scaled value, the height of a flat curve, is taken as the area.
    """
    if not errors_km:
        return None
    scaled = [math.log(e + 1) / math.log(MAX_ERROR_KM) for e in sorted(errors_km)]
    if len(scaled) == 1:
        return scaled[0]
    return sum((a + b) / 2 for a, b in zip(scaled, scaled[1:], strict=False)) / (len(scaled) - 1)


_ROWS = [("true positives", "true_positives", "{:d}"), ("precision", "precision", "{:.3f}"),
         ("recall", "recall", "{:.3f}"), ("F1", "f1", "{:.3f}"), ("resolved pairs", "resolved", "{:d}"),
         ("accuracy@161 km", "accuracy_161", "{:.3f}"), ("mean error km", "mean_error_km", "{:.1f}"),
         ("median error km", "median_error_km", "{:.1f}"), ("AUC", "auc", "{:.3f}")]


def format_table(scores: Scores) -> str:
    """A plain-text table: one row per figure, one column per way of matching spans."""
    head = f"documents {scores.documents}, gold toponyms {scores.gold}, predicted {scores.predicted}"
    if scores.documents_per_second is not None:
        head += f", {scores.seconds:.2f} s, {scores.documents_per_second:.1f} documents/s"
    lines = [head, f"{'':<16}{'exact':>10}{'overlap':>10}"]
    for label, name, fmt in _ROWS:
        values = (getattr(scores.exact, name), getattr(scores.overlap, name))
        lines.append(f"{label:<16}" + "".join(f"{'-' if v is None else fmt.format(v):>10}" for v in values))
    return "\n".join(lines)
