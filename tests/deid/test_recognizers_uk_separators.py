"""NHS numbers, phones, postcodes and NI numbers with any separator, as the recognizers see them
after the normaliser (ATTACK_REPORT4 F1). Invented values; NHS numbers get a valid check digit."""
from __future__ import annotations

import pytest

from leder_insights.deid._normalise import normalise
from leder_insights.deid.recognizers.uk import (UkNhsNumberRecognizer, UkNiNumberRecognizer,
                                                UkPhoneRecognizer, UkPostcodeRecognizer)
from leder_insights.nhs_number import nhs_check_digit

#: every separator the attacker typed that the old patterns did not read
SEPARATORS = ["\u2013", "\u2014", "\u2212", "\\", "_", "|", "~", ":", "\u00b7", ",", "+", "*", "/"]
BODY = "550204117"
NHS = BODY + str(nhs_check_digit(BODY))


def _found(recognizer, entity, text):
    n = normalise(text)
    out = []
    for r in recognizer.analyze(n.text, [entity]):
        a, b = n.to_original(r.start, r.end)
        out.append(text[a:b])
    return out


@pytest.mark.parametrize("sep", SEPARATORS)
def test_recognizers_nhs_number_with_any_separator(sep):
    value = sep.join([NHS[:3], NHS[3:6], NHS[6:]])
    assert value in _found(UkNhsNumberRecognizer(), "UK_NHS", f"His NHS number {value} was wrong.")


@pytest.mark.parametrize("sep", SEPARATORS)
@pytest.mark.parametrize("digits", ["07700900264", "01134960731"])
def test_recognizers_phone_with_any_separator(sep, digits):
    cut = 5 if digits.startswith("07") else 4
    value = sep.join([digits[:cut], digits[cut:cut + 3], digits[cut + 3:]])
    assert value in _found(UkPhoneRecognizer(), "UK_PHONE", f"Call his sister on {value} for updates.")


@pytest.mark.parametrize("sep", SEPARATORS)
def test_recognizers_postcode_with_any_separator(sep):
    value = f"HX3{sep}6AJ"
    assert value in _found(UkPostcodeRecognizer(), "UK_POSTCODE", f"He lived near {value} with his mum.")


@pytest.mark.parametrize("sep", SEPARATORS)
def test_recognizers_ni_number_with_any_separator(sep):
    value = sep.join(["HL", "58", "21", "06", "D"])
    assert value in _found(UkNiNumberRecognizer(), "UK_NINO", f"His NI number {value} was on the form.")


@pytest.mark.parametrize("text", [
    "Scores were 3/4, 2|3 and 7:10; seen at 10:30, 2\u20133 days later.",
    "Weights 1,234,567 kg; room 0113 on floor 2; ratio 01:12:30.",
    "The 2019\u20132020 audit and pages 12\u201314 of 5,000.",
    "His NHS number 550|204|1175 was wrong.",  # a wrong check digit
])
def test_recognizers_separators_leave_ordinary_numbers(text):
    for rec, ent in ((UkNhsNumberRecognizer(), "UK_NHS"), (UkPhoneRecognizer(), "UK_PHONE"),
                     (UkPostcodeRecognizer(), "UK_POSTCODE"), (UkNiNumberRecognizer(), "UK_NINO")):
        assert _found(rec, ent, text) == [], (rec, text)


@pytest.mark.parametrize("text,value", [("Text his dad on 7700900123 today.", "7700900123"),
                                        ("Call him on 7700 900 123.", "7700 900 123")])
def test_recognizers_mobile_without_its_zero_after_a_phone_word(text, value):
    assert _found(UkPhoneRecognizer(), "UK_PHONE", text) == [value]


def test_recognizers_ten_digits_from_7_without_a_phone_word_stay():  # (no NHS checksum either)
    assert _found(UkPhoneRecognizer(), "UK_PHONE", "Case number 7700900123 on the file.") == []
