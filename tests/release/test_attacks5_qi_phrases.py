"""ATTACK_REPORT5 F5: quasi-identifier values in learning-point phrasings are masked (place of
death, living arrangement, cause of death, LD level, age stage). Invented sentences; no NLP model."""
from __future__ import annotations

import pytest

from leder_insights.release import mention_spans


@pytest.mark.parametrize("text,value,token", [
    ("With an IQ of 48 he should have had easy-read leaflets.", "48", "[LD_SEVERITY]"),
    ("Staff at his group home did not know the plan.", "group home", "[HOME_SETTING]"),
    ("In his shared house with 24-hour support staff did not record it.", "shared house", "[HOME_SETTING]"),
    ("His elderly mother, his only carer, was not given respite.", "his only carer", "[HOME_SETTING]"),
    ("He died in A&E after waiting eleven hours.", "A&E", "[PLACE_OF_DEATH]"),
    ("He was found dead in his own bed by staff.", "his own bed", "[PLACE_OF_DEATH]"),
    ("He died in the ambulance on the way to hospital.", "the ambulance", "[PLACE_OF_DEATH]"),
    ("He succumbed to sepsis.", "sepsis", "[CAUSE_OF_DEATH]"),
    ("She lost her battle with bowel cancer.", "bowel cancer", "[CAUSE_OF_DEATH]"),
    ("The fatal aspiration pneumonia followed a week of coughing.", "aspiration pneumonia", "[CAUSE_OF_DEATH]"),
    ("Although of pensionable age he had no falls assessment.", "of pensionable age", "[AGE]"),
    ("As a teenager of 17 he moved to adult services.", "17", "[AGE]"),
])
def test_qi_phrasings_are_masked(text, value, token):
    assert (value, token) in [(text[s:e], t) for s, e, t in mention_spans(text)]


@pytest.mark.parametrize("text", [
    "He died with his family present.", "The ambulance arrived late.", "His carer noticed the rash.",
    "Staff at the day centre knew him well.", "The IQ test was not adapted.",
])
def test_ordinary_phrasings_stay(text):
    assert [t for _s, _e, t in mention_spans(text)
            if t in ("[CAUSE_OF_DEATH]", "[PLACE_OF_DEATH]", "[LD_SEVERITY]", "[HOME_SETTING]")] == []
