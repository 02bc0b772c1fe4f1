"""Scoring: hand-made cases whose answers are worked out in the comments."""

import dataclasses
import json
import math

import pytest

from geo.evaluate import (
    GWN_IGNORED_TYPES,
    MAX_ERROR_KM,
    CorpusError,
    error_auc,
    format_table,
    read_gold,
    score,
)

KM_PER_DEGREE = 2 * math.pi * 6371.0088 / 360  # 111.195 km along a meridian (mean Earth radius)


def top(start, end, name="x", lat=None, lon=None, **extra):
    return {"start": start, "end": end, "name": name, "lat": lat, "lon": lon, **extra}


def doc(id, *toponyms, text=""):
    return {"id": id, "text": text, "toponyms": list(toponyms)}


def test_exact_and_overlap_matching_differ_on_a_partial_span():
    # Gold: "New York" 0-8, "Paris" 20-25. Predicted: "York" 4-8, "Paris" 20-25, "Texas" 30-35.
    # Exact: 1 true positive; P = 1/3, R = 1/2, F1 = 2 * (1/6) / (5/6) = 0.4.
    # Overlap: "York" overlaps "New York" too; P = 2/3, R = 2/2, F1 = 2 * (2/3) / (5/3) = 0.8.
    gold = [doc("a", top(0, 8), top(20, 25))]
    predicted = [doc("a", top(4, 8), top(20, 25), top(30, 35))]
    scores = score(gold, predicted)
    assert (scores.gold, scores.predicted) == (2, 3)
    exact, overlap = scores.exact, scores.overlap
    assert exact.true_positives == 1
    assert (exact.precision, exact.recall, exact.f1) == pytest.approx((1 / 3, 1 / 2, 0.4))
    assert overlap.true_positives == 2
    assert (overlap.precision, overlap.recall, overlap.f1) == pytest.approx((2 / 3, 1, 0.8))


def test_each_gold_span_matches_at_most_once():
    # "New" 0-3 and "York" 4-8 both overlap gold "New York" 0-8: one pair, so P = 1/2, R = 1.
    scores = score([doc("a", top(0, 8))], [doc("a", top(0, 3), top(4, 8))])
    assert scores.overlap.true_positives == 1
    assert (scores.overlap.precision, scores.overlap.recall) == (0.5, 1.0)
    # The same span predicted twice matches its gold span once, exactly or leniently: P = 1/2.
    scores = score([doc("a", top(0, 5))], [doc("a", top(0, 5), top(0, 5))])
    assert (scores.exact.true_positives, scores.overlap.true_positives) == (1, 1)
    assert scores.exact.precision == 0.5
    # And the other way round: a span annotated twice in gold is found once by one prediction, R = 1/2.
    scores = score([doc("a", top(0, 5), top(0, 5))], [doc("a", top(0, 5))])
    assert (scores.exact.true_positives, scores.overlap.true_positives) == (1, 1)


def test_overlap_matching_finds_the_largest_one_to_one_pairing():
    # Gold A 0-8, B 9-15. Predicted P 4-12 overlaps both (4 chars of A, 3 of B); Q 0-3 overlaps A only.
    # Pairing A with its largest overlap P first leaves B nothing; A-Q and B-P pair both: 2 true positives.
    scores = score([doc("a", top(0, 8), top(9, 15))], [doc("a", top(4, 12), top(0, 3))])
    assert scores.overlap.true_positives == 2
    assert scores.exact.true_positives == 0


def test_a_document_missing_from_the_predictions_predicts_nothing():
    # Two gold documents with one toponym each; only "a" is predicted, exactly: P = 1/1, R = 1/2.
    gold = [doc("a", top(0, 5)), doc("b", top(0, 5))]
    scores = score(gold, [doc("a", top(0, 5))])
    assert (scores.documents, scores.gold, scores.predicted) == (2, 2, 1)
    assert (scores.exact.precision, scores.exact.recall) == (1.0, 0.5)


def test_empty_predictions_score_zero_and_leave_resolution_undefined():
    scores = score([doc("a", top(0, 5, lat=0.0, lon=0.0))], [])
    assert (scores.exact.precision, scores.exact.recall, scores.exact.f1) == (0.0, 0.0, 0.0)
    assert scores.exact.resolved == 0
    assert scores.exact.accuracy_161 is None and scores.exact.auc is None


def test_predictions_for_unknown_or_repeated_documents_are_rejected():
    with pytest.raises(ValueError, match="not in the gold corpus"):
        score([doc("a")], [doc("z")])
    with pytest.raises(ValueError, match="twice"):
        score([doc("a")], [doc("a"), doc("a")])


def test_one_degree_of_latitude_is_about_111_km():
    # (0, 0) to (1, 0): 1/360 of a great circle of radius 6371 km = 111.2 km, within 161 km.
    # (0, 0) to (2, 0): 222.4 km, beyond it.
    scores = score([doc("a", top(0, 5, lat=0.0, lon=0.0))], [doc("a", top(0, 5, lat=1.0, lon=0.0))])
    assert scores.exact.mean_error_km == pytest.approx(111.2, abs=0.05)
    assert scores.exact.accuracy_161 == 1.0
    scores = score([doc("a", top(0, 5, lat=0.0, lon=0.0))], [doc("a", top(0, 5, lat=2.0, lon=0.0))])
    assert scores.exact.accuracy_161 == 0.0


def test_median_of_an_even_count_and_mean_error():
    # Errors of 0, 1, 2 and 10 degrees along the meridian lon 0.
    # Median = (1 + 2) / 2 = 1.5 degrees = 166.8 km; mean = 13 / 4 = 3.25 degrees = 361.4 km;
    # accuracy@161 = 2 of 4 (0 and 111 km) = 0.5.
    gold = [doc("a", *(top(i, i + 1, lat=0.0, lon=0.0) for i in range(4)))]
    predicted = [doc("a", *(top(i, i + 1, lat=float(d), lon=0.0) for i, d in enumerate([0, 1, 2, 10])))]
    exact = score(gold, predicted).exact
    assert exact.resolved == 4
    assert exact.median_error_km == pytest.approx(1.5 * KM_PER_DEGREE)
    assert exact.mean_error_km == pytest.approx(3.25 * KM_PER_DEGREE)
    assert exact.accuracy_161 == 0.5


def test_resolution_uses_only_pairs_with_coordinates_on_both_sides():
    # Gold 0-5 has no coordinates (as 626 LGL toponyms); predicted 10-15 has none (recognised only).
    # Only the pair 20-25 is resolved, with error 0.
    gold = [doc("a", top(0, 5), top(10, 15, lat=1.0, lon=1.0), top(20, 25, lat=1.0, lon=1.0))]
    predicted = [doc("a", top(0, 5, lat=1.0, lon=1.0), top(10, 15), top(20, 25, lat=1.0, lon=1.0))]
    exact = score(gold, predicted).exact
    assert (exact.true_positives, exact.resolved) == (3, 1)
    assert exact.mean_error_km == 0.0


def test_overlap_resolution_is_scored_on_its_own_pairs():
    # Only the lenient pair exists (4-8 inside 0-8), 1 degree off: exact has nothing to resolve.
    scores = score([doc("a", top(0, 8, lat=0.0, lon=0.0))], [doc("a", top(4, 8, lat=1.0, lon=0.0))])
    assert scores.exact.resolved == 0 and scores.exact.mean_error_km is None
    assert scores.overlap.resolved == 1
    assert scores.overlap.mean_error_km == pytest.approx(KM_PER_DEGREE)


def test_auc_bounds():
    assert error_auc([]) is None
    assert error_auc([0.0, 0.0, 0.0]) == 0.0
    # ln(20039 + 1) / ln(20039) = 1 + 5e-6: the +1 km of the scaling goes just past 1 at 20039 km.
    assert error_auc([MAX_ERROR_KM] * 3) == pytest.approx(1.0, abs=1e-5)


def test_auc_trapezoid_over_sorted_errors():
    # ln(20038 + 1) / ln(20039) = 1 exactly. Sorted: 0, 0, 1 -> trapezoids (0 + 0) / 2 + (0 + 1) / 2 = 0.5,
    # over n - 1 = 2 steps = 0.25. Unsorted (0, 1, 0) would give (0.5 + 0.5) / 2 = 0.5: order must not matter.
    assert error_auc([0.0, 20038.0, 0.0]) == pytest.approx(0.25)
    # Two errors 0 and sqrt(20039) - 1 scale to 0 and 0.5: one trapezoid of area 0.25.
    assert error_auc([0.0, math.sqrt(MAX_ERROR_KM) - 1]) == pytest.approx(0.25)
    # A single error is a flat curve: its scaled value.
    assert error_auc([20038.0]) == pytest.approx(1.0)


def test_table_dict_and_throughput():
    scores = score([doc("a", top(0, 5, lat=0.0, lon=0.0))], [doc("a", top(0, 5, lat=0.0, lon=0.0))])
    assert scores.documents_per_second is None
    timed = dataclasses.replace(scores, seconds=0.5)
    assert timed.documents_per_second == 2.0
    data = timed.to_dict()
    assert data["documents_per_second"] == 2.0 and data["exact"]["f1"] == 1.0
    json.dumps(data)  # plain data all the way down
    table = format_table(timed)
    assert "2.0 documents/s" in table and "overlap" in table
    assert format_table(score([doc("a", top(0, 5))], [])).splitlines()[-1].split() == ["AUC", "-", "-"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        scores.documents = 3


def write(path, *lines):
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def test_read_gold_drops_ignored_types(tmp_path):
    text = "Canadians in Paris"
    line = json.dumps(doc("a", top(0, 9, "Canadians", type="Demonym"),
                          top(13, 18, "Paris", 48.85, 2.35, type="Literal"), text=text))
    path = write(tmp_path / "gold.jsonl", line, "")  # a trailing blank line is fine
    assert len(read_gold(path)[0]["toponyms"]) == 2
    [kept] = read_gold(path, GWN_IGNORED_TYPES)[0]["toponyms"]
    assert kept["name"] == "Paris"


@pytest.mark.parametrize("bad, message", [
    ('{"id": "b", "text": "", "toponyms": [', "line 2"),
    ('{"id": "b", "text": ""}', "line 2: document lacks toponyms"),
    ('{"id": "b", "text": "Paris", "toponyms": [{"start": 0, "end": 5, "name": "Paris"}]}',
     "line 2: toponym 0 lacks lat, lon"),
    ('{"id": "b", "text": "Paris", "toponyms": [{"start": 1, "end": 5, "name": "Paris", "lat": null, '
     '"lon": null}]}', "line 2: toponym 0: text"),
    ('{"id": "a", "text": "", "toponyms": []}', "line 2: duplicate document id"),
])
def test_read_gold_names_file_and_line_of_a_bad_line(tmp_path, bad, message):
    path = write(tmp_path / "gold.jsonl", json.dumps(doc("a")), bad)
    with pytest.raises(CorpusError, match=message) as caught:
        read_gold(path)
    assert str(path) in str(caught.value)


@pytest.mark.shared
@pytest.mark.parametrize("name, drop, docs, toponyms, with_coordinates", [
    ("geowebnews_dev.jsonl", GWN_IGNORED_TYPES, 100, 1355, 1355),
    ("lgl.jsonl", (), 588, 5088, 4462),
])
def test_gold_scored_against_itself_is_perfect(shared, name, drop, docs, toponyms, with_coordinates):
    # Counts from ../shared/data/dev/SOURCES.md: GeoWebNews dev has 1426 toponyms, of which 71 are
    # Demonym/Homonym/Language (the only ones without coordinates); LGL has 5088, 626 without coordinates.
    gold = read_gold(shared / "dev" / name, drop)
    scores = score(gold, gold)
    assert (scores.documents, scores.gold) == (docs, toponyms)
    for match in (scores.exact, scores.overlap):
        assert (match.true_positives, match.f1, match.resolved) == (toponyms, 1.0, with_coordinates)
        assert (match.accuracy_161, match.auc, match.median_error_km) == (1.0, 0.0, 0.0)
