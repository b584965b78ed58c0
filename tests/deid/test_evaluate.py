"""Evaluation metrics on hand-made cases."""
import pytest

from leder_insights.deid._entities import Entity
from leder_insights.deid._evaluate import evaluate_spans, format_report

TEXT = "Seen by Dr Patel on 16.11.22 at Vancouver House."
GOLD = [{"id": "a", "text": TEXT, "entities": [
    {"start": 11, "end": 16, "category": "PERSON"}, {"start": 20, "end": 28, "category": "DATE"},
    {"start": 32, "end": 47, "category": "ORGANIZATION"}]}]


def test_evaluate_perfect():
    pred = [[Entity(11, 16, "PERSON", "PERSON", 1, "x"), Entity(20, 28, "DATE", "DATE", 1, "x"),
             Entity(32, 47, "CARE_HOME", "ORGANIZATION", 1, "x")]]
    m = evaluate_spans(GOLD, pred)
    assert m["entity"]["recall"] == m["entity"]["precision"] == m["token"]["f2"] == 1.0


def test_evaluate_coverage_rule():
    # "Vancouver" alone covers 9 of 14 non-space chars of "Vancouver House": a miss, but correct
    pred = [[{"start": 32, "end": 41, "category": "ORGANIZATION"}]]
    m = evaluate_spans(GOLD, pred)
    assert m["entity"]["found"] == 0 and m["entity"]["correct"] == 1
    assert m["per_category"]["ORGANIZATION"]["precision"] == 1.0
    assert m["token"]["recall"] == pytest.approx(1 / 6, abs=1e-3)  # Patel, 16, 11, 22, Vancouver, House


def test_evaluate_type_agnostic_and_false_positive():
    pred = [[{"start": 11, "end": 16, "category": "LOCATION"}, {"start": 0, "end": 4, "category": "PERSON"}]]
    m = evaluate_spans(GOLD, pred)
    assert m["entity"]["found"] == 1 and m["entity"]["n_pred"] == 2 and m["entity"]["correct"] == 1
    assert m["per_category"]["PERSON"]["recall"] == 1.0 and m["per_category"]["PERSON"]["precision"] == 0.0
    assert m["false_positives"][0]["hint"] == "Sxxx"          # masked unless show_text


def test_evaluate_f2_formula_and_mapping_input():
    pred = {"a": [{"start": 11, "end": 16, "category": "PERSON"}, {"start": 0, "end": 4, "category": "PERSON"}]}
    m = evaluate_spans(GOLD, pred, show_text=True)
    p, r = 0.5, 1 / 3
    assert m["entity"]["f2"] == pytest.approx(5 * p * r / (4 * p + r), abs=1e-4)
    assert {x["text"] for x in m["misses"]} == {"16.11.22", "Vancouver House"}
    assert "entity" in format_report(m)


def test_evaluate_length_mismatch_is_error():
    with pytest.raises(ValueError):
        evaluate_spans(GOLD, [[], []])
