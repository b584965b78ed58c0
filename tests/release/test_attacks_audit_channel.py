"""No released per-review number gives back a quasi-identifier the release hides (attacker 2).

The audit used to carry each review's counts of what the de-identifier masked (per category,
detector, field, action). Those are counts of the *original* text: reviews of people living in a
care home or supported living name the home (masked as a care home), so the counts gave living
arrangement back (attacker 2: 172 of 200 records, 137 by guessing the majority) although the
release suppresses the column. A release now carries one attestation record per review (profile,
operator, configuration, model) and the counts added up over the release.

The attack: for every per-review number in the released files (each audit field and count,
gate candidates per review and per kind, learning points per review), an attacker learns a
lookup table value -> most common living arrangement on 4/5 of the records and predicts the
other 1/5 (5-fold cross-validation, so a number unique to one record cannot just memorise it).
It must do no better than guessing the majority value plus a margin of three binomial standard
errors of that guess (sqrt(p(1 - p) / n) with p the majority share): with about 30 numbers tried,
three standard errors keeps a number that carries nothing from passing by chance, and the
control (the per-review audit as released before) clears it several times over.
"""
from __future__ import annotations

import json
import math
from collections import Counter

import pandas as pd
import pytest

from leder_insights.config import load_config
from leder_insights.corpus import synthesize
from leder_insights.deid import Deidentifier
from leder_insights.jobs import build_submission
from leder_insights.jobs._refusal import release_audit
from leder_insights.release import Release, attribute_guess_hits

KEY = b"audit-channel-attack-key-0123456789ab"
N = 200
HIDDEN = "living_arrangement"


def _per_review_numbers(audit_records: list[dict]) -> dict[str, dict]:
    """Every per-review value of the audit records, flattened (``by_source.care_home``)."""
    out: dict[str, dict] = {}
    for rec in audit_records:
        rid = rec["review_id"]
        for k, v in rec.items():
            if k == "review_id":
                continue
            if isinstance(v, dict):
                for kk, vv in v.items():
                    out.setdefault(f"audit {k}.{kk}", {})[rid] = vv
            else:
                out.setdefault(f"audit {k}", {})[rid] = json.dumps(v, sort_keys=True, default=str)
    return out


def _best_attack(features: dict[str, dict], ids: list, truth: list) -> tuple[int, str]:
    scores = [(attribute_guess_hits([f.get(i, 0) for i in ids], truth), name) for name, f in features.items()]
    return max(scores) if scores else (0, "none")


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    reviews = synthesize(n_reviews=N, seed=11).reviews
    root = tmp_path_factory.mktemp("audit_channel")
    src = root / "reviews.csv"
    reviews.to_csv(src, index=False)
    cfg = load_config()
    res = build_submission(src, root / "bundle", key=KEY, config=cfg, n_process=1)
    assert res.releasable
    return reviews, root / "bundle", res.manifest, cfg


@pytest.mark.slow
def test_attack_no_released_per_review_number_predicts_a_hidden_quasi_identifier(bundle):
    reviews, out, manifest, cfg = bundle
    rel = Release(key=KEY)
    assert manifest["release"]["plan"]["levels"]["living_arrangement"]["level"] > 0  # hidden
    true_value = dict(zip(reviews["review_id"].map(rel.pseudonym), reviews[HIDDEN]))
    ids = list(pd.read_csv(out / "reviews.csv", dtype=str)["review_id"])
    truth = [true_value[i] for i in ids]
    majority = Counter(truth).most_common(1)[0][1]
    p = majority / len(truth)
    margin = 3 * math.sqrt(p * (1 - p) / len(truth)) * len(truth)

    # every per-review number in the released files
    audit = [json.loads(line) for line in (out / "audit.jsonl").read_text().splitlines()]
    features = _per_review_numbers(audit)
    # the gate's candidate locations are not in the bundle (attacker 3's F8): nothing to count
    assert not (out / "residual_risk_candidates.csv").exists()
    lps = pd.read_csv(out / "learning_points.csv")
    features["learning points per review"] = lps.groupby("review_id").size().to_dict()
    features["all of the above"] = {i: tuple(f.get(i, 0) for f in features.values()) for i in ids}
    hits, name = _best_attack(features, ids, truth)
    assert hits <= majority + margin, (name, hits, majority, margin)

    # the released audit: one attestation per review, nothing that varies between reviews
    assert {json.dumps({k: v for k, v in rec.items() if k != "review_id"}, sort_keys=True)
            for rec in audit}.__len__() == 1
    # what the analyst keeps: totals over the release, in the manifest and the QA report
    summary = manifest["audit"]
    assert summary["n_documents"] == len(ids) and summary["n_replaced"] > 0
    assert summary["by_source"]["care_home"] > 0
    qa = (out / "qa_report.html").read_text(encoding="utf-8")
    section = qa[qa.index("De-identification audit"):qa.index("Random sample")]
    assert not any(i in section for i in ids) and "care_home" in section

    # control: the per-review audit as a release carried it before gives the column back
    deid = Deidentifier(profile="national", key=KEY, config=cfg)
    _out, full, _q = deid.deidentify_frame(reviews, text_columns=rel.text_columns(reviews.columns),
                                           id_column="review_id", n_process=1)
    old = full.drop(columns=[c for c in ("entities", "_row") if c in full.columns])
    old = old.assign(review_id=rel.pseudonymise(old["review_id"]))
    old_hits, old_name = _best_attack(_per_review_numbers(old.to_dict("records")), ids, truth)
    assert old_hits > majority + 2 * margin, (old_name, old_hits, majority, margin)
    # and the released form of that same audit carries none of it
    assert _best_attack(_per_review_numbers(release_audit(old).to_dict("records")), ids,
                        truth)[0] <= majority + margin
