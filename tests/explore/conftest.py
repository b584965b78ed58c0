"""Fixtures for the explorer-logic tests (defined once in ``_explore_fixtures``)."""
from __future__ import annotations

from _explore_fixtures import frames, state  # noqa: F401  (pytest fixtures)
