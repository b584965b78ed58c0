"""Exact ages in the forms of attack9 F4: "his 60th", "his sixtieth", "60 candles", "sixty and a
half", "three score years and ten", "Age 61 (sixty-one)". An ordinal before a noun counts events
("his 60th admission") and stays. Invented sentences only."""
import pytest

from leder_insights.deid.recognizers.ages import AgePhrasesRecognizer


def _found(text):
    return [text[r.start:r.end] for r in AgePhrasesRecognizer().analyze(text, ["AGE"])]


@pytest.mark.parametrize("text, age", [
    ("The review was a week after her 47th, without her sister.", "47th"),
    ("His fiftieth was spent in hospital.", "fiftieth"),
    ("A cake with 33 candles was made.", "33"),
    ("Aged forty and a half, he moved.", "forty and a half"),
    ("She had lived four score years.", "four score years"),
    ("Aged 33 (thirty-three) when he died.", "thirty-three"),
])
def test_attack9_age_forms(text, age):
    assert age in _found(text)


@pytest.mark.parametrize("text", [
    "It was his 12th admission this year.", "The 50th anniversary of the unit.", "On the 3rd visit he ate.",
    "He needed one and a half hours.", "He weighed 9 and a half stone.", "He took 2 (two) tablets.",
])
def test_ordinals_counts_and_amounts_stay(text):
    assert _found(text) == []
