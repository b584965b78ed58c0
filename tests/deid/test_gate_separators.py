"""The gate's own separator class and forms (ATTACK_REPORT4 F1, F2): direct identifiers typed with
any separator, dates of birth with any separator, e-mail addresses without a top-level domain.
Invented values; NHS numbers get a valid check digit."""
from __future__ import annotations

import pytest

from leder_insights.deid._gate import ResidualRiskScanner
from leder_insights.nhs_number import nhs_check_digit

SEPARATORS = ["\u2013", "\u2014", "\u2212", "\u2012", "\\", "_", "|", "~", ":", "\u00b7", ",", "+", "*", "/"]
BODY = "550204117"
NHS = BODY + str(nhs_check_digit(BODY))
SCANNER = ResidualRiskScanner(use_ner=False)


def _kinds(text):
    return [(c.kind, text[c.start:c.end]) for c in SCANNER.direct_identifiers(text)]


@pytest.mark.parametrize("sep", SEPARATORS)
def test_gate_finds_direct_identifiers_with_any_separator(sep):
    plants = {
        "NHS_NUMBER": sep.join([NHS[:3], NHS[3:6], NHS[6:]]),
        "PHONE": sep.join(["07700", "900", "264"]),
        "POSTCODE": f"HX3{sep}6AJ",
        "NI_NUMBER": sep.join(["HL", "58", "21", "06", "D"]),
    }
    for kind, value in plants.items():
        assert (kind, value) in _kinds(f"Noted: {value} on the form."), (kind, value)
    landline = sep.join(["0113", "496", "0731"])
    assert ("PHONE", landline) in _kinds(f"Home phone {landline} evenings.")


@pytest.mark.parametrize("sep", [" ", "_", "\u2013", "\u2212", "\\", "|", "~", ":", "\u00b7", ",", "+", "*"])
def test_gate_finds_a_date_of_birth_with_any_separator(sep):
    value = sep.join(["03", "09", "1951"])
    assert [k for k, _ in _kinds(f"DOB {value} was wrong.")] == ["DATE_OF_BIRTH"]


@pytest.mark.parametrize("text", [
    "DOB 03 09 [71 years before death] was wrong.",   # day and month kept, year made relative
    "His birthdate 03-03-1951 on file.", "bday 3/3/51 on file.", "Date-of-birth: 1951.03.03 on file.",
    "date_of_birth 03|09|1951 on file.",
])
def test_gate_finds_date_of_birth_forms(text):
    assert [k for k, _ in _kinds(text)] == ["DATE_OF_BIRTH"]


@pytest.mark.parametrize("value", ["ann dot quayle at gmail", "annquayle at gmail", "ann_quayle (at) gmail",
                                   "ann-quayle[at]gmail", "annquayle AT hotmail", "ann.quayle at btinternet"])
def test_gate_finds_an_email_without_a_top_level_domain(value):
    found = _kinds(f"Email his sister ({value}) about the meeting.")
    assert [k for k, _ in found] == ["EMAIL_OBFUSCATED"] and value.split()[-1] in found[0][1]


@pytest.mark.parametrize("text", [
    "Scores were 3/4, 2|3 and 7:10; seen at 10:30, 2\u20133 days later.",
    "Weights 1,234,567 kg; room 0113 on floor 2; times 01:12:30 and 10:45:00.",
    "The 2019\u20132020 audit and pages 12\u201314 of 5,000; ratio 1:2:3.",
    "He was good at email, at home and at the day centre; met at Gmail's offices? no.",
    "born 2 weeks early; born at 32 weeks; a Plan B day.",
    "She scored 8/10, 9/10 and 10/10; BP 120/80 at 10:30.",
])
def test_gate_separators_keep_ordinary_text_clean(text):
    assert _kinds(text) == []


@pytest.mark.parametrize("text,value", [("Text his dad on 7700900123 today.", "7700900123"),
                                        ("Call him on 7700 900 123.", "7700 900 123")])
def test_gate_finds_a_mobile_without_its_zero_after_a_phone_word(text, value):
    assert _kinds(text) == [("PHONE", value)]
    # not a phone without its phone word (a labelled case number is a direct identifier of its own)
    assert _kinds("Case number 7700900123 on the file.") == [("LABELLED_ID", "7700900123")]
