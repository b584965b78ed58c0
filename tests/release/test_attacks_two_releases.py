"""Two releases made with one key (attacker's F3): joined on the pseudonym unless scoped."""
from __future__ import annotations

import pandas as pd
import pytest

from leder_insights.config import load_config
from leder_insights.corpus import synthesize
from leder_insights.release import Release

KEY = b"two-releases-key-0123456789abcdef"


def _two_releases(**kw):
    reviews = synthesize(n_reviews=60, seed=4).reviews
    first, second = reviews.iloc[:40], reviews.iloc[20:]   # 20 reviews in both
    rel_a = Release(key=KEY, pseudonym_scope=kw.get("a", ""))
    rel_b = Release(key=KEY, pseudonym_scope=kw.get("b", ""))
    a = rel_a.transform(first, rel_a.plan(first, k=2))
    b = rel_b.transform(second, rel_b.plan(second, k=2))
    return a, b


def test_attack_two_releases_with_one_key_join_on_the_pseudonym_by_default():
    a, b = _two_releases()
    joined = pd.merge(a, b, on="review_id")
    assert len(joined) == 20   # the requirement: one review, one pseudonym under a key


@pytest.mark.slow
def test_attack_two_scoped_releases_cannot_be_joined_on_the_pseudonym():
    a, b = _two_releases(a="2026-Q3", b="2026-Q4")
    assert len(pd.merge(a, b, on="review_id")) == 0
    a2, _ = _two_releases(a="2026-Q3")
    assert list(a2["review_id"]) == list(a["review_id"])  # stable within a scope


def test_release_pseudonym_scope_comes_from_the_config():
    cfg = load_config(release={"pseudonym_scope": "2026-Q4"})
    rel = Release.from_config(cfg, KEY)
    assert rel.pseudonym_scope == "2026-Q4"
    assert rel.pseudonym("LDR-1") != Release(key=KEY).pseudonym("LDR-1")
