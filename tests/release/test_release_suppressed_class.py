"""Fully suppressed records stay in the release with their text and care grade, so together they
are one more class: it must hold k or more records, also within each sex (the text's pronouns give
it back). Attacker 5's F11: 4 suppressed women aged 80+ in a 120-review release, k = 5 claimed."""
from __future__ import annotations

import pandas as pd
import pytest

from leder_insights.corpus import synthesize
from leder_insights.release import Release, measure_risk
from leder_insights.release._risk import SUPPRESSED

KEY = b"release-suppressed-class-key-0123456789"


def _suppressed_by_sex(reviews: pd.DataFrame, k: int = 5, share: float = 0.05):
    rel = Release(key=KEY)
    plan = rel.plan(reviews, k=k, max_suppressed_share=share)
    out = rel.transform(reviews, plan)
    sup = (out[list(plan.columns)] == SUPPRESSED).all(axis=1).to_numpy()
    return plan, rel.measure(out, k=k), reviews.loc[sup, "sex"].value_counts().to_dict()


def test_measure_counts_the_suppressed_records_as_a_class():
    qi = pd.DataFrame({"sex": ["male"] * 10 + ["female"] * 10 + [SUPPRESSED] * 3,
                       "age_band": ["40\u201359"] * 20 + [SUPPRESSED] * 3})
    risk = measure_risk(qi, 5)
    assert risk["n_suppressed"] == 3
    assert risk["k"] == 3
    assert risk["share_below_k"] == pytest.approx(3 / 23, abs=1e-6)
    assert risk["failing"][0] == {"values": {"sex": SUPPRESSED, "age_band": SUPPRESSED}, "size": 3}
    # k or more suppressed records are a class like any other
    assert measure_risk(pd.concat([qi, qi.tail(3)], ignore_index=True), 5)["k"] == 6


def test_suppressed_records_are_k_or_more_per_sex_invented():
    # 30 men and 30 women in their forties; 3 women and 3 men in their nineties: at the narrowest
    # ages the 6 old records are suppressed (6 >= k, but 3 per sex: the pronouns split them)
    rows = ([("male", 44)] * 30 + [("female", 45)] * 30 + [("female", 93)] * 3 + [("male", 94)] * 3)
    reviews = pd.DataFrame({"review_id": [f"LDR-{i}" for i in range(len(rows))],
                            "sex": [s for s, _ in rows], "age_at_death": [a for _, a in rows]})
    plan, risk, by_sex = _suppressed_by_sex(reviews, share=0.2)
    assert plan.meets_k
    assert all(n >= 5 for n in by_sex.values()), by_sex
    assert risk["k"] >= 5


@pytest.mark.parametrize("seed", [55, 7])
def test_suppressed_records_are_k_or_more_per_sex_synthetic(seed):
    reviews = synthesize(n_reviews=120, seed=seed).reviews
    plan, risk, by_sex = _suppressed_by_sex(reviews)
    assert all(n == 0 or n >= 5 for n in by_sex.values()), by_sex
    assert risk["k"] is None or risk["k"] >= 5 or not plan.meets_k
