"""Dates spelled out in words are dates (a date of birth or death written out for a coroner or a
family), in any case, with the year in words or digits; ordinal words that are not days are not."""
from __future__ import annotations

import pytest

from leder_insights.deid.recognizers.dates.written_date import WrittenDateRecognizer


def _dates(text: str) -> list[str]:
    return [text[r.start:r.end] for r in WrittenDateRecognizer().analyze(text, ["DATE"])]


@pytest.mark.parametrize("text,date", [
    ("He was born on the twentieth of March nineteen fifty-six at home.",
     "the twentieth of March nineteen fifty-six"),
    ("On the thirtieth of January two thousand and twenty-four she died.",
     "the thirtieth of January two thousand and twenty-four"),
    ("Reviewed on June the twenty-first, twenty twenty-two.", "June the twenty-first, twenty twenty-two"),
    ("ON THE FIFTH OF MAY 2019 HE FELL.", "THE FIFTH OF MAY 2019"),
    ("the eleventh of november nineteen eighty", "the eleventh of november nineteen eighty"),
    ("Born the second of April.", "the second of April"),
])
def test_a_date_in_words_is_one_date_span(text, date):
    assert date in _dates(text)


@pytest.mark.parametrize("text", ["It was the first of many falls.", "A third of the staff were agency.",
                                  "The second opinion came in March."])
def test_ordinal_words_that_are_not_days_are_not_dates(text):
    assert not any("first" in d or "third" in d or "second" in d for d in _dates(text))
