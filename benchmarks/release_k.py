"""k-anonymity of the national release on synthetic reviews: the k reached, and what it cost.

Usage::

    .venv/bin/python benchmarks/release_k.py [--n-reviews 10000] [--seed 2024] [--k 5]
        [--max-suppressed-share 0.05] [--anjana-python /tmp/canon/bin/python] [--json]
        [--scale 100000] [--exhaustive-full]

Structured fields only (k-anonymity does not depend on the text, so the NLP de-identifier is not
run). Prints, before and after the plan: the smallest k, the share of records in classes below
k, the share unique on the quasi-identifiers, the l-diversity of care grade; the hierarchy levels
chosen; the share of records generalised and suppressed; and the time to plan (all rows) and to
apply the plan chunk by chunk (500 rows), against one measurement pass as the baseline.

**Search.** The national schema's lattice (11 hierarchies, 46,656 nodes) is searched greedily
(``plan_release(search="auto")``). The benchmark also plans the 7-hierarchy lattice of the first
seven quasi-identifiers (1,296 nodes: small enough to finish) both exhaustively (the exact optimum
of the loss) and greedily, and reports the time ratio and both losses; ``--exhaustive-full``
also runs the exhaustive search on the full lattice (minutes). ``--scale N`` times the greedy
plan on N reviews (synthesised in blocks of 10,000 with consecutive seeds, ids made unique).

With ``--anjana-python`` (an interpreter with ``anjana`` installed; it pins pandas 2.3.3 so it
cannot share the toolkit's environment) the same rows and the same hierarchies are also given
to ANJANA's ``k_anonymity`` for comparison.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import pandas as pd  # noqa: E402

from leder_insights.corpus import synthesize  # noqa: E402
from leder_insights.release import Release  # noqa: E402

STRUCTURED = ["review_id", "icb", "region", "notification_date", "death_date", "review_type",
              "age_at_death", "sex", "ethnic_group", "ld_severity", "autistic", "living_arrangement",
              "place_of_death", "cause_of_death", "care_grade"]

_ANJANA = r'''
import json, sys, time
import pandas as pd
from anjana.anonymity import k_anonymity
data = pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False)
spec = json.load(open(sys.argv[2]))
hier = {q: {int(l): pd.Series(v) for l, v in levels.items()} for q, levels in spec["hierarchies"].items()}
t = time.perf_counter()
out = k_anonymity(data, [], list(hier), spec["k"], spec["supp"], hier)
secs = time.perf_counter() - t
from pycanon.anonymity import k_anonymity as measure
qi = list(hier)
print(json.dumps({"seconds": round(secs, 2), "rows_out": len(out),
                  "k": int(measure(out.reset_index(drop=True), qi)) if len(out) else None,
                  "suppressed_share": round(1 - len(out) / len(data), 4),
                  "levels": {q: next((l for l, v in sorted(hier[q].items())
                                      if set(out[q].astype(str)) <= set(v.astype(str))), None)
                             for q in qi}}))
'''


def _anjana(rel: Release, reviews: pd.DataFrame, plan_levels: dict, k: int, supp: float,
            python: str) -> dict:
    """ANJANA on the same level-0 quasi-identifiers with the same hierarchies (one column per
    hierarchy, values at every level)."""
    base = rel._base(reviews)  # level-0 inputs of each hierarchy (benchmark: private access is fine)
    cols, hier = {}, {}
    for name, h in rel.schema.hierarchies.items():
        levels = {}
        for lvl in range(len(h.levels)):
            frame = rel._qi_at(base, {name: lvl}, tuple(r.output for r in rel.schema.columns.values()
                                                         if r.hierarchy == name and r.base_level == 0))
            levels[str(lvl)] = frame.iloc[:, 0].fillna("NA").astype(str).tolist()
        cols[name] = levels["0"]
        hier[name] = levels
    with tempfile.TemporaryDirectory() as tmp:
        data, spec = Path(tmp) / "qi.csv", Path(tmp) / "spec.json"
        pd.DataFrame(cols).to_csv(data, index=False)
        spec.write_text(json.dumps({"hierarchies": hier, "k": k, "supp": supp * 100}))
        script = Path(tmp) / "run.py"
        script.write_text(_ANJANA)
        res = subprocess.run([python, str(script), str(data), str(spec)], capture_output=True,
                             text=True, timeout=3600)
    if res.returncode:
        return {"error": res.stderr.strip().splitlines()[-1] if res.stderr else "failed"}
    return json.loads(res.stdout.strip().splitlines()[-1])


NEW_QIS = ("review_type", "autistic", "living_arrangement", "cause_group")


def _search_compare(rel: Release, reviews: pd.DataFrame, args) -> dict:
    """Exhaustive against greedy on the 7-hierarchy lattice; greedy at larger scales."""
    prepared = rel.prepare(reviews)
    small = prepared.drop(columns=[c for c in NEW_QIS if c in prepared.columns])
    out: dict = {"small_lattice": {}, "scale": []}
    for search in ("exhaustive", "greedy"):
        t = time.perf_counter()
        plan = rel.plan_prepared(small, k=args.k, max_suppressed_share=args.max_suppressed_share,
                                 search=search)
        secs = time.perf_counter() - t
        step = plan.steps[0]
        out["small_lattice"].update({f"{search}_s": round(secs, 3),
                                     f"{search}_loss": step["information_loss"],
                                     f"{search}_nodes": step["nodes_evaluated"],
                                     f"{search}_levels": dict(plan.levels),
                                     "lattice_size": step["lattice_size"],
                                     "hierarchies": list(plan.levels)})
    sm = out["small_lattice"]
    sm["speedup"] = round(sm["exhaustive_s"] / max(sm["greedy_s"], 1e-9), 1)
    if args.exhaustive_full:
        t = time.perf_counter()
        plan = rel.plan_prepared(prepared, k=args.k,
                                 max_suppressed_share=args.max_suppressed_share, search="exhaustive")
        out["full_exhaustive"] = {"seconds": round(time.perf_counter() - t, 2),
                                  "loss": plan.steps[0]["information_loss"],
                                  "levels": dict(plan.levels)}
    for n in args.scale:
        blocks = []
        for b in range(0, n, 10_000):
            block = synthesize(n_reviews=min(10_000, n - b), seed=args.seed + 1 + b // 10_000).reviews
            blocks.append(block[STRUCTURED].assign(review_id=[f"S{b + i:07d}" for i in range(len(block))]))
        big = pd.concat(blocks, ignore_index=True)
        del blocks
        prep = rel.prepare(big)
        t = time.perf_counter()
        plan = rel.plan_prepared(prep, k=args.k, max_suppressed_share=args.max_suppressed_share)
        secs = time.perf_counter() - t
        d = plan.to_dict()
        out["scale"].append({"n_reviews": len(big), "plan_s": round(secs, 2),
                             "nodes_evaluated": plan.steps[0]["nodes_evaluated"],
                             "search": plan.steps[0]["search"], "meets_k": plan.meets_k,
                             "share_suppressed": d["share_suppressed"],
                             "levels": {h: v["name"] for h, v in d["levels"].items()}})
    return out


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n-reviews", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--k", type=int, default=5)
    ap.add_argument("--max-suppressed-share", type=float, default=0.05)
    ap.add_argument("--anjana-python", default=None)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--scale", type=int, nargs="*", default=[],
                    help="also time the greedy plan on this many reviews")
    ap.add_argument("--exhaustive-full", action="store_true",
                    help="also run the exhaustive search on the full lattice (slow)")
    args = ap.parse_args(argv)

    t = time.perf_counter()
    reviews = synthesize(n_reviews=args.n_reviews, seed=args.seed).reviews[STRUCTURED]
    synth_s = time.perf_counter() - t
    rel = Release("national", key=b"benchmark-key-not-secret-0123456789")

    naive = rel.transform(reviews, rel.plan(reviews, k=1))  # narrowest levels, nothing suppressed
    t = time.perf_counter()
    before = rel.measure(naive, k=args.k)
    measure_s = time.perf_counter() - t

    t = time.perf_counter()
    plan = rel.plan(reviews, k=args.k, max_suppressed_share=args.max_suppressed_share)
    plan_s = time.perf_counter() - t
    t = time.perf_counter()
    released = pd.concat([rel.transform(reviews.iloc[i:i + 500], plan)
                          for i in range(0, len(reviews), 500)])
    apply_s = time.perf_counter() - t
    after = rel.measure(released, k=args.k)
    p = plan.to_dict()
    result = {
        "n_reviews": len(reviews), "seed": args.seed, "k_target": args.k,
        "max_suppressed_share": args.max_suppressed_share,
        "before": {k: before[k] for k in ("k", "share_below_k", "share_unique", "l_diversity",
                                          "n_classes")},
        "after": {k: after[k] for k in ("k", "share_below_k", "share_unique", "l_diversity",
                                        "share_l_below_2", "n_classes", "n_suppressed")},
        "meets_k": p["meets_k"],
        "levels": {h: v["name"] for h, v in p["levels"].items()},
        "share_generalised": p["share_generalised"], "share_suppressed": p["share_suppressed"],
        "lattice": p["steps"][0],
        "seconds": {"synthesize": round(synth_s, 2), "measure_baseline": round(measure_s, 3),
                    "plan": round(plan_s, 3), "apply_500_row_chunks": round(apply_s, 3)},
        "plan_over_measure": round(plan_s / max(measure_s, 1e-9), 1),
    }
    result["search"] = _search_compare(rel, reviews, args)
    if args.anjana_python:
        result["anjana"] = _anjana(rel, reviews, plan.levels, args.k, args.max_suppressed_share,
                                   args.anjana_python)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        b, a = result["before"], result["after"]
        print(f"{result['n_reviews']:,} synthetic reviews (seed {args.seed}), k target {args.k}, "
              f"suppression limit {args.max_suppressed_share:.0%}")
        print(f"before: smallest k {b['k']}, records below k {b['share_below_k']:.1%}, unique "
              f"{b['share_unique']:.1%}, {b['n_classes']:,} classes")
        print(f"after:  smallest k {a['k']}, records below k {a['share_below_k']:.1%}, unique "
              f"{a['share_unique']:.1%}, {a['n_classes']:,} classes, l-diversity of care grade "
              f"{a['l_diversity']} (records with l < 2: {a['share_l_below_2']:.1%})")
        print(f"generalised {result['share_generalised']:.1%}, suppressed "
              f"{result['share_suppressed']:.1%} of records; meets k: {result['meets_k']}")
        for h, name in result["levels"].items():
            print(f"  {h:15s} {name}")
        s = result["seconds"]
        print(f"plan {s['plan']} s ({result['lattice']['nodes_evaluated']} of "
              f"{result['lattice']['lattice_size']} lattice nodes; x{result['plan_over_measure']} "
              f"one measurement pass of {s['measure_baseline']} s); apply in 500-row chunks "
              f"{s['apply_500_row_chunks']} s; synthesize {s['synthesize']} s")
        sc = result["search"]
        sm = sc["small_lattice"]
        print(f"search, {sm['lattice_size']:,}-node lattice ({', '.join(sm['hierarchies'])}): "
              f"exhaustive {sm['exhaustive_s']} s (loss {sm['exhaustive_loss']}), greedy "
              f"{sm['greedy_s']} s (loss {sm['greedy_loss']}): x{sm['speedup']} faster")
        if "full_exhaustive" in sc:
            fe = sc["full_exhaustive"]
            print(f"full lattice exhaustive: {fe['seconds']} s, loss {fe['loss']} "
                  f"(greedy {result['lattice']['information_loss']} in {s['plan']} s)")
        for row in sc["scale"]:
            print(f"greedy plan on {row['n_reviews']:,} reviews: {row['plan_s']} s "
                  f"({row['nodes_evaluated']} nodes), meets k {row['meets_k']}, suppressed "
                  f"{row['share_suppressed']:.1%}")
        if "anjana" in result:
            print(f"ANJANA (same rows and hierarchies): {json.dumps(result['anjana'])}")
    return result


if __name__ == "__main__":
    main()
