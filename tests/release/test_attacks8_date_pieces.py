"""Attacker 8's F4: no piece of a date is left beside its relative phrase in the released text
("the twenty-first of [about 17 months before death]", "week 14 of [2 years after death]",
"[WEEKDAY] the 13th"), and ordinary numbers stay. The release's text rules run on text the
de-identifier missed (invented sentences, dates as the author wrote them)."""
from __future__ import annotations

from datetime import date

import pytest

from leder_insights.jobs._release_text import relative_dates, release_text

DEATH = date(2022, 11, 15)


def _released(text: str) -> str:
    masked, adjust = release_text(text)
    return relative_dates(masked, adjust([]), DEATH, 0)[0]


@pytest.mark.parametrize("text,piece", [
    ("On the twenty-first of March 2021 the review did not happen.", "twenty-first"),
    ("In week 14 of 2021 his weight fell sharply.", "14"),
    ("On Friday the 13th he was discharged.", "13th"),
    ("The rota for w/c 9th was lost.", "9th"),
    ("On the evening of the 19th he fell.", "19th"),
    ("By mid-March 2021 he had stopped eating.", "mid"),
    ("On the first Monday of March 2021 the SALT came.", "first"),
    ("He was weighed in the second week of June 2021.", "second week"),
    ("On the 3rd day of May 2021 he fell.", "3rd"),
    ("In the 34th week of 2021 he lost weight.", "34th"),
])
def test_no_piece_of_a_date_is_left_beside_its_phrase(text, piece):
    out = _released(text)
    assert piece not in out, out
    assert "[" in out


@pytest.mark.parametrize("text,kept", [
    ("At week 14 of her pregnancy the scan was normal.", "week 14"),
    ("This was his 13th admission in 2021.", "13th admission"),
    ("He was the first of three brothers.", "first of three"),
    ("Twenty-first century care in 2021 should be better.", "Twenty-first century"),
    ("In the second week of admission he developed pneumonia.", "second week of admission"),
    ("On Friday the 13th admission was refused.", "13th admission"),
])
def test_ordinary_numbers_beside_dates_stay(text, kept):
    assert kept in _released(text)
