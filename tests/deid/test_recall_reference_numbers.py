"""Identifier forms an earlier attacker found unmasked: a phone number partly spelt with hundreds
or tens, Blue Badge numbers, DWP/benefit references and CQC IDs (invented values only)."""
import pytest

from leder_insights.deid._entities import category_of
from leder_insights.deid.recognizers.uk import ReferenceNumberRecognizer, UkPhoneWordsRecognizer
from leder_insights.deid.recognizers.uk.phone_words import spelt_digits


def _spans(recognizer, text):
    return [text[r.start:r.end] for r in recognizer.analyze(text, recognizer.supported_entities)
            if r.score >= 0.35]


@pytest.mark.parametrize("text, value", [
    ("Her mobile 07700 nine hundred 226 was on the file.", "07700 nine hundred 226"),
    ("call 07700 nine hundred and twenty six 123 today", "07700 nine hundred and twenty six 123"),
    ("ring oh seven seven double oh, nine hundred, two two six", "oh seven seven double oh, nine hundred, two two six"),
])
def test_phone_numbers_with_hundreds_and_tens(text, value):
    assert _spans(UkPhoneWordsRecognizer(), text) == [value]


@pytest.mark.parametrize("text", [
    "He walked nine hundred metres and 226 steps.",
    "Between 0 and twenty five seizures in nine hundred days.",
    "aged 07 with nine hundred and six tablets",
])
def test_number_words_that_do_not_make_a_phone(text):
    assert _spans(UkPhoneWordsRecognizer(), text) == []


def test_spelt_digits_reads_hundreds_tens_and_teens():
    assert spelt_digits("nine hundred 226") == "900226"
    assert spelt_digits("nine hundred and six") == "906"
    assert spelt_digits("nine hundred two two six") == "900226"
    assert spelt_digits("nine hundred fifteen") == "915"
    assert spelt_digits("nine hundred and twenty") == "920"
    assert spelt_digits("twenty six eleven") == "2611"
    assert spelt_digits("double oh twenty") == "0020"


@pytest.mark.parametrize("text, value", [
    ("Her Blue Badge number AB12 3456 7890 had expired.", "AB12 3456 7890"),
    ("blue badge no. 77XK 12345 was renewed", "77XK 12345"),
    ("DWP reference: ZX 12 34 56 C was quoted", "ZX 12 34 56 C"),
    ("the benefit claim number 12345678 was closed", "12345678"),
    ("Universal Credit account number 0012 3456 was", "0012 3456"),
    ("PIP ref 4455-9876 applied", "4455-9876"),
    ("the home (CQC location ID 1-000123456) was rated", "1-000123456"),
    ("registered as 1-0012345678 with the regulator", "1-0012345678"),
])
def test_public_service_reference_numbers(text, value):
    assert _spans(ReferenceNumberRecognizer(), text) == [value]


@pytest.mark.parametrize("text", [
    "She had a Blue Badge and a DWP assessment in 2019.",
    "the claim number is 2019 and the badge number 4",
    "the provider number was not known; location 12 of the bay",
    "a score of 1-12 on the scale",
])
def test_labels_without_a_reference_number(text):
    assert _spans(ReferenceNumberRecognizer(), text) == []


def test_reference_numbers_are_identifiers():
    assert category_of(ReferenceNumberRecognizer.ENTITY) == "ID"
