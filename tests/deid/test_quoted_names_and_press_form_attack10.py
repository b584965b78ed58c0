"""Attacker 10's F3 and F2: a name in typographic quotes (``‘Ann Lee’``, ``«Ann Lee»``) and the
local paper's "Name, 54, of Town died after ..." form. Invented names and text only."""
from __future__ import annotations

import pytest

from leder_insights.deid._normalise import normalise
from leder_insights.deid.recognizers.people.name_cues import NameSlotRecognizer


def _slots(text):
    return sorted(text[r.start:r.end] for r in NameSlotRecognizer().analyze(text, ["PERSON_CONTEXT"]))


def _masked(detector, text, name):
    """Every word of ``name`` lies inside a PERSON span the detector found."""
    spans = [(e.start, e.end) for e in detector.analyze(text) if e.category == "PERSON"]
    at = text.index(name)
    return any(s <= at and at + len(name) <= e for s, e in spans)


@pytest.mark.parametrize("quoted,plain", [
    ("\u2018Ann O\u2019Lee\u2019", "'Ann O'Lee'"),
    ("\u201bAnn\u2019 \u201aAnn\u2019", "'Ann' 'Ann'"),
    ("\u00abAnn\u00bb \u201eAnn\u201c \u201cAnn\u201d \u2039Ann\u203a", "\"Ann\" \"Ann\" \"Ann\" 'Ann'"),
])
def test_typographic_quotes_read_as_ascii_one_character_each(quoted, plain):
    n = normalise(quoted)
    assert n.text == plain
    assert all(n.to_original(i, i + 1) == (i, i + 1) for i in range(len(plain)))


@pytest.mark.parametrize("text,name", [
    ("Her advocate \u2018Rosalind Tremayne\u2019 should have been invited.", "Rosalind Tremayne"),
    ("The family said that \u201bCuthbert Winterbottom\u2019 had known him.", "Cuthbert Winterbottom"),
    ("The GP letter named \u00abLeopold Ashcombe\u00bb as the main carer.", "Leopold Ashcombe"),
    ("His brother \u201ePercival Quiller\u201c was not told.", "Percival Quiller"),
    ("Her named nurse \u2018Seraphina O\u2019Donoghue\u2019 was on leave.", "Seraphina O\u2019Donoghue"),
])
def test_name_in_typographic_quotes_is_masked(detector, text, name):
    assert _masked(detector, text, name)


def test_closing_quote_stays_outside_the_mask(detector):
    text = "Her advocate 'Rosalind Tremayne' should have been invited."
    people = [text[e.start:e.end] for e in detector.analyze(text) if e.category == "PERSON"]
    assert people == ["Rosalind Tremayne"]


@pytest.mark.parametrize("text,name", [
    ("\u2022 Hortensia Vellacott, 54, of Skelmersdale died after the tube was misplaced.", "Hortensia Vellacott"),
    ("The panel met. Genevieve Tolliver, aged 38, from Morecambe was not offered a check.", "Genevieve Tolliver"),
    ("Cornelius Fenwick-Hale, 41, of Preston died after a cardiac arrest.", "Cornelius Fenwick-Hale"),
])
def test_name_age_town_apposition_is_masked(detector, text, name):
    assert name in _slots(text)
    assert _masked(detector, text, name)


@pytest.mark.parametrize("text", [
    "Adults, aged 18 to 64, of all backgrounds should be offered health checks.",
    "Patients, 65, of whom many had dysphagia, were not assessed.",
    "Regulation, 28, of the Coroners Rules applies.",
    "The 'Hospital Passport' was not read by the ward team.",
    "Staff called it a \"Best Interests Decision\" in the notes.",
    "Her 'Purple Folder' went with her to the ward.",
])
def test_ordinary_text_is_not_a_name_slot(text):
    assert _slots(text) == []


@pytest.mark.parametrize("text", [
    "How to address this is a matter for His Majesty\u2019s Prisons and Probation Service.",
    "The report went to Her Majesty\u2019s Inspectorate.",
])
def test_majesty_is_no_person_once_the_apostrophe_is_ascii(detector, text):
    assert not [e for e in detector.analyze(text) if e.category == "PERSON"]
