"""Issue 13: identifier forms that passed de-identification (invented values only)."""
import pytest

from leder_insights.deid.recognizers.contact import SocialHandleRecognizer
from leder_insights.deid.recognizers.dates import NumericDateRecognizer
from leder_insights.deid.recognizers.people import InitialsRecognizer
from leder_insights.deid.recognizers.uk import (HospitalNumberRecognizer, UkPhoneWordsRecognizer,
                                                UkPostcodeRecognizer)


def _spans(recognizer, entity, text):
    return [text[r.start:r.end] for r in recognizer.analyze(text, [entity])
            if r.score >= 0.35]


@pytest.mark.parametrize("text, value", [
    ("Call her on oh seven seven double oh nine double oh four five six.",
     "oh seven seven double oh nine double oh four five six"),
    ("Landline zero one one three, four nine six, oh one two three.", "zero one one three, four nine six, oh one two three"),
    ("Mobile 07700 nine double oh one two three.", "07700 nine double oh one two three"),
])
def test_phone_numbers_in_words(text, value):
    assert _spans(UkPhoneWordsRecognizer(), "UK_PHONE", text) == [value]


def test_number_words_that_are_not_a_phone():
    text = "She had two or three seizures, one fall and five admissions in six or seven weeks."
    assert _spans(UkPhoneWordsRecognizer(), "UK_PHONE", text) == []


@pytest.mark.parametrize("text, value", [
    ("He lived at N G 2 4 1 A B then.", "N G 2 4 1 A B"),
    ("postcode L-E-1 5-W-W", "L-E-1 5-W-W"),
])
def test_letter_spaced_postcodes(text, value):
    assert _spans(UkPostcodeRecognizer(), "UK_POSTCODE", text) == [value]


def test_trust_code_and_number():
    text = "Filed as RX1 123456 and RTH/0098765; NEWS2 of 5 at 14:00."
    assert _spans(HospitalNumberRecognizer(), "HOSPITAL_NUMBER", text) == ["RX1 123456", "RTH/0098765"]


@pytest.mark.parametrize("text, value", [
    ("Her sister messaged kit_rowan77 on Facebook.", "kit_rowan77"),
    ("Instagram: kt.rides was his account.", "kt.rides"),
    ("His username was bramble_rides.", "bramble_rides"),
])
def test_handles_without_at(text, value):
    assert _spans(SocialHandleRecognizer(), "SOCIAL_HANDLE", text) == [value]


def test_plain_words_next_to_a_platform_are_not_handles():
    assert _spans(SocialHandleRecognizer(), "SOCIAL_HANDLE", "She read messages on Facebook daily.") == []


def test_dotted_initials_anywhere_but_abbreviations():
    text = "Seen by R.J.P. on Monday; the U.K. and R.I.P. stay."
    assert _spans(InitialsRecognizer(), "NAME_INITIALS", text) == ["R.J.P."]


@pytest.mark.parametrize("value", ["2024-W05", "2023W17", "2022-W52-3"])
def test_iso_week_dates(value):
    assert _spans(NumericDateRecognizer(), "DATE", f"Reviewed in {value} by the panel.") == [value]
