"""People: titles + names, role-linked names, initials, the name gazetteer."""
import pytest

from leder_insights.deid.recognizers.people import (InitialsRecognizer, NameGazetteerRecognizer,
                                                    RoleNameRecognizer, TitledNameRecognizer)


def _found(rec, text):
    return [text[r.start:r.end] for r in rec.analyze(text, rec.supported_entities)]


@pytest.mark.parametrize("text,expected", [
    ("Seen by Dr Patel.", ["Patel"]),
    ("Nurse O'Brien gave it", ["O'Brien"]),
    ("Mr J was anxious", ["J"]),
    ("Dr Ward saw him", ["Ward"]),
    ("Mrs Smith-Jones", ["Smith-Jones"]),
    ("Dr SMITH wrote", ["SMITH"]),
    ("seen by Mr D. She said", ["D."]),
    ("the Nurse Practitioner said", []),
])
def test_recognizers_people_titled(text, expected):
    assert _found(TitledNameRecognizer(), text) == expected


@pytest.mark.parametrize("text,expected", [
    ("His sister Karen and support worker Dave came.", ["Karen", "Dave"]),
    ("Karen, his sister, rang", ["Karen"]),
    ("he was known as Billy", ["Billy"]),
    ("his sister and the GP", []),
])
def test_recognizers_people_role(text, expected):
    assert _found(RoleNameRecognizer(), text) == expected


def test_recognizers_people_initials():
    text = "JS was seen by the team; JS's mother came."
    assert _found(InitialsRecognizer(), text) == ["JS", "JS"]
    assert _found(InitialsRecognizer(), "the ward was busy") == []


def test_recognizers_people_gazetteer_skips_everyday_words():
    rec = NameGazetteerRecognizer()
    rec.load()
    assert _found(rec, "He adored Emily. Will he go? Grace and Hope.") == ["Emily"]


@pytest.mark.parametrize("text,expected", [
    ("Dr White reviewed Kwabena on the ward.", ["Kwabena"]),
    ("Parveen died at home. Paramedics attended.", ["Parveen"]),
    ("with Jemma present", ["Jemma"]),
    ("Kiran UDDIN (DOB 26.11.42) was", ["Kiran UDDIN"]),
    ("Sheilas phone calls were the highlight", ["Sheila"]),
    ("Suicide was the conclusion; suicide risk", []),         # also written in lower case
    ("Staff attended and His GP came", []),
    ("28 August 2021 - Rajesh called 111", ["Rajesh"]),
    ("the ward enabled Imran to stay", ["Imran"]),
    ("Constipation was excluded by examination", []),          # a noun starting a sentence
])
def test_recognizers_people_context(text, expected):
    from leder_insights.deid.recognizers.people import ContextNameRecognizer

    assert _found(ContextNameRecognizer(), text) == expected
