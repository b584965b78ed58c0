"""LabelState: least-confident first, labels persisted, retraining, Cohen's kappa."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import cohen_kappa_score

from leder_insights.widgets import LabelReviewer, LabelState, cohen_kappa

from _widget_fixtures import THEMES, make_frames


class FakeStore:
    def __init__(self):
        self.rows = []

    def add_label(self, lp_id, theme, value, annotator):
        self.rows.append((lp_id, theme, value, annotator))

    def labels(self):
        return pd.DataFrame(self.rows, columns=["lp_id", "theme", "value", "annotator"])


class KeywordModel:
    """A tiny trainable model: a theme's score is the share of training texts with that word."""

    def fit(self, texts, Y):
        self.n_fit_ = len(texts)
        Y = np.asarray(Y)
        self.words_ = {}
        for j, t in enumerate(THEMES):
            pos = [x.lower() for x, y in zip(texts, Y[:, j]) if y]
            self.words_[t] = set(w for x in pos for w in x.split()) - set(
                w for x, y in zip(texts, Y[:, j]) if not y for w in x.lower().split())
        return self

    def predict_frame(self, df):
        out = df.copy()
        out["theme_scores"] = [{t: 0.9 if set(x.lower().split()) & self.words_[t] else 0.1 for t in THEMES}
                               for x in df.text]
        return out


@pytest.mark.parametrize("a,b", [([1, 0, 1, 1, 0, 0], [1, 0, 0, 1, 0, 1]), ([1, 1, 0, 0], [1, 1, 0, 0]),
                                 ([0, 1, 0, 1, 1], [1, 0, 1, 0, 0])])
def test_labels_cohen_kappa_matches_sklearn(a, b):
    assert math.isclose(cohen_kappa(a, b), cohen_kappa_score(a, b))


def test_labels_cohen_kappa_degenerate_is_nan():
    assert math.isnan(cohen_kappa([1, 1], [1, 1])) and math.isnan(cohen_kappa([], []))


def test_labels_queue_is_least_confident_first():
    _rv, lp = make_frames(10)
    st = LabelState(lp, THEMES, threshold=0.5)
    margins = [st.lps.set_index("lp_id").loc[i, "_margin"] for i in st.queue]
    assert margins == sorted(margins)
    assert st.current()["lp_id"] == st.queue[0]


def test_labels_submit_persists_every_theme_and_reloads():
    _rv, lp = make_frames(10)
    store = FakeStore()
    st = LabelState(lp, THEMES, store=store, annotator="ana")
    first = st.current()["lp_id"]
    st.submit(first, ["epilepsy"])
    assert len(store.rows) == len(THEMES)
    assert (first, "epilepsy", True, "ana") in store.rows and (first, "medication", False, "ana") in store.rows
    again = LabelState(lp, THEMES, store=store)
    assert first not in again.queue and again.labels[first]["epilepsy"] is True


def test_labels_kappa_reflects_agreement():
    _rv, lp = make_frames(10)
    st = LabelState(lp, THEMES)
    for _ in range(6):
        cur = st.current()
        st.submit(cur["lp_id"], cur["themes"])            # analyst agrees with the model
    assert st.agreement()["kappa"] == pytest.approx(1.0)
    cur = st.current()
    st.submit(cur["lp_id"], [t for t in THEMES if t not in cur["themes"]])  # disagrees everywhere
    assert st.agreement()["kappa"] < 1.0


def test_labels_retrain_uses_human_labels_and_updates_predictions():
    _rv, lp = make_frames(10)
    lp = lp.assign(theme_scores=[{t: 0.5 for t in THEMES}] * len(lp), themes=[[]] * len(lp))
    st = LabelState(lp, THEMES, base_texts=["seizure plan"], base_Y=[[0, 0, 1, 0, 0, 0]])
    for _ in range(8):
        cur = st.current()
        truth = lp.set_index("lp_id").loc[cur["lp_id"], "text"]
        st.submit(cur["lp_id"], [t for t, kw in {"epilepsy": "seizure", "medication": "medication"}.items()
                                 if kw in truth])
    model = KeywordModel()
    st.retrain(model)
    assert model.n_fit_ == 9 and st.retrain_count == 1
    texts, Y = st.training_set()
    assert Y.shape == (9, len(THEMES))
    seizure = st.lps[st.lps.text.str.contains("seizure plan")]
    assert all(s["epilepsy"] == 0.9 for s in seizure.theme_scores)
    assert all("epilepsy" in ts for ts in seizure.themes)


def test_labels_unknown_theme_rejected():
    _rv, lp = make_frames(3)
    st = LabelState(lp, THEMES)
    with pytest.raises(ValueError, match=r"\[E401\]"):
        st.submit(st.current()["lp_id"], ["nope"])


def test_labels_reviewer_widget_saves_and_retrains():
    _rv, lp = make_frames(5)
    st = LabelState(lp, THEMES)
    w = LabelReviewer(st, classifier=KeywordModel())
    cur = st.current()["lp_id"]
    w.boxes["epilepsy"].value = True
    w.save_btn.click()
    assert st.labels[cur]["epilepsy"] is True and "Reviewed 1" in w.status.value
    w.retrain_btn.click()
    assert st.retrain_count == 1 and w.errors == []


def test_labels_from_store_round_trip(tmp_path):
    from _widget_fixtures import make_store

    store, _rv, lp = make_store(tmp_path / "project.duckdb", n_reviews=6)
    st = LabelState.from_store(store, annotator="ana", themes=THEMES)
    first = st.current()["lp_id"]
    st.submit(first, ["medication"])
    lab = store.labels()
    assert set(lab.loc[lab.lp_id == first, "theme"]) == set(THEMES)
    again = LabelState.from_store(store, themes=THEMES)
    assert first not in again.queue and again.labels[first]["medication"] is True
    store.close()
