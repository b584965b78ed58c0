"""House and flat numbers said as a dwelling's (attacker 8's F5), not clinical numbers; invented text."""
from __future__ import annotations

import pytest

from leder_insights.deid._entities import category_of
from leder_insights.deid.recognizers.uk import DwellingNumberRecognizer


def _found(text):
    r = DwellingNumberRecognizer()
    return [text[x.start:x.end] for x in r.analyze(text, ["STREET_ADDRESS"])]


@pytest.mark.parametrize("text, value", [
    ("Her cottage was number 39, by the green.", "number 39"),
    ("Carers knocked at flat 7c each day.", "flat 7c"),
    ("He was rehoused to apartment 204 last year.", "apartment 204"),
    ("She had lived at No. 56, the corner house.", "No. 56"),
    ("No 12, a semi by the school, was his home.", "No 12"),
    ("They moved from number 4 to number 6 in the spring.", "number 4 to number 6"),
    ("He lived at 9b, opposite the chemist.", "9b"),
    ("The bedsit 11 had no heating.", "bedsit 11"),
])
def test_dwelling_number_found(text, value):
    assert _found(text) == [value]


@pytest.mark.parametrize("text", [
    "The number of falls 3 in a month was high.", "No. of admissions 4 in the year.", "He was in bed 6.",
    "She had a flat affect.", "Weight was flat 6 weeks after the change.", "Ward 14 was busy.",
    "Recommendation No. 3 asks for training.", "At home, number 4 on the pain scale.",
    "His mood was flat at 2 reviews.", "He lived at home with 2 carers.", "Room 4 at the hospice was quiet.",
])
def test_dwelling_number_leaves_clinical_numbers(text):
    assert _found(text) == []


def test_dwelling_number_is_a_location_piece():
    assert category_of("STREET_ADDRESS") == "LOCATION"
