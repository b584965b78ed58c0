"""Recall on real coroners' text (issue 13, fourth round): dates typed with a slip, ages written
after the deceased's name or glued to ``yr``; end to end with the edges of person spans. Invented
sentences."""
import pytest

from leder_insights.deid.recognizers.ages import AgeRecognizer
from leder_insights.deid.recognizers.dates import SlippedDateRecognizer


def _found(rec, text):
    return sorted((text[r.start:r.end].rstrip(".") for r in rec.analyze(text, rec.supported_entities)
                   if r.score >= 0.35), key=text.index)


@pytest.mark.parametrize("text, expected", [
    ("She fell on 4 th March 2019 in the lounge.", ["4 th March 2019"]),
    ("the falls on the 2 nd , 6th and 7th March 2019 were not reported", ["2 nd , 6th and 7th March 2019"]),
    ("On the 3oth June 2018, the ward was short-staffed.", ["3oth June 2018"]),
    ("On 8TH January2023 I opened an inquest.", ["8TH January2023"]),
    ("On 2 March 20221 commenced an investigation.", ["2 March 2022"]),
    ("The burn happened on 1218/2021 at 14.10.", ["1218/2021"]),
    ("Maud Lane (DOB 714/3/51) died at home.", ["714/3/51"]),
])
def test_slipped_dates_are_read(text, expected):
    assert _found(SlippedDateRecognizer(), text) == expected


@pytest.mark.parametrize("text", [
    "She was seen on 4 March 2019 and 5th June.",     # regular dates: the regular recognizers' job
    "the 2 nd floor was closed in May",               # a spaced ordinal without a month
    "deaths rose in 2018/2019 and 2020/2021",         # financial years are not fused dates
    "the 2nd and 3rd doses in March",                  # no slip
])
def test_no_slip_no_match(text):
    assert _found(SlippedDateRecognizer(), text) == []


@pytest.mark.parametrize("text, expected", [
    ("Owen is a 31yr old man who lived alone.", ["31yr old"]),
    ("I opened an investigation into the death of Peter Alan Crane, 77. The inquest", ["77"]),
    ("the death of Nia O’Hara, 64, who lived in a flat", ["64"]),
])
def test_ages_after_a_name_or_glued_to_yr(text, expected):
    assert _found(AgeRecognizer(), text) == expected


@pytest.mark.parametrize("text", [
    "the death of Peter Alan Crane, 1977 was the year",
    "into the death of Nia Hale, 3 years after",
])
def test_not_an_age_after_a_name(text):
    assert _found(AgeRecognizer(), text) == []


def test_slips_and_edges_end_to_end(detector):
    text = ("On 6TH May2024 I opened an investigation into the death of Roisin Mary O’Keeffe, 58. "
            "Roisin fell on the 1 st , 3rd and 9th April 2024 and again on 2oth April. "
            "Her friend Carla Senior visited on 1 th May.")
    found = {text[e.start:e.end] for e in detector.analyze(text)}
    for value in ("6TH May2024", "Roisin Mary O’Keeffe", "58", "1 st , 3rd and 9th April 2024", "2oth April",
                  "Carla Senior", "1 th May"):
        assert value in found, (value, found)
