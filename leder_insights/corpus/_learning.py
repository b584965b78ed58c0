"""Compose learning points from the clause bank and write them as lists or prose.

A learning point is one or more clauses in a frame ("It was noted that ..."); its themes are the
union of its clauses' themes. Negated and near-miss clauses carry their true (possibly empty)
label. Each item is written into the field with its gold span recorded.

>>> import random
>>> from leder_insights.corpus._text import TextBuilder
>>> b = TextBuilder()
>>> items = [("Staff knew {him} well", ("staff_training",), "positive")]
>>> write_items(b, items, "bullets", "good_practice", {"him": "him"}, random.Random(0))
>>> b.items[0].text
'Staff knew him well.'
"""
from __future__ import annotations

import random
from typing import Mapping, Sequence

from . import _bank as K
from ._text import Item, Slot, TextBuilder, expand, fill, lower_first, upper_first

#: (template, themes, cue)
Draft = tuple[str, tuple[str, ...], str]

KIND_OF_POLARITY = {"area_for_improvement": "aif", "good_practice": "gp", "recommendation": "rec"}


def _entry(entry) -> tuple[str, tuple[str, ...]]:
    if isinstance(entry, tuple):
        return entry[0], tuple(entry[1])
    return entry, ()


def _clause(rng: random.Random, theme: str, kind: str, reject=None) -> tuple[str, tuple[str, ...]]:
    for _ in range(10):
        tmpl, extra = _entry(rng.choice(K.BANK[theme][kind]))
        if reject is None or not reject(tmpl):
            break
    return expand(tmpl, rng), tuple(dict.fromkeys((theme,) + extra))


def _join(rng: random.Random, clauses: Sequence[str], kind: str) -> str:
    conns = [" and ", " and also ", ", and "] if kind == "rec" else [
        " and ", ", and ", " and also ", ", in addition ", ", and moreover "]
    picked = rng.sample(conns, len(clauses) - 1)  # no connector twice in one item
    out = clauses[0]
    for conn, c in zip(picked, clauses[1:]):
        out += conn + lower_first(c)
    return out


def _frame(rng: random.Random, frames: Sequence[str], clause: str) -> str:
    frame = expand(rng.choice(frames), rng)
    return (frame.replace("{c}", upper_first(clause)).replace("{lc}", lower_first(clause))).rstrip(".")


def _rec(rng: random.Random, vp: str) -> str:
    subj = "{org}" if rng.random() < 0.15 else rng.choice(K.REC_SUBJECTS)
    frame = expand(rng.choice(K.REC_FRAMES), rng).rstrip(".")
    vp = lower_first(vp)
    return frame.replace("{S}", subj[:1].upper() + subj[1:]).replace("{s}", subj).replace("{vp}", vp)


def draft(rng: random.Random, polarity: str, themes: Sequence[str], cue: str, reject=None) -> Draft:
    """One learning point of ``polarity`` about ``themes`` (1-3) with the given ``cue``.

    ``reject(template)`` may veto clauses that would contradict the review (tried up to 10 times).
    ``cue`` is ``positive`` (clauses of the themes), ``negated`` (a theme is negated; any
    further themes are positive), ``near_miss`` (a distractor labelled with its true themes)
    or ``none`` (no theme at all).
    """
    kind = KIND_OF_POLARITY[polarity]
    if cue == "none":
        tmpl = expand(rng.choice(K.NONE_CLAUSES), rng)
        return upper_first(tmpl), (), "none"
    if cue == "negated":
        neg = expand(rng.choice(K.BANK[themes[0]]["neg"]), rng)
        rest = [_clause(rng, t, kind if kind != "rec" else "aif", reject) for t in themes[1:]]
        if rest and len(rest[0][1]) <= 3:
            conn = rng.choice([", but ", ", however ", " although "])
            if kind == "gp":
                conn = rng.choice([" and ", ", and "])
            text = upper_first(neg) + conn + lower_first(rest[0][0])
            labels = rest[0][1]
        else:
            text = _frame(rng, K.NEG_FRAMES, neg)
            labels = ()
        return text, labels, "negated"
    if cue == "near_miss":
        tmpl, labels = _entry(rng.choice(K.BANK[themes[0]]["near"]))
        return _frame(rng, K.NEAR_FRAMES, expand(tmpl, rng)), tuple(labels), "near_miss"
    parts: list[tuple[str, tuple[str, ...]]] = []
    labels = ()
    for t in themes:  # at most 3 themes per learning point
        c, ts = _clause(rng, t, kind, reject)
        merged = tuple(dict.fromkeys(labels + ts))
        if parts and len(merged) > 3:
            break
        parts.append((c, ts))
        labels = merged
    joined = _join(rng, [c for c, _ in parts], kind)
    if kind == "rec":
        return _rec(rng, joined), labels, "positive"
    frames = K.AIF_FRAMES if kind == "aif" else K.GP_FRAMES
    return _frame(rng, frames, joined), labels, "positive"


LIST_STYLES = ("bullets_dash", "bullets_dot", "numbered_dot", "numbered_paren", "semicolon", "prose")


def write_items(b: TextBuilder, items: Sequence[Draft], style: str, polarity: str,
                slots: Mapping[str, Slot], rng: random.Random, header: str = "",
                polarities: Sequence[str] | None = None) -> None:
    """Write drafted items into ``b`` in a list ``style``, recording each item's span."""
    if not items:
        return
    style = {"bullets": "bullets_dash", "numbered": "numbered_dot"}.get(style, style)
    if header:
        b.add(header + ("\n" if style not in ("semicolon", "prose") else " "))
    for i, (tmpl, labels, cue) in enumerate(items):
        pol = polarities[i] if polarities else polarity
        end = "."
        if style == "bullets_dash":
            b.add("- ")
        elif style == "bullets_dot":
            b.add("• ")
        elif style == "numbered_dot":
            b.add(f"{i + 1}. ")
        elif style == "numbered_paren":
            b.add(f"{i + 1}) ")
        elif style == "semicolon":
            end = ""
            if i > 0:
                b.add("; ")
                tmpl = lower_first(tmpl)
        elif style == "prose" and i > 0:
            b.add("\n\n" if rng.random() < 0.15 else " ")
        if style.startswith("bullets") and rng.random() < 0.2:
            end = ""
        sb = TextBuilder()
        sb.start_lower = style == "semicolon" and i > 0
        fill(sb, tmpl, slots)
        sb.add(end)
        start = len(b)
        text = sb.text()
        b.extend(sb)
        b.items.append(Item(start, start + len(text), text, pol, tuple(labels), cue))
        if style in ("bullets_dash", "bullets_dot", "numbered_dot", "numbered_paren") and i < len(items) - 1:
            b.add("\n")
    if style == "semicolon":
        b.add(".")


__all__ = ["draft", "write_items", "LIST_STYLES", "Draft"]
