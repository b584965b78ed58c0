"""ATTACK_REPORT5 F6: calendar anchors (a dated disaster, Census Day, a school calendar's day) are
masked by every release, and the date forms "Mar-21" and "the 14th inst." are dates to the
de-identifier. Invented sentences; no NLP model is loaded."""
from __future__ import annotations

import pytest

from leder_insights.deid.recognizers.dates.day_month import DayMonthDateRecognizer
from leder_insights.release import calendar_spans


@pytest.mark.parametrize("text,anchor", [
    ("The day after the Grenfell fire his assessment was out of date.", "the Grenfell fire"),
    ("On Census Day the home recorded him as absent.", "Census Day"),
    ("On the first day of the school summer holidays respite was cancelled.",
     "the first day of the school summer holidays"),
    ("In the last week of the Easter holidays he was unwell.", "the last week of the Easter holidays"),
])
def test_calendar_anchors_are_masked(text, anchor):
    assert anchor in [text[s:e] for s, e, _ in calendar_spans(text)]


@pytest.mark.parametrize("text", ["He had a fire risk assessment.", "The first day of admission was calm.",
                                  "She went on holiday with her sister."])
def test_ordinary_words_are_not_calendar_anchors(text):
    assert calendar_spans(text) == []


@pytest.mark.parametrize("text,value", [("Since Mar-21 he had no medication review.", "Mar-21"),
                                        ("Seen Sept/19 by the nurse.", "Sept/19"),
                                        ("On the 14th inst. the SALT plan was not followed.", "14th inst.")])
def test_month_dash_year_and_inst_are_dates(text, value):
    assert value in [text[r.start:r.end] for r in DayMonthDateRecognizer().analyze(text, ["DATE"])]


@pytest.mark.parametrize("text", ["In March-April he was well.", "Over May-June he improved.", "The 21st century."])
def test_month_ranges_are_not_month_year_dates(text):
    assert DayMonthDateRecognizer().analyze(text, ["DATE"]) == []
