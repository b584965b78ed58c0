"""ATTACK_REPORT5 F12: hospitals and units named without a hospital word are
organisations to the de-identifier (a ward's code is not: the gold guideline leaves it). Invented sentences; no NLP model is loaded."""
from __future__ import annotations

import pytest

from leder_insights.deid.recognizers.care.hospital_short_name import HospitalShortNameRecognizer


def _found(text):
    return [text[r.start:r.end] for r in HospitalShortNameRecognizer().analyze(text, ["HOSPITAL"])]


@pytest.mark.parametrize("text,name", [
    ("At Addenbrooke\u2019s the DNACPR was completed without his family.", "Addenbrooke\u2019s"),
    ("At Wythenshawe the sepsis screen was not completed.", "Wythenshawe"),
    ("During his stay at Calderstones his weight was not monitored.", "Calderstones"),
    ("He was moved to Ysbyty Glan Clwyd for surgery.", "Ysbyty Glan Clwyd"),
])
def test_hospital_short_names_found(text, name):
    assert name in _found(text)


@pytest.mark.parametrize("text", ["He was made a freeman of the city.", "On the ward nobody recorded it.",
                                  "Ward 7 was closed.", "He went to ward rounds.",
                                  "On ward B2 nobody recorded his fluid intake."])
def test_ordinary_words_are_not_hospitals(text):
    assert _found(text) == []
