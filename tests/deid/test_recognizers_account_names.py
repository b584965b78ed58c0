"""Computer account names in paths, shares and logins (ATTACK_REPORT9 F2), masked whole; staff
pages on public sites. Invented names."""
from __future__ import annotations

import pytest

from leder_insights.deid.recognizers.contact import AccountNameRecognizer, UrlRecognizer


def _found(recognizer, entity, text):
    return sorted(text[r.start:r.end] for r in recognizer.analyze(text, [entity]))


@pytest.mark.parametrize("text,value", [
    (r"Notes were saved to C:\Users\brannocq\Documents\review.docx by the nurse.",
     r"C:\Users\brannocq\Documents\review.docx"),
    ("The copy is in /home/oquillon/reviews/final.txt on the server.", "/home/oquillon/reviews/final.txt"),
    (r"Saved under D:\Documents and Settings\tmervyn\Desktop.", r"D:\Documents and Settings\tmervyn\Desktop"),
    (r"It was filed in \\trust-fs02\Staff\OQuillon\LeDeR and not shared.", r"\\trust-fs02\Staff\OQuillon\LeDeR"),
    (r"The entry was made by NORTHSHIRE\bquillon at night.", r"NORTHSHIRE\bquillon"),
])
def test_recognizers_account_path_or_domain_login_is_masked_whole(text, value):
    assert _found(AccountNameRecognizer(), "USER_ACCOUNT", text) == [value]


@pytest.mark.parametrize("text,value", [
    ("The record shows EMIS login OQUILLON01 for that entry.", "OQUILLON01"),
    ("The entry was logged on as bquil2 by the locum.", "bquil2"),
    ("Username: tmervyn was used to sign the plan.", "tmervyn"),
    ("Her user ID was QUILLONB on the audit trail.", "QUILLONB"),
])
def test_recognizers_account_after_a_login_word_is_masked(text, value):
    assert _found(AccountNameRecognizer(), "USER_ACCOUNT", text) == [value]


@pytest.mark.parametrize("text", [
    "The login details were shared with the agency staff.",
    "Staff could not log in to the system at night.",
    "The user was confused by the login screen.",
    r"The file was in C:\Program Files\App and not updated.",
    "The 24/7 service at A/E was busy; he was on and/or off oxygen.",
    "He logged in to the portal to see his results; the login failed twice.",
])
def test_recognizers_account_leaves_ordinary_text(text):
    assert _found(AccountNameRecognizer(), "USER_ACCOUNT", text) == []


def test_recognizers_url_staff_page_on_a_public_site_is_masked():
    text = "See https://intranet.example.nhs.uk/staff/o.quillon/profile and www.nhs.uk/conditions/epilepsy."
    assert _found(UrlRecognizer(), "URL", text) == ["https://intranet.example.nhs.uk/staff/o.quillon/profile"]
