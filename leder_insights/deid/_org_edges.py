"""Edges of organisation spans: a name's tail left outside (``Oakby Air Ambulance [Charity]``,
``Elm House [Approved Premises]``; ``conf/org_tails.txt``) and a local service named after its
town, found only as the town (``[Oakby] Recovery Service``; ``conf/place_service_heads.txt``).

>>> t = "helped by the Oakby Air Ambulance Charity and Oakby Recovery Service."
>>> a, b = t.index("Oakby Air"), t.index("Oakby Rec")
>>> es = [Entity(a, a + 19, "ORGANIZATION", "ORGANIZATION", 0.6, "x"), Entity(b, b + 5, "LOCATION", "LOCATION", 0.5, "x")]
>>> [(t[e.start:e.end], e.category) for e in complete_org_edges(t, es)]
[('Oakby Air Ambulance Charity', 'ORGANIZATION'), ('Oakby Recovery Service', 'ORGANIZATION')]
>>> t = "left Oakby Royal Infirmary's Clinical Decisions Unit at noon"
>>> [t[e.start:e.end] for e in complete_org_edges(t, [Entity(5, 52, "HOSPITAL", "ORGANIZATION", 0.6, "x")])]
['Oakby Royal Infirmary']
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

from ._entities import Entity

_CONF = Path(__file__).parent / "conf"


def _lines(name: str) -> list[str]:
    return [ln.strip() for ln in (_CONF / name).read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.startswith("#")]


@functools.lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    tails = sorted(_lines("org_tails.txt"), key=lambda w: (-len(w), w))
    heads = sorted(_lines("place_service_heads.txt"), key=lambda w: (-len(w), w))
    tail_rx = re.compile(r"[ \u00a0]+(?:" + "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in tails) + r")\b")
    # one to three capitalised words ("and"/"&" between them), the last a service head
    head_rx = re.compile(r"[ \u00a0]+(?:[A-Z][a-z]+[ \u00a0]+(?:(?:and|&)[ \u00a0]+)?){1,3}?(?:"
                         + "|".join(map(re.escape, heads)) + r")\b")
    return tail_rx, head_rx


#: "Oakby Royal Infirmary's Acute Assessment Unit": a possessive after an organisation's head word
_POSSESSIVE_AFTER_HEAD = re.compile(r"\b(?:Hospital|Hospitals|Infirmary|Trust|Council|Hospice|Prison|Practice|"
                                    r"Surgery|College|University)['’]s\s")


#: a named ward's number before the hospital's name: "[Elm 2], Oakby Hospital"
_UNIT_NUMBER = re.compile(r"[ \u00a0]\d{1,2}[A-Z]?(?=,\s+[A-Z])")


def complete_org_edges(text: str, entities: list[Entity]) -> list[Entity]:
    """Organisation spans grown over a listed tail; a place before a named service becomes the
    service; a span that runs on past ``Hospital's`` ends there (the unit after it is generic); a
    one-word unit takes in its number before a comma and a name (``[Elm 2], Oakby Hospital``).
    ``entities`` are sorted and do not overlap; a span never grows into its neighbour."""
    if not any(e.category in ("ORGANIZATION", "LOCATION") for e in entities):
        return entities
    tail_rx, head_rx = _patterns()
    out = list(entities)
    for i, e in enumerate(out):
        hi = out[i + 1].start if i + 1 < len(out) else len(text)
        if e.category == "ORGANIZATION":
            cut = _POSSESSIVE_AFTER_HEAD.search(text, e.start, e.end)
            if cut:
                e = out[i] = Entity(e.start, cut.end() - 3, e.entity_type, e.category, e.score, e.source)
            m = tail_rx.match(text, e.end)
            if m and m.end() <= hi:
                e = out[i] = Entity(e.start, m.end(), e.entity_type, e.category, e.score, e.source)
            n = _UNIT_NUMBER.match(text, e.end)
            if n and n.end() <= hi and " " not in text[e.start:e.end]:
                out[i] = Entity(e.start, n.end(), e.entity_type, e.category, e.score, e.source)
        elif e.category == "LOCATION" and " " not in text[e.start:e.end].strip():
            m = head_rx.match(text, e.end)
            if m and m.end() <= hi:
                out[i] = Entity(e.start, m.end(), "ORGANIZATION", "ORGANIZATION", e.score, e.source)
    return out


#: words left out of an organisation's short form ("Oakby University Hospitals NHS Foundation Trust" -> OUH)
_FORM_WORDS = frozenset({"NHS", "Foundation", "Trust", "The"})


def org_acronyms(name: str) -> list[str]:
    """Short forms of a found organisation's name, made of its capitalised words' initials (three
    letters or more, none on the allow-list's acronyms): the same body written short elsewhere.

    >>> org_acronyms("Oakby Keynes University Hospital"), org_acronyms("Oakby University Hospitals NHS Foundation Trust")
    (['OKUH'], ['OUHNFT', 'OUH'])
    >>> org_acronyms("Oakby Council"), org_acronyms("Royal College of Nursing")  # RCN is on the allow-list
    ([], [])
    """
    from ._allow_list import load_allow_list

    words = re.findall(r"\b[A-Z][\w'’]*", name)
    out = []
    for ws in (words, [w for w in words if w not in _FORM_WORDS]):
        short = "".join(w[0] for w in ws)
        if len(short) >= 3 and short not in out and not load_allow_list().is_allowed_text(short):
            out.append(short)
    return out


__all__ = ["complete_org_edges", "org_acronyms"]
