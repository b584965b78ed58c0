"""Applying the release schema: keyed pseudonyms, the text's date offset and age bands, drops."""
from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest

from leder_insights.deid import PseudonymKey, age_band, date_offset
from leder_insights.deid._dates import shift_date_text  # the text's own shifting, to compare with
from leder_insights.errors import ConfigError
from leder_insights.release import SUPPRESSED, Release, free_text_columns

KEY = b"release-test-key-0123456789abcdef"


def _frame():
    return pd.DataFrame({
        "review_id": ["9434765919", "LDR-2020-00002", "LDR-2021-00003"],
        "icb": ["NHS Devon ICB", "NHS Devon ICB", "Somewhere Local"],
        "region": ["South West", "South West", "London"],
        "death_date": ["2019-04-16", "2020-12-31", None],
        "notification_date": ["2019-04-20", "2021-01-02", "2021-01-03"],
        "age_at_death": pd.array([47, 93, None], dtype="Int64"),
        "review_type": ["initial", "Focused review", None],
        "care_grade": [2, 5, 3],
        "pen_portrait": ["x", "y", "z"],
        "Name": ["Ann Smith", "Bob Jones", "Cy Lee"],
        "Learning Points": ["a", "b", "c"],
        "_row": [1, 2, 3],
    })


def test_release_needs_the_key():
    with pytest.raises(ConfigError, match=r"\[E702\]"):
        Release("national", key=None)


def test_release_pseudonym_is_keyed_stable_and_numberless():
    a, b = Release(key=KEY), Release(key=KEY[::-1])
    p = a.pseudonym("9434765919")
    assert p == a.pseudonym("9434765919") and p != b.pseudonym("9434765919")
    assert p != a.pseudonym("9434765918")
    assert p.startswith("R") and len(p) == 15 and not any(ch.isdigit() for ch in p)
    assert a.pseudonym(None) is None
    assert "KEY" not in repr(a) and KEY.decode() not in repr(a)


def test_release_dates_move_by_the_texts_offset():
    rel = Release(key=KEY)
    df = _frame()
    shifted = rel.shift(df["death_date"], df["review_id"], "day")
    k = PseudonymKey(KEY)
    for rid, raw, out in zip(df["review_id"], df["death_date"], shifted):
        if not isinstance(raw, str):  # missing
            assert out is None
            continue
        days = date_offset(k, rid, 365)
        expected = date.fromisoformat(raw) + timedelta(days=days)
        assert out == expected.isoformat()
        # the de-identifier shifts the same date in the text to the same day
        assert shift_date_text(raw, days) == out
    assert rel.shift(df["death_date"], df["review_id"], "year").iloc[0] == shifted.iloc[0][:4]


def test_release_transform_drops_unknown_pseudonymises_and_bands():
    rel = Release(key=KEY, free_text=["Learning Points"])
    df = _frame()
    plan = rel.plan(df, k=1)
    out = rel.transform(df, plan)
    assert "Name" not in out.columns and "_row" not in out.columns
    assert "notification_date" not in out.columns and "death_date" not in out.columns
    assert "Learning Points" in out.columns  # marked free text: released (after de-identification)
    assert list(out["review_id"]) == [rel.pseudonym(r) for r in df["review_id"]]
    assert out["age_band"].tolist() == [age_band(47), age_band(93), None]
    assert out["review_type"].tolist() == ["initial", "other", None]
    # an ICB the table does not know falls back to the row's own region
    assert out["region"].tolist() == ["South West", "South West", "London"]
    # an unknown header is given by position and keyed digest, never its text (attacker 3's F12)
    dropped = rel.dropped_columns(df.columns)
    assert {d.get("column") or d["digest"] for d in dropped} == {rel.column_digest("Name"), "notification_date"}
    assert {d["position"] for d in dropped} == {list(df.columns).index(c) + 1 for c in ("Name", "notification_date")}
    assert "Name" not in str(dropped)
    assert {d.get("column") or d["digest"] for d in Release(key=KEY).dropped_columns(df.columns)} == {
        rel.column_digest("Name"), "notification_date", rel.column_digest("Learning Points")}


def test_release_text_columns_include_mapped_free_text(tmp_path):
    mapping = tmp_path / "map.yaml"
    mapping.write_text('"Case Ref": review_id\n"Learning Points": free_text\n', encoding="utf-8")
    assert free_text_columns(mapping) == ["Learning Points"]
    rel = Release(key=KEY, free_text=free_text_columns(mapping))
    assert rel.text_columns(_frame().columns) == ["pen_portrait", "Learning Points"]


@pytest.mark.slow
def test_release_transform_per_chunk_equals_whole():
    from leder_insights.corpus import synthesize

    reviews = synthesize(n_reviews=120, seed=3).reviews
    rel = Release(key=KEY)
    plan = rel.plan(reviews, k=5, max_suppressed_share=0.1)
    whole = rel.transform(reviews, plan)
    parts = pd.concat([rel.transform(reviews.iloc[i:i + 25], plan) for i in range(0, 120, 25)])
    pd.testing.assert_frame_equal(whole, parts)
    risk = rel.measure(whole, k=5)
    assert plan.meets_k and risk["k"] >= 5 and risk["share_below_k"] == 0.0
    assert risk["n_suppressed"] == plan.n_suppressed <= 0.1 * 120
    assert (whole.loc[(whole[list(plan.columns)] == SUPPRESSED).all(axis=1)].shape[0]
            == plan.n_suppressed)


@pytest.mark.slow
def test_release_prepare_then_generalise_equals_transform():
    """The submission's path (prepare each chunk, plan from the prepared quasi-identifiers of all
    rows, generalise each chunk) gives the same release as the in-memory one."""
    from leder_insights.corpus import synthesize

    reviews = synthesize(n_reviews=90, seed=5).reviews.assign(Name="Quenby Zarathustra")
    rel = Release(key=KEY)
    prepared = [rel.prepare(reviews.iloc[i:i + 30]) for i in range(0, 90, 30)]
    for part in prepared:  # no raw id, no unknown column, nothing internal
        assert not set(part["review_id"]) & set(reviews["review_id"])
        assert "Name" not in part.columns and "death_date" not in part.columns
    qi = pd.concat([p[[c for c in rel.released_qi_names() if c in p.columns]] for p in prepared])
    plan = rel.plan_prepared(qi, k=5)
    streamed = pd.concat([rel.generalise(p, plan) for p in prepared])
    whole_plan = rel.plan(reviews, k=5)
    assert plan.levels == whole_plan.levels and plan.suppressed == whole_plan.suppressed
    pd.testing.assert_frame_equal(streamed, rel.transform(reviews, whole_plan))
