"""Letters of a non-Latin script inside an English narrative: masked unless on an allow-list.

A run of Arabic, Chinese, Cyrillic, Devanagari, Greek, Gurmukhi, Hangul, Hebrew … letters (with
their combining marks, and spaces between words of the same run) is almost always a name, a place
or an address copied from the family's own language. The detector cannot read it, so it fails
closed: every such run becomes a ``NON_LATIN`` entity (category PERSON) unless the run is listed
in ``deid/conf/script_allowed.txt`` (Greek letters of clinical usage such as β or μ).

A word that mixes scripts (a Cyrillic homoglyph ``о`` inside an English name) is masked whole: the
Latin letters left beside a masked homoglyph would still spell the name.

>>> t = "His aunt \u0641\u0627\u0637\u0645\u0629 visited; \u03b2-blockers were stopped."
>>> [(t[e.start:e.end], e.category) for e in non_latin_entities(t)]
[('\u0641\u0627\u0637\u0645\u0629', 'PERSON')]
>>> t = "His friend W\u043eodcraft visited."
>>> [t[e.start:e.end] for e in non_latin_entities(t)] == ["W\u043eodcraft"]
True
"""
from __future__ import annotations

import functools
from pathlib import Path

import regex

from ._entities import Entity

SCRIPT_ALLOWED_PATH = Path(__file__).parent / "conf" / "script_allowed.txt"
_LETTER = r"(?:(?![\p{Latin}\p{Common}\p{Inherited}])\p{L})"
_WORD = rf"{_LETTER}(?:{_LETTER}|\p{{M}})*"
_RUN = regex.compile(rf"{_WORD}(?:[ '’\-.\u00b7]+{_WORD})*")
_QUICK = regex.compile(_LETTER)
_MARK = regex.compile(r"\p{M}")


@functools.lru_cache(maxsize=4)
def load_script_allowed(path: str | Path | None = None) -> frozenset:
    """The allowed non-Latin strings (one a line, ``#`` comments)."""
    lines = Path(path or SCRIPT_ALLOWED_PATH).read_text(encoding="utf-8").splitlines()
    return frozenset(s.strip() for s in lines if s.strip() and not s.lstrip().startswith("#"))


def non_latin_entities(text: str, allowed: frozenset | None = None) -> list[Entity]:
    """One PERSON entity per run of non-Latin letters in ``text`` that is not allowed."""
    if text.isascii() or not _QUICK.search(text):
        return []
    allowed = load_script_allowed() if allowed is None else allowed
    out: list[Entity] = []
    for m in _RUN.finditer(text):
        if m.group() in allowed:
            continue
        start, end = m.start(), m.end()
        while start > 0 and (text[start - 1].isalpha() or _MARK.match(text, start - 1)):
            start -= 1  # a mixed-script word is masked whole (fail closed)
        while end < len(text) and (text[end].isalpha() or _MARK.match(text, end)):
            end += 1
        if out and out[-1].end >= end:
            continue  # a second run inside a word already taken
        out.append(Entity(start, end, "NON_LATIN", "PERSON", 0.9, "script"))
    return out


__all__ = ["non_latin_entities", "load_script_allowed", "SCRIPT_ALLOWED_PATH"]
