"""Split review narrative fields into learning points with character offsets.

A field is split, in order of preference, into list items (bullets ``- • * –``, numbers
``1.`` ``1)`` ``(1)``, letters ``a.`` ``a)`` ``(a)``, at line starts or inline), then prose into
sentences; an item holding a semicolon list ("a; b; and c") is split at the semicolons. Every
point keeps ``review_id``, ``source_field``, ``start``/``end`` offsets into that field
(``text == field[start:end]``) and a ``polarity``.

>>> import pandas as pd
>>> df = pd.DataFrame({"review_id": ["r1"], "good_practice": ["- Family involved.\\n- SALT seen."]})
>>> split_learning_points(df)[["lp_id", "text", "start", "end", "polarity"]].values.tolist()
[['r1-good_practice-1', 'Family involved.', 2, 18, 'good_practice'], ['r1-good_practice-2', 'SALT seen.', 21, 31, 'good_practice']]
"""
from __future__ import annotations

import re

import pandas as pd

from ..errors import Errors, InputError

LEARNING_FIELDS: tuple[str, ...] = ("good_practice", "areas_for_improvement", "learning", "recommendations")
FIELD_POLARITY: dict[str, str | None] = {
    "good_practice": "good_practice",
    "areas_for_improvement": "area_for_improvement",
    "recommendations": "recommendation",
    "learning": None,  # inferred from wording
}
SPLIT_COLUMNS = ["lp_id", "review_id", "source_field", "polarity", "start", "end", "text"]

_BULLET = r"[-\u2022*\u2013\u2014\u25aa\u25cf\u2023\u2043>]"
_NUMBER = r"(?:\(?\d{1,2}[.)](?!\d)|\(\d{1,2}\))"
_LETTER = r"(?:\(?[a-hA-H][.)]|\([ivx]{1,4}\)|[ivx]{1,4}\))"
_MARKER = rf"(?:{_BULLET}|{_NUMBER}|{_LETTER})"
# a marker at the start of a line (after optional indentation)
_LINE_ITEM_RE = re.compile(rf"^[ \t]*({_MARKER})[ \t]+(?=\S)", re.MULTILINE)
# an inline enumeration: "... 1. foo 2. bar" / "(a) foo (b) bar"
_INLINE_NUM_RE = re.compile(r"(?:(?<=\s)|^)(\(?\d{1,2}[.)]|\(\d{1,2}\)|\([a-h]\))[ \t]+(?=[A-Za-z])")
_HEADING_RE = re.compile(r"^[^.;!?]{0,80}:\s*$")
_ABBREV = {"dr", "mr", "mrs", "ms", "st", "no", "e.g", "i.e", "etc", "vs", "approx", "prof", "dept",
           "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "fig", "ref"}
_SENT_END_RE = re.compile(r"[.!?]+[\"')\u201d\u2019]*(?=\s+[\"'(\u201c\u2018]?[A-Z0-9])")
_GOOD_RE = re.compile(r"\b(?:good practice|positive(?:ly)?|well done|excellent|commend\w*|praised|"
                      r"example of good|worked well|went well|was good|were good|appropriately|"
                      r"person-centred care was|thorough|compassionate|exemplary)\b", re.IGNORECASE)
_RECOMMEND_RE = re.compile(r"^\s*(?:recommendation\b|it is recommended|we recommend|(?:the )?\w+(?: \w+){0,5} "
                           r"should\b|should\b|must\b|ensure\b|consider\b|review\b|develop\b|"
                           r"introduce\b|provide\b|establish\b|implement\b|all \w+ (?:should|must)\b)",
                           re.IGNORECASE)


def infer_polarity(text: str) -> str:
    """Polarity of a point from the ``learning`` field, from its wording.

    >>> infer_polarity("Staff should complete Oliver McGowan training.")
    'recommendation'
    >>> infer_polarity("The SALT assessment was an example of good practice.")
    'good_practice'
    >>> infer_polarity("There was a delay in referral.")
    'area_for_improvement'
    """
    if _RECOMMEND_RE.search(text or ""):
        return "recommendation"
    if _GOOD_RE.search(text or ""):
        return "good_practice"
    return "area_for_improvement"


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` past whitespace, list glue (";", ",", "and", "or") at either side."""
    while True:
        old = (start, end)
        while start < end and (text[start].isspace() or text[start] in ";,"):
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in ";,"):
            end -= 1
        m = re.match(r"(?:and|or|then)\s+", text[start:end], re.IGNORECASE)
        if m and end - start - m.end() > 0:
            start += m.end()
        m = re.search(r"\s+(?:and|or)$", text[start:end], re.IGNORECASE)
        if m:
            end = start + m.start()
        if (start, end) == old:
            return start, end


_INLINE_HEADING_RE = re.compile(r"(?:[A-Z][\w'()-]*)(?: [\w'()-]+){0,4}:[ \t]+(?=\S)")


def _strip_heading(text: str, start: int, end: int) -> int:
    """Skip a short lead-in heading ("Areas for improvement: ...") at the start of a piece."""
    m = _INLINE_HEADING_RE.match(text, start, end)
    if m and text[m.start():m.end()].split(":")[0].strip().lower() in _ITEM_LABELS:
        return start  # "Recommendation: ..." labels the point itself; keep it
    return m.end() if m and m.end() < end else start


_ITEM_LABELS = {"recommendation", "learning point", "good practice", "area for improvement", "note"}


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, s = [], start
    for m in _SENT_END_RE.finditer(text, start, end):
        word = re.search(r"([\w.]+)$", text[s:m.start()])
        if word and (word.group(1).lower().rstrip(".") in _ABBREV or len(word.group(1)) == 1):
            continue  # "Dr. Smith", "e.g. SALT", initials
        out.append((s, m.end()))
        s = m.end()
    out.append((s, end))
    return out


def _semicolons(text: str, start: int, end: int) -> list[tuple[int, int]]:
    chunk = text[start:end]
    if ";" not in chunk:
        return [(start, end)]
    parts, s = [], start
    for m in re.finditer(";", chunk):
        parts.append((s, start + m.start()))
        s = start + m.end()
    parts.append((s, end))
    # only a list if every part has a few words; otherwise keep the clause together
    if all(len(text[a:b].split()) >= 2 for a, b in parts):
        a, b = parts[-1]
        b = a + len(text[a:b].rstrip())
        if b > a and text[b - 1] == ".":  # "a; b; c." — the full stop closes the list, not item c
            parts[-1] = (a, b - 1)
        return parts
    return [(start, end)]


def _items(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """List items of a block as (start, end, is_item); text before the first item is a preamble."""
    marks = [m for m in _LINE_ITEM_RE.finditer(text, start, end)]
    inline = list(_INLINE_NUM_RE.finditer(text, start, end))
    if len(marks) < 2 and len(inline) >= 2:
        marks = []
    if marks:
        out = []
        if marks[0].start() > start:
            out.append((start, marks[0].start(), False))
        for i, m in enumerate(marks):
            out.append((m.end(), marks[i + 1].start() if i + 1 < len(marks) else end, True))
        return out
    if len(inline) >= 2:
        out = []
        if inline[0].start() > start:
            out.append((start, inline[0].start(), False))
        for i, m in enumerate(inline):
            out.append((m.end(), inline[i + 1].start() if i + 1 < len(inline) else end, True))
        return out
    return [(start, end, False)]


def _load_non_learning() -> tuple[list[re.Pattern], list[re.Pattern]]:
    from pathlib import Path

    ack: list[re.Pattern] = []
    bio: list[re.Pattern] = []
    path = Path(__file__).parent / "data" / "non_learning.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        kind, _, rx = line.partition(" ")
        (ack if kind == "[ack]" else bio).append(re.compile(rx.strip(), re.IGNORECASE))
    return ack, bio


_NON_LEARNING = None
_PROBLEM_RE = re.compile(r"\b(?:not|no|never|without|fail\w*|delay\w*|miss\w*|late|lack\w*|unable|should|must|"
                         r"risk\w*|concern\w*|poor\w*|omit\w*|despite|but|however|although|"
                         r"recommend\w*|ensure|improve\w*|good practice|well)\b", re.IGNORECASE)


def is_learning_point(text: str) -> bool:
    """False for a sentence that is not a learning point: an acknowledgement ("The reviewer thanks
    everyone…") or a pen-portrait fact ("she enjoyed planning her holidays") that names no problem,
    practice or theme cue. Patterns: ``themes/data/non_learning.txt``.

    >>> is_learning_point("The reviewer thanks everyone who took part.")
    False
    >>> is_learning_point("She enjoyed planning her holidays.")
    False
    >>> is_learning_point("She enjoyed her meals but no SALT referral was made after she choked.")
    True
    """
    global _NON_LEARNING
    if _NON_LEARNING is None:
        _NON_LEARNING = _load_non_learning()
    ack, bio = _NON_LEARNING
    if any(rx.search(text) for rx in ack):
        return False
    if any(rx.search(text) for rx in bio):
        if _PROBLEM_RE.search(text):
            return True
        from ._cues import cue_matcher
        from ._negation import tokens_with_offsets

        return bool(list(cue_matcher().match(tokens_with_offsets(text))))
    return True


def split_text(text: str) -> list[tuple[int, int]]:
    """Learning-point spans ``(start, end)`` of one field's text.

    >>> t = "Areas:\\n1. No SALT referral.\\n2) Delayed scan; no bowel chart; poor handover"
    >>> [t[s:e] for s, e in split_text(t)]
    ['No SALT referral.', 'Delayed scan', 'no bowel chart', 'poor handover']
    """
    if not isinstance(text, str) or not text.strip():
        return []
    spans: list[tuple[int, int]] = []
    # blocks: paragraphs separated by blank lines
    pos = 0
    blocks = []
    for m in re.finditer(r"\n[ \t]*\n", text):
        blocks.append((pos, m.start()))
        pos = m.end()
    blocks.append((pos, len(text)))
    for b0, b1 in blocks:
        for s, e, is_item in _items(text, b0, b1):
            s, e = _trim(text, s, e)
            if e <= s:
                continue
            if _HEADING_RE.match(text[s:e]):
                continue  # "Areas for improvement:" introduces a list
            s = _strip_heading(text, s, e)
            if is_item:
                pieces = _semicolons(text, s, e)
            else:
                pieces = []
                for a, b in _sentences(text, s, e):
                    pieces.extend(_semicolons(text, a, b))
            for a, b in pieces:
                a, b = _trim(text, a, b)
                if b > a and re.search(r"[A-Za-z]", text[a:b]):
                    spans.append((a, b))
    return spans


def split_learning_points(reviews: pd.DataFrame, fields=LEARNING_FIELDS, *,
                          id_column: str = "review_id", learning_only: bool = True) -> pd.DataFrame:
    """One row per learning point found in ``fields`` of each review.

    Parameters
    ----------
    reviews : DataFrame with ``id_column`` and any of ``fields`` (missing or empty fields give no points).
    fields : text fields to split; polarity comes from the field (``learning``: from the wording).
    learning_only : leave out sentences that are not learning points (:func:`is_learning_point`:
        acknowledgements, pen-portrait facts naming no problem); ``lp_id`` numbers stay those of
        the full split.

    Returns
    -------
    DataFrame with columns ``lp_id, review_id, source_field, polarity, start, end, text``;
    ``lp_id`` is ``"{review_id}-{field}-{n}"``.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"review_id": ["r9"], "learning": ["GPs should offer health checks."]})
    >>> split_learning_points(df)["polarity"].tolist()
    ['recommendation']
    """
    if id_column not in reviews.columns:
        raise InputError(Errors.E404, line="-", path="reviews",
                         reason=f"no '{id_column}' column (columns: {', '.join(map(str, reviews.columns))})")
    rows = []
    present = [f for f in fields if f in reviews.columns]
    for rec in reviews[[id_column, *present]].itertuples(index=False, name=None):
        rid = str(rec[0])
        for field, text in zip(present, rec[1:]):
            if not isinstance(text, str):
                continue
            for n, (s, e) in enumerate(split_text(text), start=1):
                piece = text[s:e]
                if learning_only and not is_learning_point(piece):
                    continue
                pol = FIELD_POLARITY.get(field, None) or infer_polarity(piece)
                rows.append((f"{rid}-{field}-{n}", rid, field, pol, s, e, piece))
    out = pd.DataFrame(rows, columns=SPLIT_COLUMNS)
    return out.astype({"start": "int64", "end": "int64"})


__all__ = ["split_learning_points", "split_text", "infer_polarity", "is_learning_point", "LEARNING_FIELDS", "FIELD_POLARITY",
           "SPLIT_COLUMNS"]
