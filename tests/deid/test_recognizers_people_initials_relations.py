"""Initials acting as a person, and a lone name followed by a relation or role."""
import pytest

from leder_insights.deid.recognizers.people.context_name import ContextNameRecognizer
from leder_insights.deid.recognizers.people.initials import InitialsRecognizer


def _found(rec, text):
    return [text[r.start:r.end] for r in rec.analyze(text, rec.supported_entities)]


@pytest.mark.parametrize("text, expected", [
    ("The carer reassured QB before the scan.", ["QB"]),
    ("Staff found V.K. asleep in the lounge.", ["V.K."]),
    ("ZN and OM shared a room; OM rang the bell.", ["ZN", "OM", "OM"]),
    ("Later YT phoned his sister.", ["YT"]),
])
def test_initials_as_person(text, expected):
    assert sorted(_found(InitialsRecognizer(), text)) == sorted(expected)


@pytest.mark.parametrize("text", ["The GP told the family.", "He was admitted to AMU.", "We found ECG changes.",
                                  "The nurse told ED staff."])
def test_initials_not_person(text):
    assert [f for f in _found(InitialsRecognizer(), text) if f not in ("GP", "ECG")] == []


@pytest.mark.parametrize("text, name", [
    ("Olwen (his stepmother) rang twice.", "Olwen"),
    ("Caspian (support worker) found him.", "Caspian"),
    ("Ignatius, her key worker, noticed the rash.", "Ignatius"),
    ("Philomena (sister-in-law) attended.", "Philomena"),
])
def test_lone_name_before_a_relation(text, name):
    assert name in _found(ContextNameRecognizer(), text)


@pytest.mark.parametrize("text", ["Paramedics (ambulance crew) attended.", "Pneumonia (his second) was treated.",
                                  "Advice, the nurse said, was followed."])
def test_everyday_word_before_a_relation_is_not_a_name(text):
    assert _found(ContextNameRecognizer(), text) == []


@pytest.mark.parametrize("text", [
    "The PVL was removed before the transfer.",            # an article: a term, not a person
    "An LVAD had been fitted in the spring.",
    "Staff thought the QRS's width was normal.",
    "Mrs Orme's TPN was stopped on the ward.",             # a possessor before: her equipment
    "Each SOB was recorded by the night team.",
])
def test_initials_after_an_article_or_possessor_are_terms(text):
    assert _found(InitialsRecognizer(), text) == []


@pytest.mark.parametrize("text, expected", [
    ("The nurse said that KW had fallen twice.", ["KW"]),  # "that" as a conjunction still allows a person
    ("Then RD was moved to a side room.", ["RD"]),
])
def test_initials_after_a_conjunction_are_still_people(text, expected):
    assert _found(InitialsRecognizer(), text) == expected
