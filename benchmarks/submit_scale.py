"""National submission at scale: wall time, words/s, peak RSS and the residual-risk figure.

Usage: python benchmarks/submit_scale.py [--n 10000] [--n-process 2] [--chunk-rows 500]

Generates N synthetic reviews, runs ``build_submission`` (national profile) in this process and
prints the figures: peak RSS of this (parent) process and of the largest worker process (from
``getrusage``), and, sampled every second from ``/proc`` (Linux), the parent's peak while chunks
are processed and while the bundle is finalised. The target is peak RSS < 1.5 GB per process
for 10k reviews on 2 cores.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import secrets
import sys
import tempfile
import time
import threading
from pathlib import Path


def _rss_mb(pid: int | str = "self") -> float:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _children() -> list[str]:
    out = []
    try:
        for task in os.listdir("/proc/self/task"):
            with open(f"/proc/self/task/{task}/children") as fh:
                out += fh.read().split()
    except OSError:
        pass
    return out


class _PhaseSampler(threading.Thread):
    """Peak RSS (MB) of this process and of its largest child, per phase, sampled every second."""

    def __init__(self):
        super().__init__(daemon=True)
        self.phase = "chunks"
        self.peaks: dict[str, dict[str, float]] = {}
        self.stop = threading.Event()

    def run(self):
        while not self.stop.is_set():
            p = self.peaks.setdefault(self.phase, {"parent_mb": 0.0, "largest_child_mb": 0.0})
            p["parent_mb"] = max(p["parent_mb"], _rss_mb())
            p["largest_child_mb"] = max([p["largest_child_mb"], *(_rss_mb(c) for c in _children())])
            self.stop.wait(1.0)


def _run(src: Path, out: Path, n_process: int, chunk_rows: int) -> dict:
    from leder_insights.jobs import build_submission

    sampler = _PhaseSampler()

    def on_chunk(i: int, n: int, done=set()) -> None:  # noqa: B006 (one set per sampler, on purpose)
        done.add(i)
        if len(done) == n:
            sampler.phase = "finalise"

    sampler.start()
    t = time.perf_counter()
    res = build_submission(src, out, key=secrets.token_bytes(32), n_process=n_process,
                           chunk_rows=chunk_rows, on_chunk=on_chunk)
    wall = time.perf_counter() - t
    sampler.stop.set()
    sampler.join()
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"wall_s": wall, "manifest": res.manifest, "peak_rss_self_mb": self_kb / 1024,
            "peak_rss_children_mb": child_kb / 1024, "sampled": sampler.peaks}


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
            "releasable": m["releasable"],
            "sampled_peak_rss_mb_by_phase": {k: {n: round(v) for n, v in p.items()}
                                             for k, p in r["sampled"].items()},
            "load_avg_1_5_15": [round(x, 2) for x in os.getloadavg()]}, indent=2))
        ok = r["peak_rss_self_mb"] < 1536 and r["peak_rss_children_mb"] < 1536
        print(f"peak RSS target (< 1.5 GB per process): {'met' if ok else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
