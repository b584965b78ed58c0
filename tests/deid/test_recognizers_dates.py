"""UK date forms are found; clinical shorthand (2/52, 3/12), doses and scores are not."""
import pytest

from leder_insights.deid.recognizers.dates import NumericDateRecognizer, WrittenDateRecognizer


def _found(text):
    out = []
    for rec in (NumericDateRecognizer(), WrittenDateRecognizer()):
        out += [(r.start, text[r.start:r.end]) for r in rec.analyze(text, rec.supported_entities)]
    return [t for _, t in sorted(out)]


@pytest.mark.parametrize("text,expected", [
    ("seen on 17th August 2018.", ["17th August 2018"]),
    ("on 16.11.22 at home", ["16.11.22"]),
    ("(DOB 28/6/42)", ["28/6/42"]),
    ("on 2022-11-16", ["2022-11-16"]),
    ("on 10-08-2024", ["10-08-2024"]),
    ("on the 9th of September 2020", ["9th of September 2020"]),
    ("16th Of July 2022", ["16th Of July 2022"]),
    ("on 4th, 22nd and 28th February", ["4th, 22nd and 28th February"]),
    ("5th & 6th March 2023", ["5th & 6th March 2023"]),
    ("in March 2021", ["March 2021"]),
    ("in March of 2021", ["March of 2021"]),
    ("by October that year", ["October"]),
    ("on 3 Mar 2019", ["3 Mar 2019"]),
])
def test_recognizers_dates_found(text, expected):
    assert _found(text) == expected


@pytest.mark.parametrize("text", [
    "review in 2/52", "follow up 3/12", "5ml Oramorph", "10mg twice daily", "NEWS2 of 5",
    "you may go", "GCS 15", "BP 120/80", "32/40 weeks", "in 2019", "Mental Capacity Act 2005",
    "version 1.2.3.4",
])
def test_recognizers_dates_not_found(text):
    assert _found(text) == []
