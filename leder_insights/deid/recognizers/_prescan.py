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
import warnings
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
    """``re.compile(pattern, flags)`` whose search skips positions where no match can start, and
    whose single-character repeats do not give back what no continuation can use
    (:func:`_possessive_seq`), and whose case-insensitive alternatives are skipped on their first
    letter (:func:`_guarded_branches`).

    >>> rx = compile_skipping(r"\\b[a-z]+\\s+(?:at|on)\\s+\\d+")
    >>> [m.group() for m in rx.finditer("seen at 10 and on 11")]
    ['seen at 10', 'and on 11']
    """
    if not _AVAILABLE:
        return re.compile(pattern, flags)
    got = _start_set(pattern, flags)
    parsed = got[0] if got is not None else _rp.parse(pattern, flags)
    all_flags = parsed.state.flags | flags
    icase = bool(all_flags & _C.SRE_FLAG_IGNORECASE)
    data, changed = _possessive_seq(list(parsed.data), (_END, True), icase)
    data, guarded = _guarded_branches(data, icase, parsed.state)
    data, factored = _factored_branches(data, icase, parsed.state)
    if got is None and not changed and not guarded and not factored:
        return re.compile(pattern, flags)
    code: list = []
    if got is not None:
        proxy = _rp.SubPattern(parsed.state, [(_C.IN, got[1])])
        proxy.width = parsed.getwidth()  # type: ignore[attr-defined]  # the info block's min/max width
        _rc._compile_info(code, proxy, all_flags & ~_C.SRE_FLAG_IGNORECASE)
    else:
        _rc._compile_info(code, parsed, all_flags)
    _rc._compile(code, data, all_flags)
    code.append(_C.SUCCESS)
    groupindex = parsed.state.groupdict
    indexgroup: list = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return _sre.compile(pattern, all_flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup))


# -- possessive single-character repeats -------------------------------------------------------
# ``[\w+-]*`` followed by ``\s*[(\[]`` gives back its characters one by one when the rest fails,
# and tries the rest again after each: work that cannot succeed, since the rest must first consume
# a character ``[\w+-]`` matched. When the characters that can come next are disjoint from those
# the repeat takes, the repeat is made possessive (``[\w+-]*+``), as PCRE does for its patterns
# ("auto-possessification"); a successful match takes the longest run anyway, so the matches and
# groups are the same.

#: the end of the pattern: nothing more is consumed
_END: list = []


def _cat(code: int, cat) -> bool:
    ch = chr(code)
    if cat is _C.CATEGORY_WORD:
        return ch.isalnum() or ch == "_"
    if cat is _C.CATEGORY_NOT_WORD:
        return not (ch.isalnum() or ch == "_")
    if cat is _C.CATEGORY_DIGIT:
        return ch.isdecimal()
    if cat is _C.CATEGORY_NOT_DIGIT:
        return not ch.isdecimal()
    if cat is _C.CATEGORY_SPACE:
        return ch.isspace()
    if cat is _C.CATEGORY_NOT_SPACE:
        return not ch.isspace()
    raise _Unreadable  # line-break categories and the like


def _contains(items: list, code: int) -> bool:
    """Whether the charset ``items`` (``re`` parse items, maybe starting with NEGATE) holds ``code``."""
    negate = False
    hit = False
    for op, av in items:
        if op is _C.NEGATE:
            negate = True
        elif op is _C.LITERAL:
            hit = hit or av == code
        elif op is _C.RANGE:
            hit = hit or av[0] <= code <= av[1]
        elif op is _C.CATEGORY:
            hit = hit or _cat(code, av)
        else:
            raise _Unreadable
    return hit != negate


#: one character of each kind a category can tell apart (a letter, a digit, a space, another),
#: none of them ASCII, so that they stand for every character no literal or range names
_KINDS = ("\u4e00", "\u0663", "\u2003", "\u2e3a")


def _disjoint(first: list, then: list) -> bool:
    """Whether no character is in both charsets. Characters named by a literal or range are
    checked one by one; any other character is in a set or not according to its categories
    only, so one character of each kind (:data:`_KINDS`, named by neither) stands for the rest."""
    named: set = set()
    for items in (first, then):
        for op, av in items:
            if op is _C.LITERAL:
                named.add(av)
            elif op is _C.RANGE:
                if av[1] - av[0] > 4096:
                    raise _Unreadable
                named.update(range(av[0], av[1] + 1))
    kinds = set(map(ord, _KINDS))
    if named & kinds:
        raise _Unreadable
    return not any(_contains(first, c) and _contains(then, c) for c in named | kinds)


def _single(sub, icase: bool) -> Optional[list]:
    """The charset of a repeat's body when it is one character (literal or class), else ``None``."""
    data = list(sub.data)
    if len(data) != 1:
        return None
    op, av = data[0]
    if op is _C.LITERAL:
        items = [(op, av)]
    elif op is _C.NOT_LITERAL:
        items = [(_C.NEGATE, None), (_C.LITERAL, av)]
    elif op is _C.IN:
        items = list(av)
    else:
        return None
    if icase:
        negate = items[:1] == [(_C.NEGATE, None)]
        closed = _case_closed([it for it in items if it[0] is not _C.NEGATE])
        if closed is None or negate:
            return None  # a negated class under IGNORECASE: not read
        items = closed
    return items


def _then(items: list, follow: tuple, icase: bool) -> tuple:
    """What ``items`` followed by ``follow`` can consume first: (charset or None, nullable)."""
    first, nullable = _first(items, icase)
    if first is None:
        return None, False
    if not nullable:
        return first, False
    if follow[0] is None:
        return None, False
    return first + follow[0], follow[1]


def _possessive_seq(items: list, follow: tuple, icase: bool) -> tuple[list, bool]:
    """``items`` with possessive single-character repeats where that cannot change a match;
    ``follow``: what comes after them (charset or None, whether the pattern can end there)."""
    out = list(items)
    changed = False
    cont = follow
    for i in range(len(out) - 1, -1, -1):
        op, av = out[i]
        if op is _C.MAX_REPEAT:
            lo, hi, sub = av
            chars = _single(sub, icase)
            if chars is not None:
                try:
                    safe = cont[0] is not None and not cont[1] and _disjoint(chars, cont[0])
                except _Unreadable:
                    safe = False
                if safe:
                    out[i] = (_C.POSSESSIVE_REPEAT, av)
                    changed = True
            else:
                body_first, _ = _first(list(sub.data), icase)
                inner = (None, False) if body_first is None or cont[0] is None else (body_first + cont[0], cont[1])
                data, did = _possessive_seq(list(sub.data), inner, icase)
                if did:
                    out[i] = (op, (lo, hi, _rp.SubPattern(sub.state, data)))
                    changed = True
        elif op is _C.SUBPATTERN:
            group, add, dele, sub = av
            if not (add | dele) & _C.SRE_FLAG_LOCALE:
                sub_icase = bool(add & _C.SRE_FLAG_IGNORECASE) or (icase and not dele & _C.SRE_FLAG_IGNORECASE)
                data, did = _possessive_seq(list(sub.data), cont, sub_icase)
                if did:
                    out[i] = (op, (group, add, dele, _rp.SubPattern(sub.state, data)))
                    changed = True
        elif op is _C.BRANCH:
            alts = []
            did_any = False
            for alt in av[1]:
                data, did = _possessive_seq(list(alt.data), cont, icase)
                alts.append(_rp.SubPattern(alt.state, data) if did else alt)
                did_any = did_any or did
            if did_any:
                out[i] = (op, (av[0], alts))
                changed = True
        cont = _then([(op, av)], cont, icase)
    return out, changed


# -- case-insensitive alternatives checked on their first letter ------------------------------------
# ``re`` tries the alternatives of ``(?:mother|father|...)`` one after the other, but skips at once
# one whose first operation is a case-sensitive literal or class that the next character fails.
# Under IGNORECASE a literal is compiled to a case-folding operation, which gets no such check, so
# all eighty role words of ``(?i:\b(?:mother|...))`` were entered at every word start. The first
# letter of each alternative is rewritten as the case-sensitive class of exactly the characters it
# matches ignoring case (``m`` -> ``[mM]``, ``k`` -> ``[kK\u212a]``): the same matches.

def _letter_class(code: int) -> Optional[list]:
    """The characters an ASCII letter matches under ``re.IGNORECASE``, as charset items."""
    ch = chr(code)
    if not (ch.isascii() and ch.isalpha()):
        return None
    chars = {ch.lower(), ch.upper()} | {chr(x) for x in IGNORECASE_EXTRA
                                         if re.fullmatch(ch, chr(x), re.IGNORECASE)}
    return [(_C.LITERAL, ord(c)) for c in sorted(chars)]


def _walk_branches(items: list, icase: bool, state, on_branch) -> tuple[list, bool]:
    """``items`` with every branch, however deep in groups and repeats, rewritten by
    ``on_branch(av, icase, state)`` (the branch's new argument, or ``None`` to keep it); whether
    anything changed. ``icase`` follows the scoped flags of the groups on the way down."""
    out = list(items)
    changed = False
    for i, (op, av) in enumerate(out):
        new: Optional[tuple] = None
        if op is _C.SUBPATTERN:
            group, add, dele, sub = av
            if not (add | dele) & _C.SRE_FLAG_LOCALE:
                sub_icase = bool(add & _C.SRE_FLAG_IGNORECASE) or (icase and not dele & _C.SRE_FLAG_IGNORECASE)
                data, did = _walk_branches(list(sub.data), sub_icase, state, on_branch)
                if did:
                    new = (op, (group, add, dele, _rp.SubPattern(state, data)))
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
            data, did = _walk_branches(list(av[2].data), icase, state, on_branch)
            if did:
                new = (op, (av[0], av[1], _rp.SubPattern(state, data)))
        elif op is _C.BRANCH:
            branch = on_branch(av, icase, state)
            if branch is not None:
                new = (op, branch)
        if new is not None:
            out[i] = new
            changed = True
    return out, changed


def _guard_alternatives(av, icase: bool, state) -> Optional[tuple]:
    """A branch whose case-insensitive alternatives start with their first letter's exact class
    (:func:`_guard_first`), inner branches too; ``None`` when nothing changed."""
    alts = []
    did_any = False
    for alt in av[1]:
        data, did = _walk_branches(list(alt.data), icase, state, _guard_alternatives)
        guarded = _guard_first(data, icase, state)
        if guarded is not data:
            data, did = guarded, True
        alts.append(_rp.SubPattern(state, data) if did else alt)
        did_any = did_any or did
    return (av[0], alts) if did_any else None


def _guarded_branches(items: list, icase: bool, state) -> tuple[list, bool]:
    """``items`` with the first letter of every case-insensitive alternative written as an
    exact case-sensitive class (see above); whether anything changed."""
    return _walk_branches(items, icase, state, _guard_alternatives)



# -- alternatives grouped by their first character ------------------------------------------------
# With its first letter checked, each of the ~150 label words of ``(?i:(?:account|address|...))``
# still costs one charset test at every word start. Alternatives whose first character tests are
# exact and pairwise equal or disjoint are grouped by that test, in the order each test first
# appears: ``(?:ab|cd|ae)`` -> ``(?:a(?:b|e)|cd)``, and the same again inside each group. At a
# given position only the group whose test the character passes can match, and its alternatives
# keep their order, so the match tried first, the match found and its groups are the same.

def _exact_first(item, icase: bool) -> Optional[frozenset]:
    """The exact set of characters the one-character test ``item`` accepts (a case-sensitive
    literal or class of literals and ranges, an uncased literal, a first-letter guard of
    :func:`_guarded_branches`), or ``None``."""
    op, av = item
    if op is _C.SUBPATTERN:
        group, add, dele, sub = av
        if group is not None or add or len(sub.data) != 1:
            return None
        icase = icase and not dele & _C.SRE_FLAG_IGNORECASE
        op, av = sub.data[0]
    if op is _C.LITERAL:
        if icase and _sre.unicode_iscased(av):
            return None
        return frozenset((av,))
    if op is _C.IN and not icase:
        codes: set = set()
        for iop, iav in av:
            if iop is _C.LITERAL:
                codes.add(iav)
            elif iop is _C.RANGE and iav[1] - iav[0] <= 4096:
                codes.update(range(iav[0], iav[1] + 1))
            else:
                return None
        return frozenset(codes)
    return None


def _factor_branch(av, icase: bool, state) -> Optional[tuple]:
    """A branch with its alternatives grouped by their first character (inner branches too, by
    :func:`_factor_alternatives`); ``None`` when nothing changed."""
    alts, did = _factor_alternatives([list(alt.data) for alt in av[1]], icase, state)
    return (av[0], [_rp.SubPattern(state, a) for a in alts]) if did else None


def _factored_branches(items: list, icase: bool, state) -> tuple[list, bool]:
    """``items`` with the alternatives of each branch grouped by their first character (see
    above), recursively; whether anything changed."""
    return _walk_branches(items, icase, state, _factor_branch)


def _guard_first(items: list, icase: bool, state) -> list:
    """``items`` with a first case-insensitive letter written as its exact class (the same list
    when there is none to write)."""
    if icase and items and items[0][0] is _C.LITERAL:
        letters = _letter_class(items[0][1])
        if letters is not None:
            guard = (_C.SUBPATTERN, (None, 0, _C.SRE_FLAG_IGNORECASE, _rp.SubPattern(state, [(_C.IN, letters)])))
            return [guard] + items[1:]
    return items


def _factor_alternatives(alts: list, icase: bool, state) -> tuple[list, bool]:
    """The alternatives (lists of items) of one branch, grouped by first character (see above)."""
    firsts = [_exact_first(a[0], icase) if a else None for a in alts]
    sets = {f for f in firsts if f is not None}
    changed = False
    if len(sets) < sum(f is not None for f in firsts) and all(
            a == b or a.isdisjoint(b) for a in sets for b in sets):
        # an alternative with no exact test may be passed over only by disjoint tests: keep it in
        # place and group within the runs of exact ones between such alternatives
        grouped: list = []
        run: dict = {}

        def flush() -> None:
            for members in run.values():
                if len(members) == 1:
                    grouped.append(members[0])
                    continue
                inner = [_guard_first(m[1:], icase, state) for m in members]
                grouped.append([members[0][0], (_C.BRANCH, (None, [_rp.SubPattern(state, r) for r in inner]))])
            run.clear()

        for alt, first in zip(alts, firsts):
            if first is None:
                flush()
                grouped.append(alt)
            else:
                run.setdefault(first, []).append(alt)
        flush()
        if len(grouped) < len(alts):
            alts, changed = grouped, True
    out = []
    for alt in alts:
        data, did = _factored_branches(alt, icase, state)
        out.append(data)
        changed = changed or did
    return out, changed


# -- literals every match contains -------------------------------------------------------------
#: how many strings a finite part of a pattern may stand for before it is no longer spelled out
_LITERAL_LIMIT = 64
def fold(text: str) -> str:
    """``text`` lower-cased, with İ ı ſ read as i i s: under IGNORECASE, ``re`` and ``regex``
    match an ASCII letter only with characters that fold to it (a test checks both engines).

    >>> fold("WARD ſeven, Kİ")
    'ward seven, ki'
    """
    if text.isascii():
        return text.lower()
    return text.replace("İ", "i").replace("ı", "i").replace("ſ", "s").lower()


class _Unreadable(Exception):
    """A construct whose literals this module does not trust (no check is made)."""


def _useful(strings) -> bool:
    return bool(strings) and "" not in strings


def _minimal(strings: set) -> set:
    """Without the strings that contain another one of the set (``{"dr", "dr."}`` -> ``{"dr"}``)."""
    return {s for s in strings if not any(o != s and o in s for o in strings)}


def _strength(strings) -> tuple:
    return min(map(len, strings)), -len(strings)


class _Literals:
    """Reads a parse tree: for each part, the finite set of strings it can consume (``None`` if
    unbounded) and sets of strings one of which every match of it contains."""

    def __init__(self, regex_module: bool):
        self.regex_module = regex_module

    def char(self, code: int, icase: bool) -> Optional[str]:
        ch = chr(code)
        if self.regex_module and ch in "{}":
            raise _Unreadable  # the regex module reads braces as fuzzy-matching constraints
        if not ch.isascii() and (icase or ch.lower() != ch or ch.upper() != ch):
            return None  # outside ASCII: only uncased characters, matched as they are
        return ch.lower()

    def seq(self, items, icase: bool) -> tuple[Optional[set], list]:
        run: set = {""}
        needed: list = []
        bounded = True
        for op, av in items:
            exact, req = self.node(op, av, icase)
            needed.extend(req)
            if exact is not None and len(run) * len(exact) <= _LITERAL_LIMIT:
                run = {a + b for a in run for b in exact}
                continue
            needed.append(run)
            run = exact if exact is not None else {""}
            bounded = False
        needed.append(run)
        return (run if bounded else None), [s for s in needed if _useful(s)]

    def node(self, op, av, icase: bool) -> tuple[Optional[set], list]:
        if op is _C.LITERAL:
            ch = self.char(av, icase)
            return ({ch} if ch is not None else None), []
        if op is _C.AT or op is _C.ASSERT_NOT:
            return {""}, []  # zero-width
        if op is _C.IN:
            chars = set()
            for iop, iav in av:
                if iop is _C.LITERAL:
                    codes = [iav]
                elif iop is _C.RANGE and iav[1] - iav[0] < 10:
                    codes = list(range(iav[0], iav[1] + 1))
                else:  # a negation, a category, a wide range
                    return None, []
                for code in codes:
                    ch = self.char(code, icase)
                    if ch is None:
                        return None, []
                    chars.add(ch)
            return chars, []
        if op is _C.BRANCH:
            exacts, bests = [], []
            for alt in av[1]:
                exact, req = self.seq(alt.data, icase)
                exacts.append(exact)
                good = req + ([exact] if _useful(exact) else [])
                bests.append(max(good, key=_strength) if good else None)
            union: Optional[set] = None
            if all(e is not None for e in exacts):
                union = set().union(*[e for e in exacts if e is not None])
                union = union if len(union) <= _LITERAL_LIMIT else None
            if any(b is None for b in bests):
                return union, []
            return union, [set().union(*[b for b in bests if b is not None])]
        if op is _C.SUBPATTERN:
            _, add, dele, sub = av
            if (add | dele) & _C.SRE_FLAG_LOCALE:
                raise _Unreadable
            return self.seq(sub.data, bool(add & _C.SRE_FLAG_IGNORECASE) or
                            (icase and not dele & _C.SRE_FLAG_IGNORECASE))
        if op is _C.ATOMIC_GROUP:
            return self.seq(av.data, icase)
        if op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
            lo, hi, sub = av
            exact, req = self.seq(sub.data, icase)
            if lo == 0:
                return ((exact | {""}) if hi == 1 and exact is not None else None), []
            if lo == hi == 1:
                return exact, req
            return None, req + ([exact] if _useful(exact) else [])
        if op is _C.ASSERT:  # a look-ahead or look-behind that must hold: its text is there too
            exact, req = self.seq(av[1].data, icase)
            return {""}, req + ([exact] if _useful(exact) else [])
        return None, []  # any character, a category, a back-reference, a conditional group


def required_literals(pattern: str, flags: int = 0, *, regex_module: bool = False,
                      most: int = 2) -> tuple[tuple[str, ...], ...]:
    """Sets of strings (:func:`fold`-ed) such that every match of ``pattern``, look-arounds
    included, contains one string of each set: a text whose folded form lacks every string of
    one set cannot match, and need not be scanned. ``()`` when nothing useful is known.

    At most ``most`` sets are kept, the longest strings first; sets holding a single letter,
    digit, space or dot are dropped (almost every text has them). ``regex_module``: the pattern
    is compiled by the ``regex`` module (braces may be fuzzy constraints there: no sets).

    >>> required_literals(r"\\b(?:in|of)\\s+(?:his|her)\\s+(?P<ent>\\d+)(?i:\\s*years)", most=3)
    (('years',), ('her', 'his'), ('in', 'of'))
    >>> required_literals(r"\\bDr\\.?\\s+[A-Z]\\w+")
    (('dr',),)
    >>> required_literals(r"(?<!\\w)\\d{3}\\s?\\d{3}")
    ()
    """
    if not _AVAILABLE:
        return ()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # "possible nested set" and the like: read otherwise
            parsed = _rp.parse(pattern, flags)
        all_flags = parsed.state.flags | flags
        if all_flags & (_C.SRE_FLAG_LOCALE | _C.SRE_FLAG_ASCII):
            return ()
        _, needed = _Literals(regex_module).seq(parsed.data, bool(all_flags & _C.SRE_FLAG_IGNORECASE))
    except (_Unreadable, re.error, Warning, RecursionError):
        return ()
    out: list = []
    for strings in sorted(map(_minimal, needed), key=_strength, reverse=True):
        key = tuple(sorted(strings))
        if key in out or any(len(s) == 1 and (s.isalnum() or s in " ." or s.isspace()) for s in key):
            continue
        out.append(key)
    return tuple(out[:most])


class Needed:
    """:func:`required_literals` of a pattern, ready to check against many texts.

    >>> n = Needed(required_literals(r"\\b(?:her|his)\\s+(?:sister|brother)\\b"))
    >>> n.found_in(fold("Seen with HIS BROTHER.")), n.found_in(fold("His friend."))
    (True, False)
    """

    __slots__ = ("sets",)

    def __init__(self, sets: tuple[tuple[str, ...], ...]):
        self.sets = sets

    def __bool__(self) -> bool:
        return bool(self.sets)

    def found_in(self, folded: str) -> bool:
        """Whether the :func:`fold`-ed text holds a string of every set (else no match is possible).
        Plain loops: this runs for every pattern on every text."""
        for strings in self.sets:
            for s in strings:
                if s in folded:
                    break
            else:
                return False
        return True


class LiteralIndex:
    """Which of many strings occur in a text, found in one pass instead of one ``in`` test each.

    ``folded`` strings are looked for in :func:`fold` of the text, ``raw`` ones in the text as it
    is. One regex (the strings as a trie, in a look-ahead, so that every position is read) finds
    the longest string that starts at each position; the strings that are prefixes of it start
    there too, so :meth:`present` returns exactly the strings the text contains.

    >>> idx = LiteralIndex(folded=["his", "hist", "sister", "ward"], raw=["Dr", "Dr."])
    >>> raw, folded = idx.present("Dr Lee saw HIS sister.")
    >>> sorted(raw), sorted(folded)
    (['Dr'], ['his', 'sister'])
    """

    def __init__(self, folded=(), raw=()):
        self.folded = frozenset(folded)
        self.raw = frozenset(raw)
        self._folded = _one_pass(self.folded)
        self._raw = _one_pass(self.raw)

    def present(self, text: str) -> tuple[frozenset, frozenset]:
        """(raw strings in ``text``, folded strings in ``fold(text)``)."""
        return (_found(self._raw, text) if self._raw else frozenset(),
                _found(self._folded, fold(text)) if self._folded else frozenset())


def _one_pass(strings: frozenset):
    """A look-ahead regex of ``strings`` as a trie (the longest first) and, for each string, the
    strings that are prefixes of it (itself included); ``None`` for no strings."""
    strings = frozenset(s for s in strings if s)
    if not strings:
        return None
    trie: dict = {}
    for word in strings:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body  # greedy: a longer string first

    prefixes = {w: frozenset(w[:i] for i in range(1, len(w) + 1) if w[:i] in strings) for w in strings}
    return re.compile(f"(?=({emit(trie)}))"), prefixes


def _found(compiled, text: str) -> frozenset:
    rx, prefixes = compiled
    found = set(rx.findall(text))
    if not found:
        return frozenset()
    return frozenset().union(*[prefixes[w] for w in found])


__all__ = ["compile_skipping", "first_chars", "fold", "required_literals", "Needed", "LiteralIndex",
           "IGNORECASE_EXTRA"]
