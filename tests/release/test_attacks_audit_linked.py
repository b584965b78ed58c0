"""Audit "<5" cells must not be worked out across linked tables (attacker 5's F9): a category is
the sum of its detectors, so ``by_category.ID`` less the shown ID detectors pinned two hidden
detector cells to exactly 1. Invented per-entity audit records; the attacker's arithmetic."""
from __future__ import annotations

from leder_insights.deid import audit_totals, merge_audit_totals
from leder_insights.jobs._refusal import audit_summary

ID_SOURCES = {"uk_nhs_number": 39, "uk_hospital_number": 29, "ip_address": 10,
              "uk_gmc_number": 1, "uk_nmc_number": 1}


def _records():
    recs = []
    for i, (source, n) in enumerate(ID_SOURCES.items()):
        ents = [{"category": "ID", "source": source, "action": "placeholder"}] * n
        ents += [{"category": "AGE", "source": "age", "action": "age_banded"}] * (2 if i == 0 else 6)
        ents += [{"category": "PERSON", "source": "ner", "action": "placeholder"}] * 30
        if i == 1:  # a small shown detector of another category: per table, the "*" lands here
            ents += [{"category": "LOCATION", "source": "uk_postcode", "action": "placeholder"}] * 6
        recs.append({"n_entities": len(ents), "n_replaced": len(ents), "n_kept": 0,
                     "by_category": _count(ents, "category"), "by_source": _count(ents, "source"),
                     "by_field": {"learning": len(ents)}, "by_action": _count(ents, "action"),
                     "entities": ents})
    return recs


def _count(ents, key):
    out: dict = {}
    for e in ents:
        out[e[key]] = out.get(e[key], 0) + 1
    return out


def _pinned(summary) -> list:
    """Hidden detector cells the category less its shown detectors narrows below 1..4."""
    cat, src = summary["by_category"], summary["by_source"]
    out = []
    for category, sources in (("ID", list(ID_SOURCES)), ("AGE", ["age"])):
        total = cat.get(category)
        if not isinstance(total, int):
            continue
        shown = sum(src[s] for s in sources if isinstance(src.get(s), int))
        hidden = [s for s in sources if s in src and not isinstance(src[s], int)]
        if hidden and total - shown - (len(hidden) - 1) < 4:
            out += hidden
    # an action that is one category (age_banded = AGE) pins it the same way
    act = summary["by_action"]
    if isinstance(act.get("age_banded"), int) != isinstance(cat.get("AGE"), int):
        out.append("AGE/age_banded")
    return out


def test_linked_audit_tables_do_not_pin_hidden_cells():
    totals = merge_audit_totals([audit_totals(_records()[:2]), audit_totals(_records()[2:])])
    assert totals["by_category"]["ID"] == 80 and totals["by_source"]["uk_gmc_number"] == 1
    summary = audit_summary(totals, 5)
    assert summary["by_source"]["uk_gmc_number"] == "<5"  # hidden in its own table
    assert _pinned(summary) == []
    assert "links" not in summary  # co-occurrence is used, never released


def test_unlinked_tables_keep_their_cells():
    recs = [r for r in _records() if r["by_source"].get("uk_nhs_number")]
    summary = audit_summary(audit_totals(recs), 5)
    assert summary["by_category"]["ID"] == 39 and summary["by_source"]["uk_nhs_number"] == 39
