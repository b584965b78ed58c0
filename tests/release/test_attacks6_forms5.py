"""ATTACK_REPORT6 F1, F2 and F5: names, local places and reference numbers, quasi-identifier values
and online user names / postcode sectors in learning-point text, run through the national release
path as ``submit`` runs it (de-identify, release text rules, gate). Invented values only; each
plant is another instance of a class of forms, not the attacker's sentence.

A planted value passes only when it is masked, or when the gate finds a direct identifier (the
release is refused, fail closed). Clinical text (doses, scores, wards named by type, ordinary
words) must come through unchanged.
"""
from __future__ import annotations

import pytest

from _release_path import released
from leder_insights.deid import ResidualRiskScanner

# One de-identifier and spaCy model for the session (conftest): make test runs them.
pytestmark = pytest.mark.slow

F1_PLANTS = [
    # a relation or role, then the name in brackets
    ("relation (name)", "Gran (Morwenna) told staff he was not eating.", "Morwenna"),
    ("step-relation (name)", "His stepdad (Eifion) asked for a capacity assessment.", "Eifion"),
    # the name, then how the person liked to be called
    ("as liked to be called", "Bramwell, as he preferred to be known, had no easy-read letters.", "Bramwell"),
    # a role, a first name and an initial
    ("role first initial", "Healthcare assistant Temperance K. recorded the fluid chart.", "Temperance"),
    # a nickname after a calling verb
    ("called him nickname", "The carers called him Big Deano and he laughed.", "Deano"),
    # a ward's code beside a masked hospital
    ("ward code", "On Ward 12C nobody read the hospital passport.", "12C"),
    # a named day centre or school after "at" or at the start of a bullet
    ("named day centre", "- Staff at Kestrelmoor Day Centre missed his cough.", "Kestrelmoor"),
    ("named school, bullet", "- Wyndcliffe Academy did not share the health plan.", "Wyndcliffe"),
    # reference numbers after their cue, whatever the separators; citations; a PFD serial
    ("slash reference", "The safeguarding concern ref AB/17/20458 was closed without action.", "20458"),
    ("neutral citation", "The judge in Re MT [2019] EWHC 2211 (Fam) weighed best interests.", "2211"),
    ("PFD reference", "The Regulation 28 report (2022-0388) listed the same concern.", "0388"),
]
F2_PLANTS = [
    # years and months in forms the relative-date path does not read
    ("decade", "She lived in a long-stay hospital in the late 1980s.", "1980s"),
    ("apostrophe year", "Since '09 nobody had weighed her.", "'09"),
    ("financial year", "Checks lapsed across FY2018-19 at the practice.", "2018"),
    ("month number and year", "From 07-2020 her fluids were not charted.", "From 07"),
    ("abbreviated month", "The dentist saw her in Oct. and did not refer.", "in Oct"),
    ("season and year", "In the winter of 2021 his chest infections returned.", "winter"),
    # ages in their own phrasings
    ("at N, clause", "At 58 she still had no hearing test.", "At 58"),
    ("at N, bullet", "- At 61 she had no hearing test.", "At 61"),
    ("at N, aside", "The youngest in the house, at 23, she was often overlooked.", "23"),
    ("was only N when", "She was just 22 when her father died.", "22"),
    ("N years of life", "She lived with her parents for all 39 years of her life.", "39"),
    ("words and life expectancy", "Fifty-one years is well short of the average life expectancy.", "Fifty-one"),
    # the cause of death, and a placement, by other words
    ("death from", "Her death from bowel perforation showed gaps in monitoring.", "perforation"),
    ("gave as cause", "The pathologist gave intestinal ischaemia as the cause.", "ischaemia"),
    ("passed away with", "She passed away with pneumonitis on the ward.", "pneumonitis"),
    ("nursing placement", "Staff in her nursing care placement missed the signs.", "nursing care placement"),
]
F5_PLANTS = [
    ("platform, pronoun, was", "On TikTok she was dancing_daisy22 and staff filmed with her.", "dancing_daisy22"),
    ("gamer tag", "His Xbox gamer tag was Sk8rBoi_07 and he played nightly.", "Sk8rBoi_07"),
    ("page, comma", "Her brother's Facebook page, justice.for.ruby, shared the letter.", "justice.for.ruby"),
    ("posted as, on X", "The family posted as voice4ruby on X every week.", "voice4ruby"),
    ("by user", "A video by user rubyrose_1990 went round the ward.", "rubyrose_1990"),
    ("two-letter sector", "The team covered HX3 5 but not the next sector.", "HX3 5"),
    ("sector after cue", "She was registered in postcode sector L8 2 for transport.", "L8 2"),
    ("one-letter sector before cue", "Transport never reached the M14 6 area on time.", "M14 6"),
]


@pytest.mark.parametrize("plants", [F1_PLANTS, F2_PLANTS, F5_PLANTS], ids=["F1", "F2", "F5"])
def test_attack6_plants_are_not_released(release_path, plants):
    assert released(release_path(plants), plants) == []


def test_attack6_gate_flags_user_names_and_sectors_left_in_text():
    """What the de-identifier would miss, the gate counts as a direct identifier (release refused)."""
    scanner = ResidualRiskScanner(use_ner=False)
    for label, text, secret in F5_PLANTS:
        kinds = {c.kind for c in scanner.scan(text) if text[c.start:c.end] == secret}
        assert kinds & {"SOCIAL_PROFILE", "POSTCODE"}, label


def test_attack6_gate_reads_no_user_name_in_a_bundle_record():
    """Cue words inside a JSON record or an HTML-escaped one ("profile", "national", ...) are not
    the words before a user name: the gate must not refuse a bundle for its own audit lines."""
    scanner = ResidualRiskScanner(use_ner=False)
    for text in ('{"audit_schema":1,"profile":"national","operator":"placeholder","config_hash":"c0ffee_12"}',
                 "&quot;profile&quot;: &quot;national&quot;, &quot;key_mode&quot;: &quot;file_42&quot;",
                 "Her account of the 2nd visit; page 12; the Covid19 profile; his B12 1 mg."):
        assert not [c for c in scanner.scan(text) if c.kind in {"SOCIAL_PROFILE", "POSTCODE"}], text


KEPT = [
    ("doses", "Give 5 mg twice daily and 2 x 500 mg tablets at night.", ""),
    ("scores", "Her NEWS2 score was 5 and she scored 18 out of 30 on the memory test.", ""),
    ("vitamin", "Vitamin B12 1 mg was given daily for three months.", ""),
    ("wards by type", "She was moved from the stroke ward to the respiratory ward.", ""),
    ("account of", "His account of the fall was recorded in the notes by the nurse.", ""),
    ("died with family", "He died with his family beside him.", ""),
    ("day centre by type", "She went to the day centre on weekdays and liked it.", ""),
    ("season alone", "In the summer he liked sitting in the garden.", ""),
    ("called by first name", "Staff called him by his first name, as the plan said.", ""),
    ("years of service", "Staff who had known him for years of his life said he was settled.", ""),
]


def test_attack6_clinical_text_survives(release_path):
    """Doses, scores, wards named by type and ordinary words are left as they were."""
    for (label, text, _), (_, out, _direct) in zip(KEPT, release_path(KEPT)):
        assert out == text, label
