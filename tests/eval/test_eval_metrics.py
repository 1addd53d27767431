"""Scoring primitives on hand-made examples with answers worked out by hand."""

from __future__ import annotations

import math

import pytest

from dyad.eval.metrics import (
    EARTH_HALF_CIRCUMFERENCE_KM, accuracy, auc_log_error, bcubed, confusion, haversine_km,
    macro_f1, majority_baseline, match_spans, mean, median, per_label_f1, prf, span_prf,
)


def test_prf_counts():
    m = prf(3, 4, 6)
    assert m.precision == pytest.approx(0.75)
    assert m.recall == pytest.approx(0.5)
    assert m.f1 == pytest.approx(0.6)


def test_prf_empty_is_zero_not_nan():
    m = prf(0, 0, 0)
    assert (m.precision, m.recall, m.f1) == (0.0, 0.0, 0.0)


def test_prf_rejects_impossible_counts():
    with pytest.raises(ValueError):
        prf(5, 4, 6)


def test_accuracy_counts_none_as_wrong():
    assert accuracy(["A", "B", "A", "C"], ["A", None, "B", "C"]) == pytest.approx(0.5)


def test_macro_f1_by_hand():
    gold = ["A", "A", "B", "C"]
    pred = ["A", "B", "B", None]
    # A: tp1 fp0 fn1 -> 2/3 ; B: tp1 fp1 fn0 -> 2/3 ; C: tp0 -> 0
    assert macro_f1(gold, pred) == pytest.approx((2 / 3 + 2 / 3 + 0) / 3)
    per = per_label_f1(gold, pred)
    assert per["B"].n_pred == 2 and per["C"].n_pred == 0


def test_macro_f1_with_explicit_labels_ignores_absent_predicted_class():
    # "X" is predicted but not a scored label: it only costs recall of "A"
    assert macro_f1(["A", "B"], ["X", "B"], labels=["A", "B"]) == pytest.approx(0.5)


def test_confusion_rows_are_gold():
    table = confusion(["A", "A", "B"], ["A", None, "A"])
    assert table == {"A": {"(none)": 1, "A": 1}, "B": {"A": 1}}


def test_majority_baseline():
    assert majority_baseline(["x", "x", "y", "x"]) == "0.750 baseline: always x"
    assert majority_baseline([]) is None


def test_match_spans_strict_and_relaxed():
    gold = [(0, 5), (10, 15)]
    pred = [(0, 5), (11, 20), (30, 31)]
    assert match_spans(gold, pred, strict=True) == [(0, 0)]
    assert match_spans(gold, pred) == [(0, 0), (1, 1)]
    assert span_prf(gold, pred).f1 == pytest.approx(2 * (2 / 3 * 1.0) / (2 / 3 + 1.0))


def test_match_spans_is_one_to_one_and_prefers_largest_overlap():
    # one long prediction cannot claim two gold spans
    assert match_spans([(0, 3), (4, 10)], [(0, 10)]) == [(1, 0)]
    # two predictions on one gold span: only one matches
    assert len(match_spans([(0, 10)], [(0, 4), (5, 10)])) == 1


def test_haversine_known_distances():
    assert haversine_km(0, 0, 0, 0) == 0
    # one degree of latitude ~ 111.2 km
    assert haversine_km(0, 0, 1, 0) == pytest.approx(111.19, abs=0.1)
    # antipodes: half the circumference (20015 km on a 6371 km sphere)
    assert haversine_km(0, 0, 0, 180) == pytest.approx(math.pi * 6371.0088, rel=1e-6)
    # London - Paris ~ 344 km
    assert haversine_km(51.5074, -0.1278, 48.8566, 2.3522) == pytest.approx(343.5, abs=1.5)


def test_auc_of_log_error():
    assert auc_log_error([0, 0, 0]) == 0.0
    assert auc_log_error([EARTH_HALF_CIRCUMFERENCE_KM - 1] * 2) == pytest.approx(1.0)
    # two points: trapezoid over [0,1] = mean of the two scaled values
    e = math.e - 1  # log(1 + e) = 1
    expected = (0 + 1 / math.log(20039)) / 2
    assert auc_log_error([e, 0]) == pytest.approx(expected)
    # order of input does not matter (errors are sorted)
    assert auc_log_error([100, 1, 10]) == pytest.approx(auc_log_error([1, 10, 100]))
    assert auc_log_error([]) == 0.0


def test_mean_median():
    assert mean([1, 2, 6]) == 3
    assert median([5, 1, 3]) == 3
    assert median([4, 1, 3, 2]) == 2.5
    assert mean([]) is None and median([]) is None


def test_bcubed_perfect_and_all_merged():
    gold = {"a": 1, "b": 1, "c": 2}
    assert bcubed(gold, {"a": "x", "b": "x", "c": "y"}) == pytest.approx((1.0, 1.0, 1.0))
    # everything in one predicted cluster: precision a,b = 2/3, c = 1/3 ; recall 1
    p, r, f = bcubed(gold, {"a": "z", "b": "z", "c": "z"})
    assert p == pytest.approx((2 / 3 + 2 / 3 + 1 / 3) / 3)
    assert r == pytest.approx(1.0)
    assert f == pytest.approx(2 * p * r / (p + r))


def test_bcubed_missing_prediction_is_singleton():
    p, r, _ = bcubed({"a": 1, "b": 1}, {})
    assert p == pytest.approx(1.0)
    assert r == pytest.approx(0.5)


def test_capped_runs_sample_evenly_over_the_whole_file() -> None:
    from dyad.eval.registry import spread_sample

    rows = list(range(100))
    assert spread_sample(rows, 4) == [0, 25, 50, 75]
    assert spread_sample(rows, None) == rows
    assert spread_sample(rows[:3], 10) == [0, 1, 2]
