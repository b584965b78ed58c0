"""A "<5" cell of the released audit must not come back by subtraction (ATTACK_REPORT4 F7).

The release's audit totals (``manifest["audit"]``) showed cells below k as "<5", but every table
adds up to ``n_entities``: 7,150 less the other cells' 7,149 gave the hidden cell, 1. The intruder
here reads only the released summary: a shown number is exact, "<k" is 1..k-1, "*" is at least k
(or any number when a whole table is "*"); every table adds up to its total, ``n_replaced +
n_kept = n_entities`` and ``by_action["kept"] = n_kept``; bounds are narrowed along all of these
together until nothing changes. A hidden cell narrowed to one value is a leak. Control: the same
intruder on the summary with primary suppression only (the old release) finds the cells.
"""
from __future__ import annotations

import random

import pytest

from leder_insights.deid import audit_totals
from leder_insights.explore._attack import INF, propagate
from leder_insights.jobs._refusal import audit_summary

K = 5
TABLES = ("by_category", "by_source", "by_field", "by_action")


def _primary_only(totals: dict, k: int) -> dict:
    """The summary as released before complementary suppression: "<k" for 1..k-1, nothing else."""
    def cell(n):
        return n if n == 0 or n >= k else f"<{k}"

    out = {"n_documents": totals["n_documents"], **{c: cell(totals[c]) for c in ("n_entities", "n_replaced", "n_kept")}}
    for t in (*TABLES, "documents_by_replaced"):
        out[t] = {name: cell(n) for name, n in totals[t].items()}
    return out


def _domain(v, whole_star: bool, k: int):
    if isinstance(v, int):
        return (v, v)
    if str(v).startswith("<"):
        return (1, k - 1)
    return (0, INF) if whole_star else (k, INF)


def intruder(summary: dict, k: int = K) -> dict:
    """Every hidden cell of ``summary`` that the intruder pins to one value: ``{cell: value}``."""
    dom, eqs = {}, []
    dom["n_entities"] = _domain(summary["n_entities"], False, k)
    dom["n_documents"] = _domain(summary["n_documents"], False, k)
    for c in ("n_replaced", "n_kept"):
        whole = all(summary[x] == "*" for x in ("n_replaced", "n_kept"))
        dom[c] = _domain(summary[c], whole, k)
    eqs.append(("n_entities", ["n_replaced", "n_kept"]))
    for t, total in [(t, "n_entities") for t in TABLES] + [("documents_by_replaced", "n_documents")]:
        cells = summary.get(t) or {}
        if not cells:
            continue
        whole = all(v == "*" for v in cells.values())
        for name, v in cells.items():
            dom[(t, name)] = _domain(v, whole, k)
        eqs.append((total, [(t, name) for name in cells]))
    if ("by_action", "kept") in dom:
        eqs.append((("by_action", "kept"), ["n_kept"]))
        eqs.append(("n_kept", [("by_action", "kept")]))
    hidden = [c for c, d in dom.items() if d[0] != d[1]]
    out = propagate(dom, eqs)
    return {c: out[c][0] for c in hidden if out[c][0] == out[c][1]}


def _records(rnd: random.Random, n_docs: int) -> list[dict]:
    """Invented per-review audit records: a few big categories and sources, some rare ones."""
    recs = []
    for _ in range(n_docs):
        n = rnd.choice([0, 2, 6, 12, 30, 60])
        cats = rnd.choices(["PERSON", "DATE", "ORGANIZATION", "LOCATION", "AGE", "NHS_NUMBER", "URL"],
                           weights=[50, 30, 10, 8, 2, 0.3, 0.2], k=n)
        srcs = rnd.choices(["spacy", "name_gazetteer", "written_date", "care_home", "public_service"],
                           weights=[40, 30, 28, 2, 0.2], k=n)
        acts = rnd.choices(["placeholder", "date_shifted", "age_banded", "kept"], weights=[70, 25, 4.9, 0.1], k=n)
        fields = rnd.choices(["pen_portrait", "timeline", "learning", "recommendations"], weights=[40, 40, 19, 1], k=n)
        count = {}
        for key, vals in (("by_category", cats), ("by_source", srcs), ("by_action", acts), ("by_field", fields)):
            count[key] = {v: vals.count(v) for v in set(vals)}
        kept = acts.count("kept")
        recs.append({"n_entities": n, "n_replaced": n - kept, "n_kept": kept, **count})
    return recs


def test_attack4_f7_the_reported_cell_comes_back_from_the_old_summary():
    """The attacker's own case (invented figures of the same shape): 7,150 entities, one source of 1."""
    totals = {"n_documents": 200, "n_entities": 7150, "n_replaced": 7150, "n_kept": 0,
              "by_category": {"PERSON": 4000, "DATE": 3150}, "by_field": {"timeline": 7150},
              "by_source": {"spacy": 3000, "written_date": 4149, "public_service": 1},
              "by_action": {"placeholder": 4000, "date_shifted": 3150},
              "documents_by_replaced": {"1-4": 20, "10-19": 180}}
    assert intruder(_primary_only(totals, K)) == {("by_source", "public_service"): 1}
    summary = audit_summary(totals, K)
    assert summary["by_source"]["public_service"] == "<5" and summary["by_source"]["spacy"] == "*"
    assert intruder(summary) == {}


@pytest.mark.parametrize("seed", range(12))
def test_attack4_f7_no_hidden_audit_cell_is_recovered_by_subtraction(seed):
    rnd = random.Random(seed)
    totals = audit_totals(_records(rnd, rnd.choice([6, 20, 60, 200])))
    summary = audit_summary(totals, K)
    assert intruder(summary) == {}
    # every cell "<5" in the old summary is still hidden (as "<5" or "*")
    old = _primary_only(totals, K)
    for t in (*TABLES, "documents_by_replaced"):
        for name, v in old[t].items():
            if v == f"<{K}":
                assert summary[t][name] in (f"<{K}", "*"), (t, name)
        # a shown cell is the true count
        for name, v in summary[t].items():
            if isinstance(v, int):
                assert v == totals[t][name]


def test_attack4_f7_control_the_intruder_finds_cells_in_the_old_summaries():
    """Over the same invented audits, the primary-only summary gives hidden cells back."""
    pinned = 0
    for seed in range(12):
        rnd = random.Random(seed)
        totals = audit_totals(_records(rnd, rnd.choice([6, 20, 60, 200])))
        found = intruder(_primary_only(totals, K))
        for cell, value in found.items():
            t, name = cell if isinstance(cell, tuple) else (None, cell)
            assert value == (totals[t][name] if t else totals[name])  # the intruder is right
        pinned += bool(found)
    assert pinned >= 10
