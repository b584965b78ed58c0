"""``forename_words``: lone listed first names in short text, through the deid façade."""
from __future__ import annotations

import pytest

from leder_insights.deid import forename_words


@pytest.mark.parametrize("text, names", [
    ("Follow up with Ayesha about the annual check", ["Ayesha"]),
    ("Kwame, community nurse", ["Kwame"]),
    ("Priya from the LD team", ["Priya"]),
    ("Check Tomasz's medication review was done", ["Tomasz"]),
    ("ask bronwen and BRONWEN's manager", ["bronwen", "BRONWEN"]),
])
def test_forename_words_find_lone_first_names(text, names):
    assert forename_words(text) == names


@pytest.mark.parametrize("text", [
    "the ICB LD lead", "Named GP lead", "Audit SALT referrals in March", "Hope and Will to review",
    "Promote the Oliver McGowan Mandatory Training", "Check Down's syndrome screening in Annual Health Checks",
])
def test_forename_words_leave_roles_everyday_words_and_allowed_phrases_alone(text):
    assert forename_words(text) == []
