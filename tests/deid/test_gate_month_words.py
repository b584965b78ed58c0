"""The gate counts a month name or a lone day of the month left in text (attacker 9's F5)."""
import pytest

from leder_insights.deid._gate import ResidualRiskScanner


@pytest.fixture(scope="module")
def scanner():
    return ResidualRiskScanner(use_ner=False)


@pytest.mark.parametrize("text, found", [
    ("The fan broke in the heat of August.", "August"),
    ("Le rendez-vous de juillet fut annule.", "juillet"),
    ("Bloods were stopped on the 5th without a plan.", "on the 5th"),
    ("He was sent home the seventeenth.", "the seventeenth"),
    ("It got worse in March.", "March"),
    ("Seen in May, not since.", "May"),
])
def test_gate_counts_month_words_and_lone_days(scanner, text, found):
    assert [(text[c.start:c.end], c.kind) for c in scanner.scan(text)] == [(found, "DATE")]


@pytest.mark.parametrize("text", [
    "He may march with the band on the 3rd floor.",
    "It was the third time staff called.",
    "May staff check his fluids hourly.",
    "[DATE] and [DATE_1] and [within a month before death].",
])
def test_gate_leaves_verbs_and_ordinals(scanner, text):
    assert scanner.scan(text) == []
