"""The allow-list keeps eponyms, legislation, national bodies, roles and clinical acronyms."""
import pytest

from leder_insights.deid._allow_list import load_allow_list
from leder_insights.deid._entities import Entity


@pytest.mark.parametrize("text,start,end", [
    ("He had Down's syndrome.", 7, 11),
    ("He had Downs syndrome.", 7, 11),
    ("Parkinson’s disease", 0, 9),
    ("the Mental Capacity Act applies", 4, 23),
    ("NHS England said", 0, 11),
    ("the GP said", 4, 6),
    ("NEWS2 of 5", 0, 5),
    ("a DNACPR was in place", 2, 8),
    ("Oliver McGowan training was done", 0, 14),
    ("the CQC inspected", 4, 7),
])
def test_engine_allow_list_covers(text, start, end):
    assert load_allow_list().covers(text, start, end)


@pytest.mark.parametrize("text,start,end", [
    ("Oliver Smith came", 0, 6), ("Karen Down came", 6, 10), ("Vancouver House", 0, 15)])
def test_engine_allow_list_does_not_cover_names(text, start, end):
    assert not load_allow_list().covers(text, start, end)


def test_engine_allow_list_never_drops_shaped_identifiers():
    al = load_allow_list()
    text = "NEWS2 943 476 5919"
    ents = [Entity(0, 5, "ORGANIZATION", "ORGANIZATION", 0.9, "spacy"), Entity(6, 18, "UK_NHS", "ID", 1.0, "x")]
    assert al.filter(text, ents) == [ents[1]]


def test_engine_allow_list_is_versioned():
    assert load_allow_list().version
