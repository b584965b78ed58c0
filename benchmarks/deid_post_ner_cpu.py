"""CPU time of everything the detector does after spaCy (recognizers, filters, second pass,
allow-list), against spaCy's NER alone, on the same synthetic texts.

CPU time (``time.process_time``) of one process moves much less with the load of a shared
machine than wall time, and the spaCy documents are made once beforehand, so the figure isolates
our own overhead. The best of ``--rounds`` rounds is reported. To compare two versions, run the
script in each checkout (``PYTHONPATH=<checkout> python <checkout>/benchmarks/deid_post_ner_cpu.py``).

Usage::

    .venv/bin/python benchmarks/deid_post_ner_cpu.py [--n-reviews 30] [--rounds 5]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n-reviews", type=int, default=30)
    ap.add_argument("--seed", type=int, default=7, help="a development seed (0-9)")
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args(argv)

    from benchmarks.deid_accuracy import synthetic_gold
    from leder_insights.deid._engine import build_detector

    texts = [d["text"] for d in synthetic_gold(args.n_reviews, args.seed)]
    det = build_detector()
    docs = list(det.nlp.pipe(texts))
    det.analyze_many(texts[:5], n_process=1)

    def post_ner():
        for text, doc in zip(texts, docs):
            det._finish(text, det._chunk_entities(text, doc))

    post, ner = [], []
    for _ in range(args.rounds):
        t = time.process_time()
        post_ner()
        post.append(time.process_time() - t)
        t = time.process_time()
        list(det.nlp.pipe(texts, batch_size=64))
        ner.append(time.process_time() - t)
    p, n = min(post), min(ner)
    print(f"{len(texts)} texts (synthetic seed {args.seed}): NER alone {n:.2f} s CPU, our work after NER "
          f"{p:.2f} s CPU (best of {args.rounds}); NER / (NER + ours) = {n / (n + p):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
