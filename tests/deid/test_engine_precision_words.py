"""Precision rules from the real-text development sets (issue 13), each shown on text of our own:
acronyms after an article, words the text also writes in lower case."""
import pytest

from leder_insights.deid._deidentifier import propagate_across_fields
from leder_insights.deid._entities import Entity
from leder_insights.deid._ner_filter import drop_ordinary_phrases
from leder_insights.deid._second_pass import propagate


def _spans(detector, text):
    return [(text[e.start:e.end], e.category) for e in detector.analyze(text)]


def test_guessed_name_made_of_words_written_in_lower_case_is_dropped():
    text = "Coded as 'Renal Failure Risk' on the list. The renal team saw a failure of the risk plan."
    s = text.index("Renal")
    guess = Entity(s, s + len("Renal Failure Risk"), "PERSON", "PERSON", 0.5, "person_context")
    assert drop_ordinary_phrases(text, [guess]) == []


@pytest.mark.parametrize("source", ["person_titled", "person_initials", "spacy", "person_gazetteer"])
def test_lower_case_words_do_not_drop_what_a_title_or_initials_found(source):
    text = "Mr Harbour Stone came; the harbour wall was of stone."
    s = text.index("Harbour")
    e = Entity(s, s + len("Harbour Stone"), "PERSON", "PERSON", 0.6, source)
    assert drop_ordinary_phrases(text, [e]) == [e]


def test_known_name_with_everyday_words_is_kept():
    text = "Margaret Marsh rang. The marsh path and the margaret daisies were fine."
    e = Entity(0, 14, "PERSON", "PERSON", 0.5, "person_context")
    assert drop_ordinary_phrases(text, [e]) == [e]  # "Margaret" is a forename


def test_second_pass_does_not_copy_a_word_written_twice_in_lower_case():
    text = "Kellow Quarry owned the site. The quarry was busy and the quarry gate was open. kellow came."
    src = Entity(0, 13, "PERSON", "PERSON", 0.85, "spacy")
    found = [text[e.start:e.end] for e in propagate(text, [src])]
    assert "quarry" not in found
    assert "kellow" in found  # a one-off lower-case slip of the name is still caught


def test_cross_field_propagation_does_not_copy_a_word_written_twice_in_lower_case():
    texts = {"a": "Brackwater Mill is the owner.", "b": "the mill had closed; the mill was sold. brackwater rang."}
    ents = {"a": [Entity(0, 15, "PERSON", "PERSON", 0.85, "spacy")], "b": []}
    got = [texts["b"][e.start:e.end] for e in propagate_across_fields(texts, ents)["b"]]
    assert "mill" not in got and "brackwater" in got


@pytest.mark.parametrize("text, term", [
    ("The surgeons planned to fit the LVAD before discharge, but the LVAD was never fitted.", "LVAD"),
    ("An ICD was advised; the ICD had not been fitted when she went home.", "ICD"),
    ("Inspectors said the HSE would decide; the HSE was informed the same day.", "HSE"),
])
def test_acronym_after_an_article_is_not_a_person(detector, text, term):
    assert all(t != term for t, c in _spans(detector, text) if c == "PERSON")


def test_initials_acting_as_a_person_still_caught(detector):
    text = "Staff reported that QJ was distressed, and QJ's sister visited."
    assert [t for t, c in _spans(detector, text) if t == "QJ"] == ["QJ", "QJ"]


def test_lower_case_word_after_a_number_or_an_adverb_is_not_a_name(detector):
    text = "Bertrand Quill aged 80 years died at home. The fire spread and he rapidly died."
    people = [t for t, c in _spans(detector, text) if c == "PERSON"]
    assert "years" not in people and "rapidly" not in people and "Bertrand Quill" in people


def test_everyday_word_forename_is_not_dropped_by_its_lower_case_twin():
    text = "Frank Tolley said it plainly; a frank talk with a tolley cart driver followed."
    e = Entity(0, 12, "PERSON", "PERSON", 0.5, "person_context")
    assert drop_ordinary_phrases(text, [e]) == [e]
    lone = Entity(0, 5, "PERSON", "PERSON", 0.5, "person_context")
    assert drop_ordinary_phrases(text, [lone]) == [lone]


def test_spacy_span_ends_before_job_title_words():
    from leder_insights.deid._ner_filter import _title_end
    text = "Advanced Nurse Practitioners came, then Orla Quinn Consultant"
    assert _title_end(text, 0, 28) == 0                     # nothing but a title: dropped
    s = text.index("Orla")
    assert text[s:_title_end(text, s, len(text))] == "Orla Quinn"
