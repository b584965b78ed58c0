"""The numbered error for a refused release, shared by ``submit`` and ``deid run``.

>>> err = refusal_error({"n_direct": 1, "direct_per_kind": {"NHS_NUMBER": 1}}, {}, "qa_report.html")
>>> str(err)[:6], err.exit_code
('[E704]', 3)
"""
from __future__ import annotations

import pandas as pd

from ..errors import Errors, GateError


def refusal_error(gate: dict, release: dict | None, report) -> GateError:
    """E704 (direct identifiers), E703 (k-anonymity) or E601 (soft-candidate rate), in that order.

    ``gate`` is the residual-risk record (``GateResult.to_dict``), ``release`` the release record
    (plan and risk) and ``report`` the file that exists after the refusal and says more (the QA
    report of a bundle, ``run.json`` of ``deid run``).
    """
    release = release or {}
    if gate.get("n_direct"):
        kinds = {**gate.get("direct_per_kind", {}), **gate.get("direct_elsewhere", {})}
        return GateError(Errors.E704, n=gate["n_direct"], kinds=", ".join(sorted(kinds)),
                         where="the released files", report=report)
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


def audit_summary(totals: dict, k: int) -> dict:
    """The released audit: :func:`leder_insights.deid.audit_totals` over every released review,
    with any cell counting fewer than ``k`` documents or entities shown as ``"<k"`` (a rare
    detector or category would otherwise point at the few reviews whose text holds it).

    >>> t = {"n_documents": 12, "n_entities": 40, "n_replaced": 39, "n_kept": 1,
    ...      "by_category": {"PERSON": 36, "NHS_NUMBER": 1}, "by_source": {}, "by_field": {},
    ...      "by_action": {}, "documents_by_replaced": {"0": 2, "1-4": 10}}
    >>> s = audit_summary(t, 5)
    >>> s["by_category"], s["documents_by_replaced"], s["n_kept"]
    ({'PERSON': 36, 'NHS_NUMBER': '<5'}, {'0': '<5', '1-4': 10}, '<5')
    """
    def cell(n):
        n = int(n)
        return n if n == 0 or n >= k else f"<{k}"

    out: dict = {"n_documents": int(totals.get("n_documents", 0)), "small_cells_below": int(k),
                 "per_review_counts": "withheld (counts per review are a channel; totals only)"}
    for c in ("n_entities", "n_replaced", "n_kept"):
        out[c] = cell(totals.get(c, 0))
    for t in ("by_category", "by_source", "by_field", "by_action", "documents_by_replaced"):
        out[t] = {name: cell(n) for name, n in (totals.get(t) or {}).items()}
    return out


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


__all__ = ["refusal_error", "release_audit", "audit_summary", "AUDIT_WITHHELD", "AUDIT_RELEASED_FIELDS", "suppress_rest", "enough_records",
           "REST_COLUMNS"]
