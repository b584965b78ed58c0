"""The explorer fixture frames live in ``tests/explore/_explore_fixtures.py``; re-exported here."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "explore"))

from _explore_fixtures import KEYWORDS, TAXONOMY, THEMES, frames, make_frames, make_store, state  # noqa: E402

__all__ = ["KEYWORDS", "TAXONOMY", "THEMES", "frames", "make_frames", "make_store", "state"]
