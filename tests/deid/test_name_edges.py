"""Edges of person spans on real coroners' text (issue 13, fourth round): an ``O’`` prefix left
outside, an everyday-word surname after a known forename. Invented sentences."""
import pytest

from leder_insights.deid._entities import Entity
from leder_insights.deid._name_edges import complete_person_edges


def _edges(text, spans):
    ents = [Entity(text.index(s), text.index(s) + len(s), "PERSON", "PERSON", 0.85, "spacy") for s in spans]
    return [text[e.start:e.end] for e in complete_person_edges(text, ents)]


@pytest.mark.parametrize("text, spans, expected", [
    ("Then Liam Paul O’Dowd drove north.", ["Liam Paul", "Dowd"], ["Liam Paul", "O’Dowd"]),
    ("Grace D'Souza was the nurse.", ["Grace", "Souza"], ["Grace", "D'Souza"]),
    ("On that day Fiona Senior travelled to the coast.", ["Fiona"], ["Fiona Senior"]),
    ("It was Martin Baker, her son, who called.", ["Martin"], ["Martin Baker"]),
    # the next word capitalised: a role or a longer name, left alone
    ("She was seen by Fiona Senior Nurse on duty.", ["Fiona"], ["Fiona"]),
    # a function word, a role or a month after the forename is not a surname
    ("When Fiona Then left", ["Fiona"], ["Fiona"]),
    ("seen by Fiona Staff later", ["Fiona"], ["Fiona"]),
    ("told Fiona March was busy", ["Fiona"], ["Fiona"]),
    # not a known forename: nothing to grow from
    ("the Porthcove Harbour walls were low", ["Porthcove"], ["Porthcove"]),
])
def test_person_edges(text, spans, expected):
    assert _edges(text, spans) == expected
