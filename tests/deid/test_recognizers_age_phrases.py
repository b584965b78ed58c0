"""Exact ages in the forms of attacker 7's F4 (recognizer ``age_phrases``): a unit after the
number, years and months, an ordinal year in words, Roman numerals, the age noun with its value,
a life's length and a milestone. Lengths of time and other numbers are left. Invented text."""
from __future__ import annotations

import pytest

from leder_insights import registry
from leder_insights.deid._date_age_forms import date_age_words
from leder_insights.deid.recognizers.ages.age_phrases import AgePhrasesRecognizer

AGES = [
    ("She was admitted, 67yrs, with a chest infection.", "67yrs"),
    ("Patient 38 yr with epilepsy was not weighed.", "38 yr"),
    ("Miss T, 71 y/o, had no hearing test.", "71 y/o"),
    ("The 44 yo man was not offered screening.", "44 yo"),
    ("Aged 29y 11m she was moved to the new house.", "29y 11m"),
    ("At 63 years and 2 months she had her first mammogram.", "63 years and 2 months"),
    ("In her seventy-first year she had no health check.", "seventy-first"),
    ("It was his thirtieth birthday when the plan lapsed.", "thirtieth"),
    ("She reached XLVII years without a dental review.", "XLVII"),
    ("Her age: sixty-six, was on the front sheet.", "sixty-six"),
    ("Her age at diagnosis was 19 and nobody reviewed it.", "19"),
    ("Their age (33) put them in the screening group.", "33"),
    ("She lived for 47 years without a diagnosis.", "47"),
    ("She marked her half century with a party at the centre.", "half century"),
    ("She was seventy-three years young and loved dancing.", "seventy-three"),
    # attacker 8's F3: years and months in words
    ("He died aged fifty-three years and four months.", "fifty-three years and four months"),
    ("At Sixty-One Years, Two Months old she moved.", "Sixty-One Years, Two Months"),
]


@pytest.mark.parametrize("text,age", AGES, ids=[a for _, a in AGES])
def test_age_phrases_find_the_exact_age(text, age):
    found = [text[r.start:r.end] for r in AgePhrasesRecognizer().analyze(text, ["AGE"])]
    assert found == [age]


KEPT = [
    "She had been in the home for 3yrs and was settled.",
    "Over 2 years 6 months the referral was not chased.",
    "Two years 4 months later the plan was reviewed.",
    "It was the first year of the new contract and the second birthday party of the service.",
    "Section II applies; see Part IV of the Act and Schedule XII.",
    "The age of the building (1960s) made the lift unsafe.",
    "She lived for 20 years in Oakby with her mum.",
    "Give 5 mg and 10 ml; a 2 y review is planned.",
    "A century of care: the trust's centenary was in 2019.",
    "She had lived there for twenty years and six months.",
    "Thirty years, two months later the policy changed.",
]


@pytest.mark.parametrize("text", KEPT, ids=[t[:28] for t in KEPT])
def test_age_phrases_leave_lengths_of_time_and_other_numbers(text):
    assert AgePhrasesRecognizer().analyze(text, ["AGE"]) == []


def test_age_phrase_words_are_data_and_registered():
    for name in ("age_units", "age_old_units", "duration_before", "duration_after", "age_noun_events", "age_milestones"):
        assert date_age_words(name)
    assert "age_phrases" in registry.recognizers.get_all()
