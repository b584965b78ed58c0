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
from typing import Iterable

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


__all__ = ["build_audit", "audit_contains", "AUDIT_SCHEMA_VERSION"]
