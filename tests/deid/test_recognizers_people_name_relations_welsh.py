"""A name after a Welsh possessive and relation, mutations included (attack9 F7). Invented names."""
import pytest

from leder_insights.deid.recognizers.people import NameRelationsRecognizer


def _found(text):
    return [text[r.start:r.end] for r in NameRelationsRecognizer().analyze(text, ["PERSON_CONTEXT"])]


@pytest.mark.parametrize("text, name", [
    ("Roedd ei frawd Gethin Rhosier yn poeni.", "Gethin Rhosier"),
    ("Dywedodd ei mam, Mererid Pennant, ei bod yn drist.", "Mererid Pennant"),
    ("Ffoniodd ei chwaer Lowri yr ysbyty.", "Lowri"),
])
def test_name_after_a_welsh_relation(text, name):
    assert _found(text) == [name]


def test_welsh_relation_without_a_name_finds_nothing():
    assert _found("Roedd ei fam yn sâl a ffoniodd ei brawd yr ysbyty.") == []
