"""Compile a pattern so that the regex engine skips, in C, every position where no match can start.

Python's ``re`` tries a pattern at every position of the text unless the pattern starts with a
literal or a character class. Ours mostly start with ``\\b``, a look-ahead (``(?!The\\b)``) or a
group of alternatives, so each of about 100 patterns ran its opcode interpreter at every
character. :func:`compile_skipping` works out the set of characters a match can begin with (the
first character the pattern consumes, looking through anchors, look-arounds, groups, optional
parts and alternatives) and puts it in the info block of the compiled pattern, where the engine's
search loop uses it to jump from one candidate position to the next (the same block ``re`` fills
itself for ``[A-Z]\\w+``). The pattern's own code is unchanged, so the matches are the same; only
positions where no match could start are no longer tried.

This reads the private ``re._parser``/``re._compiler`` of CPython 3.11-3.12; anything unexpected
(another version, a pattern that can match empty text, a first character that is "anything")
falls back to ``re.compile``.

>>> rx = compile_skipping(r"\\b(?!The\\b)[A-Z][a-z]+\\s+Hospital")
>>> [m.group() for m in rx.finditer("the Oak Hospital and The Hospital")]
['Oak Hospital']
>>> first_chars(r"\\b(?:Dr|Mr)\\s+\\d")
'DM'
"""
from __future__ import annotations

import re
import sys
from typing import Optional

try:  # CPython's own pattern parser and compiler (private; checked below)
    import _sre
    from re import _compiler as _rc, _constants as _C, _parser as _rp  # type: ignore[attr-defined]
    _AVAILABLE = sys.version_info[:2] in ((3, 11), (3, 12)) and hasattr(_rc, "_compile_info")
except ImportError:  # pragma: no cover - other Python implementations
    _AVAILABLE = False

#: characters outside ASCII that ``re.IGNORECASE`` matches with an ASCII letter (İ ı ſ K);
#: a test checks this against every code point
IGNORECASE_EXTRA = (0x130, 0x131, 0x17F, 0x212A)


def _first(items, icase: bool) -> tuple[Optional[list], bool]:
    """The characters (``re`` charset items, both cases where ``icase``) a sequence can consume
    first, and whether it can consume nothing. ``None``: any character, or a construct this does
    not read."""
    out: list = []
    for op, av in items:
        if op in (_C.AT, _C.ASSERT, _C.ASSERT_NOT):
            continue  # zero-width: the first character comes after it
        if op is _C.LITERAL or op is _C.IN:
            got = [(op, av)] if op is _C.LITERAL else list(av)
            if any(o is _C.NEGATE for o, _ in got):
                return None, False
            if icase:
                closed = _case_closed(got)
                if closed is None:
                    return None, False
                got = closed
            out.extend(got)
            return out, False
        sub_icase = icase
        if op is _C.SUBPATTERN:
            _, add, dele, sub = av
            if (add | dele) & _C.SRE_FLAG_LOCALE:
                return None, False
            sub_icase = bool(add & _C.SRE_FLAG_IGNORECASE) or (icase and not dele & _C.SRE_FLAG_IGNORECASE)
            inner = [sub.data]
        elif op is _C.ATOMIC_GROUP:
            inner = [av.data]
        elif op is _C.BRANCH:
            inner = [alt.data for alt in av[1]]
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
            inner = [av[2].data]
        else:
            return None, False  # any character, a back-reference, a conditional group
        nullable = False
        for data in inner:
            found, empty = _first(data, sub_icase)
            if found is None:
                return None, False
            out.extend(found)
            nullable = nullable or empty
        if op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT) and av[0] == 0:
            nullable = True
        if not nullable:
            return out, False
    return out, True


def _case_closed(items: list) -> Optional[list]:
    """``items`` with the other case of every ASCII letter (for ``re.IGNORECASE``), or ``None``
    when a cased character outside ASCII is among them."""
    out = list(items)
    letters = False
    for op, av in items:
        if op is _C.LITERAL:
            chars = [chr(av)]
        elif op is _C.RANGE:
            chars = [chr(c) for c in range(av[0], av[1] + 1)]
        else:  # a category (\w, \d, \s) is closed under case already
            continue
        for ch in chars:
            if ch.lower() == ch.upper():
                continue
            if not ch.isascii():
                return None
            letters = True
            out.extend((_C.LITERAL, ord(c)) for c in (ch.lower(), ch.upper()))
    if letters:
        out.extend((_C.LITERAL, c) for c in IGNORECASE_EXTRA)
    return out


def _start_set(pattern: str, flags: int):
    """(parsed pattern, charset of first characters) or ``None`` when nothing is gained."""
    parsed = _rp.parse(pattern, flags)
    all_flags = parsed.state.flags | flags
    if all_flags & _C.SRE_FLAG_LOCALE or parsed.getwidth()[0] == 0:
        return None
    if _rc._get_literal_prefix(parsed, all_flags)[0] or _rc._get_charset_prefix(parsed, all_flags):
        return None  # re does it already
    first, nullable = _first(parsed.data, bool(all_flags & _C.SRE_FLAG_IGNORECASE))
    if not first or nullable:
        return None
    return parsed, first


def first_chars(pattern: str, flags: int = 0) -> Optional[str]:
    """The literal characters a match of ``pattern`` can begin with (for tests and reading;
    ranges and classes are left out), or ``None`` when every position must be tried."""
    got = _start_set(pattern, flags) if _AVAILABLE else None
    if got is None:
        return None
    return "".join(sorted({chr(av) for op, av in got[1] if op is _C.LITERAL}))


def compile_skipping(pattern: str, flags: int = 0) -> re.Pattern:
    """``re.compile(pattern, flags)`` whose search skips positions where no match can start."""
    if not _AVAILABLE:
        return re.compile(pattern, flags)
    got = _start_set(pattern, flags)
    if got is None:
        return re.compile(pattern, flags)
    parsed, first = got
    all_flags = parsed.state.flags | flags
    proxy = _rp.SubPattern(parsed.state, [(_C.IN, first)])
    proxy.width = parsed.getwidth()  # type: ignore[attr-defined]  # the info block's min/max width
    code: list = []
    _rc._compile_info(code, proxy, all_flags & ~_C.SRE_FLAG_IGNORECASE)
    _rc._compile(code, parsed.data, all_flags)
    code.append(_C.SUCCESS)
    groupindex = parsed.state.groupdict
    indexgroup: list = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return _sre.compile(pattern, all_flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup))


__all__ = ["compile_skipping", "first_chars", "IGNORECASE_EXTRA"]
