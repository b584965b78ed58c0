"""EncoderThemeClassifier: fit, persistence, registry, fast option and head-only retraining."""
from __future__ import annotations

import numpy as np
import pytest

from leder_insights import registry
from leder_insights.errors import ConfigError, InputError
from leder_insights.themes import (EncoderThemeClassifier, SentenceEncoder, ThemeClassifier, load_theme_model,
                                   to_indicator)

pytest.importorskip("onnxruntime", reason="onnxruntime is a runtime dependency; run `make install`")
SMALL_NGRAM = dict(cv=2, max_char_features=3000, long_chars=160)


@pytest.fixture(scope="module")
def fitted(seed_data):
    texts, labels = seed_data
    groups = np.arange(len(texts)) % 40
    clf = EncoderThemeClassifier(ngram=ThemeClassifier(**SMALL_NGRAM), cv=2)
    E = clf.embed(texts)
    clf.fit(texts, labels, groups=groups, embeddings=E)
    return clf, texts, labels, E


@pytest.mark.slow
def test_encoder_model_learns_the_seed_themes(fitted):
    clf, texts, labels, E = fitted
    ids = clf.theme_ids_
    P = clf.predict(texts, embeddings=E)
    Y = to_indicator(labels, ids)
    assert (P == Y).all(axis=1).mean() > 0.8
    # unseen wording of a seed theme
    assert "aspiration_pneumonia" in clf.predict_themes(["He kept choking at meals and nobody asked SALT to see him."])[0]


@pytest.mark.slow
def test_embeddings_passed_in_give_the_same_scores_as_encoding(fitted):
    clf, texts, _, E = fitted
    assert np.allclose(clf.predict_proba(texts[:20], embeddings=E[:20]), clf.predict_proba(texts[:20]), atol=1e-6)
    with pytest.raises(InputError, match="E404"):
        clf.predict_proba(texts[:2], embeddings=E[:3])


@pytest.mark.slow
def test_saved_model_loads_by_registry_and_fast_gives_its_ngram_model(fitted, tmp_path):
    clf, texts, _, E = fitted
    clf.save(tmp_path / "m")
    assert {"encoder", "linear"} <= set(registry.theme_models.get_all())
    back = load_theme_model(tmp_path / "m")
    assert isinstance(back, EncoderThemeClassifier) and back.meta_["model_class"] == "encoder"
    assert np.array_equal(back.predict_proba(texts[:30], embeddings=E[:30]),
                          clf.predict_proba(texts[:30], embeddings=E[:30]))
    assert ThemeClassifier.load(tmp_path / "m").meta_["model_sha256"] == back.meta_["model_sha256"]
    fast = load_theme_model(tmp_path / "m", fast=True)
    assert isinstance(fast, ThemeClassifier) and fast.meta_["fast"] is True
    assert fast.predict_themes(["The seizure chart was not kept."]) == [["epilepsy"]]


def test_load_refuses_a_pickle_that_is_not_a_registered_theme_model(tmp_path):
    import joblib

    (tmp_path / "m").mkdir()
    joblib.dump({"not": "a model"}, tmp_path / "m" / "model.joblib")
    with pytest.raises(ConfigError, match="E402"):
        load_theme_model(tmp_path / "m")


@pytest.mark.slow
def test_refit_heads_uses_cached_embeddings_and_learns_new_labels(fitted, monkeypatch):
    clf, texts, labels, E = fitted
    import copy

    model = copy.deepcopy(clf)

    def no_encoding(*a, **k):
        raise AssertionError("refit_heads must not run the encoder")

    monkeypatch.setattr(SentenceEncoder, "encode", no_encoding)
    # relabel: every point about interpreters is now (also) about family involvement
    new = [list(y) + (["family_involvement"] if "interpreter" in t and "family_involvement" not in y else [])
           for t, y in zip(texts, labels)]
    model.refit_heads(texts, new, embeddings=E, groups=np.arange(len(texts)) % 40)
    j = model.theme_ids_.index("family_involvement")
    rows = [i for i, t in enumerate(texts) if "interpreter" in t]
    assert model.predict(texts, embeddings=E)[rows, j].mean() > clf.predict(texts, embeddings=E)[rows, j].mean()


@pytest.mark.slow
def test_cached_embeddings_encode_each_point_once_and_again_when_its_text_changes(fitted, tmp_path, monkeypatch):
    from leder_insights.store import ProjectStore
    from leder_insights.themes import cached_embeddings

    clf, texts, _, E = fitted
    calls = []
    real = SentenceEncoder.encode

    def counting(self, X, sentences=False):
        calls.append(len(X))
        return real(self, X, sentences=sentences)

    monkeypatch.setattr(SentenceEncoder, "encode", counting)
    with ProjectStore(tmp_path / "p.duckdb") as store:
        a = cached_embeddings(clf, store, ["a", "b"], texts[:2])
        b = cached_embeddings(clf, store, ["a", "b"], texts[:2])
        c = cached_embeddings(clf, store, ["a", "b"], [texts[0], texts[5]])
    assert calls == [2, 1]  # second call fully cached; third re-encodes only the changed text
    assert np.array_equal(a, b) and np.allclose(a, E[:2], atol=1e-6)
    assert np.array_equal(c[0], a[0]) and np.allclose(c[1], E[5], atol=1e-6)
