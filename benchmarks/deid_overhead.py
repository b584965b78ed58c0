"""Our detector's cost over spaCy's NER component alone, measured so that a busy machine cancels out.

``deid_throughput.py`` runs each system once, one after the other, in its own process; on a
machine shared with other jobs the load changes between systems and the ratios swing by ±20%.
Here every system runs in one process, on one core, in interleaved rounds (NER alone, ours,
ours without the re-cased ALL-CAPS pass, NER alone, ...), and the median of the per-round ratios
is reported. ``--caps-fraction`` writes the first sentence of that share of texts in capitals, to
price the ALL-CAPS pass where it actually runs.

Usage::

    .venv/bin/python benchmarks/deid_overhead.py [--n-reviews 40] [--rounds 5] [--caps-fraction 0.3]
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n-reviews", type=int, default=40)
    ap.add_argument("--seed", type=int, default=7, help="a development seed (0-9)")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--caps-fraction", type=float, default=0.0)
    args = ap.parse_args(argv)

    from benchmarks.deid_accuracy import synthetic_gold
    from leder_insights.deid._engine import build_detector

    texts = [d["text"] for d in synthetic_gold(args.n_reviews, args.seed)]
    rng = random.Random(args.seed)
    if args.caps_fraction:
        for i, t in enumerate(texts):
            end = t.find(". ") + 1 or len(t)
            if rng.random() < args.caps_fraction:
                texts[i] = t[:end].upper() + t[end:]
    words = sum(len(t.split()) for t in texts)
    det = build_detector()
    nlp = det.nlp  # the same lean pipeline ours runs (NER component only)
    det.analyze_many(texts[:5], n_process=1)
    list(nlp.pipe(texts[:5]))

    def ner_alone():
        for _ in nlp.pipe(texts, batch_size=64):
            pass

    def ours(restore: bool):
        det.restore_caps = restore
        det.analyze_many(texts, n_process=1)

    runs = {"ner": ner_alone, "ours": lambda: ours(True), "ours_nocaps": lambda: ours(False)}
    secs: dict[str, list[float]] = {k: [] for k in runs}
    for _ in range(args.rounds):
        for name, fn in runs.items():
            t = time.perf_counter()
            fn()
            secs[name].append(time.perf_counter() - t)
    det.restore_caps = True
    speed_vs_ner = statistics.median(n / o for n, o in zip(secs["ner"], secs["ours"]))
    nocaps_vs_ner = statistics.median(n / o for n, o in zip(secs["ner"], secs["ours_nocaps"]))
    caps_cost = statistics.median(o / c - 1 for o, c in zip(secs["ours"], secs["ours_nocaps"]))
    print(f"{len(texts)} texts, {words} words (synthetic seed {args.seed}, first sentence in capitals in "
          f"{args.caps_fraction:.0%}), 1 process, {args.rounds} interleaved rounds")
    for name in runs:
        print(f"  {name:<12} median {statistics.median(secs[name]):6.2f} s  "
              f"({words / statistics.median(secs[name]):,.0f} words/s)")
    print(f"ours / NER alone (speed): {speed_vs_ner:.2f}; without the ALL-CAPS pass: {nocaps_vs_ner:.2f}; "
          f"ALL-CAPS pass costs {caps_cost:+.1%} time")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
