"""Word lists of the date and age forms of attacker 5's F2 (``conf/date_age_forms.yaml``).

>>> "w/c" in date_age_words("day_month_cues")
True
"""
from __future__ import annotations

import functools
from pathlib import Path

import yaml

from ..errors import ConfigError, Errors
from ._wordlists import word_alternation

FORMS_PATH = Path(__file__).parent / "conf" / "date_age_forms.yaml"


@functools.lru_cache(maxsize=1)
def _data() -> dict:
    try:
        return yaml.safe_load(FORMS_PATH.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(Errors.E001, path=FORMS_PATH, reason=exc) from exc


def date_age_words(name: str) -> tuple:
    """The list ``name`` (a ``KeyError`` names the lists that exist)."""
    data = _data()
    if name not in data or name == "version":
        raise KeyError(f"no list {name!r} in {FORMS_PATH.name}; lists: {', '.join(k for k in data if k != 'version')}")
    return tuple(str(w) for w in data[name])


def alternation(name: str) -> str:
    """The list ``name`` as a regex alternation, longest first (a space matches any spaces)."""
    return word_alternation(date_age_words(name))


__all__ = ["date_age_words", "alternation", "FORMS_PATH"]
