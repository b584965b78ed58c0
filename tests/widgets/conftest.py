"""Fixtures for the widget tests: the explorer's own (``tests/explore/_explore_fixtures``)."""
from __future__ import annotations

from _widget_fixtures import frames, state  # noqa: F401  (pytest fixtures)
