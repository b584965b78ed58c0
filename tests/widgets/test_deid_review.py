"""DeidReviewState: refusal in workshop mode, marks, saved QA rows, Wilson recall."""
from __future__ import annotations

import pandas as pd
import pytest

from leder_insights.errors import LederError
from leder_insights.widgets import DeidReviewer, DeidReviewState, wilson_interval


def _items():
    return pd.DataFrame({
        "review_id": ["R1", "R2"], "field": ["pen_portrait", "timeline"],
        "original": ["Anna Smith lived at 3 Elm Road, Leeds.", "Seen by Dr Patel on 3 May 2021."],
        "deidentified": ["[PERSON] lived at [LOCATION], [LOCATION].", "Seen by Dr [PERSON] on [DATE]."],
        "entities": [[{"start": 0, "end": 10, "category": "PERSON"}, {"start": 20, "end": 31, "category": "LOCATION"},
                      {"start": 33, "end": 38, "category": "LOCATION"}],
                     [{"start": 11, "end": 16, "category": "PERSON"}, {"start": 20, "end": 30, "category": "DATE"}]]})


class FakeStore:
    saved = None

    def save_deid_qa(self, df):
        self.saved = df


@pytest.mark.parametrize("env,flag", [("1", None), (None, True)])
def test_deid_review_refuses_workshop_mode(monkeypatch, env, flag):
    if env:
        monkeypatch.setenv("LEDER_WORKSHOP", env)
    else:
        monkeypatch.delenv("LEDER_WORKSHOP", raising=False)
    with pytest.raises(LederError, match=r"\[E501\]"):
        DeidReviewState(_items(), workshop=flag)


def test_deid_review_widget_refuses_workshop_env(monkeypatch):
    monkeypatch.delenv("LEDER_WORKSHOP", raising=False)
    st = DeidReviewState(_items())
    monkeypatch.setenv("LEDER_WORKSHOP", "1")
    with pytest.raises(LederError, match=r"\[E501\]"):
        DeidReviewer(st)


def test_deid_review_marks_and_saved_rows(monkeypatch):
    monkeypatch.delenv("LEDER_WORKSHOP", raising=False)
    store = FakeStore()
    st = DeidReviewState(_items(), annotator="qa1", store=store, workshop=False)
    st.mark_over_redaction(2).complete()              # "Leeds" kept would be fine: over-redaction
    st.mark_missed_text("Patel", "PERSON")            # pretend it was missed as well
    st.complete()
    df = st.save()
    assert store.saved is df
    assert list(df.columns) == ["review_id", "field", "start", "end", "kind", "category", "annotator"]
    assert df.kind.value_counts().to_dict() == {"ok": 4, "over_redaction": 1, "missed": 1}
    missed = df[df.kind == "missed"].iloc[0]
    assert (missed.start, missed.end, missed.review_id) == (11, 16, "R2")
    r = st.recall()
    assert r["recall"] == pytest.approx(4 / 5)
    lo, hi = wilson_interval(4, 5)
    assert (r["ci_low"], r["ci_high"]) == (lo, hi) and lo < 0.8 < hi


@pytest.mark.parametrize("k,n,lo,hi", [(0, 10, 0.0, 0.2775), (10, 10, 0.7225, 1.0), (45, 50, 0.7864, 0.9565)])
def test_deid_review_wilson_interval_known_values(k, n, lo, hi):
    a, b = wilson_interval(k, n)
    assert a == pytest.approx(lo, abs=1e-3) and b == pytest.approx(hi, abs=1e-3)


def test_deid_review_bad_marks_are_numbered_errors(monkeypatch):
    monkeypatch.delenv("LEDER_WORKSHOP", raising=False)
    st = DeidReviewState(_items())
    with pytest.raises(LederError, match=r"\[E005\]"):
        st.mark_missed_text("Nobody", "PERSON")
    with pytest.raises(LederError, match=r"\[E005\]"):
        st.mark_missed(0, 4, "NAME")
    with pytest.raises(LederError, match=r"\[E005\]"):
        st.mark_over_redaction(7)


def test_deid_review_from_deidentifier_samples_texts(monkeypatch):
    monkeypatch.delenv("LEDER_WORKSHOP", raising=False)

    class Res:
        def __init__(self, text):
            self.text = text.replace("Anna", "[PERSON]")
            self.entities = [{"start": text.find("Anna"), "end": text.find("Anna") + 4, "category": "PERSON"}] \
                if "Anna" in text else []

    class FakeDeid:
        def deidentify(self, text, doc_key=None):
            return Res(text)

    reviews = pd.DataFrame({"review_id": ["R1", "R2"], "pen_portrait": ["Anna liked music.", ""],
                            "learning": ["Anna needed SALT.", "Good care."]})
    st = DeidReviewState.from_deidentifier(reviews, FakeDeid(), n=10, seed=0, workshop=False)
    assert len(st.items) == 3                            # the empty field is not sampled
    assert all("Anna" not in t for t in st.items.deidentified)
    st.go(int(next(i for i, e in enumerate(st.items.entities) if e)))
    w = DeidReviewer(st)
    assert len(w.over_boxes.children) == 1
    assert "<mark" in w.pair.value and "Original" in w.pair.value
