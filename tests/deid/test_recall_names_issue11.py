"""Issue 11: names that passed de-identification (invented sentences only).

Lone forenames at a sentence's start, names that are also everyday words in a firm context,
lower-case mentions of a found name where a person stands, nicknames and hyphen compounds of a
found name, and the clinical words that must still pass.
"""
import pytest

from leder_insights.deid._deidentifier import propagate_across_fields
from leder_insights.deid._entities import Entity
from leder_insights.deid._nicknames import name_variants
from leder_insights.deid._second_pass import propagate
from leder_insights.deid.recognizers.people import ContextNameRecognizer


def _context_names(text):
    return [text[r.start:r.end] for r in ContextNameRecognizer().analyze(text, ["PERSON_CONTEXT"])]


@pytest.mark.parametrize("text, name", [
    ("Ismay was 61 years old when she died.", "Ismay"),         # not in the name lists
    ("Rosemary was 54 when she moved to the bungalow.", "Rosemary"),  # a name that is also a word
    ("Tobiah attended. Staff had not met him.", "Tobiah"),
    ("Guy (his brother) visited weekly.", "Guy"),                 # "guy" is an everyday word
    ("This review concerns June HOLLOWAY, 71, who lived at home.", "June HOLLOWAY"),
    ("Agnieszka WÓJTOWICZ (DOB 3/4/1970) was a carer's daughter.", "Agnieszka WÓJTOWICZ"),
])
def test_lone_and_everyday_word_names_in_a_firm_context(text, name):
    assert name in _context_names(text)


@pytest.mark.parametrize("text", [
    "Sodium was 134 when checked.",
    "Paramedics attended and conveyed him.",
    "Constipation was excluded.",
    "May was a difficult month for the family.",
])
def test_clinical_and_plural_words_stay(text):
    assert _context_names(text) == []


def test_lower_case_name_where_a_person_stands_even_when_written_twice():
    text = ("Ottoline Brack had a cough. Staff reported that ottoline was drowsy. "
            "Dr Imrie saw ottoline on the ward.")
    found = [Entity(0, 14, "PERSON", "PERSON", 0.85, "spacy")]
    assert [text[e.start:e.end] for e in propagate(text, found)] == ["ottoline", "ottoline"]


def test_everyday_word_name_in_lower_case_only_right_after_a_verb_taking_a_person():
    text = "Carol Pengelly was unwell. Dr Ames reviewed carol on the ward. They sang a carol."
    found = [Entity(0, 14, "PERSON", "PERSON", 0.85, "spacy")]
    assert [text[e.start:e.end] for e in propagate(text, found)] == ["carol"]


def test_lower_case_name_across_fields_where_a_person_stands():
    texts = {"pen": "Ottoline Brack liked music.",
             "timeline": "The nurse saw ottoline at 9. Then ottoline was drowsy; the ottoline file."}
    ents = {"pen": [Entity(0, 14, "PERSON", "PERSON", 0.85, "spacy")], "timeline": []}
    out = propagate_across_fields(texts, ents)
    t = texts["timeline"]
    assert [t[e.start:e.end] for e in out["timeline"]] == ["ottoline", "ottoline"]
    assert [e.start for e in out["timeline"]] == [t.index("ottoline"), t.index("ottoline was")]


def test_nicknames_of_a_found_name_in_the_same_and_other_fields():
    text = "Kimberley Taylor lived with her mum. Kimmy loved the bus; Kim's carer rang."
    found = [Entity(0, 16, "PERSON", "PERSON", 0.85, "spacy")]
    assert [text[e.start:e.end] for e in propagate(text, found)] == ["Kimmy", "Kim"]
    texts = {"pen": "Margaret Oyelaran was 80.", "timeline": "Peggy ate lunch. Maggie slept."}
    out = propagate_across_fields(texts, {"pen": [Entity(0, 17, "PERSON", "PERSON", 0.85, "spacy")],
                                          "timeline": []})
    assert [texts["timeline"][e.start:e.end] for e in out["timeline"]] == ["Peggy", "Maggie"]


def test_nickname_list_and_rule_leave_words_and_surnames_alone():
    assert {"bill", "billy", "liam"} & name_variants("William") == {"billy", "liam"}  # "will", "bill": words
    assert name_variants("Taylor") == frozenset()  # a surname has no diminutives
    assert "mar" not in name_variants("Margaret")   # a month


def test_hyphen_compound_of_a_found_surname():
    text = "Kimberley Taylor lived at home. Her cousin Taylor-Smith visited."
    found = [Entity(0, 16, "PERSON", "PERSON", 0.85, "spacy")]
    assert [text[e.start:e.end] for e in propagate(text, found)] == ["Taylor-Smith"]
    texts = {"a": "Ann Taylor-Smith", "b": "Mrs Taylor-Smith and Taylor came."}
    ents = {"a": [Entity(0, 3, "PERSON", "PERSON", 0.85, "spacy")],
            "b": [Entity(4, 10, "PERSON", "PERSON", 0.7, "person_titled")]}
    out = propagate_across_fields(texts, ents)
    assert [texts["b"][e.start:e.end] for e in out["b"]] == ["Taylor-Smith", "Taylor"]


def test_lower_case_name_as_the_subject_of_a_clause():
    text = "Ottoline Brack was 50. Staff noted that ottoline had slept; that ottoline had slept was noted."
    found = [Entity(0, 14, "PERSON", "PERSON", 0.85, "spacy")]
    assert [text[e.start:e.end] for e in propagate(text, found)] == ["ottoline", "ottoline"]
    farm = "Hollis Farm was sold. The risk that farm owners move panels; the farm gate."
    assert [farm[e.start:e.end] for e in propagate(farm, [Entity(0, 11, "PERSON", "PERSON", 0.85, "spacy")])] \
        == []


def test_a_state_only_a_person_is_in_at_a_sentence_start():
    assert _context_names("Perdita was unaware of the plan.") == ["Perdita"]
    assert _context_names("Management was unaware of the plan.") == []


def test_an_adverb_between_a_name_and_its_verb():
    assert _context_names("He chose it although Perdita only found out later.") == ["Perdita"]
    assert _context_names("The plan then said no.") == []


def test_lower_case_name_that_died_after_a_date():
    assert _context_names("07.10.23 jack died at the hospital.") == ["jack"]
    assert _context_names("aged 80 years died") == []


def test_any_masked_name_grows_over_a_hyphen_part():
    texts = {"a": "Jayne WARD-COLLINS (DOB 1/2/70) was 50."}
    ents = {"a": [Entity(0, 10, "CARE_HOME", "ORGANIZATION", 0.6, "care_home")]}
    out = propagate_across_fields(texts, ents)
    assert [texts["a"][e.start:e.end] for e in out["a"]] == ["Jayne WARD-COLLINS"]
