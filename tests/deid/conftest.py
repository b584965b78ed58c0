"""Fixtures shared by the de-identification tests."""
from __future__ import annotations

import pytest

from leder_insights.deid._engine import build_detector


@pytest.fixture(scope="session")
def detector():
    """The default detector (configured spaCy model, shipped recognizers and allow-list), built
    once per test process: building it takes seconds of CPU, and no test changes it."""
    return build_detector()
