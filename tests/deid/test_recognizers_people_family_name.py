"""A surname before "family", "relatives" or "household" (attack report 8, F6): taken when it is
not an ordinary word, demonym, religion or family modifier. Invented names and sentences only."""
import pytest

from leder_insights.deid.recognizers.people import FamilyNameRecognizer
from leder_insights.deid.recognizers.people.family_name import (MODIFIERS_PATH, REFERENCE_PATH,
                                                                family_modifiers, is_family_surname)


def _found(text):
    return [text[r.start:r.end] for r in FamilyNameRecognizer().analyze(text, ["PERSON_CONTEXT"])]


@pytest.mark.parametrize("text, name", [
    ("Ossowicz family members asked for a second opinion.", "Ossowicz"),
    ("Brackenbury relatives were not told of the move.", "Brackenbury"),
    ("Quayle-Ndiaye household members were not consulted.", "Quayle-Ndiaye"),
    ("Tremethick family felt excluded.", "Tremethick"),
    ("After the funeral, Oduwole families asked for the notes.", "Oduwole"),
    ("Penhallow's family were not informed.", "Penhallow"),
])
def test_surname_before_family_word(text, name):
    assert _found(text) == [name]


@pytest.mark.parametrize("text", [
    "Foster family members were not told.",
    "Polish family members attended with an interpreter.",
    "Muslim relatives asked for a quick burial.",
    "Christian family members prayed.",
    "Extended family were involved.",
    "Host family concerns were raised.",
    "Birth relatives had no contact.",
    "Adoptive family members were supportive.",
    "Travelling family members came.",
    "Immediate family were present.",
    "Blended family dynamics were complex.",
    "Their relatives and our household were told.",
    "Somali household members spoke little English.",
    "Wider family were not consulted.",
])
def test_ordinary_word_before_family_stays(text):
    assert _found(text) == []


def test_family_word_needed():
    assert _found("Ossowicz asked for a second opinion.") == []


@pytest.mark.parametrize("word, expected", [
    ("Ossowicz", True), ("Quayle-Ndiaye", True), ("Foster", False), ("Anglo-Polish", False), ("Grieving", False),
])
def test_is_family_surname(word, expected):
    assert is_family_surname(word) is expected


def test_word_lists_are_lower_case_data_files():
    assert {"foster", "polish", "muslim", "christian", "host", "birth", "adoptive", "travelling",
            "immediate", "extended"} <= family_modifiers()
    for path in (MODIFIERS_PATH, REFERENCE_PATH):
        words = [w for line in path.read_text(encoding="utf-8").splitlines()
                 if not line.startswith("#") for w in line.split()]
        assert words and all(w == w.lower() for w in words), path.name
