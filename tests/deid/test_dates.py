"""Date shifting keeps formats and intervals; ages become bands."""
import re
from datetime import date, datetime, timedelta

import pytest

from leder_insights.deid import Deidentifier, PseudonymKey
from leder_insights.deid._dates import age_band, band_age_text, date_offset, shift_date_text
from test_deidentifier_fake import FakeDetector

KEY = PseudonymKey(b"date-test-key-0123456789abcdef")

# (original text, strptime format of the date part, regex the output must match)
FORMATS = [
    ("17th August 2018", None, r"^\d{1,2}(st|nd|rd|th) [A-Z][a-z]+ \d{4}$"),
    ("17 August 2018", "%d %B %Y", r"^\d{1,2} [A-Z][a-z]+ \d{4}$"),
    ("17 Aug 2018", "%d %b %Y", r"^\d{1,2} [A-Z][a-z]{2} \d{4}$"),
    ("August 17, 2018", "%B %d, %Y", r"^[A-Z][a-z]+ \d{1,2}, \d{4}$"),
    ("17/08/2018", "%d/%m/%Y", r"^\d\d/\d\d/\d{4}$"),
    ("17-08-2018", "%d-%m-%Y", r"^\d\d-\d\d-\d{4}$"),
    ("16.11.22", "%d.%m.%y", r"^\d\d\.\d\d\.\d\d$"),
    ("2018-08-17", "%Y-%m-%d", r"^\d{4}-\d\d-\d\d$"),
    ("28/6/1942", None, r"^\d{1,2}/\d{1,2}/\d{4}$"),
    ("Monday 17th August 2018", None, r"^[A-Z][a-z]+day \d{1,2}(st|nd|rd|th) [A-Z][a-z]+ \d{4}$"),
    ("17TH AUGUST 2018", None, r"^\d{1,2}(ST|ND|RD|TH) [A-Z]+ \d{4}$"),
]


def _parse(text: str, fmt: str | None) -> date:
    if fmt:
        return datetime.strptime(text, fmt).date()
    t = re.sub(r"(?i)(\d)(st|nd|rd|th)", r"\1", text)
    t = re.sub(r"^[A-Za-z]+day ", "", t)
    for f in ("%d %B %Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(t.title(), f).date()
        except ValueError:
            continue
    raise ValueError(text)


@pytest.mark.parametrize("days", [-300, -75, -1, 1, 19, 200, 365])
@pytest.mark.parametrize("text,fmt,shape", FORMATS)
def test_dates_shift_keeps_format_and_moves_by_offset(text, fmt, shape, days):
    out = shift_date_text(text, days)
    assert out is not None and out != text
    assert re.match(shape, out), out
    assert _parse(out, fmt) - _parse(text, fmt) == timedelta(days=days)


def test_dates_weekday_is_recomputed():
    out = shift_date_text("Monday 17th August 2018", 3)  # 17 Aug 2018 was a Friday really
    assert out == "Monday 20th August 2018".replace("Monday", date(2018, 8, 20).strftime("%A"))


@pytest.mark.parametrize("text,days,expected", [
    ("16.11.22", -75, "02.09.22"),                 # example from the brief: zero padding kept
    ("17th August 2018", -75, "3rd June 2018"),
    ("(DOB 28/6/42)", 3, "(DOB 1/7/42)"),          # surrounding words kept, no padding added
    ("March 2021", 31, "April 2021"),              # month-year: the middle of the month moves
    ("Aug. 2018", -75, "Jun. 2018"),
    ("AUGUST 2018", 200, "MARCH 2019"),
    ("Aug '18", 200, "Mar '19"),
    ("08/2018", -75, "06/2018"),
    ("12 June", 20, "2 July"),                     # no year
    ("on 1st of May 2020 at 14:30", 1, "on 2nd of May 2020 at 14:30"),
    ("31/12/1999", 1, "01/01/2000"),
    ("5 May 2024", 30, "4 June 2024"),             # "May" is full and abbreviated: full kept
    ("Sept 2019", 40, "Oct 2019"),
])
def test_dates_shift_examples(text, days, expected):
    assert shift_date_text(text, days) == expected


@pytest.mark.parametrize("text", ["the next day", "last spring", "NEWS2 of 5", "2/52", "5ml"])
def test_dates_unparseable_returns_none(text):
    assert shift_date_text(text, 10) is None


def test_dates_shift_keeps_intervals_between_dates_of_a_review():
    deid = Deidentifier(profile="national", key=b"k" * 32, detector=FakeDetector())
    text = "Admitted 17/08/2018, discharged 24/08/2018, died 3rd September 2018."
    out = deid.deidentify(text, doc_key="r42").text
    got = re.findall(r"\d\d/\d\d/\d{4}", out)
    written = re.search(r"\d{1,2}(st|nd|rd|th) [A-Z][a-z]+ \d{4}", out).group(0)
    d1, d2 = (datetime.strptime(g, "%d/%m/%Y").date() for g in got)
    d3 = _parse(written, None)
    assert (d2 - d1).days == 7 and (d3 - d1).days == 17
    assert d1 != date(2018, 8, 17)


def test_dates_offset_is_keyed_bounded_never_zero():
    offsets = [date_offset(KEY, f"r{i}", 30) for i in range(400)]
    assert all(o != 0 and -30 <= o <= 30 for o in offsets)
    assert min(offsets) < 0 < max(offsets) and len(set(offsets)) > 40
    assert offsets == [date_offset(KEY, f"r{i}", 30) for i in range(400)]
    other = PseudonymKey(b"another-key-0123456789abcdef")
    assert offsets != [date_offset(other, f"r{i}", 30) for i in range(400)]


def test_dates_unparseable_date_becomes_placeholder():
    deid = Deidentifier(profile="national", key=b"k" * 32, detector=FakeDetector())
    res = deid.deidentify("It happened sometime last spring.", doc_key="r1")
    assert re.fullmatch(r"It happened \[DATE_\d+\]\.", res.text)
    assert res.audit["by_action"] == {"placeholder": 1}


def test_dates_local_placeholder_profile_does_not_shift():
    deid = Deidentifier(profile="local", key=b"k" * 32, detector=FakeDetector())
    res = deid.deidentify("Seen on 17/08/2018.", doc_key="r1")
    assert re.fullmatch(r"Seen on \[DATE_\d+\]\.", res.text)


@pytest.mark.parametrize("age,band", [(0, "0\u20139"), (9, "0\u20139"), (10, "10\u201319"),
                                      (54, "50\u201359"), (89, "80\u201389"), (90, "90 or over"),
                                      (104, "90 or over")])
def test_dates_age_band(age, band):
    assert age_band(age) == band


@pytest.mark.parametrize("text,expected", [
    ("aged 54", "aged 50\u201359"),
    ("54-year-old", "50\u201359-year-old"),
    ("was 34 years old", "was 30\u201339 years old"),
    ("age: 91", "age: 90 or over"),
    ("in his 60s", "in his 60s"),
    ("71st", "70\u201379"),          # "70\u201379st" would tell the last digit (ATTACK_REPORT4 F4)
    ("his 22nd birthday", "his 20\u201329 birthday"),
    ("aged 18 months", None),
    ("aged 3/12", None),
    ("aged", None),
])
def test_dates_band_age_text_keeps_words(text, expected):
    assert band_age_text(text) == expected


def test_dates_national_bands_ages_local_placeholder():
    text = "He was aged 54 and his brother a 61-year-old."
    nat = Deidentifier(profile="national", key=b"k" * 32, detector=FakeDetector())
    loc = Deidentifier(profile="local", key=b"k" * 32, detector=FakeDetector())
    assert nat.deidentify(text, doc_key="r").text == \
        "He was aged 50\u201359 and his brother a 60\u201369-year-old."
    assert re.fullmatch(r"He was \[AGE_\d+\] and his brother a \[AGE_\d+\]\.",
                        loc.deidentify(text, doc_key="r").text)
