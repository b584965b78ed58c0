"""Does any per-review number a bundle releases give back a hidden quasi-identifier? (attacker 2)

Usage::

    .venv/bin/python benchmarks/release_audit_channel.py BUNDLE SOURCE.csv --key-file KEY
                                                         [--column living_arrangement] [--json]

For every per-review number in the bundle -- each field and count of ``audit.jsonl`` (flattened:
``by_source.care_home``), gate candidates per review and per kind, learning points per review --
an attacker learns a lookup table value -> most common true value of ``--column`` on 4/5 of the
records and predicts the other 1/5 (5-fold cross-validation). Reported: the majority guess, three
binomial standard errors of it, and the best numbers (records predicted correctly). The source
and key give the truth (keyed pseudonyms). ``tests/release/test_attacks_audit_channel.py`` asserts
the same attack on a fresh bundle.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import pandas as pd  # noqa: E402

from leder_insights.deid import load_key  # noqa: E402
from leder_insights.release import Release, attribute_guess_hits  # noqa: E402


def per_review_numbers(bundle: Path) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for line in (bundle / "audit.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        for k, v in rec.items():
            if k == "review_id":
                continue
            if isinstance(v, dict):
                for kk, vv in v.items():
                    out.setdefault(f"audit {k}.{kk}", {})[rec["review_id"]] = vv
            else:
                out.setdefault(f"audit {k}", {})[rec["review_id"]] = json.dumps(v, sort_keys=True)
    cands_file = bundle / "residual_risk_candidates.csv"  # not in bundles since attacker 3's F8
    cands = (pd.read_csv(cands_file) if cands_file.exists()
             else pd.DataFrame(columns=["review_id", "kind"]))
    out["candidates per review"] = cands.groupby("review_id").size().to_dict()
    for kind, part in cands.groupby("kind"):
        out[f"candidates {kind}"] = part.groupby("review_id").size().to_dict()
    lps = pd.read_csv(bundle / "learning_points.csv")
    out["learning points per review"] = lps.groupby("review_id").size().to_dict()
    return out


def measure(bundle: Path, source_csv: Path, key, column: str = "living_arrangement") -> dict:
    source = pd.read_csv(source_csv, dtype=str, keep_default_na=False)
    rel = Release(key=key)
    true_value = dict(zip(source["review_id"].map(rel.pseudonym), source[column]))
    ids = list(pd.read_csv(bundle / "reviews.csv", dtype=str)["review_id"])
    truth = [true_value[i] for i in ids]
    majority = Counter(truth).most_common(1)[0][1]
    p = majority / len(truth)
    features = per_review_numbers(bundle)
    scores = sorted(((attribute_guess_hits([f.get(i, 0) for i in ids], truth), name)
                     for name, f in features.items()), reverse=True)
    return {"bundle": str(bundle), "column": column, "n_records": len(ids), "majority": majority,
            "three_se": round(3 * math.sqrt(p * (1 - p) / len(ids)) * len(ids), 1),
            "n_numbers": len(features), "best": [{"number": n, "correct": h} for h, n in scores[:5]]}


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bundle", type=Path)
    ap.add_argument("source", type=Path)
    ap.add_argument("--key-file", required=True)
    ap.add_argument("--column", default="living_arrangement")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    result = measure(args.bundle, args.source, load_key(args.key_file), args.column)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"{result['bundle']}: {result['n_records']} records; {result['column']} by guessing the "
              f"majority {result['majority']} (+3 SE = {result['three_se']}); "
              f"{result['n_numbers']} per-review numbers, best:")
        for b in result["best"]:
            print(f"  {b['number']:45s} {b['correct']:4d}")
    return result


if __name__ == "__main__":
    main()
