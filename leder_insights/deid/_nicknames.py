"""Other forms of a found forename: listed pet names (``conf/nicknames.txt``) and regular diminutives.

A review that names "Kimberley Taylor" may call her "Kim" or "Kimmy" elsewhere; one that names
"Bill" may also write "William". :func:`name_variants` gives the lower-case forms to look for; the
second pass and the cross-field propagation match them only where written capitalised.

Regular diminutives are made by rule from a forename of five letters or more: its first three or four
letters, alone or with ``y``/``ie`` (the last letter doubled or not): Kimberley -> kim, kimmy,
kimmie; Deborah -> deb, debbie. Forms that are everyday words, months or care-record words are left out.

>>> sorted(v for v in name_variants("Kimberley") if v.startswith("kim"))[:4]
['kim', 'kimb', 'kimbie', 'kimby']
>>> "kimmy" in name_variants("Kimberley"), "william" in name_variants("billy")
(True, True)
>>> name_variants("Mar")
frozenset()
"""
from __future__ import annotations

import functools
from pathlib import Path

from ..errors import ConfigError, Errors
from ._wordlists import words

NICKNAMES_PATH = Path(__file__).parent / "conf" / "nicknames.txt"
_MIN_FORENAME = 5
_SUFFIXES = ("y", "ie")


@functools.lru_cache(maxsize=1)
def _groups() -> dict[str, frozenset]:
    """Lower-case name -> every form sharing a line with it (formal names and their pet forms)."""
    try:
        lines = NICKNAMES_PATH.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(Errors.E001, path=NICKNAMES_PATH, reason=exc) from exc
    groups: dict[str, set] = {}
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if not line or ":" not in line:
            continue
        formal, rest = line.split(":", 1)
        names = {formal.strip().lower(), *(w.lower() for w in rest.split())}
        for n in names:
            groups.setdefault(n, set()).update(names)
    return {k: frozenset(v) for k, v in groups.items()}


@functools.lru_cache(maxsize=1)
def _not_variants() -> frozenset:
    from .recognizers.people.context_name import common_words

    return common_words() | words("stop_tokens") | words("calendar_words") | words("titles") | \
        words("domain_words") | words("not_nicknames")


_VOWELS = frozenset("aeiou")


def _diminutives(low: str) -> set[str]:
    """Prefixes of three or four letters ending in a consonant after a vowel, alone or + y/ie."""
    out: set[str] = set()
    if len(low) < _MIN_FORENAME or not low.isalpha():
        return out
    for k in (3, 4):
        stem = low[:k]
        if stem[-1] in _VOWELS or not _VOWELS.intersection(stem):
            continue
        out.add(stem)
        for suffix in _SUFFIXES:
            out.add(stem + suffix)
            if stem[-2] in _VOWELS:
                out.add(stem + stem[-1] + suffix)
    return out


@functools.lru_cache(maxsize=4096)
def name_variants(name: str) -> frozenset:
    """Lower-case other forms of forename ``name`` (itself excluded); empty for short words.

    Diminutives are made only for known forenames (a surname "Taylor" has no "Tay").
    """
    from .recognizers.people.name_gazetteer import forenames_wide

    low = name.lower()
    if len(low) < 3:
        return frozenset()
    found = set(_groups().get(low, ()))
    if low in forenames_wide():
        found |= _diminutives(low)
    found.discard(low)
    return frozenset(v for v in found if len(v) >= 3 and v not in _not_variants())


__all__ = ["name_variants", "NICKNAMES_PATH"]
