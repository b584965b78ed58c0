"""Date forms from the real-text development sets (issue 13), on sentences of our own: ranges that
borrow the year, lower-case and slipped months, named days, lost spaces."""
import pytest

from leder_insights.deid.recognizers.dates import WrittenDateRecognizer


def _found(text):
    rec = WrittenDateRecognizer()
    return [text[r.start:r.end].rstrip(".") for r in sorted(rec.analyze(text, rec.supported_entities), key=lambda r: r.start)
            if r.score >= 0.35]


@pytest.mark.parametrize("text, expected", [
    ("seen between 12 April and 03 May 2018 at the clinic", ["12 April and 03 May 2018"]),
    ("no insulin from 9 August to 2 September.", ["9 August to 2 September"]),
    ("reviewed on 2 March or 9 March 2017 by phone", ["2 March or 9 March 2017"]),
    ("off work 8th October until 1st November 2016", ["8th October until 1st November 2016"]),
    # two complete dates stay two spans
    ("on 4 May 2018 and 6 June 2018 she fell", ["4 May 2018", "6 June 2018"]),
])
def test_range_that_borrows_the_year_is_one_span(text, expected):
    assert _found(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("her mood fell from 11 october 2019 onwards", ["11 october 2019"]),
    ("the hearing on 7th Sepember 2020 was adjourned", ["7th Sepember 2020"]),
    ("the hearing on 7th Agust 2020 was adjourned", ["7th Agust 2020"]),
    ("admitted on19 March 2021 with pain", ["19 March 2021"]),
    ("discharged on 2 July2015 to her flat", ["2 July2015"]),
])
def test_lower_case_slipped_month_and_lost_space(text, expected):
    assert _found(text) == expected


@pytest.mark.parametrize("text", [
    "she scored 4 Mary 2020 points",       # a name next to a number is not a slipped month
    "seen 3 times 2019 to 2020",
    "after the 2nd and 3rd doses",
    "the 7th Floor 2020 refurbishment",
])
def test_not_slipped_months(text):
    assert _found(text) == []


@pytest.mark.parametrize("text, expected", [
    ("she fell at her son's flat on Boxing Day 2019 and", ["Boxing Day 2019"]),
    ("staffing was low over the Easter Bank Holiday weekend", ["Easter Bank Holiday"]),
    ("he was last seen on New Year's Eve.", ["New Year's Eve"]),
    ("she was admitted on Good Friday, 2021", ["Good Friday, 2021"]),
])
def test_named_days_are_dates(text, expected):
    assert _found(text) == expected


def test_weekday_is_part_of_the_date():
    assert _found("On Wednesday 3rd March 2021 he rang.") == ["Wednesday 3rd March 2021"]
