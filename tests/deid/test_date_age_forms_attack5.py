"""Attacker 5's F2: exact ages and dates in forms the recognizers did not read (clinical
shorthand, "would have been 48", ages in months, day/month without a year, Roman months, years in
words, a decade of birth, a spreadsheet serial after "dated"). Doses, units, fractions, scores and
counts must stay. Invented text; no NLP model is loaded."""
from __future__ import annotations

import pytest

from leder_insights.deid.recognizers.ages.age_forms import AgeFormsRecognizer
from leder_insights.deid.recognizers.dates.day_month import DayMonthDateRecognizer
from leder_insights.deid.recognizers.dates.excel_serial import ExcelSerialDateRecognizer
from leder_insights.deid.recognizers.dates.year_words import YearWordsRecognizer


def _found(recognizer, text, entity):
    return sorted(text[r.start:r.end] for r in recognizer().analyze(text, [entity]))


@pytest.mark.parametrize("text,value", [
    ("A 47M with Down's syndrome was not offered a check.", "47M"),
    ("An 80F, known to the team, fell.", "80F"),
    ("62F presented with chest pain.", "62F"),
    ("Pt (F, 62) was not offered an adjustment.", "62"),
    ("The man (47, M) was seen.", "(47, M)"),
    ("He would have been 48 next month.", "48 next month"),
    ("She was due to turn fifty in a few weeks.", "fifty in a few weeks"),
    ("At 566 months old he had no hearing test.", "566 months old"),
    ("He had epilepsy for all 47 of his years.", "47"),
    ("He was 47 years and 88 days old when he died.", "47 years and 88 days old"),
    # F8: the age at death by arithmetic
    ("He moved into the home at 24 and lived there for 23 years.", "24"),
    ("Diagnosed with epilepsy at 11, he had 36 years of seizures.", "11"),
    ("In a life of 47 years he never had a hearing test.", "47"),
    ("His 47 short years were spent mostly in hospital.", "47"),
    ("Born 47 years ago with cerebral palsy, he had no assessment.", "47"),
    ("In his 48th year he lost a stone.", "48th"),
])
def test_age_forms_found(text, value):
    assert value in _found(AgeFormsRecognizer, text, "AGE")


@pytest.mark.parametrize("text", [
    "Give 5 mg twice daily; a 2 M solution; 10 M of saline.", "A 10M grant was spent on the unit.",
    "He would have been 48 hours without fluids.", "After 6 months of therapy he improved.",
    "A 5F catheter was used.", "Use the 22M scale.", "He had lived there 2 years and 3 months.",
    "All 12 of his medicines were reviewed.", "Ward 7M was closed.",
    "Review sleeping arrangements before the baby is 6 weeks old.",
    "He moved at 10 am to the ward.", "She started at 9.30 in the morning.", "In his 30 years at the home staff changed.",
    "He was admitted to ward 3 at 11 pm.",
])
def test_age_forms_leave_doses_units_and_durations(text):
    assert _found(AgeFormsRecognizer, text, "AGE") == []


@pytest.mark.parametrize("text,value", [
    ("He was pronounced dead at 06:12 on 06/03 by the crew.", "06/03"),
    ("The NEWS2 score was recorded on 28/2.", "28/2"),
    ("In the w/c 14/2 the plan was not followed.", "14/2"),
    ("On 14.iii.22 the SALT plan was not followed.", "14.iii.22"),
    ("Seen 3/XI/2021 in clinic.", "3/XI/2021"),
])
def test_day_month_and_roman_dates_found(text, value):
    assert value in _found(DayMonthDateRecognizer, text, "DATE")


@pytest.mark.parametrize("text", [
    "He scored 8/10 and then 9/10.", "BP 120/80 on arrival.", "On 3/4 occasions he refused.",
    "Reduce to 1/2 tablet.", "By 2/3 of staff.", "Pain 7/10 on 2 occasions.", "Section 2.1 of the plan.",
    "He took 12.5 mg on 2.5 mg days.", "Graded as iv/v.",
])
def test_day_month_leaves_scores_and_fractions(text):
    assert _found(DayMonthDateRecognizer, text, "DATE") == []


@pytest.mark.parametrize("text,value", [
    ("Since two thousand and nineteen no check was offered.", "two thousand and nineteen"),
    ("In twenty twenty-one the GP stopped visits.", "twenty twenty-one"),
    ("He moved in nineteen seventy-eight.", "nineteen seventy-eight"),
    ("Born in the late 1970s, he lived in institutions.", "late 1970s"),
    ("He was born in the sixties.", "sixties"),
])
def test_years_in_words_and_birth_decade_found(text, value):
    assert value in _found(YearWordsRecognizer, text, "DATE")


@pytest.mark.parametrize("text", [
    "Two thousand and nineteen patients were reviewed.", "He had twenty-one seizures.",
    "Twenty twenty vision was recorded.", "In the 1990s services changed.", "He was twenty-one then.",
])
def test_year_words_leave_counts(text):
    assert _found(YearWordsRecognizer, text, "DATE") == []


def test_excel_serial_after_dated():
    assert _found(ExcelSerialDateRecognizer, "The referral dated 44620 was lost.", "DATE") == ["44620"]
