"""Precision classes of the sixth PFD round (invented text): a coroner's labels for people
("Child X", "Resident C") are not names, and an organisation guessed as "<Name>'s notes" or
"<short name> <unit acronym>" is cut to what identifies. No NLP model is loaded."""
from __future__ import annotations

from leder_insights.deid._allow_list import load_allow_list
from leder_insights.deid._entities import Entity
from leder_insights.deid._ner_filter import drop_generic_names


def _ent(text, phrase, category="PERSON", source="spacy", nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return Entity(start, start + len(phrase), category, category, 0.85, source)


def _kept(text, ents):
    return [(text[e.start:e.end], e.category) for e in drop_generic_names(text, ents, load_allow_list())]


def test_a_label_for_a_child_is_not_a_name():
    t = "Child Q was placed with the Oaks. Later Child Q left; the Child’s plan was late."
    ents = [_ent(t, "Child Q"), _ent(t, "Child Q", source="second_pass", nth=1), _ent(t, "Child", nth=2),
            _ent(t, "Oaks")]
    assert _kept(t, ents) == [("Oaks", "PERSON")]


def test_a_resident_label_and_a_numbered_patient():
    t = "Resident D fell. Patient 2 was seen by Dr Lowe."
    ents = [_ent(t, "Resident D"), _ent(t, "Patient 2", source="person_context"), _ent(t, "Lowe")]
    assert _kept(t, ents) == [("Lowe", "PERSON")]


def test_a_label_noun_is_kept_when_the_text_uses_no_label():
    """Without a "Child Q" kind of label in the text, the guess is left to the other filters."""
    t = "Child was the word spaCy took. Mrs Child came later."
    ents = [_ent(t, "Child", source="person_context", nth=1)]
    assert _kept(t, ents) == [("Child", "PERSON")]


def test_a_name_after_a_label_noun_is_kept():
    t = "Child Q was placed with foster carer Ann Oakes; Child Q liked Ann."
    ents = [_ent(t, "Ann Oakes"), _ent(t, "Ann", source="second_pass", nth=1)]
    assert _kept(t, ents) == [("Ann Oakes", "PERSON"), ("Ann", "PERSON")]


def test_a_persons_possessive_is_the_person_not_a_body():
    t = "Pip Oakes died. Pip’s hospital notes and Pip’s INR were not read."
    ents = [_ent(t, "Pip Oakes"), _ent(t, "Pip’s hospital", "ORGANIZATION", "lower_case_org"),
            _ent(t, "Pip’s INR", "ORGANIZATION")]
    assert _kept(t, ents) == [("Pip Oakes", "PERSON"), ("Pip", "PERSON"), ("Pip", "PERSON")]


def test_a_possessive_of_no_person_found_stays_an_organisation():
    t = "She was taken to Barts’s Hospital Trust."
    ents = [_ent(t, "Barts’s Hospital Trust", "ORGANIZATION")]
    assert _kept(t, ents) == [("Barts’s Hospital Trust", "ORGANIZATION")]


def test_a_unit_acronym_after_a_hospital_short_name_is_cut():
    t = "She was in OKH CCU and then the XYZ PED; the OKH ICU team."
    ents = [_ent(t, "OKH CCU", "ORGANIZATION"), _ent(t, "XYZ PED", "ORGANIZATION", "second_pass")]
    assert _kept(t, ents) == [("OKH", "ORGANIZATION"), ("XYZ", "ORGANIZATION")]


def test_a_named_unit_is_not_cut():
    t = "She was on Oak Ward at OKH."
    ents = [_ent(t, "Oak Ward", "ORGANIZATION"), _ent(t, "OKH", "ORGANIZATION")]
    assert _kept(t, ents) == [("Oak Ward", "ORGANIZATION"), ("OKH", "ORGANIZATION")]


def test_a_body_named_with_a_place_and_an_acronym_is_not_cut():
    t = "THE REVIEW WAS SENT TO OAKSHIRE ICB."
    ents = [_ent(t, "OAKSHIRE ICB", "ORGANIZATION")]
    assert _kept(t, ents) == [("OAKSHIRE ICB", "ORGANIZATION")]
