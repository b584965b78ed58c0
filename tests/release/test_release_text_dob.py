"""A date of birth after any birth cue, with any separator, is masked whole in a release
(ATTACK_REPORT4 F2): never a day and month kept beside a relative year, never an age."""
from __future__ import annotations

from datetime import date

import pytest

from leder_insights.jobs._release_text import relative_dates, release_text

SEPARATORS = [" ", "-", "\u2013", "\u2014", "\u2212", "/", "\\", ".", "_", "|", "~", ":", "\u00b7", ",",
              "+", "*"]


def _released(text):
    masked, _ = release_text(text)
    return relative_dates(masked, [], date(2022, 3, 6))[0]


@pytest.mark.parametrize("sep", SEPARATORS)
def test_release_dob_with_any_separator_is_masked_whole(sep):
    value = sep.join(["03", "09", "1951"])
    assert _released(f"DOB {value} was wrong on the form.") == "DOB [DATE_OF_BIRTH] was wrong on the form."


@pytest.mark.parametrize("text,cue", [
    ("His birthdate 03-03-1951 was noted.", "His birthdate "),
    ("bday 3/3/51 was noted.", "bday "),
    ("Date-of-birth: 1951.03.03 was noted.", "Date-of-birth: "),
    ("date_of_birth 03_09_1951 was noted.", "date_of_birth "),
    ("D.O.B. 3rd of March 1951 was noted.", "D.O.B. "),
    ("Birth date: 03 09 51 was noted.", "Birth date: "),
    ("DOB [DATE_2] was noted.", "DOB "),
])
def test_release_dob_cues_with_any_separator(text, cue):
    assert _released(text) == cue + "[DATE_OF_BIRTH] was noted."


@pytest.mark.parametrize("text", [
    "He was born 2 weeks early and born at 32 weeks.",
    "Seen 03 09 2021 and 3/3/21 by the team.",  # no birth cue: relative dates, not a date of birth
])
def test_release_dob_leaves_other_numbers(text):
    assert "[DATE_OF_BIRTH]" not in _released(text)


def test_release_dob_does_not_swallow_the_next_date():
    out = _released("Born 1951, admitted 12/03/2022 to the ward.")  # death 6 March 2022
    assert out == "Born [DATE_OF_BIRTH], admitted [6 days after death] to the ward."
