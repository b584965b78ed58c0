"""One person, one placeholder; different people, different placeholders; partial dates shift whole."""
import calendar
import re
from datetime import date, timedelta

import pytest

from leder_insights.deid import Deidentifier
from leder_insights.deid._dates import shift_date_text
from leder_insights.deid._entities import Entity


class _Finder:
    """A detector that marks the given strings (every occurrence) as the given category."""

    model_name, model_version, recognizer_names = "fake", "0", ["fake"]

    def __init__(self, spans):
        self.spans = spans

    def analyze(self, text):
        out = []
        for s, cat in self.spans:
            for m in re.finditer(r"(?<!\w)" + re.escape(s) + r"(?!\w)", text):
                out.append(Entity(m.start(), m.end(), cat, cat, 0.9, "fake"))
        return sorted(out, key=lambda e: e.start)

    def analyze_many(self, texts, n_process=None, batch_size=None):
        return [self.analyze(t) for t in texts]


def _tags(text):
    return re.findall(r"\[PERSON_\d+\]", text)


def test_titled_surname_of_another_sex_is_another_person():
    text = "Gareth Pike lived alone. Ms Pike, his mother, said Gareth was happy. Mr Pike agreed."
    det = _Finder([("Gareth Pike", "PERSON"), ("Pike", "PERSON"), ("Gareth", "PERSON")])
    out = Deidentifier(profile="national", key=b"p" * 32, detector=det).deidentify(text, doc_key="r1").text
    full, ms, gareth, mr = _tags(out)
    assert full == gareth == mr     # Gareth (a man's name) is Mr Pike
    assert ms != full               # Ms Pike is someone else


def test_both_titles_with_a_name_of_unknown_sex_stay_two_people():
    text = "Rowan Pike lived alone. Ms Pike said Rowan was happy. Mr Pike agreed."
    det = _Finder([("Rowan Pike", "PERSON"), ("Pike", "PERSON"), ("Rowan", "PERSON")])
    out = Deidentifier(profile="national", key=b"p" * 32, detector=det).deidentify(text, doc_key="r1").text
    full, ms, rowan, mr = _tags(out)
    assert full == rowan and ms != mr


def test_titled_surname_links_to_the_one_person_of_that_sex():
    text = "Peter Quill and Mary Quill visited. Mrs Quill said Peter was tired."
    det = _Finder([("Peter Quill", "PERSON"), ("Mary Quill", "PERSON"), ("Quill", "PERSON"), ("Peter", "PERSON")])
    out = Deidentifier(profile="national", key=b"p" * 32, detector=det).deidentify(text, doc_key="r1").text
    tobias, maren, mrs, tobias2 = _tags(out)
    assert tobias == tobias2 and mrs == maren and tobias != maren


@pytest.mark.parametrize("text, days_in, month, year", [
    ("24th and 28th December", (24, 28), 12, 2001), ("4th, 22nd and 28th February 2020", (4, 22, 28), 2, 2020),
    ("1st & 2nd March", (1, 2), 3, 2001), ("30th and 31st January 2021", (30, 31), 1, 2021),
])
@pytest.mark.parametrize("shift", [-200, -31, -1, 3, 10, 45])
def test_a_chain_of_days_shifts_as_a_whole_or_is_masked(text, days_in, month, year, shift):
    out = shift_date_text(text, shift)
    if out is None:
        return  # the days land in different months: the caller masks the whole text
    moved = [date(year, month, d) + timedelta(days=shift) for d in days_in]
    assert [int(x) for x in re.findall(r"(\d+)(?:st|nd|rd|th)", out)] == [m.day for m in moved]
    assert calendar.month_name[moved[-1].month] in out


@pytest.mark.parametrize("text", ["13th/14th", "12 Sept 21", "17-Mar-2022", "20220419", "2019-11", "Tue 8/9/20"])
@pytest.mark.parametrize("shift", [-200, -1, 10])
def test_other_partial_and_compact_dates_change_or_are_masked(text, shift):
    from leder_insights.deid._keys import PseudonymKey
    from leder_insights.deid._operators import PlaceholderOperator, ReplaceContext, replace_entity

    ctx = ReplaceContext(PseudonymKey(b"d" * 32), doc_key="r1", date_offset=shift, shift_dates=True)
    action, new = replace_entity(text, Entity(0, len(text), "DATE", "DATE", 0.9, "t"), ctx, PlaceholderOperator())
    assert new != text and (action == "date_shifted" or new.startswith("[DATE_"))


def test_partial_date_is_shifted_or_masked_in_output():
    text = "Seen on 24th and 28th December by the GP."
    det = _Finder([("24th and 28th December", "DATE")])
    out = Deidentifier(profile="national", key=b"d" * 32, detector=det).deidentify(text, doc_key="r9").text
    assert "24th" not in out and "28th" not in out


@pytest.mark.parametrize("profile", ["national", "local"])
def test_weekday_before_a_date_is_replaced_with_it(profile):
    # the detector leaves the weekday outside the date; the real weekday must not survive beside a
    # shifted (or masked) date, or it would betray the shift
    text = "On Thursday 16th September 2021 she fell; on Friday, the 17th September 2021 she died."
    det = _Finder([("16th September 2021", "DATE"), ("17th September 2021", "DATE")])
    res = Deidentifier(profile=profile, key=b"w" * 32, detector=det).deidentify(text, doc_key="r9")
    assert "Thursday" not in res.text or "16th September 2021" not in res.text
    shifted = re.findall(r"(\w+day),? (?:the )?(\d+)\w\w (\w+) (\d{4})", res.text)
    for weekday, day, month, year in shifted:  # a shifted date carries its own weekday
        d = date(int(year), list(calendar.month_name).index(month), int(day))
        assert d.strftime("%A") == weekday
    if not shifted:  # masked: neither weekday is left in the text
        assert "Thursday" not in res.text and "Friday" not in res.text
