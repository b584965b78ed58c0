"""Tests for leder_insights.nlp: model loading and lean pipelines."""
from __future__ import annotations

import spacy

from leder_insights.nlp import drop_idle_embedders, load_spacy

NER_ONLY = ("tagger", "parser", "attribute_ruler", "lemmatizer", "senter")
TEXT = ("Margaret Okafor moved to Vancouver House in Leicester in March 2019. Her sister Karen "
        "visited from Birmingham and spoke with Dr Patel at Leicester Royal Infirmary.")


def test_load_spacy_ner_only_drops_the_idle_shared_tok2vec():
    nlp = load_spacy(disable=NER_ONLY)
    assert "tok2vec" not in nlp.pipe_names
    assert "ner" in nlp.pipe_names


def test_load_spacy_ner_only_finds_the_same_entities_as_the_full_pipeline():
    lean = load_spacy(disable=NER_ONLY)
    full = spacy.load(_model_name())
    ents = lambda doc: [(e.start_char, e.end_char, e.label_) for e in doc.ents]  # noqa: E731
    assert ents(lean(TEXT)) == ents(full(TEXT))
    assert ents(lean(TEXT))  # the sample has entities to compare


def test_drop_idle_embedders_keeps_a_tok2vec_that_is_listened_to():
    full = spacy.load(_model_name())
    assert full.get_pipe("tok2vec").listening_components  # tagger and parser listen
    assert "tok2vec" in drop_idle_embedders(full).pipe_names


def test_drop_idle_embedders_removes_an_unheard_tok2vec():
    nlp = spacy.blank("en")
    nlp.add_pipe("tok2vec")
    assert drop_idle_embedders(nlp).pipe_names == []


def _model_name() -> str:
    from leder_insights.nlp import resolve_model_name

    return resolve_model_name()
