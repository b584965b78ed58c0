"""National submission at scale: wall time, words/s, peak RSS and the residual-risk figure.

Usage: python benchmarks/submit_scale.py [--n 10000] [--n-process 2] [--chunk-rows 500]

Generates N synthetic reviews, runs ``build_submission`` (national profile) in a child process
so that peak RSS covers the whole run (parent + worker processes), and prints the figures.
The target is peak RSS < 1.5 GB for 10k reviews on 2 cores.
"""
from __future__ import annotations

import argparse
import json
import resource
import secrets
import sys
import tempfile
import time
from pathlib import Path


def _run(src: Path, out: Path, n_process: int, chunk_rows: int) -> dict:
    from leder_insights.deid._bundle import build_submission

    t = time.perf_counter()
    res = build_submission(src, out, key=secrets.token_bytes(32), n_process=n_process,
                           chunk_rows=chunk_rows)
    wall = time.perf_counter() - t
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"wall_s": wall, "manifest": res.manifest, "peak_rss_self_mb": self_kb / 1024,
            "peak_rss_children_mb": child_kb / 1024}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--n-process", type=int, default=2)
    ap.add_argument("--chunk-rows", type=int, default=500)
    ap.add_argument("--seed", type=int, default=31337)
    args = ap.parse_args()

    from leder_insights.corpus import synthesize, write_corpus
    from leder_insights.schema import FREE_TEXT_COLUMNS

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        t = time.perf_counter()
        corpus = synthesize(n_reviews=args.n, seed=args.seed)
        paths = write_corpus(corpus, tmp / "corpus")
        n_words = int(sum(corpus.reviews[c].fillna("").str.split().str.len().sum()
                          for c in FREE_TEXT_COLUMNS))
        print(f"synthesised {args.n} reviews ({n_words:,} words) in {time.perf_counter() - t:.1f} s")
        del corpus
        r = _run(paths["reviews_csv"], tmp / "bundle", args.n_process, args.chunk_rows)
        m = r["manifest"]
        g = m["residual_risk"]
        print(json.dumps({
            "reviews": args.n, "words": n_words, "wall_s": round(r["wall_s"], 1),
            "words_per_s": round(n_words / r["wall_s"]),
            "peak_rss_parent_mb": round(r["peak_rss_self_mb"]),
            "peak_rss_largest_child_mb": round(r["peak_rss_children_mb"]),
            "rows_in": m["rows_in"], "rows_out": m["rows_out"], "rows_quarantined": m["rows_quarantined"],
            "residual_candidates": g["n_candidates"], "residual_per_1k_words": g["rate_per_1k_words"],
            "releasable": m["releasable"]}, indent=2))
        ok = r["peak_rss_self_mb"] < 1536 and r["peak_rss_children_mb"] < 1536
        print(f"peak RSS target (< 1.5 GB per process): {'met' if ok else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
