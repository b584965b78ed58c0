"""Span-level and token-level evaluation of detected identifiers against gold spans.

Rules (type-agnostic: any prediction may cover any gold span, because a leak is a leak):

* **entity recall** — a gold entity is *found* when at least ``coverage`` (default 90%) of its
  non-space characters are covered by the union of predicted spans;
* **entity precision** — a prediction is *correct* when at least ``coverage`` of its non-space
  characters lie inside the union of gold spans;
* per category, recall is grouped by the gold category and precision by the predicted category;
* **token level** — tokens (``\\w+`` runs) overlapping a gold span vs overlapping a prediction;
* F2 weighs recall twice as much as precision: ``5PR / (4P + R)``.

:func:`predict_documents` produces the predictions as de-identification does: the fields of one
document (ids ``DOC:field``) are analysed together, so a value found in one field is also marked
where it recurs undetected in another.

>>> gold = [{"id": "a", "text": "Seen by Dr Patel on 16.11.22.",
...          "entities": [{"start": 11, "end": 16, "category": "PERSON"},
...                       {"start": 20, "end": 28, "category": "DATE"}]}]
>>> pred = [[{"start": 11, "end": 16, "category": "PERSON"}, {"start": 0, "end": 4, "category": "PERSON"}]]
>>> m = evaluate_spans(gold, pred)
>>> m["entity"]["recall"], m["entity"]["precision"]
(0.5, 0.5)
"""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Any, Iterable, Mapping, Sequence

from ..schema import ENTITY_CATEGORIES

_TOKEN = re.compile(r"\w+")


def _as_span(e: Any) -> tuple[int, int, str]:
    if isinstance(e, Mapping):
        return int(e["start"]), int(e["end"]), str(e.get("category") or e.get("entity_type") or "?")
    return int(e.start), int(e.end), str(e.category)


def _covered(spans: Iterable[tuple[int, int, str]], n: int) -> bytearray:
    cov = bytearray(n)
    for s, e, _ in spans:
        cov[max(s, 0):min(e, n)] = b"\x01" * (min(e, n) - max(s, 0))
    return cov


def _fraction(start: int, end: int, cov: bytearray, text: str) -> float:
    idx = [i for i in range(start, min(end, len(text))) if not text[i].isspace()]
    if not idx:
        return 1.0
    return sum(cov[i] for i in idx) / len(idx)


def _prf(tp_gold: int, n_gold: int, tp_pred: int, n_pred: int) -> dict:
    r = tp_gold / n_gold if n_gold else 1.0
    p = tp_pred / n_pred if n_pred else 1.0
    f2 = 5 * p * r / (4 * p + r) if (p + r) else 0.0
    return {"recall": round(r, 4), "precision": round(p, 4), "f2": round(f2, 4), "n_gold": n_gold,
            "found": tp_gold, "n_pred": n_pred, "correct": tp_pred}


def _hint(s: str) -> str:
    """A masked hint: first character, then the shape (letters x, digits 9)."""
    if not s:
        return ""
    shape = re.sub(r"[A-Za-z]", "x", re.sub(r"\d", "9", s[1:]))
    return s[0] + shape if not s[0].isdigit() else "9" + shape


def evaluate_spans(gold: Sequence[Mapping], predicted: Sequence | Mapping, coverage: float = 0.9,
                   show_text: bool = False, max_listed: int = 200) -> dict:
    """Compare predicted spans with gold spans (see module docstring for the rules).

    Parameters
    ----------
    gold : sequence of dict
        ``{"id", "text", "entities": [{"start", "end", "category"}]}`` per document.
    predicted : sequence or mapping
        Per document (same order as ``gold``) or keyed by document id: a list of
        :class:`~leder_insights.deid.Entity` or dicts with ``start``, ``end``, ``category``.
    coverage : float
        Fraction of non-space characters that must be covered (0.9).
    show_text : bool
        Put the raw text of misses/false positives in the listing (local development only);
        otherwise only a masked hint.

    Returns
    -------
    dict
        ``entity`` and ``token`` metrics (recall, precision, f2, counts), ``per_category``,
        ``misses`` and ``false_positives`` listings, ``n_docs``, ``coverage``.
    """
    if isinstance(predicted, Mapping):
        preds = [predicted.get(str(g.get("id")), []) for g in gold]
    else:
        preds = list(predicted)
        if len(preds) != len(gold):
            raise ValueError(f"{len(gold)} gold documents but {len(preds)} predicted")
    ent = [0, 0, 0, 0]
    tok = [0, 0, 0, 0]  # tp_gold, n_gold, tp_pred, n_pred
    cat_gold: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    cat_pred: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses: list[dict] = []
    fps: list[dict] = []
    for g, p in zip(gold, preds):
        text = g.get("text") or ""
        n = len(text)
        gs = [_as_span(e) for e in g.get("entities") or []]
        ps = [_as_span(e) for e in p or []]
        gcov, pcov = _covered(gs, n), _covered(ps, n)
        for s, e, c in gs:
            f = _fraction(s, e, pcov, text)
            ok = f >= coverage
            ent[0] += ok
            ent[1] += 1
            cat_gold[c][0] += ok
            cat_gold[c][1] += 1
            if not ok and len(misses) < max_listed:
                misses.append({"id": g.get("id"), "category": c, "start": s, "end": e,
                               "covered": round(f, 2),
                               "text" if show_text else "hint": text[s:e] if show_text else _hint(text[s:e])})
        for s, e, c in ps:
            f = _fraction(s, e, gcov, text)
            ok = f >= coverage
            ent[2] += ok
            ent[3] += 1
            cat_pred[c][0] += ok
            cat_pred[c][1] += 1
            if not ok and len(fps) < max_listed:
                fps.append({"id": g.get("id"), "category": c, "start": s, "end": e, "inside_gold": round(f, 2),
                            "text" if show_text else "hint": text[s:e] if show_text else _hint(text[s:e])})
        for m in _TOKEN.finditer(text):
            a, b = m.span()
            in_gold = any(gcov[a:b])
            in_pred = any(pcov[a:b])
            tok[1] += in_gold
            tok[3] += in_pred
            tok[0] += in_gold and in_pred
            tok[2] += in_gold and in_pred
    per_cat = {}
    for c in list(ENTITY_CATEGORIES) + sorted(set(cat_gold) | set(cat_pred) - set(ENTITY_CATEGORIES)):
        if c in cat_gold or c in cat_pred:
            per_cat[c] = _prf(cat_gold[c][0], cat_gold[c][1], cat_pred[c][0], cat_pred[c][1])
    return {"n_docs": len(gold), "coverage": coverage, "entity": _prf(*ent), "token": _prf(*tok),
            "per_category": per_cat, "misses": misses, "false_positives": fps}


def format_report(metrics: dict) -> str:
    """A plain-text table of the metrics (what ``deid evaluate`` prints)."""
    lines = [f"documents: {metrics['n_docs']}   coverage rule: >= {metrics['coverage']:.0%} of characters",
             f"{'level':<14}{'recall':>8}{'precision':>11}{'F2':>8}{'gold':>8}{'pred':>8}"]
    for name in ("entity", "token"):
        m = metrics[name]
        lines.append(f"{name:<14}{m['recall']:>8.4f}{m['precision']:>11.4f}{m['f2']:>8.4f}"
                     f"{m['n_gold']:>8}{m['n_pred']:>8}")
    lines.append("per category (recall by gold category, precision by predicted category):")
    for c, m in metrics["per_category"].items():
        lines.append(f"  {c:<12}{m['recall']:>8.4f}{m['precision']:>11.4f}{m['f2']:>8.4f}"
                     f"{m['n_gold']:>8}{m['n_pred']:>8}")
    return "\n".join(lines)


def predict_documents(detector, docs: Sequence[Mapping], n_process: int | None = None) -> list[list]:
    """Entities per gold document, with values propagated across the fields of one document.

    Documents whose ids share the part before ``":"`` (``"2023-0114:inquest"``,
    ``"2023-0114:concerns"``; ``"LDR-2024-00001:timeline"``) are fields of one review or report,
    which :class:`~leder_insights.deid.Deidentifier` de-identifies together. ``detector`` is a
    :class:`~leder_insights.deid._engine.Detector`.

    >>> class Fake:
    ...     def analyze_many(self, texts, n_process=None):
    ...         from leder_insights.deid._entities import Entity
    ...         return [[Entity(0, 5, "PERSON", "PERSON", 0.9, "x")] if t.startswith("Karen Lowe") else []
    ...                 for t in texts]
    >>> docs = [{"id": "r1:a", "text": "Karen Lowe came."}, {"id": "r1:b", "text": "Then Karen left."}]
    >>> [[(e.start, e.end) for e in p] for p in predict_documents(Fake(), docs)]
    [[(0, 5)], [(5, 10)]]
    """
    from ._deidentifier import propagate_across_fields

    preds = detector.analyze_many([d["text"] for d in docs], n_process=n_process)
    groups: dict[str, list[int]] = defaultdict(list)
    for i, d in enumerate(docs):
        groups[str(d["id"]).split(":", 1)[0]].append(i)
    out = list(preds)
    for idx in groups.values():
        texts = {i: docs[i]["text"] for i in idx}
        ents = propagate_across_fields(texts, {i: list(preds[i]) for i in idx})
        for i in idx:
            out[i] = ents[i]
    return out


__all__ = ["evaluate_spans", "format_report", "predict_documents"]
