"""Word lists of the date and age forms of attacker 5's F2 (``conf/date_age_forms.yaml``).

>>> "w/c" in date_age_words("day_month_cues")
True
"""
from __future__ import annotations

from pathlib import Path


from ._wordlists import named_list, word_alternation

FORMS_PATH = Path(__file__).parent / "conf" / "date_age_forms.yaml"


def date_age_words(name: str) -> tuple:
    """The list ``name`` (a ``KeyError`` names the lists that exist)."""
    return named_list(FORMS_PATH, name)


def alternation(name: str) -> str:
    """The list ``name`` as a regex alternation, longest first (a space matches any spaces)."""
    return word_alternation(date_age_words(name))


__all__ = ["date_age_words", "alternation", "FORMS_PATH"]
