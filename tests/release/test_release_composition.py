"""Two releases of overlapping reviews (attacker 3's F7): k-anonymous apart, not together,
unless the later one is composed after the earlier one (``Release.compose_after``)."""
from __future__ import annotations

import pandas as pd
import pytest

from leder_insights.corpus import synthesize
from leder_insights.release import Release

KEY = b"composition-key-0123456789abcdef"


def _below(frame: pd.DataFrame, columns, k: int = 5) -> int:
    """Records in classes smaller than ``k`` on ``columns``."""
    sizes = frame.groupby(columns, dropna=False)[columns[0]].transform("size")
    return int((sizes < k).sum())


@pytest.fixture(scope="module")
def two_releases():
    reviews = synthesize(n_reviews=520, seed=5).reviews
    first = reviews.iloc[:120]                       # a quarter's release, then the year's
    rel_a = Release(key=KEY)
    plan_a = rel_a.plan(first, k=5)
    a = rel_a.transform(first, plan_a)
    qi = [c for c in a.columns if c in rel_a.released_qi_names()]
    return reviews, a, plan_a, qi


@pytest.mark.slow
def test_attack_joining_two_k_anonymous_releases_breaks_k_unless_composed(two_releases):
    reviews, a, plan_a, qi = two_releases
    cols = [f"{c}_a" for c in qi] + [f"{c}_b" for c in qi]
    plain = Release(key=KEY)
    b = plain.transform(reviews, plain.plan(reviews, k=5))
    joined = a.merge(b, on="review_id", suffixes=("_a", "_b"))
    assert len(joined) == 120 and _below(a, qi) == 0 and _below(b, qi) == 0
    assert _below(joined, cols) > 0                  # each alone is 5-anonymous; together not

    suppressed = set(a.loc[(a[qi] == "*").all(axis=1), "review_id"])
    composed = Release(key=KEY).compose_after(plan_a.levels, suppressed)
    plan_c = composed.plan(reviews, k=5)
    c = composed.transform(reviews, plan_c)
    assert all(plan_c.levels[h] >= lvl for h, lvl in plan_a.levels.items())
    assert _below(c, qi) == 0
    assert _below(a.merge(c, on="review_id", suffixes=("_a", "_b")), cols) == 0


def test_release_composed_after_suppresses_again_what_the_earlier_release_suppressed():
    df = pd.DataFrame({"review_id": ["A", "B", "C", "D"], "sex": ["male", "female", "male", "female"],
                       "age_at_death": [54, 71, 33, 48]})
    gone = {Release(key=KEY).pseudonym("C")}
    rel = Release(key=KEY).compose_after({}, gone)
    out = rel.transform(df, rel.plan(df, k=1, max_suppressed_share=0.0))
    again = out["review_id"].isin(gone)
    assert (out.loc[again, ["sex", "age_band"]] == "*").all().all()
    assert not (out.loc[~again, ["sex", "age_band"]] == "*").any().any()


def test_release_floor_keeps_every_hierarchy_at_or_above_the_earlier_level():
    df = pd.DataFrame({"review_id": list("ABCDEF"), "sex": ["male", "female"] * 3,
                       "age_at_death": [54, 71, 33, 48, 60, 25]})
    free = Release(key=KEY).plan(df, k=1, max_suppressed_share=0.0)
    assert free.levels["age"] == 0
    floored = Release(key=KEY).compose_after({"age": 2}).plan(df, k=1, max_suppressed_share=0.0)
    assert floored.levels["age"] == 2 and floored.levels["sex"] == 0
    assert floored.steps[0]["floor"] == {"age": 2}
