"""Two releases one review apart, made WITHOUT ``--after``, must not give that review's audit
counts by subtraction (attacker 5's F4: ``by_source.care_home`` 2 for one late review said she
lived in a care home; ``--after`` closed it only when the earlier bundle was named).

Published audit counts are now rounded to a multiple of ``release.audit_rounding_base`` (5) by
keyed random rounding per release. The intruder reads both manifests: a shown count ``a`` means a
true count in ``a - 4 .. a + 4`` (exact when the base is 1), ``"<5"`` 1..4, ``"*"`` 5 or more (any
number when a whole table is ``"*"``); the added review's count lies between the differences of
those bounds. Control: the same two releases with exact counts (base 1) give at least one of the
review's own counts exactly.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from leder_insights.config import load_config
from leder_insights.corpus import synthesize
from leder_insights.deid import Deidentifier, ResidualRiskScanner, audit_totals
from leder_insights.jobs import build_submission

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "jobs"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "deid"))
from _gate_aware_fake import GateAwareFake  # noqa: E402

# four bundles of 20-21 synthetic reviews (seconds of CPU each): make test runs them
pytestmark = pytest.mark.slow

KEY = b"audit-rounding-attack-key-0123456789abc"
TABLES = ("by_category", "by_source", "by_field", "by_action", "documents_by_replaced")
INF = 10 ** 9


def _bounds(v, whole_star: bool, base: int, k: int = 5) -> tuple[int, int]:
    if isinstance(v, int):
        half = base - 1
        return max(0, v - half), v + half
    if str(v).startswith("<"):
        return 1, k - 1
    return (0, INF) if whole_star else (k, INF)


def _cells(audit: dict, base: int) -> dict:
    out = {c: _bounds(audit[c], False, base) for c in ("n_entities", "n_replaced", "n_kept") if c in audit}
    for t in TABLES:
        table = audit.get(t) or {}
        whole = bool(table) and all(v == "*" for v in table.values())
        out.update({(t, name): _bounds(v, whole, base) for name, v in table.items()})
    return out


def intruder(first: dict, second: dict, base: int) -> dict:
    """``{cell: (low, high)}``: what the two audits say of the added review's count of each cell
    (a cell absent from a release is 0 there)."""
    a, b = _cells(first, base), _cells(second, base)
    out = {}
    for cell in set(a) | set(b):
        lo1, hi1 = a.get(cell, (0, 0))
        lo2, hi2 = b.get(cell, (0, 0))
        out[cell] = (max(0, lo2 - hi1), hi2 - lo1)
    return out


def _truth(review) -> dict:
    """The added review's own audit counts (what the de-identifier counted in its text)."""
    deid = Deidentifier(profile="national", key=KEY, detector=GateAwareFake())
    text = [c for c in ("pen_portrait", "timeline", "good_practice", "areas_for_improvement", "learning",
                        "recommendations") if c in review.columns]
    _, audit, _, _ = deid.deidentify_frame(review, text_columns=text, id_column="review_id", return_spans=True)
    t = audit_totals(audit.to_dict("records"))
    out = {c: int(t[c]) for c in ("n_entities", "n_replaced", "n_kept")}
    out.update({(tb, name): int(n) for tb in TABLES for name, n in (t.get(tb) or {}).items()})
    return out


def _build(tmp: Path, name: str, reviews, base: int) -> dict:
    src = tmp / f"{name}.csv"
    reviews.to_csv(src, index=False)
    cfg = load_config(submit={"residual_risk_threshold_per_1k_words": 100.0},
                      release={"accept_weakened": True, "audit_rounding_base": base,
                               # the attack made without --after: the second bundle sits beside
                               # the first one review apart, which is refused by default ([E613])
                               "sequence": {"unnamed_earlier": "warn"}})
    deid = Deidentifier(profile="national", key=KEY, detector=GateAwareFake())
    res = build_submission(src, tmp / name, key=KEY, deidentifier=deid, n_process=1, config=cfg,
                           scanner=ResidualRiskScanner(use_ner=False), sample_size=3)
    assert res.releasable
    return res


@pytest.fixture(scope="module")
def releases(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("audit_rounding")
    corpus = synthesize(n_reviews=21, seed=5).reviews
    first, second = corpus.iloc[:20], corpus  # the second adds one late review, no --after
    late = corpus.iloc[20:]
    return {"rounded": (_build(tmp, "a5", first, 5), _build(tmp, "b5", second, 5)),
            "exact": (_build(tmp, "a1", first, 1), _build(tmp, "b1", second, 1)),
            "truth": _truth(late)}


def test_attack_differencing_exact_audits_gives_the_added_reviews_counts(releases):
    """Control: with exact counts (base 1, the old release) subtraction pins the review's counts."""
    a, b = (r.manifest["audit"] for r in releases["exact"])
    found = intruder(a, b, 1)
    truth = releases["truth"]
    pinned = {cell: lo for cell, (lo, hi) in found.items() if lo == hi and truth.get(cell, 0) > 0}
    assert pinned, "the control must show the leak"
    assert all(truth[cell] == v for cell, v in pinned.items())  # and they are the true counts


def test_attack_differencing_rounded_audits_gives_no_count_of_the_added_review(releases):
    a, b = (r.manifest["audit"] for r in releases["rounded"])
    assert a["rounded_to"] == b["rounded_to"] == 5
    found = intruder(a, b, 5)
    truth = releases["truth"]
    for cell, (lo, hi) in found.items():
        assert lo <= truth.get(cell, 0) <= hi, (cell, lo, hi, truth.get(cell, 0))  # the model is sound
        assert hi > lo, f"{cell} pinned to {lo}"  # and no cell is pinned to one value
    # every shown count but the number of reviews is a multiple of 5
    for audit in (a, b):
        shown = [audit[c] for c in ("n_entities", "n_replaced", "n_kept")]
        shown += [v for t in TABLES for v in (audit.get(t) or {}).values()]
        ints = [v for v in shown if isinstance(v, int)]
        assert ints and all(v % 5 == 0 for v in ints)


def test_attack_differencing_rounded_counts_are_the_same_in_manifest_qa_report_and_audit(releases):
    for res in releases["rounded"]:
        audit = res.manifest["audit"]
        qa = (res.out_dir / "qa_report.html").read_text(encoding="utf-8")
        assert f"{audit['n_entities']} entities found, {audit['n_replaced']} replaced" in qa
        assert "rounded to a multiple of 5" in qa
        for t in TABLES:
            for name, v in (audit.get(t) or {}).items():
                assert f"<td>{t}</td><td>{name}</td><td>{v}</td>" in qa.replace("&lt;", "<")
        # the audit file holds no counts at all (attestation only)
        rows = [json.loads(x) for x in (res.out_dir / "audit.jsonl").read_text().splitlines() if x.strip()]
        assert rows and not any(k.startswith(("n_", "by_")) for r in rows for k in r)
