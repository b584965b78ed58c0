"""Negation scopes: existence negation opens a scope, failures of care do not."""
from __future__ import annotations

import pytest

from leder_insights.themes import negation_scopes, prepare


@pytest.mark.parametrize("text, negated_word", [
    ("No concerns with swallowing.", "swallowing"),
    ("Sepsis was ruled out.", "sepsis"),
    ("There was no evidence of constipation.", "constipation"),
    ("He did not require PEG feeding.", "peg"),
    ("Epilepsy was not a factor in his death.", "epilepsy"),
    ("There were no safeguarding concerns.", "safeguarding"),
    ("He was not at risk of choking.", "choking"),
])
def test_negation_marks_negated_topic(text, negated_word):
    words = prepare(text)[0].split()
    assert "neg_" + negated_word in words


@pytest.mark.parametrize("text, word", [
    ("Staff did not recognise sepsis.", "sepsis"),
    ("He was not referred to the epilepsy nurse.", "epilepsy"),
    ("No SALT referral was made.", "salt"),
    ("Family concerns were not acted on.", "family"),
])
def test_negation_leaves_failures_of_care_unmarked(text, word):
    assert word in prepare(text)[0].split()


def test_negation_scope_stops_at_clause_break():
    t = "No evidence of aspiration; he choked on a sandwich later."
    scopes = negation_scopes(t)
    assert [t[s:e] for s, e in scopes] == ["aspiration"]
    marked, masked = prepare(t)
    assert "choked" in marked.split() and len(masked) == len(t) and "aspiration" not in masked
