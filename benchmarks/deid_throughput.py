"""Detection throughput: ours against vanilla Presidio, Presidio's BatchAnalyzerEngine and spaCy NER.

Same corpus (the text fields of synthetic reviews, a development seed), same spaCy model, same
machine, one run. Each system runs in its own child process so that its peak memory
(``resource.getrusage``, self + children) is its own. Prints words/s, ratios, peak memory and the
type-agnostic entity recall/precision of each against the synthetic gold.

Usage::

    .venv/bin/python benchmarks/deid_throughput.py [--n-reviews 300] [--seed 7] [--json]
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

SYSTEMS = ("presidio", "presidio_batch2", "spacy_ner2", "spacy_ner_lean2", "ours1", "ours2", "ours2_nocaps")
LABELS = {"presidio": "vanilla Presidio AnalyzerEngine.analyze (1 proc)",
          "presidio_batch2": "Presidio BatchAnalyzerEngine (n_process=2)",
          "spacy_ner2": "spaCy full pipeline NER only, nlp.pipe (n_process=2)",
          "spacy_ner_lean2": "spaCy NER component alone, nlp.pipe (n_process=2)",
          "ours1": "ours Detector.analyze_many (1 proc)",
          "ours2": "ours Detector.analyze_many (n_process=2)",
          "ours2_nocaps": "ours without the re-cased ALL-CAPS pass (n_process=2)"}
#: Presidio / spaCy types -> schema categories, for per-system recall
CATEGORY = {"PERSON": "PERSON", "LOCATION": "LOCATION", "GPE": "LOCATION", "LOC": "LOCATION",
            "FAC": "LOCATION", "ORGANIZATION": "ORGANIZATION", "ORG": "ORGANIZATION", "DATE_TIME": "DATE",
            "DATE": "DATE", "PHONE_NUMBER": "CONTACT", "EMAIL_ADDRESS": "CONTACT", "URL": "CONTACT",
            "UK_NHS": "ID", "UK_NINO": "ID", "NRP": None}


def _peak_mb() -> float:
    kb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
          + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return round(kb / 1024, 1)


def _model_name() -> str:
    from leder_insights.config import load_config
    from leder_insights.nlp import resolve_model_name

    cfg = load_config()
    return resolve_model_name(cfg.nlp.model, cfg.nlp.fallbacks)


def _presidio_analyzer():
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    conf = {"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": _model_name()}]}
    return AnalyzerEngine(nlp_engine=NlpEngineProvider(nlp_configuration=conf).create_engine(),
                          supported_languages=["en"])


def _to_spans(results) -> list[dict]:
    return [{"start": r.start, "end": r.end, "category": CATEGORY.get(r.entity_type, "?")}
            for r in results if CATEGORY.get(r.entity_type, "?") is not None]


def child(system: str, corpus_path: str) -> dict:
    """Run one system over the corpus (in this process) and return its figures."""
    texts = [d["text"] for d in json.loads(Path(corpus_path).read_text())]
    if system == "presidio":
        an = _presidio_analyzer()
        an.analyze(texts[0], "en")
        t = time.perf_counter()
        preds = [_to_spans(an.analyze(x, "en")) for x in texts]
    elif system == "presidio_batch2":
        from presidio_analyzer import BatchAnalyzerEngine

        an = _presidio_analyzer()
        batch = BatchAnalyzerEngine(analyzer_engine=an)
        t = time.perf_counter()
        preds = [_to_spans(r) for r in batch.analyze_iterator(texts, "en", batch_size=32, n_process=2)]
    elif system in ("spacy_ner2", "spacy_ner_lean2"):
        import spacy

        if system == "spacy_ner2":
            nlp = spacy.load(_model_name())
        else:  # the pipeline ours runs: NER with its own embedding layer, nothing else
            from leder_insights.deid._engine import read_recognizer_config
            from leder_insights.nlp import load_spacy

            nlp = load_spacy(_model_name(), tuple(read_recognizer_config()["exclude_components"]))
        t = time.perf_counter()
        preds = [[{"start": e.start_char, "end": e.end_char, "category": CATEGORY.get(e.label_, "?")}
                  for e in doc.ents if e.label_ in ("PERSON", "GPE", "LOC", "FAC", "ORG", "DATE")]
                 for doc in nlp.pipe(texts, batch_size=64, n_process=2)]
    elif system in ("ours1", "ours2", "ours2_nocaps"):
        from leder_insights.deid._engine import build_detector

        det = build_detector()
        det.restore_caps = system != "ours2_nocaps"
        det.analyze(texts[0])
        t = time.perf_counter()
        preds = det.analyze_many(texts, n_process=1 if system == "ours1" else 2)
        preds = [[e.to_dict() for e in p] for p in preds]
    else:
        raise SystemExit(f"unknown system {system}")
    secs = time.perf_counter() - t
    return {"system": system, "seconds": round(secs, 2), "preds": preds, "peak_mb": _peak_mb()}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n-reviews", type=int, default=300)
    ap.add_argument("--seed", type=int, default=7, help="a development seed (0-9)")
    ap.add_argument("--systems", nargs="+", default=list(SYSTEMS), choices=SYSTEMS)
    ap.add_argument("--caps-fraction", type=float, default=0.0,
                    help="write the first sentence of this share of texts in capitals (ASCII sentences only)")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--child", nargs=2, metavar=("SYSTEM", "CORPUS"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        out = child(*args.child)
        print(json.dumps(out))
        return 0

    from benchmarks.deid_accuracy import synthetic_gold
    from leder_insights.deid._evaluate import evaluate_spans

    docs = synthetic_gold(args.n_reviews, args.seed)
    if args.caps_fraction:
        import random

        rng = random.Random(args.seed)
        for d in docs:
            end = d["text"].find(". ") + 1 or len(d["text"])
            first = d["text"][:end]
            if first.isascii() and rng.random() < args.caps_fraction:
                d["text"] = first.upper() + d["text"][end:]  # same length: gold offsets hold
    words = sum(len(d["text"].split()) for d in docs)
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.json"
        corpus.write_text(json.dumps(docs))
        for system in args.systems:
            proc = subprocess.run([sys.executable, __file__, "--child", system, str(corpus)],
                                  capture_output=True, text=True, cwd=REPO,
                                  env={**os.environ, "PYTHONPATH": str(REPO)})
            if proc.returncode != 0:
                print(proc.stderr[-2000:], file=sys.stderr)
                raise SystemExit(f"{system} failed")
            r = json.loads(proc.stdout.strip().splitlines()[-1])
            m = evaluate_spans(docs, r.pop("preds"))
            r.update(words_per_second=round(words / r["seconds"]), recall=m["entity"]["recall"],
                     precision=m["entity"]["precision"])
            results[system] = r
            print(f"  {LABELS[system]:<56} {r['words_per_second']:>7} words/s", file=sys.stderr)
    report = {"n_documents": len(docs), "words": words, "cpus": os.cpu_count(), "model": _model_name(),
              "results": results}
    for mine in ("ours1", "ours2", "ours2_nocaps"):
        if mine in results:
            report[f"{mine}_speedup"] = {k: round(results[mine]["words_per_second"] / v["words_per_second"], 2)
                                         for k, v in results.items() if k != mine}
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"corpus: {len(docs)} text fields, {words} words (synthetic, seed {args.seed}, capitals "
          f"{args.caps_fraction:.0%}); model "
          f"{report['model']}; {report['cpus']} CPUs")
    print(f"{'system':<58}{'words/s':>9}{'peak MB':>9}{'recall':>8}{'prec.':>7}")
    for k, r in results.items():
        print(f"{LABELS[k]:<58}{r['words_per_second']:>9}{r['peak_mb']:>9}{r['recall']:>8.3f}{r['precision']:>7.3f}")
    for mine in ("ours1", "ours2", "ours2_nocaps"):
        if f"{mine}_speedup" in report:
            print(f"{mine} speed-up: " + ", ".join(f"x{v} vs {k}" for k, v in report[f"{mine}_speedup"].items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
