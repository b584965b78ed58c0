"""E-mail addresses written without a top-level domain (ATTACK_REPORT4 F1). Invented addresses."""
from __future__ import annotations

import pytest

from leder_insights.deid.recognizers.contact.email_forms import EmailFormsRecognizer


def _found(text):
    return [text[r.start:r.end] for r in EmailFormsRecognizer().analyze(text, ["EMAIL_ADDRESS"])]


@pytest.mark.parametrize("value", ["ann dot quayle at gmail", "annquayle at gmail", "ann_quayle (at) gmail",
                                   "ann-quayle[at]familymail", "annquayle AT hotmail", "ann.quayle at btinternet",
                                   "ann_quayle {at} yahoo"])
def test_recognizers_email_without_a_top_level_domain(value):
    assert _found(f"Email his sister ({value}) about the meeting.") == [value]


@pytest.mark.parametrize("text", ["She was at home, good at email and at the day centre.",
                                  "HE WAS AT HOME AT NIGHT.", "They met at Gmail's offices."])
def test_recognizers_email_without_tld_leaves_ordinary_text(text):
    assert _found(text) == []


def test_recognizers_email_words_leave_a_web_address_after_at():
    assert _found("Guidance at www.gov.uk/government/publications is clear.") == []
    assert _found("Write to kay dot brennan at nhs dot net today.") != []
