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
        return GateError(Errors.E703, k=plan["k_target"],
                         qis=", ".join(risk.get("quasi_identifiers", [])),
                         share=risk.get("share_below_k", 0.0) or plan.get("share_suppressed", 0.0),
                         limit=plan["max_suppressed_share"])
    return GateError(Errors.E601, n=gate.get("n_candidates", 0), rate=gate.get("rate_per_1k_words", 0.0),
                     threshold=gate.get("threshold_per_1k_words"), report=report)


#: audit columns a release never carries: per-entity records hold the original spans' offsets
#: and lengths (which narrow the date shift), ``_row`` the input order
AUDIT_WITHHELD = ("entities", "_row")


def release_audit(audit):
    """The audit as a release carries it: counts by category, detector, field and action, with
    no per-entity offsets (original start/end give each original date's length) and no ``_row``.

    >>> import pandas as pd
    >>> list(release_audit(pd.DataFrame({"review_id": ["R"], "_row": [2], "entities": [[]]})).columns)
    ['review_id']
    """
    return audit.drop(columns=[c for c in AUDIT_WITHHELD if c in audit.columns])


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


__all__ = ["refusal_error", "release_audit", "AUDIT_WITHHELD", "suppress_rest", "enough_records",
           "REST_COLUMNS"]
