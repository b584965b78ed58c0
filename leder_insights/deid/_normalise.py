"""How every recognizer and the NER see a text: one normalised copy with a map back to the original.

Exports and attackers hide identifiers in formatting. Before detection the text is rewritten once:

- Unicode NFKC (full-width digits ``５４９`` read as ``549``, ligatures split);
- zero-width and other invisible format characters (Unicode category Cf, soft hyphen) removed;
- NBSP, thin spaces and tabs read as one space;
- typographic quotes read as ASCII ones, one character each: ``‘ ’ ‚ ‛ ‹ ›`` as ``'`` and
  ``“ ” „ ‟ « »`` as ``"`` (spaCy tokenises ``‘Ann Lee’`` apart from the name and then misses it;
  ``O’Brien`` reads ``O'Brien``);
- every Unicode dash and minus sign (en and em dash, U+2212, figure dash ...) read as ``-`` and
  every middle dot (``·``, ``∙``, ``⋅``) as ``.`` (``713–400–0001`` is the NHS number
  ``713-400-0001`` to every recognizer: word processors and PDF copy-paste type dashes);
- Markdown emphasis around or inside a word removed (``**Ros**alind`` and ``_Ann_`` read
  ``Rosalind`` and ``Ann``); an underscore between two letters stays (``smith_statement.docx``), and
  so does a bullet ``*`` followed by a space;
- HTML tags removed (inline ones such as ``<b>``) or read as a line break (block ones such as
  ``<p>``, ``<td>``), HTML entities (``&nbsp;``, ``&amp;``, ``&#32;``) read as their character;
- a line break inside a sentence (after a lower-case letter, a comma or a title) read as a space;
- a right-to-left override run (U+202E to U+202C) read in display order, its characters
  reversed (``\u202eybneuQ\u202c`` reads ``Quenby``; a span inside it maps to the whole run); the
  other bidi controls are format characters and go;
- leetspeak: a word that mixes letters with 0 1 3 4 5 7 between them and has two lower-case
  letters read with letters (``P3rp3tua Qu3nby`` reads ``Perpetua Quenby``; ``B12``, ``H1N1``,
  ``COVID-19`` stay);
- a letter followed by combining marks (a decomposed, NFD, accent: ``a`` + U+0301) read as the one
  composed letter (``á``), so a name typed that way is one word;
- a word spelt out letter by letter (``J O N A T H A N``, ``P-R-I-Y-A``, ``T a m s i n``,
  ``s i o b h a n``, ``M.a.l.a.c.h.i``: four or more single letters with one space, one hyphen or
  one dot between) read as one word (``JONATHAN``, ``Tamsin``); two to four spaces between two
  spelt words read as one (``T a m s i n   K o w a l c z y k`` is ``Tamsin Kowalczyk``). A word
  spelt in lower case that is not an everyday word is read capitalised (``Siobhan``), one spelt in
  dotted capitals only when it is a listed name (``D.O.R.C.A.S``, not ``R.S.V.P``). Ordinary
  text stays: fewer than four letters (``I a m``, ``p.r.n.``, ``e.g.``, ``J. R.``), letters in
  alphabetical order (``a b c d``), no vowel (``m l b d``) or mixed case within a word.

Every character of the normalised text remembers the original characters it came from, so a span
found in the normalised text maps back to a span of the original text that covers everything it
was made from (:meth:`Normalised.to_original`). Text that needs none of this is returned as is
(``identity``) at the cost of one regex search.

>>> n = normalise("Carer&nbsp;<b>Ann</b>\u200b Lee")
>>> n.text
'Carer Ann Lee'
>>> s = n.text.index("Ann Lee")
>>> n.to_original(s, s + 7)
(14, 26)
"""
from __future__ import annotations

import html
import re
import unicodedata
from array import array
from dataclasses import dataclass
from typing import Optional

from ._wordlists import words

#: inline HTML elements: removed without a trace ("<b>Ann</b>" reads "Ann")
_INLINE_TAGS = words("html_inline_tags")
#: element names read as markup; "<Karen Greaves>" is text the detector must see
_HTML_TAGS = words("html_tags")
_TAG = r"</?([A-Za-z][A-Za-z0-9]{0,9})(?:\s[^<>]{0,400})?/?>"
_ENTITY = r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
_TITLES_BEFORE_BREAK = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sister|Nurse|Rev|Cllr)\.?"
#: Markdown emphasis: ``*`` runs inside a word, ``*``/``_`` runs opening or closing a word
_LETTER = r"[^\W\d_]"
_MARKDOWN = (rf"(?<={_LETTER})\*+(?={_LETTER})|(?<![\w*])(?:\*+|_+)(?={_LETTER})"
             rf"|(?<={_LETTER})(?:\*+|_+)(?![\w*])")
#: combining marks (Unicode category Mn in the common blocks): an accent typed after its letter
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_COMBINED = rf"[^\W\d_][{_MARKS}]+"
#: a word spelt out: single letters with one space, one hyphen or one dot between (see :func:`_spelt`);
#: spaced words follow one another two to four spaces apart; at least one word has four letters
_L = r"[^\W\d_]"
_SPW = rf"{_L}(?: {_L})+"
_SPELT = (rf"(?<![\w'’.@/-])(?:(?:{_SPW}[ ]{{2,4}})*{_L}(?: {_L}){{3,}}(?:[ ]{{2,4}}{_SPW})*"
          rf"|{_L}(?:-{_L}){{3,}}|{_L}(?:\.{_L}){{3,}})(?![\w'’@/-])")
#: one thing to rewrite: a tag, an entity, Markdown emphasis, a tab, a line break, a word in spaced
#: capitals, a letter with combining marks, or any non-ASCII character
#: a right-to-left override run (U+202E ... U+202C, or to the line's end): displayed reversed, so
#: read in display order (attack9 F7: a name typed backwards inside it shows as the name)
_RLO = r"\u202e[^\u202c\n]{1,200}(?:\u202c|(?=\n)|$)"
#: a word that mixes letters with the digits 0 1 3 4 5 7 between them, with two lower-case letters
#: ("P3rp3tua", "Qu1lter"): leetspeak, read with letters (codes "B12", "H1N1", "COVID-19" stay)
#: one digit at a time ("a11d", "the13th" of a PDF's glued text stay), never a cause-of-death line's "1a"
_LEET = r"(?<![\w-])(?=[A-Za-z0-9]*[a-z][A-Za-z0-9]*[a-z])[A-Za-z]+(?:[013457][A-Za-z]+)+(?<!1[a-dA-D])(?![\w-])"
_LEET_TO_LETTER = str.maketrans("013457", "oieast")
_SPECIAL = re.compile(rf"(?P<tag>{_TAG})|(?P<ent>{_ENTITY})|(?P<md>{_MARKDOWN})|(?P<tab>\t)|(?P<nl>\r?\n)"
                      rf"|(?P<sp>{_SPELT})|(?P<comb>{_COMBINED})|(?P<rlo>{_RLO})|(?P<leet>{_LEET})|(?P<u>[^\x00-\x7f])")
_QUICK = re.compile(rf"<[A-Za-z/]|&[#A-Za-z]|\t|\n|[^\x00-\x7f]|{_MARKDOWN}|{_SPELT}|{_LEET}")
_JOIN_BEFORE = re.compile(rf"(?:[a-z,]|\b{_TITLES_BEFORE_BREAK})[ ]*$")
_NEXT_LINE_STARTS_LIST = re.compile(r"[ ]*(?:[-*•·–]|\d{1,2}[.)]|[a-z][.)])\s")


@dataclass(frozen=True)
class Normalised:
    """A normalised text and, per character, the original ``[start, end)`` it came from.

    ``starts``/``ends`` are ``None`` when the text was not changed (``identity``).
    """

    original: str
    text: str
    starts: Optional[array] = None
    ends: Optional[array] = None

    @property
    def identity(self) -> bool:
        return self.starts is None

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original span covering normalised ``[start, end)`` (every character it came from).

        >>> normalise("a\u200bb").to_original(0, 2)
        (0, 3)
        """
        if self.starts is None or self.ends is None:
            return start, end
        if end <= start:
            pos = self.starts[start] if start < len(self.starts) else len(self.original)
            return pos, pos
        return self.starts[start], self.ends[end - 1]


#: characters read as a hyphen besides Unicode's dash punctuation (category Pd): minus signs
_MINUS = "\u2212\u02d7\u2796\u2043"
#: typographic quotes read as ASCII ones (attack10 F3: "advocate ‘Ann Lee’" kept the name)
_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2039\u203a"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u00ab\u00bb"
#: characters read as a dot: middle dots used as separators ("LS6·3QP")
_MIDDLE_DOTS = "\u00b7\u2027\u2219\u22c5\u30fb\uff65"


def _char(ch: str) -> str:
    """The normalised form of one non-ASCII character.

    >>> [_char(c) for c in "\u2013\u2014\u2212\u00b7\u00a0\u2018\u2019\u201c\u00bb"]
    ['-', '-', '-', '.', ' ', "'", "'", '"', '"']
    """
    if ch in "\u00a0\u2007\u202f\u3000" or unicodedata.category(ch) == "Zs":
        return " "
    if ch in _MINUS or unicodedata.category(ch) == "Pd":
        return "-"
    if ch in _MIDDLE_DOTS:
        return "."
    if ch in _SINGLE_QUOTES:
        return "'"
    if ch in _DOUBLE_QUOTES:
        return '"'
    if ch == "\u00ad" or unicodedata.category(ch) == "Cf":
        return ""
    if ch in "\u2028\u2029\x85":
        return "\n"
    out = unicodedata.normalize("NFKC", ch)
    return ch if "\u2044" in out else out  # "9½" stays (NFKC would write "91⁄2")


_VOWELS = frozenset("aeiouyàáâäèéêëìíîïòóôöùúûüýÿ")
_GAPS = re.compile(r"[ ]{2,4}")


def _name_like(low: str) -> bool:
    """A listed forename or surname, or a word of two vowels or more ("rosamund", not "egfr")."""
    from .recognizers.people.name_gazetteer import forenames_wide, name_set

    return low in name_set() or low in forenames_wide() or sum(c in _VOWELS for c in low) >= 2


def _spelt_word(letters: str, dotted: bool) -> Optional[str]:
    """How one spelt word reads, or ``None`` when its letters are not a name's.

    >>> _spelt_word("JONATHAN", False), _spelt_word("Tamsin", False), _spelt_word("siobhan", False)
    ('JONATHAN', 'Tamsin', 'Siobhan')
    >>> _spelt_word("abcd", False), _spelt_word("mlbd", False), _spelt_word("TaMs", False), _spelt_word("RSVP", True)
    (None, None, None, None)
    >>> _spelt_word("DORCAS", True), _spelt_word("sure", False), _spelt_word("egfr", False)
    ('DORCAS', None, None)
    """
    low = letters.lower()
    if letters.isupper():  # "R.S.V.P" is an abbreviation, "D.O.R.C.A.S" a name
        return letters if not dotted or _name_like(low) else None
    if not (letters.islower() or (letters[0].isupper() and letters[1:].islower())):
        return None
    if not any(c in _VOWELS for c in low) or all(c in _VOWELS for c in low):
        return None
    if all(ord(b) - ord(a) == 1 for a, b in zip(low, low[1:])):  # "a b c d": a list, not a word
        return None
    if letters.islower():  # "siobhan" reads "Siobhan"; "sure", "egfr" (one vowel) stay as typed
        from ._case import everyday_words

        return low.capitalize() if _name_like(low) and low not in everyday_words() else None
    return letters


def _spelt(group: str, at: int) -> list[tuple[str, int, int]]:
    """What a spelt-out match reads as: ``(text, start, end)`` pieces in original offsets (a joined
    word's letters each map to themselves, a gap to the gap); a word that does not read as a name
    (:func:`_spelt_word`) stays exactly as typed.

    >>> [p for p, _, _ in _spelt("T a m s i n   K o w a l", 0)]
    ['T', 'a', 'm', 's', 'i', 'n', ' ', 'K', 'o', 'w', 'a', 'l']
    >>> "".join(p for p, _, _ in _spelt("a b c d", 0))
    'a b c d'
    """
    dotted = "." in group
    words = []
    pos = 0
    for g in list(_GAPS.finditer(group)) + [None]:
        end = g.start() if g is not None else len(group)
        words.append((pos, end))
        pos = g.end() if g is not None else pos
    out: list[tuple[str, int, int]] = []
    joined_before = False
    for k, (s, e) in enumerate(words):
        letters = group[s:e:2]
        read = _spelt_word(letters, dotted) if len(letters) >= 2 else None
        if k > 0:
            gap_start = words[k - 1][1]
            if read is not None and joined_before:
                out.append((" ", at + gap_start, at + s))
            else:
                out.extend((group[i], at + i, at + i + 1) for i in range(gap_start, s))
        if read is None:
            out.extend((_char(c) if not c.isascii() else c, at + i, at + i + 1)
                       for i, c in zip(range(s, e), group[s:e]))
        else:
            out.extend((_char(c) if not c.isascii() else c, at + s + 2 * j, at + s + 2 * j + 1)
                       for j, c in enumerate(read))
        joined_before = read is not None
    return out


def normalise(text: str) -> Normalised:
    """Normalise ``text`` for detection (see the module docstring).

    >>> n = normalise("NHS\u00a0no ９４３\u200b476 5919")
    >>> n.text
    'NHS no 943476 5919'
    >>> n.to_original(7, 18)
    (7, 19)
    """
    if not _QUICK.search(text):
        return Normalised(text, text)
    pieces: list[str] = []
    starts = array("i")
    ends = array("i")
    pos = 0
    out_len = 0

    def emit(s: str, a: int, b: int) -> None:
        nonlocal out_len
        if not s:
            return
        pieces.append(s)
        starts.extend([a] * len(s))
        ends.extend([b] * len(s))
        out_len += len(s)

    for m in _SPECIAL.finditer(text):
        a, b = m.span()
        if a > pos:  # unchanged characters map one to one
            pieces.append(text[pos:a])
            starts.extend(range(pos, a))
            ends.extend(range(pos + 1, a + 1))
            out_len += a - pos
        kind = m.lastgroup
        if kind == "tag":
            name = m.group(2).lower() if m.group(2) else ""
            if name not in _HTML_TAGS:  # not markup ("<Karen Greaves>"): kept as text, one to one
                pieces.append(text[a:b])
                starts.extend(range(a, b))
                ends.extend(range(a + 1, b + 1))
                out_len += b - a
            elif name not in _INLINE_TAGS:
                emit("\n", a, b)
        elif kind == "ent":
            val = html.unescape(m.group())
            if val == m.group():
                emit(val, a, b)
            else:
                emit("".join(_char(c) if not c.isascii() else c for c in val), a, b)
        elif kind == "md":
            pass  # removed without a trace, like an inline tag
        elif kind == "tab":
            emit(" ", a, b)
        elif kind == "sp":  # "J O N A T H A N": each letter maps to itself, the gaps go
            for piece, x, y in _spelt(m.group(), a):
                emit(piece, x, y)
        elif kind == "comb":  # "a" + U+0301: one composed letter for the whole sequence
            emit("".join(_char(c) if not c.isascii() else c
                         for c in unicodedata.normalize("NFC", m.group())), a, b)
        elif kind == "rlo":  # every character of the run maps to the whole run (fail closed)
            inner = m.group().strip("\u202e\u202c")
            emit("".join(_char(c) if not c.isascii() else c for c in reversed(inner)), a, b)
        elif kind == "leet":  # same length: each character maps to itself
            for k, c in enumerate(m.group().translate(_LEET_TO_LETTER)):
                emit(c, a + k, a + k + 1)
        elif kind == "nl":
            prev = "".join(pieces[-3:])[-12:]
            after = text[b:b + 8]
            if (_JOIN_BEFORE.search(prev) and after[:1] not in ("\n", "\r", "")
                    and not _NEXT_LINE_STARTS_LIST.match(after)):
                emit(" ", a, b)
            else:
                emit("\n", a, b)
        else:
            emit(_char(m.group()), a, b)
        pos = b
    if pos < len(text):
        pieces.append(text[pos:])
        starts.extend(range(pos, len(text)))
        ends.extend(range(pos + 1, len(text) + 1))
    new = "".join(pieces)
    if new == text:
        return Normalised(text, text)
    return Normalised(text, new, starts, ends)


__all__ = ["Normalised", "normalise"]
