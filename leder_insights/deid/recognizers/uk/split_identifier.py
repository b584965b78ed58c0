"""Identifiers written in pieces with words between: ``His NHS number begins 241 592 and the
last four digits (0665)``, ``The family mobile, 07700 900 then 461``, ``NI number QQ 12 34 then
56 C``, ``The postcode M14 (then 5RD)`` (attacker 7's F1). Every piece is masked, so no reader can
join them again.

After a label of a kind (``conf/split_identifiers.yaml``: NHS number, phone, NI number, postcode)
every piece that follows in the same sentence is taken, until the kind's length is reached: ten
digits for an NHS number (pieces short of ten are masked too: part of an NHS number narrows the
person), 10 or 11 digits from a dialling code for a phone (fewer, or a total that jumps past 11,
is not a phone), two letters, six digits and a suffix letter for an NI number, an outward then an
inward code for a postcode. A digit group before a unit or count word ("3 times", "2 days") or
inside a date is not a piece.

>>> r = SplitIdentifierRecognizer()
>>> t = "His NHS number begins 241 592 and the last four digits (0665) were wrong."
>>> [t[x.start:x.end] for x in r.analyze(t, ["UK_NHS"])]
['241 592', '0665']
>>> t = "The family mobile, 07700 900 then 461, was not called back."
>>> [t[x.start:x.end] for x in r.analyze(t, ["UK_PHONE"])]
['07700 900', '461']
>>> t = "NI number QQ 12 34 then 56 C was wrong; the postcode M14 (then 5RD) too."
>>> [(t[x.start:x.end], x.entity_type) for x in r.analyze(t, ["UK_NINO", "UK_POSTCODE"])]
[('QQ', 'UK_NINO'), ('12 34', 'UK_NINO'), ('56', 'UK_NINO'), ('C', 'UK_NINO'), ('M14', 'UK_POSTCODE'), ('5RD', 'UK_POSTCODE')]
>>> r.analyze("His NHS number was checked 3 times. Call the ward at 0930 or 1400.", ["UK_NHS", "UK_PHONE"])
[]
"""
from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import List, Optional

from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult

from .... import registry
from ..._wordlists import read_lists, word_alternation

SPLIT_PATH = Path(__file__).resolve().parents[2] / "conf" / "split_identifiers.yaml"

#: a run of digit groups joined by one separator ("241 592", "603-470", "0665")
_DIGIT_RUN = re.compile(r"(?<![\w.,/\\-])\d+(?:[ .\-/]\d+)*(?![\w]|[.,/\\-]\d)")
#: a date a run may be part of: "12/03/2020", "3 May", "May 3"
_DATE_RUN = re.compile(r"^\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}$")
_MONTH = (r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b")
_MONTH_AFTER = re.compile(rf"\s*(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}", re.I)
_MONTH_BEFORE = re.compile(rf"{_MONTH}\s*$")
#: a sentence ends at . ! ? ; before a space or the end (not after "no", "tel", "mob", "ph" or
#: inside "..."), or at a blank line
_STOP = re.compile(r"(?<!\.)[.!?;](?!\.)(?=\s|$)|\n[ \t]*\n")
_ABBREV = re.compile(r"(?i)(?:\b(?:no|nos|tel|mob|ph|ref|approx|dr|mr|mrs|ms|st|e\.g|i\.e|c\.f|n\.h\.s|n\.i))$")
_NI_PREFIX = re.compile(r"(?<![A-Za-z\d])[A-Z]{2}(?=\d|(?![A-Za-z]))")
_NI_SUFFIX = re.compile(r"(?<![A-Za-z\d])[A-D](?![A-Za-z\d])")
_OUTWARD = r"[A-Z]{1,2}\d[A-Z\d]?"
_INWARD = re.compile(r"(?<![A-Za-z\d])\d[ABD-HJLNP-UW-Z]{2}(?![A-Za-z\d])")


@functools.lru_cache(maxsize=1)
def split_kinds() -> dict:
    """The parsed ``conf/split_identifiers.yaml`` (``max_chars``, ``not_before``, ``kinds``)."""
    return read_lists(SPLIT_PATH, ("max_chars", "not_before", "kinds"))


@functools.lru_cache(maxsize=8)
def label_pattern(kind: str) -> re.Pattern:
    """The labels of ``kind`` as one case-insensitive pattern (whole words).

    >>> bool(label_pattern("nhs").search("her NHS no. began 943")), bool(label_pattern("nhs").search("NHS 111"))
    (True, False)
    """
    labels = split_kinds()["kinds"][kind]["labels"]
    return re.compile(rf"(?i)(?<![\w.])(?:{word_alternation(labels)})(?![\w])")


@functools.lru_cache(maxsize=1)
def _not_before() -> re.Pattern:
    words = split_kinds()["not_before"]
    return re.compile(rf"\s*(?:{word_alternation(words)})(?![\w])", re.I)


def sentence_end(text: str, start: int) -> int:
    """Where the sentence that ``start`` is in ends (at most ``max_chars`` after ``start``).

    >>> t = "NHS no. was 943 476. Next 5919"
    >>> t[:sentence_end(t, 3)]
    'NHS no. was 943 476'
    """
    limit = min(len(text), start + int(split_kinds()["max_chars"]))
    for m in _STOP.finditer(text, start, limit):
        if m.group().startswith(".") and _ABBREV.search(text, max(0, m.start() - 6), m.start()):
            continue
        return m.start()
    return limit


def digit_pieces(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """``(start, end, digits)`` of the digit runs between ``start`` and ``end`` that may be pieces
    of a number: not before a unit or count word, not part of a date."""
    out = []
    for m in _DIGIT_RUN.finditer(text, start, end):
        run = m.group()
        if _not_before().match(text, m.end()) or _DATE_RUN.match(run):
            continue
        if len(run) <= 2 and _MONTH_AFTER.match(text, m.end()):
            continue  # "4 May"
        if (len(run) <= 2 or re.fullmatch(r"(?:19|20)\d\d", run)) and \
                _MONTH_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue  # "May 4", "May 2022"
        out.append((m.start(), m.end(), re.sub(r"\D", "", run)))
    return out


def _counted(pieces, want: int, least: int) -> list[tuple[int, int]]:
    """The pieces up to the one that brings the digits to ``want`` (a piece that would pass it ends
    the run); ``[]`` when fewer than ``least`` digits were found."""
    out, n = [], 0
    for s, e, digits in pieces:
        if n + len(digits) > want:
            break
        out.append((s, e))
        n += len(digits)
        if n == want:
            break
    return out if n >= least else []


def _nhs(text: str, a: int, b: int, spec: dict) -> list[tuple[int, int]]:
    return _counted(digit_pieces(text, a, b), int(spec["digits"]), 1)


def _phone(text: str, a: int, b: int, spec: dict) -> list[tuple[int, int]]:
    pieces = digit_pieces(text, a, b)
    first = re.compile(spec["first_piece"])
    # a plus sign before the first group is part of it ("+44")
    for i, (s, _, digits) in enumerate(pieces):
        if first.match(digits) or first.match(text[s - 1:s] + digits):
            return _counted(pieces[i:], int(spec["digits"]), int(spec.get("min_digits", spec["digits"])))
    return []


def _ni(text: str, a: int, b: int, spec: dict) -> list[tuple[int, int]]:
    pre = _NI_PREFIX.search(text, a, b)
    if pre is None:
        return []
    want = int(spec["digits"])
    pieces = []
    glued = re.match(r"\d+", text[pre.end():b])  # digits glued to the prefix ("QQ12 34 ...")
    if glued:
        pieces.append((pre.end(), pre.end() + glued.end()))
        want -= len(glued.group())
    pieces += _counted(digit_pieces(text, pre.end() + (glued.end() if glued else 0), b), max(want, 0), 0)
    if not pieces:
        return []
    out = [(pre.start(), pre.end())] + pieces
    suffix = _NI_SUFFIX.search(text, pieces[-1][1], min(b, pieces[-1][1] + 40))
    if suffix and re.fullmatch(spec["suffix"], suffix.group()):
        out.append((suffix.start(), suffix.end()))
    return out


def _postcode(text: str, a: int, b: int, spec: dict) -> list[tuple[int, int]]:
    out = re.compile(rf"(?<![A-Za-z\d]){_OUTWARD}(?![A-Za-z\d])").search(text, a, b)
    if out is None:
        return []
    inward = _INWARD.search(text, out.end(), b)
    return [(out.start(), out.end())] + ([(inward.start(), inward.end())] if inward else [])


_READERS = {"nhs": _nhs, "phone": _phone, "ni": _ni, "postcode": _postcode}


@functools.lru_cache(maxsize=1)
def _area_start() -> re.Pattern:
    words = split_kinds()["kinds"]["postcode"]["area_words"]
    return re.compile(rf"(?<![A-Za-z\d])(?={_OUTWARD}\s+(?i:{word_alternation(words)})\b)")


def split_identifier_spans(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, kind)`` of every piece of a split identifier in ``text``.

    >>> t = "He lived in the M14 area, street code 5RD."
    >>> [(t[s:e], k) for s, e, k in split_identifier_spans(t)]
    [('M14', 'postcode'), ('5RD', 'postcode')]
    """
    found: dict[tuple[int, int], str] = {}
    for kind, spec in split_kinds()["kinds"].items():
        starts = [m.end() for m in label_pattern(kind).finditer(text)]
        if kind == "postcode":
            starts += [m.start() for m in _area_start().finditer(text)]
        for a in starts:
            b = sentence_end(text, a)
            for s, e in _READERS[kind](text, a, b, spec):
                found.setdefault((s, e), kind)
    return sorted((s, e, k) for (s, e), k in found.items())


@registry.recognizers.register("uk_split_identifier")
class SplitIdentifierRecognizer(LocalRecognizer):
    """Every piece of an NHS, phone, NI number or postcode written in pieces after its label."""

    ENTITIES = {"nhs": "UK_NHS", "phone": "UK_PHONE", "ni": "UK_NINO", "postcode": "UK_POSTCODE"}
    SCORE = 0.6

    def __init__(self, supported_language: str = "en", name: Optional[str] = None):
        super().__init__(supported_entities=sorted(set(self.ENTITIES.values())),
                         supported_language=supported_language, name=name or "uk_split_identifier")

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: List[str], nlp_artifacts=None) -> List[RecognizerResult]:
        out = []
        kinds = split_kinds()["kinds"]
        for s, e, kind in split_identifier_spans(text):
            entity = str(kinds[kind].get("entity", self.ENTITIES[kind]))
            if entity not in entities:
                continue
            why = AnalysisExplanation(recognizer=self.name, original_score=self.SCORE)
            out.append(RecognizerResult(entity, s, e, self.SCORE, analysis_explanation=why,
                                        recognition_metadata={
                                            RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                                            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id}))
        return out


__all__ = ["SplitIdentifierRecognizer", "split_identifier_spans", "split_kinds", "label_pattern",
           "sentence_end", "digit_pieces"]
