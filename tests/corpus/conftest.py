"""Corpora shared by the corpus tests (generated once per session; generation is fast)."""
from __future__ import annotations

import pytest

from leder_insights.corpus import synthesize


@pytest.fixture(scope="session")
def corpus200():
    return synthesize(n_reviews=200, seed=7)


@pytest.fixture(scope="session")
def corpus500():
    return synthesize(n_reviews=500, seed=11)
