"""ThemeClassifier: scikit-learn contract, determinism, negation, evidence, persistence."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.model_selection import KFold, cross_val_predict
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer

from leder_insights.errors import ConfigError, InputError
from leder_insights.themes import KeywordThemeClassifier, ThemeClassifier, load_taxonomy, to_indicator

SMALL = dict(cv=2, max_char_features=5000)


def test_classifier_init_stores_params_only_and_clone():
    clf = ThemeClassifier(C=2.0, cv=3)
    assert not [k for k in vars(clf) if k.endswith("_")]
    c2 = clone(clf)
    assert c2.get_params() == clf.get_params() and c2 is not clf


def test_classifier_unfitted_raises_not_fitted():
    with pytest.raises(NotFittedError):
        ThemeClassifier().predict(["x"])


@pytest.mark.slow
def test_classifier_fit_returns_self_and_shapes(fitted_clf, seed_data):
    texts, _ = seed_data
    assert fitted_clf.classes_.tolist() == load_taxonomy().ids
    proba = fitted_clf.predict_proba(texts[:7])
    assert proba.shape == (7, 19) and ((proba >= 0) & (proba <= 1)).all()
    pred = fitted_clf.predict(texts[:7])
    assert pred.shape == (7, 19) and set(np.unique(pred)) <= {0, 1}
    assert (fitted_clf.thresholds_ >= fitted_clf.threshold_floor).all()


@pytest.mark.slow
def test_classifier_learns_seed_set(fitted_clf):
    assert fitted_clf.predict_themes(["Staff had not done any epilepsy training and the seizure chart was blank.",
                                      "The GP did not refer her for bowel cancer screening."]) == [
        ["epilepsy", "staff_training"], ["cancer"]]
    assert fitted_clf.oof_scores_["micro_f1"] > 0.8


@pytest.mark.slow
def test_classifier_deterministic(seed_data):
    texts, labels = seed_data
    a = ThemeClassifier(**SMALL).fit(texts, labels)
    b = ThemeClassifier(**SMALL).fit(texts, labels)
    np.testing.assert_array_equal(a.coef_, b.coef_)
    np.testing.assert_array_equal(a.predict_proba(texts), b.predict_proba(texts))


@pytest.mark.slow
def test_classifier_in_pipeline_and_cross_val_predict(seed_data):
    texts, labels = seed_data
    Y = to_indicator(labels, load_taxonomy().ids)
    pipe = make_pipeline(FunctionTransformer(lambda X: [str(t).strip() for t in X]), ThemeClassifier(**SMALL))
    pipe.fit(texts, Y)
    assert pipe.predict(texts[:3]).shape == (3, 19)
    pred = cross_val_predict(ThemeClassifier(**SMALL), np.array(texts, dtype=object), Y,
                             cv=KFold(2, shuffle=True, random_state=0))
    assert pred.shape == Y.shape
    tp = (pred & Y).sum()
    assert tp / max(Y.sum(), 1) > 0.7


def test_classifier_rejects_unknown_theme(seed_data):
    with pytest.raises(InputError, match=r"\[E401\]"):
        ThemeClassifier(**SMALL).fit(["a b c", "d e f"], [["falls"], []])


@pytest.mark.parametrize("text, theme", [
    ("No concerns with swallowing were raised by the family.", "aspiration_pneumonia"),
    ("Sepsis was ruled out.", "sepsis_deterioration"),
    ("There was no evidence of constipation.", "constipation"),
])
def test_classifier_negated_mentions_are_not_themes(fitted_clf, text, theme):
    assert theme not in fitted_clf.predict_themes([text])[0]


def test_classifier_failures_phrased_with_not_keep_theme(fitted_clf):
    assert "sepsis_deterioration" in fitted_clf.predict_themes(["Staff did not recognise sepsis."])[0]


def test_evidence_spans_inside_text_contain_cue_and_avoid_negation(fitted_clf):
    from leder_insights.themes import negation_scopes
    from leder_insights.themes._cues import cue_matcher

    texts = ["There were no concerns about sepsis, but his seizure chart was not kept.",
             "Staff lacked dysphagia training and he choked at lunch."]
    preds = fitted_clf.predict_themes(texts)
    ev = fitted_clf.evidence(texts)
    assert "epilepsy" in preds[0]
    m = cue_matcher()
    for text, themes, spans in zip(texts, preds, ev):
        assert set(spans) == set(themes)
        for theme, sp in spans.items():
            assert sp, theme
            for s, e in sp:
                assert 0 <= s < e <= len(text)
                assert not any(s < ne and ns < e for ns, ne in negation_scopes(text))
            cue_hits = [(a, b) for j, a, b in m.spans(text) if m.theme_ids[j] == theme]
            assert any(s <= a and b <= e for a, b in cue_hits for s, e in sp), (theme, sp)
    assert [texts[0][s:e] for s, e in ev[0]["epilepsy"]] == ["seizure chart"]


def test_predict_frame_adds_columns(fitted_clf):
    lp = pd.DataFrame({"lp_id": ["a", "b"], "text": ["No annual health check was offered.", ""]})
    out = fitted_clf.predict_frame(lp)
    assert list(lp.columns) == ["lp_id", "text"]  # input untouched
    assert out.loc[0, "themes"] == ["health_checks_prevention"]
    assert set(out.loc[0, "theme_scores"]) == set(load_taxonomy().ids)
    assert out.loc[1, "themes"] == [] and out.loc[1, "evidence"] == {}


def test_save_load_roundtrip(tmp_path, fitted_clf):
    fitted_clf.save(tmp_path / "m", meta={"note": "test"})
    back = ThemeClassifier.load(tmp_path / "m")
    texts = ["No SALT referral after choking.", "Sepsis was not recognised."]
    np.testing.assert_array_equal(back.predict_proba(texts), fitted_clf.predict_proba(texts))
    assert back.meta_["taxonomy_version"] == "1" and back.meta_["note"] == "test"
    assert back.meta_["model_version"].startswith("themes-v1-")


def test_load_missing_model_is_numbered_error(tmp_path):
    with pytest.raises(ConfigError, match=r"\[E402\]"):
        ThemeClassifier.load(tmp_path / "nothing")


def test_keyword_baseline_respects_negation():
    kw = KeywordThemeClassifier().fit(["x"])
    assert kw.predict_themes(["Sepsis was ruled out.", "NEWS2 was not escalated.", "no hospital passport"]) == [
        [], ["sepsis_deterioration"], ["reasonable_adjustments"]]


def test_classifier_align_maps_long_threshold_onto_shared_one():
    from leder_insights.themes._classifier import _align

    p = np.linspace(0, 1, 101)[:, None]
    out = _align(p, np.array([0.3]), np.array([0.6]))
    assert out[30, 0] == pytest.approx(0.6) and out[0, 0] == 0 and out[-1, 0] == pytest.approx(1.0)
    assert (np.diff(out[:, 0]) > 0).all()  # monotone: the ranking of scores is kept


def test_classifier_best_threshold_weights():
    from leder_insights.themes._classifier import _best_threshold

    y = np.array([1, 1, 1, 0, 0, 0, 0, 0])
    p = np.array([0.9, 0.8, 0.35, 0.3, 0.2, 0.1, 0.1, 0.05])
    assert _best_threshold(y, p, 0.2, 0.5) == pytest.approx(0.31)
    # up-weighting the negative at 0.3 cannot move the threshold below it
    assert _best_threshold(y, p, 0.2, 0.5, w=np.array([1, 1, 1, 50, 1, 1, 1, 1])) > 0.3
    # too few positives: the default threshold
    assert _best_threshold(np.array([1, 0, 0]), np.array([0.9, 0.2, 0.1]), 0.2, 0.5) == 0.5


@pytest.mark.slow
def test_classifier_long_texts_get_own_domain_and_thresholds(seed_data):
    texts, labels = seed_data
    long_texts = [" ".join(texts[i:i + 4]) for i in range(0, 80, 4)]
    long_labels = [sorted({t for y in labels[i:i + 4] for t in y}) for i in range(0, 80, 4)]
    clf = ThemeClassifier(long_chars=120, long_min_positives=2, **SMALL).fit(
        texts + long_texts, labels + long_labels, sample_weight=np.r_[np.ones(len(texts)), 2 * np.ones(20)])
    assert clf.thresholds_long_.shape == clf.thresholds_.shape
    short_clf = ThemeClassifier(**SMALL).fit(texts, labels)
    assert clf.coef_.shape[1] > short_clf.coef_.shape[1]  # a second (long-text) copy of the features
    proba = clf.predict_proba(long_texts[:3] + texts[:3])
    assert ((proba >= 0) & (proba <= 1)).all()
    assert (clf.predict(long_texts[:3] + texts[:3]) == (proba >= clf.thresholds_)).all()
