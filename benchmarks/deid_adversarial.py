"""Adversarial de-identification set: recall per family and survival of clinical terms.

The cases (``tests/deid/data/adversarial.txt``) are synthetic sentences written for this project:
identifiers hidden in capitals, markup, invisible characters, unusual scripts and forms, plus
clinical terms that must survive. A planted identifier counts as found only when *every* letter and
digit of it lies inside a detected span (fail closed); a term survives when none of its characters
is inside one.

Usage::

    .venv/bin/python benchmarks/deid_adversarial.py [--cases PATH] [--show-misses] [--json]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

DEFAULT_CASES = REPO / "tests" / "deid" / "data" / "adversarial.txt"
_MARK = re.compile(r"\[\[(.+?)\]\]|\{\{(.+?)\}\}")
_ESC = re.compile(r"\\u([0-9a-fA-F]{4})|\\t")


def _unescape(s: str) -> str:
    return _ESC.sub(lambda m: "\t" if m.group(0) == "\\t" else chr(int(m.group(1), 16)), s)


def parse_case(marked: str) -> tuple[str, list[tuple[int, int]], list[tuple[int, int]]]:
    """Text without markers, planted identifier spans and must-survive spans.

    >>> parse_case("Seen by [[Dr Ng]] for {{NEWS2}}.")
    ('Seen by Dr Ng for NEWS2.', [(8, 13)], [(18, 23)])
    """
    marked = _unescape(marked)
    out, ids, keep, pos = [], [], [], 0
    n = 0
    for m in _MARK.finditer(marked):
        out.append(marked[pos:m.start()])
        n += m.start() - pos
        inner = m.group(1) if m.group(1) is not None else m.group(2)
        (ids if m.group(1) is not None else keep).append((n, n + len(inner)))
        out.append(inner)
        n += len(inner)
        pos = m.end()
    out.append(marked[pos:])
    return "".join(out), ids, keep


def load_cases(path: str | Path = DEFAULT_CASES) -> list[dict]:
    """``[{"family", "text", "ids": [(s, t)], "keep": [(s, t)]}]`` from the case file."""
    cases = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        family, marked = line.split("\t", 1)
        text, ids, keep = parse_case(marked)
        cases.append({"family": family, "text": text, "ids": ids, "keep": keep})
    return cases


def covered(text: str, span: tuple[int, int], entities) -> bool:
    """Every letter/digit of ``text[span]`` lies inside one of ``entities``."""
    s, t = span
    return all(any(e.start <= i < e.end for e in entities) for i in range(s, t) if text[i].isalnum())


def touched(span: tuple[int, int], entities) -> bool:
    s, t = span
    return any(e.start < t and s < e.end for e in entities)


def score(cases: list[dict], predictions: list[list]) -> dict:
    """Recall per family, survival of must-keep terms, and the misses (text shown)."""
    found, total = defaultdict(int), defaultdict(int)
    kept, n_keep = 0, 0
    misses = []
    for c, ents in zip(cases, predictions):
        for sp in c["ids"]:
            total[c["family"]] += 1
            if covered(c["text"], sp, ents):
                found[c["family"]] += 1
            else:
                misses.append((c["family"], c["text"][sp[0]:sp[1]], c["text"]))
        for sp in c["keep"]:
            n_keep += 1
            if touched(sp, ents):
                misses.append(("keep", c["text"][sp[0]:sp[1]], c["text"]))
            else:
                kept += 1
    fams = {f: {"found": found[f], "total": total[f], "recall": round(found[f] / total[f], 3)}
            for f in total}
    n_found, n_total = sum(found.values()), sum(total.values())
    return {"families": fams, "overall_recall": round(n_found / max(1, n_total), 3),
            "n_found": n_found, "n_total": n_total,
            "survival": round(kept / max(1, n_keep), 3), "n_kept": kept, "n_keep": n_keep,
            "misses": misses}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", default=str(DEFAULT_CASES))
    ap.add_argument("--show-misses", action="store_true")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    from leder_insights.deid._engine import build_detector

    cases = load_cases(args.cases)
    det = build_detector()
    t0 = time.perf_counter()
    preds = det.analyze_many([c["text"] for c in cases], n_process=1)
    secs = time.perf_counter() - t0
    res = score(cases, preds)
    res["seconds"] = round(secs, 2)
    if args.json:
        print(json.dumps({k: v for k, v in res.items() if k != "misses"}, indent=2))
        return 0
    print(f"adversarial set: {len(cases)} cases, {res['n_total']} planted identifiers, "
          f"{res['n_keep']} must-keep terms ({secs:.1f} s)")
    print(f"{'family':<10} {'found':>5} {'total':>5} {'recall':>7}")
    for f, r in res["families"].items():
        print(f"{f:<10} {r['found']:>5} {r['total']:>5} {r['recall']:>7.3f}")
    print(f"{'overall':<10} {res['n_found']:>5} {res['n_total']:>5} {res['overall_recall']:>7.3f}")
    print(f"clinical/national terms surviving: {res['n_kept']}/{res['n_keep']} ({res['survival']:.3f})")
    if args.show_misses:
        for fam, span, text in res["misses"]:
            print(f"  MISS {fam:<9} {span!r:<30} in {text!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
