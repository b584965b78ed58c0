"""Fixtures for the explorer-logic tests."""
from __future__ import annotations

import pytest

from _explore_fixtures import TAXONOMY, make_frames


@pytest.fixture
def frames():
    return make_frames()


@pytest.fixture
def state(frames):
    from leder_insights.explore import ExplorerState

    rv, lp = frames
    return ExplorerState.from_frames(rv, lp, taxonomy=TAXONOMY, threshold=5,
                                     meta={"model_versions": {"themes": "test-1"}}, deidentified=True)
