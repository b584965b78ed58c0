"""The detector's word lists, kept as data in ``deid/conf/words.yaml`` (one named list each).

>>> "hospital" in words("org_words"), "monday" in words("calendar_words")
(True, True)
"""
from __future__ import annotations

import functools
from pathlib import Path

import yaml

from ..errors import ConfigError, Errors

WORDS_PATH = Path(__file__).parent / "conf" / "words.yaml"


@functools.lru_cache(maxsize=1)
def _all() -> dict:
    try:
        data = yaml.safe_load(WORDS_PATH.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(Errors.E001, path=WORDS_PATH, reason=exc) from exc
    return {k: frozenset(str(v).split()) for k, v in data.items() if k != "version"}


def words(name: str) -> frozenset:
    """The lower-case word list ``name`` (a ``KeyError`` names the lists that exist)."""
    lists = _all()
    if name not in lists:
        raise KeyError(f"no word list {name!r} in {WORDS_PATH.name}; lists: {', '.join(sorted(lists))}")
    return lists[name]


__all__ = ["words", "WORDS_PATH"]
