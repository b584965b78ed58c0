"""One audit record per document: what was found and done, never what the identifiers were.

The record holds counts per category, per detector (``source``), per field and per action, the
profile, operator, config hash, model name and version, and whether the key was a persistent key
or a per-run random one. Entity offsets are kept (they point into the original text, which stays
local) but no identifier text, no replacement text, no key and no date-shift value.

>>> from ._entities import Entity
>>> rec = build_audit("r1", [("pen_portrait", Entity(0, 5, "PERSON", "PERSON", 0.9, "spacy"), "placeholder")],
...                   {"profile": "local"})
>>> rec["by_category"], rec["n_entities"]
({'PERSON': 1}, 1)
"""
from __future__ import annotations

import json
from collections import Counter
from typing import Any, Iterable

AUDIT_SCHEMA_VERSION = 1


def build_audit(doc_id, items: Iterable[tuple], info: dict, id_column: str = "doc_id",
                fields: Iterable[str] = ()) -> dict:
    """The audit record of one document.

    Parameters
    ----------
    doc_id
        The document id (e.g. ``review_id``).
    items : iterable of (field, Entity, action)
    info : dict
        Run-level facts (profile, operator, config_hash, model, model_version, key_mode ...).
    id_column : str
        Name under which ``doc_id`` is stored.
    """
    items = list(items)
    acted = [(f, e, a) for f, e, a in items if a != "kept"]
    rec = {
        id_column: doc_id,
        "status": "ok",
        "audit_schema": AUDIT_SCHEMA_VERSION,
        **info,
        "fields": sorted(set(fields)),
        "n_entities": len(items),
        "n_replaced": len(acted),
        "n_kept": len(items) - len(acted),
        "by_category": dict(sorted(Counter(e.category for _, e, _ in items).items())),
        "by_source": dict(sorted(Counter(e.source for _, e, _ in items).items())),
        "by_field": dict(sorted(Counter(f for f, _, _ in items).items())),
        "by_action": dict(sorted(Counter(a for _, _, a in items).items())),
        "entities": [
            {"field": f, "start": int(e.start), "end": int(e.end), "entity_type": e.entity_type,
             "category": e.category, "score": round(float(e.score), 4), "source": e.source,
             "action": a}
            for f, e, a in items
        ],
    }
    return rec


def audit_contains(audit: dict, strings: Iterable[str]) -> list[str]:
    """The strings (e.g. the raw identifiers of a document) that occur anywhere in ``audit``.

    >>> audit_contains({"a": {"b": ["x"]}}, ["Karen", "x"])
    ['x']
    """
    blob = json.dumps(audit, default=str, ensure_ascii=False)
    return [s for s in strings if s and s in blob]


#: the counts :func:`audit_totals` adds up (sums over documents: never one document's figure)
TOTAL_COUNTS = ("n_entities", "n_replaced", "n_kept")
TOTAL_TABLES = ("by_category", "by_source", "by_field", "by_action")
#: bins of replacements per document (lower bounds) in :func:`audit_totals`
REPLACED_BINS = (0, 1, 5, 10, 20, 50)


def _bin(n: int) -> str:
    lows = [b for b in REPLACED_BINS if n >= b]
    low = lows[-1] if lows else 0
    nxt = [b for b in REPLACED_BINS if b > low]
    return f"{low}" if low == 0 else (f"{low}-{nxt[0] - 1}" if nxt else f"{low}+")


def audit_totals(records: Iterable[dict], into: dict | None = None) -> dict:
    """Counts of many audit records added up (mergeable: pass the result of another call as
    ``into``): documents, entities, replaced, kept, per category/detector/field/action, and how
    many documents fall in each bin of replacements (``REPLACED_BINS``). No document id.

    >>> t = audit_totals([{"n_entities": 2, "n_replaced": 2, "n_kept": 0, "by_category": {"PERSON": 2}},
    ...                   {"n_entities": 0, "n_replaced": 0, "n_kept": 0}])
    >>> t["n_documents"], t["by_category"], t["documents_by_replaced"]
    (2, {'PERSON': 2}, {'0': 1, '1-4': 1})
    """
    out: dict[str, Any] = into if into is not None else {"n_documents": 0, **{c: 0 for c in TOTAL_COUNTS},
                                          **{t: {} for t in TOTAL_TABLES}, "documents_by_replaced": {}}
    for rec in records:
        out["n_documents"] += 1
        for c in TOTAL_COUNTS:
            out[c] += int(rec.get(c) or 0)
        for t in TOTAL_TABLES:
            table = rec.get(t) or {}
            for name, n in (table.items() if isinstance(table, dict) else ()):
                out[t][str(name)] = out[t].get(str(name), 0) + int(n)
        b = _bin(int(rec.get("n_replaced") or 0))
        out["documents_by_replaced"][b] = out["documents_by_replaced"].get(b, 0) + 1
        _add_links(out.setdefault("links", {}), rec.get("entities") or ())
    return _in_order(out)


#: tables whose cells partition the same entities (each entity has one category, detector and
#: action), so a cell of one can be worked out from the cells of another (attacker 5's F9)
LINKED_TABLES = {"by_category": "category", "by_source": "source", "by_action": "action"}


def _add_links(links: dict, entities) -> None:
    """Record which cells of the other linked tables each cell's entities fall in
    (``{"by_source:age": {"by_category": ["AGE"], ...}}``): co-occurrence only, never a count; used
    to hide linked cells together (``jobs._refusal.audit_summary``), never released."""
    for e in entities:
        if not isinstance(e, dict):
            continue
        cells = {t: str(e.get(f)) for t, f in LINKED_TABLES.items() if e.get(f) is not None}
        for t, x in cells.items():
            slot = links.setdefault(f"{t}:{x}", {})
            for u, y in cells.items():
                if u != t and y not in slot.setdefault(u, []):
                    slot[u] = sorted([*slot[u], y])


def _in_order(out: dict) -> dict:
    """Totals with each table sorted by name and the documents binned in :data:`REPLACED_BINS` order."""
    for t in TOTAL_TABLES:
        out[t] = dict(sorted(out[t].items()))
    order = [_bin(b) for b in REPLACED_BINS]
    out["documents_by_replaced"] = {b: out["documents_by_replaced"][b] for b in order
                                    if b in out["documents_by_replaced"]}
    return out


def merge_audit_totals(parts: Iterable[dict]) -> dict:
    """The :func:`audit_totals` of several parts (e.g. chunks) added up.

    >>> a = audit_totals([{"n_replaced": 3, "by_source": {"care_home": 3}}])
    >>> m = merge_audit_totals([a, a])
    >>> m["n_documents"], m["by_source"], m["documents_by_replaced"]
    (2, {'care_home': 6}, {'1-4': 2})
    """
    out = audit_totals([])
    for part in parts:
        out["n_documents"] += int(part.get("n_documents", 0))
        for c in TOTAL_COUNTS:
            out[c] += int(part.get(c, 0))
        for t in (*TOTAL_TABLES, "documents_by_replaced"):
            for name, n in (part.get(t) or {}).items():
                out[t][name] = out[t].get(name, 0) + int(n)
        links = out.setdefault("links", {})
        for cell, others in (part.get("links") or {}).items():
            slot = links.setdefault(cell, {})
            for u, ys in others.items():
                slot[u] = sorted(set(slot.get(u, [])) | set(ys))
    return _in_order(out)


__all__ = ["build_audit", "audit_contains", "audit_totals", "merge_audit_totals", "AUDIT_SCHEMA_VERSION", "REPLACED_BINS"]
