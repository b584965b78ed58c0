"""Detection accuracy: synthetic gold from unseen seeds, and (when present) H4's real coroners' gold.

Usage::

    .venv/bin/python benchmarks/deid_accuracy.py [--n-reviews 100] [--seeds 1000 1001] [--json]
        [--real-gold PATH] [--pfd-reports PATH] [--show-misses]

Synthetic seeds >= 1000 are never used during development (seeds 0-9 are).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from leder_insights.deid._engine import build_detector  # noqa: E402
from leder_insights.deid._evaluate import evaluate_spans, format_report, predict_documents  # noqa: E402

DEFAULT_REAL_GOLD = REPO / "gold" / "pfd_deid_dev.jsonl"
DEFAULT_REPORTS = REPO.parent / "shared" / "data" / "pfd_reports.jsonl"


def synthetic_gold(n_reviews: int, seed: int) -> list[dict]:
    """Gold documents exactly as ``write_corpus`` writes ``gold_deid.jsonl``."""
    from leder_insights.corpus import synthesize, write_corpus

    with tempfile.TemporaryDirectory() as tmp:
        paths = write_corpus(synthesize(n_reviews, seed), tmp)
        with open(paths["gold_deid"], encoding="utf-8") as fh:
            return [json.loads(line) for line in fh]


def real_gold(gold_path: Path, reports_path: Path) -> list[dict] | None:
    if not gold_path.exists() or not reports_path.exists():
        print(f"real gold skipped: {gold_path if not gold_path.exists() else reports_path} not found",
              file=sys.stderr)
        return None
    from leder_insights.evaluation.pfd import iter_pfd_gold

    return list(iter_pfd_gold(gold_path, reports_path))


def run(docs: list[dict], det, n_process: int, show: bool) -> dict:
    t = time.perf_counter()
    preds = predict_documents(det, docs, n_process=n_process)  # fields of a review together
    secs = time.perf_counter() - t
    m = evaluate_spans(docs, preds, show_text=show)
    words = sum(len(d["text"].split()) for d in docs)
    m["seconds"] = round(secs, 2)
    m["words_per_second"] = round(words / secs) if secs else None
    return m


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n-reviews", type=int, default=100)
    ap.add_argument("--seeds", type=int, nargs="+", default=[1000, 1001])
    ap.add_argument("--n-process", type=int, default=2)
    ap.add_argument("--real-gold", type=Path, default=DEFAULT_REAL_GOLD)
    ap.add_argument("--pfd-reports", type=Path, default=DEFAULT_REPORTS)
    ap.add_argument("--show-misses", action="store_true", help="print raw missed text (local dev only)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    det = build_detector()
    out = {"model": det.model_name, "model_version": det.model_version}
    docs = [d for s in args.seeds for d in synthetic_gold(args.n_reviews, s)]
    out["synthetic"] = run(docs, det, args.n_process, args.show_misses)
    rg = real_gold(args.real_gold, args.pfd_reports)
    if rg:
        out["real"] = run(rg, det, args.n_process, args.show_misses)
    if args.json:
        print(json.dumps(out, indent=2))
        return 0
    for name in ("synthetic", "real"):
        if name in out:
            m = out[name]
            print(f"== {name} ({'seeds ' + str(args.seeds) if name == 'synthetic' else args.real_gold.name}) "
                  f"{m['words_per_second']} words/s")
            print(format_report(m))
            if args.show_misses:
                for x in m["misses"][:60]:
                    print("  MISS", x["category"], repr(x.get("text", x.get("hint"))), x["covered"])
                for x in m["false_positives"][:60]:
                    print("  FP  ", x["category"], repr(x.get("text", x.get("hint"))), x["inside_gold"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
