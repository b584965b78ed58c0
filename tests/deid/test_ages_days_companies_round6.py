"""Recall and precision forms of the sixth PFD round (invented text): later ages of a list after
"aged", thresholds without "the", list numbers on their own line, a day of the month alone after a
part of the day or before a function word, and a company's name before "Limited" that starts with
a word like "Supported". No NLP model is loaded."""
from __future__ import annotations

import pytest

from leder_insights.deid.recognizers.ages.age import AgeRecognizer
from leder_insights.deid.recognizers.care.provider import CareProviderRecognizer
from leder_insights.deid.recognizers.dates.written_date import WrittenDateRecognizer


def _found(recognizer, text):
    return [text[r.start:r.end] for r in sorted(recognizer.analyze(text, recognizer.supported_entities),
                                                key=lambda r: r.start)]


@pytest.mark.parametrize("text, ages", [
    ("the pupils, aged 15 (Kit), 14 (Bo) and 15 (Ty), were on the bus", ["15", "14", "15"]),
    ("her sons, aged 9, 7 and 4, were at home", ["9", "7", "4"]),
    ("aged 45, 3 years after the move", ["45"]),
    ("licences rented to children under 18 years of age", []),
    ("a rule for those over 65 years old", []),
    ("Falls Assessment\n(2) The call bell was not checked", []),
    ("Kerensa (47) was seen", ["47"]),
])
def test_ages(text, ages):
    assert _found(AgeRecognizer(), text) == ages


@pytest.mark.parametrize("text, dates", [
    ("she was moved on the morning of the 5th and taken out", ["5th"]),
    ("on the evening of the 9th, he rang", ["9th"]),
    ("concerns raised on the 4th by the reviewing officer", ["4th"]),
    ("on the 2nd and 3rd doses", []),
    ("the morning of the 2nd day", []),
    ("on the 13th floor", []),
])
def test_days_of_the_month_alone(text, dates):
    found = [d for d in _found(WrittenDateRecognizer(), text) if d in dates or len(d) <= 4]
    assert found == dates


@pytest.mark.parametrize("text, company", [
    ("accommodation provided by Supported Homes Limited, which", "Supported Homes Limited"),
    ("the agency, Community Lifestyles Ltd, sent staff", "Community Lifestyles Ltd"),
    ("The Acme Care Limited staff", "Acme Care Limited"),
    ("reports from XYZ Clinical Imaging Ltd on the scan", "XYZ Clinical Imaging Ltd"),
])
def test_company_names_before_limited(text, company):
    assert company in [s.rstrip(".") for s in _found(CareProviderRecognizer(), text)]
