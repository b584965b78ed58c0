"""ATTACK_REPORT7 F1 and F4: identifiers written in pieces with words between, and exact ages or
birth days in words, in learning-point text, run through the national release path as ``submit``
runs it (de-identify, release text rules, gate). Invented values only; each plant is another
instance of the attacker's families, not the attacker's sentence (NHS numbers with valid check
digits).

A plant passes only when every one of its pieces is masked, or when the gate finds a direct
identifier (the release is refused, fail closed).
"""
from __future__ import annotations

import pytest

from _release_path import alnum
from leder_insights.deid import ResidualRiskScanner
from leder_insights.jobs._release_text import release_text

pytestmark = pytest.mark.slow

# (label, text, pieces: the plant leaks when all of them are readable)
F1_PLANTS = [
    ("nhs, two halves", "Her NHS number starts 665 425 but finishes (9874) on the old form.", ["665425", "9874"]),
    ("nhs, three parts", "NHS no. 532, then 680, then 8617 was keyed by the ward clerk.", ["532", "680", "8617"]),
    ("mobile, then", "Her mobile: 07700 then 900 then 718, and nobody rang.", ["07700", "900", "718"]),
    ("landline, after that", "Ring 0113 and after that 496 0457 for her brother.", ["0113", "4960457"]),
    ("ni, and", "National insurance number TW 98, 76 and 54 then B on the claim.", ["TW", "98", "76", "54"]),
    ("postcode, and then", "Her post code was LS12, and then 4PQ, on the referral.", ["LS12", "4PQ"]),
]
F4_PLANTS = [
    ("yrs", "Admitted 67yrs with a chest infection and not weighed.", ["67"]),
    ("y/o", "Miss T, 71 y/o, had no hearing test.", ["71"]),
    ("years and months", "At 63 years and 2 months she had her first mammogram.", ["63"]),
    ("ordinal year in words", "In her seventy-first year she had no health check.", ["seventy-first"]),
    ("roman", "She reached XLVII years without a dental review.", ["XLVII"]),
    ("age noun, words", "Her age: sixty-six, was on the front sheet.", ["sixty-six"]),
    ("age noun, brackets", "Their age (33) put them in the screening group.", ["33"]),
    ("life length", "She lived for 47 years without a diagnosis.", ["47"]),
    ("milestone", "She marked her half century with a party at the centre.", ["half century"]),
    ("born, ordinal words", "Born on the twelfth of June 1958, she moved to Oakby later.", ["twelfth"]),
    ("dob, ordinals", "D.O.B. 12th of the 6th, '58, was missing from the passport.", ["12th", "6th"]),
]


def _leaks(results, plants):
    return [(label, text) for (label, text, direct), (_, _, parts) in zip(results, plants)
            if all(alnum(p) in alnum(text) for p in parts) and not direct]


@pytest.mark.parametrize("plants", [F1_PLANTS, F4_PLANTS], ids=["F1", "F4"])
def test_attack7_plants_are_not_released(release_path, plants):
    simple = [(label, text, parts[0]) for label, text, parts in plants]
    assert _leaks(release_path(simple), plants) == []


def test_attack7_gate_refuses_split_identifiers_the_deidentifier_missed():
    """The raw plants (nothing masked): the gate's own cues join the pieces into a direct identifier."""
    scanner = ResidualRiskScanner(use_ner=False)
    for label, text, _ in F1_PLANTS:
        assert scanner.direct_identifiers(text), label


def test_attack7_birth_day_in_words_is_a_date_of_birth():
    text, _ = release_text("Born on the twelfth of June 1958, she moved.")
    assert text == "Born on the [DATE_OF_BIRTH], she moved."
    text, _ = release_text("DOB 12th of the 6th, [DATE], was missing.")
    assert text == "DOB [DATE_OF_BIRTH], was missing."
    text, _ = release_text("Date of birth: the 12th day of June, 1958, was on the form.")
    assert text == "Date of birth: the [DATE_OF_BIRTH], was on the form."
    text, _ = release_text("[PERSON_1] of birth: the 12th day of June 1958, was on the form.")
    assert text == "[PERSON_1] of birth: the [DATE_OF_BIRTH], was on the form."
    text, _ = release_text("Place of birth: Oakby, 2 sisters.")
    assert "[DATE_OF_BIRTH]" not in text
    text, _ = release_text("She was born second of three and the third child died.")
    assert "[DATE_OF_BIRTH]" not in text


KEPT = [
    ("counts after a label", "The NHS number was checked 3 times and again 2 days later.", ""),
    ("service number", "NHS 111 advised her to call 999 at 0200.", ""),
    ("durations", "She had been in the home for 3yrs; over 2 years 6 months the referral was not chased.", ""),
    ("roman sections", "Part IV of the Act applied for II years of the pilot.", ""),
    ("residence", "She lived for 20 years with her mum.", ""),
]


def test_attack7_ordinary_text_survives(release_path):
    for (label, text, _), (_, out, _direct) in zip(KEPT, release_path(KEPT)):
        assert out == text, label
