"""The numbered error for a refused release, shared by ``submit`` and ``deid run``.

>>> err = refusal_error({"n_direct": 1, "direct_per_kind": {"NHS_NUMBER": 1}}, {}, "qa_report.html")
>>> str(err)[:6], err.exit_code
('[E704]', 3)
"""
from __future__ import annotations

import pandas as pd

from ..errors import Errors, GateError


def refusal_error(gate: dict, release: dict | None, report, public: dict | None = None) -> GateError:
    """E704 (direct identifiers), E711 (public text, policy ``refuse``), E703 (k-anonymity) or
    E601 (soft-candidate rate), in that order.

    ``gate`` is the residual-risk record (``GateResult.to_dict``), ``release`` the release record
    (plan and risk), ``report`` the file that exists after the refusal and says more (the QA
    report of a bundle, ``run.json`` of ``deid run``) and ``public`` the public-text record.

    >>> str(refusal_error({}, {}, "qa.html", {"refused": True, "n_withheld": 2, "local_file": "x"}))[:6]
    '[E711]'
    """
    release = release or {}
    if gate.get("n_direct"):
        kinds = {**gate.get("direct_per_kind", {}), **gate.get("direct_elsewhere", {})}
        return GateError(Errors.E704, n=gate["n_direct"], kinds=", ".join(sorted(kinds)),
                         where="the released files", report=report)
    if public and public.get("refused"):
        return GateError(Errors.E711, n=public.get("n_withheld"), report=report,
                         local=public.get("local_file"))
    if release and not release.get("releasable", True):
        plan, risk = release["plan"], release["risk"]
        if risk.get("n_records", 0) and risk["n_records"] < plan["k_target"]:
            return GateError(Errors.E705, n=risk["n_records"], k=plan["k_target"])
        share = risk.get("share_below_k", 0.0) or plan.get("share_suppressed", 0.0)
        # the published record writes a share whose count is below k as "<k of n" (F11)
        share = f"{share:.2%} of records" if isinstance(share, (int, float)) else f"{share} records"
        return GateError(Errors.E703, k=plan["k_target"],
                         qis=", ".join(risk.get("quasi_identifiers", [])), share=share,
                         limit=plan["max_suppressed_share"])
    return GateError(Errors.E601, n=gate.get("n_candidates", 0), rate=gate.get("rate_per_1k_words", 0.0),
                     threshold=gate.get("threshold_per_1k_words"), report=report)


#: audit columns a release never carries: per-entity records hold the original spans' offsets
#: and lengths (which narrow the date shift), ``_row`` the input order
AUDIT_WITHHELD = ("entities", "_row")
#: the only per-review audit fields a release carries: the run's attestation (which profile,
#: operator, configuration and model de-identified the review), the same for every review. Any
#: per-review count is withheld: counts of what was masked in the *original* text are a channel
#: (attacker 2: care-home counts gave living arrangement back for 172 of 200 records); the
#: counts are released added up over the whole release (:func:`audit_summary`).
AUDIT_RELEASED_FIELDS = ("review_id", "status", "audit_schema", "profile", "operator",
                         "config_hash", "model", "model_version", "package_version", "key_mode",
                         "shift_dates", "age_bands")


def release_audit(audit):
    """The audit as a release carries it: one attestation record per review, no counts (see
    ``AUDIT_RELEASED_FIELDS``), no per-entity offsets and no ``_row``.

    >>> import pandas as pd
    >>> a = pd.DataFrame({"review_id": ["R"], "_row": [2], "entities": [[]], "n_replaced": [3],
    ...                   "by_source": [{"care_home": 3}], "profile": ["national"]})
    >>> list(release_audit(a).columns)
    ['review_id', 'profile']
    """
    return audit[[c for c in audit.columns if c in AUDIT_RELEASED_FIELDS]]


def _protect(cells: dict, k: int, force=()) -> dict:
    """One released table of counts that add up to a known total (its own sum: the release shows
    it, as ``n_entities`` or ``n_documents`` or through another table).

    Cells of 1..k-1 are ``"<k"`` (primary suppression). Complementary suppression then hides the
    smallest shown cells as ``"*"`` (at least k) until no hidden cell can be worked out from the
    total and the shown cells (:func:`leder_insights.explore.suppress`); ``force`` names cells to
    hide from the start. Where no choice of cells does that, every cell of the table is ``"*"``
    (any number, a small one too).

    >>> _protect({"a": 1, "b": 7149}, 5)        # 7,150 - 7,149 no longer gives a: 7,146..7,149 for b
    {'a': '<5', 'b': '*'}
    >>> _protect({"a": 1, "b": 3, "c": 12, "d": 40}, 5)
    {'a': '<5', 'b': '<5', 'c': '*', 'd': 40}
    >>> _protect({"a": 1, "b": 5}, 5)           # "<5" + "*" (5 or more) = 6 would pin both
    {'a': '*', 'b': '*'}
    """
    from ..explore import suppress

    names = list(cells)
    vals = [int(cells[n]) for n in names]
    total = sum(vals)
    if not names:
        return {}
    if total < k:  # the total itself is hidden ("<k"), so is every cell of it
        return {n: (v if v == 0 else f"<{k}") for n, v in zip(names, vals)}
    frame = pd.DataFrame({"n": vals})
    forced = [[n in force] for n in names]
    table = suppress(frame, k, additive_rows=True, totals=pd.Series({"n": total}), force=forced)
    if table.secondary is not None and bool(table.secondary.iloc[0]["n"]):  # no safe choice: all "*"
        return {n: "*" for n in names}
    shown = table.display()["n"].tolist()
    return {n: (int(d) if d.isdigit() else d) for n, d in zip(names, shown)}


def audit_summary(totals: dict, k: int) -> dict:
    """The released audit: :func:`leder_insights.deid.audit_totals` over every released review,
    with any cell counting fewer than ``k`` documents or entities shown as ``"<k"`` (a rare
    detector or category would otherwise point at the few reviews whose text holds it), and
    further cells shown as ``"*"`` wherever the total less the shown cells would give a hidden one
    back (ATTACK_REPORT4 F7: ``n_entities`` 7,150 less the shown cells 7,149 = the "<5" cell, 1).

    Every table (``by_category``, ``by_source``, ``by_field``, ``by_action``, and
    ``n_replaced``/``n_kept``) adds up to ``n_entities``; ``documents_by_replaced`` to
    ``n_documents``; ``by_action["kept"]`` is ``n_kept``, so the two are hidden together.

    >>> t = {"n_documents": 12, "n_entities": 40, "n_replaced": 39, "n_kept": 1,
    ...      "by_category": {"PERSON": 36, "NHS_NUMBER": 1, "DATE": 3}, "by_source": {}, "by_field": {},
    ...      "by_action": {"kept": 1, "placeholder": 39}, "documents_by_replaced": {"0": 2, "1-4": 10}}
    >>> s = audit_summary(t, 5)
    >>> s["by_category"], s["n_kept"], s["n_replaced"], s["by_action"]
    ({'PERSON': '*', 'NHS_NUMBER': '<5', 'DATE': '<5'}, '<5', '*', {'kept': '<5', 'placeholder': '*'})
    """
    out: dict = {"n_documents": int(totals.get("n_documents", 0)), "small_cells_below": int(k),
                 "per_review_counts": "withheld (counts per review are a channel; totals only)",
                 "hidden_cells": (f"<{k}: 1 to {k - 1}; *: hidden so that no <{k} cell can be worked out "
                                  f"from a total (any number)")}
    n_entities = int(totals.get("n_entities", 0))
    out["n_entities"] = n_entities if n_entities == 0 or n_entities >= k else f"<{k}"
    counts = _protect({"n_replaced": int(totals.get("n_replaced", 0)), "n_kept": int(totals.get("n_kept", 0))}, k)
    out.update(counts)
    for t in ("by_category", "by_source", "by_field"):
        out[t] = _protect(dict(totals.get(t) or {}), k)
    action = {str(a): int(n) for a, n in (totals.get("by_action") or {}).items()}

    def by_action(force=()) -> dict:
        if "kept" in action and isinstance(counts["n_kept"], int):  # shown anyway: the rest adds up to n_replaced
            rest = _protect({a: n for a, n in action.items() if a != "kept"}, k, force=force)
            return {a: (counts["n_kept"] if a == "kept" else rest[a]) for a in action}
        # n_kept hidden: so is by_action["kept"], and enough beside it
        return _protect(action, k, force=(*force, "kept") if "kept" in action else tuple(force))

    out["by_action"] = by_action()
    _hide_linked(out, totals, k, by_action)
    out["documents_by_replaced"] = _protect(dict(totals.get("documents_by_replaced") or {}), k)
    return out


def round_audit(summary: dict, base: int, unit) -> dict:
    """The released audit with every shown count (all but ``n_documents``, which the release
    shows anyway) rounded to a multiple of ``base`` by unbiased random rounding: ``n`` becomes
    ``base * floor(n / base)``, or the next multiple with probability ``(n mod base) / base``,
    the draw being ``unit(cell)`` (keyed per release and cell, :meth:`Release.keyed_fraction`).
    Two releases a few reviews apart then no longer difference to those reviews' own counts
    (attacker 5's F4 without ``--after``): a difference of 0 can hide a change and a change of
    ``base`` can hide none. ``"<k"`` and ``"*"`` cells stay as they are; ``base`` 1 is exact.

    >>> s = {"n_documents": 61, "n_entities": 903, "by_source": {"care_home": 42, "gp": "<5", "x": 40}}
    >>> r = round_audit(s, 5, lambda cell: 0.5)
    >>> r["n_documents"], r["n_entities"], r["by_source"]
    (61, 905, {'care_home': 40, 'gp': '<5', 'x': 40})
    >>> r["rounded_to"]
    5
    """
    base = int(base)
    if base <= 1:
        return summary

    def rounded(cell: str, n):
        if not isinstance(n, int) or isinstance(n, bool):
            return n
        low, rest = divmod(n, base)
        return base * (low + (1 if unit(cell) < rest / base else 0))

    out = dict(summary)
    for c in ("n_entities", "n_replaced", "n_kept"):
        if c in out:
            out[c] = rounded(c, out[c])
    for t in ("by_category", "by_source", "by_field", "by_action", "documents_by_replaced"):
        if isinstance(out.get(t), dict):
            out[t] = {name: rounded(f"{t}:{name}", n) for name, n in out[t].items()}
    # one entity total: the kept action is n_kept (rounded once, shown the same in both places)
    if isinstance(out.get("by_action"), dict) and "kept" in out["by_action"] and "n_kept" in out:
        if isinstance(out["by_action"]["kept"], int) and isinstance(out["n_kept"], int):
            out["by_action"]["kept"] = out["n_kept"]
    out["rounded_to"] = base
    out["rounding"] = (f"every count but n_documents is rounded to a multiple of {base} (unbiased random "
                       "rounding, keyed per release): a difference between two releases is not a count")
    return out


def _hide_linked(out: dict, totals: dict, k: int, by_action) -> None:
    """Hide a shown cell whenever a hidden cell of a linked table lies wholly inside it (its
    entities all fall in that one cell): ``by_category["ID"]`` less its shown detectors would
    otherwise give the hidden detector cells back (attacker 5's F9: two "<5" cells pinned to 1),
    as would ``by_source["age"]`` a hidden ``AGE``. Repeated until nothing changes; ``links``
    comes from :func:`leder_insights.deid.audit_totals`.

    >>> t = {"by_category": {"ID": 80}, "by_source": {"a": 39, "b": 29, "c": 10, "d": 1, "e": 1},
    ...      "by_action": {}, "links": {f"by_source:{s}": {"by_category": ["ID"]} for s in "abcde"}}
    >>> out = {"by_category": {"ID": 80}, "by_source": _protect(t["by_source"], 5), "by_action": {}}
    >>> _hide_linked(out, t, 5, lambda force=(): {})
    >>> out["by_category"]
    {'ID': '*'}
    """
    links = totals.get("links") or {}
    force: dict = {t: set() for t in ("by_category", "by_source", "by_action")}
    for _ in range(20):
        changed = False
        for cell, others in links.items():
            table, _, x = cell.partition(":")
            if table not in force or x not in out.get(table, {}) or isinstance(out[table][x], int):
                continue
            for other, ys in others.items():
                if other in force and len(ys) == 1 and ys[0] in out.get(other, {}) \
                        and isinstance(out[other][ys[0]], int) and ys[0] not in force[other]:
                    force[other].add(ys[0])
                    changed = True
        if not changed:
            return
        for t in ("by_category", "by_source"):
            if force[t]:
                out[t] = _protect(dict(totals.get(t) or {}), k, force=tuple(sorted(force[t])))
        if force["by_action"]:
            out["by_action"] = by_action(tuple(sorted(force["by_action"])))


#: released structured columns that are not generalised quasi-identifiers yet single a record
#: out once its quasi-identifiers are suppressed (attacker's F5: unique on cause and care grade).
#: The national schema now makes them quasi-identifiers (the cause as ``cause_group``), so there
#: this is a no-op; it still guards a schema that keeps them.
REST_COLUMNS = ("autistic", "living_arrangement", "review_type", "cause_of_death")


def suppress_rest(frame, qi_columns, suppressed: str = "*"):
    """Records whose quasi-identifiers are all suppressed also get ``REST_COLUMNS`` suppressed:
    otherwise those columns alone can make them unique again.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"sex": ["*", "male"], "autistic": [True, False]})
    >>> suppress_rest(df, ["sex"])["autistic"].tolist()
    ['*', 'False']
    """
    qi = [c for c in qi_columns if c in frame.columns]
    rest = [c for c in REST_COLUMNS if c in frame.columns]
    if not qi or not rest:
        return frame
    mask = (frame[qi] == suppressed).all(axis=1) if len(frame) else pd.Series([], dtype=bool)
    frame = frame.copy()
    for c in rest:  # text in every part (one Parquet type whether or not a part has a "*")
        frame[c] = pd.Series([None if v is None or (not isinstance(v, str) and pd.isna(v))
                              else str(v) for v in frame[c]], index=frame.index, dtype=object)
    if mask.any():
        frame.loc[mask, rest] = suppressed
    return frame


def enough_records(risk: dict, k: int) -> bool:
    """A release of fewer reviews than ``k`` (but at least one) is refused ([E705]): every
    record would be unique whatever is generalised."""
    n = int(risk.get("n_records", 0) or 0)
    return n == 0 or n >= int(k)


__all__ = ["refusal_error", "release_audit", "audit_summary", "round_audit", "AUDIT_WITHHELD", "AUDIT_RELEASED_FIELDS", "suppress_rest", "enough_records",
           "REST_COLUMNS"]
