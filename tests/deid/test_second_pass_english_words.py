"""Lower-case English words are not propagated from a misread entity; lower-case names still are."""
from leder_insights.deid._deidentifier import propagate_across_fields
from leder_insights.deid._entities import Entity
from leder_insights.deid._second_pass import propagate


def test_lower_case_english_word_from_a_misread_entity_is_not_propagated():
    text = "The Bramcote Assessment Institution replied. The institution had no policy."
    misread = Entity(4, 35, "PERSON", "PERSON", 0.85, "spacy")
    assert [text[e.start:e.end] for e in propagate(text, [misread]) if text[e.start].islower()] == []


def test_lower_case_name_is_still_propagated():
    text = "Roderick Fenwick lived at home. roderick had a seizure."
    found = propagate(text, [Entity(0, 16, "PERSON", "PERSON", 0.85, "spacy")])
    assert "roderick" in [text[e.start:e.end] for e in found]


def test_cross_field_propagation_skips_english_words():
    texts = {"a": "Observation Competency Checklist was signed.", "b": "observation was poor; Checklist later."}
    ents = {"a": [Entity(0, 32, "PERSON", "PERSON", 0.85, "spacy")], "b": []}
    out = propagate_across_fields(texts, ents)
    found = [texts["b"][e.start:e.end] for e in out["b"]]
    assert "observation" not in found and "Checklist" in found
