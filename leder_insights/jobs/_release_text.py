"""Text rules of a release (national profile) applied after de-identification, before the gate.

Shifting dates by a keyed per-review offset protects them only while no true date in the text
is known. The attacker's F2 recovered the offset from dates anchored by their name or by a
public record, and then un-shifted the date of birth. So a release:

* masks every **date of birth** (a date after "DOB", "date of birth", "born"): ``[DATE_OF_BIRTH]``
  -- never shifted, so the gap from birth to death cannot give the exact age;
* masks **named days** that pin a date (Christmas Day, Boxing Day, New Year's Day/Eve, Easter,
  Good Friday, bank holidays, Bonfire Night, birthdays ...): ``[NAMED_DAY]``;
* masks dates that a **public listing** gives away (after "inquest", "hearing", "court",
  "coroner", "funeral"): ``[DATE]``.

>>> text, adjust = release_text("DOB 3/9/42. On 17/07/2020 (Christmas Day) admitted.")
>>> text
'DOB [DATE_OF_BIRTH]. On 17/07/2020 ([NAMED_DAY]) admitted.'
>>> adjust([(4, 10), (15, 25)])   # the de-identifier's spans, moved with the text
[(24, 34)]
"""
from __future__ import annotations

import re

_MONTHS = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
           r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_DATE = (rf"(?:\d{{1,2}}[/.\-]\d{{1,2}}[/.\-](?:\d{{4}}|\d{{2}})\b|\d{{4}}-\d{{2}}-\d{{2}}\b"
         rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}\.?,?\s+\d{{2,4}}\b"
         rf"|{_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b|{_MONTHS}\.?,?\s+\d{{4}}\b"
         rf"|\d{{8}}\b|\d{{6}}\b|(?:19|20)\d{{2}}\b)")
_DOB = re.compile(
    rf"(?i:\bD\.?\s?O\.?\s?B\b\.?|\bdate\s+of\s+birth|\bborn(?:\s+on)?)"
    rf"(?:\s*(?:was|is|of|:|-|\(|,)\s*){{0,2}}\s*(?P<date>(?i:{_DATE}))")
_NAMED_DAY = re.compile(
    r"(?i)\b(?:Christmas(?:\s+(?:Day|Eve))?|Xmas(?:\s+(?:Day|Eve))?|Boxing\s+Day|"
    r"New\s+Year(?:'|\u2019)?s?(?:\s+(?:Day|Eve))?|Hogmanay|Easter(?:\s+(?:Sunday|Monday|Day|weekend))?|"
    r"Good\s+Friday|Shrove\s+Tuesday|Pancake\s+Day|(?:early\s+May|late\s+May|spring|summer|August|May)\s+"
    r"bank\s+holiday(?:\s+Monday)?|bank\s+holiday(?:\s+(?:Monday|weekend))?|"
    r"Bonfire\s+Night|Guy\s+Fawkes(?:\s+Night)?|Remembrance\s+(?:Sunday|Day)|Armistice\s+Day|"
    r"Valentine(?:'|\u2019)?s\s+Day|Hallowe(?:')?en|Mother(?:'|\u2019)?s\s+Day|Father(?:'|\u2019)?s\s+Day|"
    r"Mothering\s+Sunday|Eid(?:\s+al-\w+)?|Diwali|Ramadan|Hanukkah|Yom\s+Kippur|"
    r"(?:\d{1,3}(?:st|nd|rd|th)\s+)?birthday)\b")
_PUBLIC = re.compile(
    rf"(?i:\b(?:inquest|hearing|court|coroner(?:'s)?|funeral|cremation|burial|PFD\s+report)\b)"
    rf"[^.\n]{{0,40}}?(?P<date>(?i:{_DATE}))")


def _replacements(text: str) -> list[tuple[int, int, str]]:
    found = []
    for m in _DOB.finditer(text):
        found.append((m.start("date"), m.end("date"), "[DATE_OF_BIRTH]"))
    for m in _NAMED_DAY.finditer(text):
        found.append((m.start(), m.end(), "[NAMED_DAY]"))
    for m in _PUBLIC.finditer(text):
        found.append((m.start("date"), m.end("date"), "[DATE]"))
    found.sort(key=lambda r: (r[0], -(r[1] - r[0])))
    out: list[tuple[int, int, str]] = []
    for r in found:
        if out and r[0] < out[-1][1]:
            continue
        out.append(r)
    return out


def release_text(text):
    """``(text, adjust)``: the text with the release's masks, and a function moving the
    de-identifier's replacement spans with it (spans inside a mask are dropped)."""
    if not isinstance(text, str) or not text:
        return text, lambda spans: list(spans)
    reps = _replacements(text)
    if not reps:
        return text, lambda spans: list(spans)
    pieces, last = [], 0
    for s, e, new in reps:
        pieces += [text[last:s], new]
        last = e
    pieces.append(text[last:])

    def adjust(spans):
        out = []
        for a, b in spans:
            delta, inside = 0, False
            for s, e, new in reps:
                if a < e and s < b:
                    inside = True
                    break
                if e <= a:
                    delta += len(new) - (e - s)
            if not inside:
                out.append((a + delta, b + delta))
        return out

    return "".join(pieces), adjust


def release_texts(df, text_columns, spans: dict | None = None, id_column: str = "review_id"):
    """Apply :func:`release_text` to ``text_columns`` of ``df``; returns ``(df, spans)`` with the
    ``{(id, column): spans}`` of the de-identifier moved to match."""
    df = df.copy()
    spans = dict(spans or {})
    for col in text_columns:
        if col not in df.columns:
            continue
        new = []
        for rid, value in zip(df[id_column], df[col]):
            text, adjust = release_text(value)
            new.append(text)
            if (rid, col) in spans:
                spans[(rid, col)] = adjust(spans[(rid, col)])
        df[col] = new
    return df, spans


__all__ = ["release_text", "release_texts"]
