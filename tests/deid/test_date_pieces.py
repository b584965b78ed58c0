"""Pieces of a date that tell its day or week go with it (attacker 8's F4): the recognizer
(dates/date_pieces.py), the pieces before a date and days alone (deid/_date_pieces.py), and the
date shift, which reads a day in words and masks what it cannot shift (deid/_dates.py).
Invented sentences only."""
from __future__ import annotations

import pytest

from leder_insights.deid import date_piece_before, lone_day_spans
from leder_insights.deid._dates import shift_date_text
from leder_insights.deid.recognizers.dates.date_pieces import DatePiecesRecognizer


def _spans(text: str) -> list[str]:
    return [text[r.start:r.end] for r in sorted(DatePiecesRecognizer().analyze(text, ["DATE"]), key=lambda r: r.start)]


@pytest.mark.parametrize("text,span", [
    ("On Friday the 13th he was sent home.", "Friday the 13th"),
    ("By Tues 9th the rash had spread.", "Tues 9th"),
    ("On Monday the third she went home.", "Monday the third"),
    ("In week 14 of 2021 his weight fell.", "week 14 of 2021"),
    ("Logged wk 3, 2022 by the home.", "wk 3, 2022"),
    ("The 2021 week 14 report was late.", "2021 week 14"),
    ("In the 34th week of 2021 he lost weight.", "the 34th week of 2021"),
    ("In the first week of 2020 he moved.", "the first week of 2020"),
    ("He was weighed in the second week of March 2022.", "the second week of March 2022"),
    ("On the first Monday of March 2021 the panel met.", "the first Monday of March 2021"),
    ("The visit w/c 3rd was cancelled.", "w/c 3rd"),
    ("Agreed week beginning the 20th.", "week beginning the 20th"),
    ("In the early hours of the 3rd he fell.", "3rd"),
])
def test_date_pieces_recognizer_finds_the_whole_expression(text, span):
    assert span in _spans(text)


@pytest.mark.parametrize("text", [
    "In week 14 of pregnancy she was admitted.",
    "It was his 13th admission that year.",
    "On Friday the 13th admission was refused.",
    "He fell in the second week of admission.",
    "Every second Tuesday the team met.",
    "A week 12 review was booked.",
    "In week 3 of treatment he improved.",
    "In the 34th week of pregnancy she was admitted.",
    "The mid-morning round was missed.",
    "By mid-March 2020 he ate less.",
    "On the evening of the 14th of July 2022 he fell.",
    "He sat the 3rd exam in a side room.",
])
def test_date_pieces_recognizer_leaves_counts_and_clinical_weeks(text):
    assert _spans(text) == []


@pytest.mark.parametrize("text,whole,date", [
    ("On the twenty-first of March 2021 it was missed.", "twenty-first of March 2021", "March 2021"),
    ("In week 14 of 2021 he fell.", "week 14 of 2021", "2021"),
    ("On the first Monday of [DATE_1] he fell.", "first Monday of [DATE_1]", "[DATE_1]"),
    ("From mid-March 2020 it got worse.", "mid-March 2020", "March 2020"),
    ("In the 34th week of 2021 he lost weight.", "34th week of 2021", "2021"),
])
def test_date_piece_before_widens_the_date_to_its_piece(text, whole, date):
    assert date_piece_before(text, text.index(date)) == text.index(whole)


@pytest.mark.parametrize("text", ["He was the first of three, March 2021 was hard.", "Twenty-first century, 2021."])
def test_date_piece_before_leaves_counts(text):
    for s in (i for i in range(len(text)) if text[i:i + 4] in ("Marc", "2021")):
        assert date_piece_before(text, s) == s


def test_lone_day_spans_take_the_day_not_the_count():
    t = "On Friday the 13th; w/c 3rd; the morning of the 4th; Friday the 13th admission; Monday the 2nd dose."
    assert [t[s:e] for s, e in lone_day_spans(t)] == ["13th", "3rd", "4th"]


@pytest.mark.parametrize("text,days,out", [
    ("the twenty-first of March 2021", 30, "the 20th of April 2021"),
    ("March the first, 2020", 30, "March 31st, 2020"),
    ("mid-March 2020", 31, "mid-April 2020"),
])
def test_shift_reads_a_day_in_words_and_keeps_a_part_of_the_month(text, days, out):
    assert shift_date_text(text, days) == out


@pytest.mark.parametrize("text", ["Friday the 13th", "week 14 of 2021", "the first Monday of March 2021",
                                  "the second week of March 2022", "June the twenty-first, twenty twenty-two",
                                  "the twentieth of March nineteen fifty-six"])
def test_shift_masks_a_date_with_a_piece_it_cannot_move(text):
    assert shift_date_text(text, 30) is None
