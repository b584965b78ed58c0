"""The gate counts the online forms of a name (ATTACK_REPORT4 F3) as soft candidates: hashtags,
CamelCase page names, quoted page titles (``ONLINE_NAME``) and bare domains (``URL``)."""
from __future__ import annotations

import pytest

from leder_insights.deid._gate import DIRECT_KINDS, ResidualRiskScanner

SCANNER = ResidualRiskScanner(use_ner=False)


@pytest.mark.parametrize("text,kind,value", [
    ("His family ran the #JusticeForBrannoc campaign.", "ONLINE_NAME", "#JusticeForBrannoc"),
    ("The #Justice4Quillon tag trended.", "ONLINE_NAME", "#Justice4Quillon"),
    ("His mum's blog, BrannocQuillonsJourney, described it.", "ONLINE_NAME", "BrannocQuillonsJourney"),
    ("The GoFundMe page 'Bring Quillon Home' raised money.", "ONLINE_NAME", "'Bring Quillon Home'"),
    ("The family set up justiceforbrannoc.org.uk to share it.", "URL", "justiceforbrannoc.org.uk"),
    ("Shared as quillonsfight.com/p/justice-for-quillon widely.", "URL", "quillonsfight.com/p/justice-for-quillon"),
])
def test_gate_counts_online_names(text, kind, value):
    found = [(c.kind, text[c.start:c.end]) for c in SCANNER.scan(text)]
    assert len(found) == 1 and found[0][0] == kind and found[0][1].endswith(value), found
    assert kind not in DIRECT_KINDS  # soft: counted in the rate


@pytest.mark.parametrize("text", [
    "Records on SystmOne; the GoFundMe page; item #1; code in C#; see nice.org.uk.",
    "She said 'no'. The group 'met' often. [CONTACT_1] and #[PERSON_2].",
    "Seen in June2022 with Covid19 on Ward12 and a PowerPoint.",
])
def test_gate_online_names_leave_ordinary_text(text):
    assert SCANNER.scan(text) == []


@pytest.mark.parametrize("text,value", [("see facebook.com/oriel.brannoc.9 now", "facebook.com/oriel.brannoc.9"),
                                        ("her page instagram.com/oriel_b today", "instagram.com/oriel_b")])
def test_gate_a_bare_domain_does_not_hide_a_direct_identifier(text, value):
    """The soft DOMAIN candidate over a social profile must leave the direct one counted."""
    found = [(c.kind, text[c.start:c.end]) for c in SCANNER.scan(text)]
    assert found == [("SOCIAL_PROFILE", value)]
