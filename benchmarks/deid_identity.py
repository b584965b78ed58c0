"""Identity check for speed work: the entities and masked text of every coroners' report (its
inquest, circumstances and concerns sections, de-identified together) and of the demo's synthetic
corpus (300 reviews, seed 2024, free-text columns), written to a JSON file in one checkout and
compared with another checkout's file.

Usage::

    PYTHONPATH=<checkout A> .venv/bin/python benchmarks/deid_identity.py write A.json
    PYTHONPATH=<checkout B> .venv/bin/python benchmarks/deid_identity.py write B.json
    .venv/bin/python benchmarks/deid_identity.py compare A.json B.json   # exit 1 if they differ

The JSON holds report text; keep it outside the repository (e.g. under /tmp).
"""
from __future__ import annotations

import argparse
import json
import sys

KEY = b"identity-check-key-0123456789"  # a fixed key: the masked text must match byte for byte


def write(path: str, reports: str) -> None:
    from leder_insights.corpus import synthesize
    from leder_insights.deid import Deidentifier
    from leder_insights.schema import FREE_TEXT_COLUMNS

    deid = Deidentifier(profile="local", key=KEY)
    det = deid.detector
    out: dict = {}

    def run(doc_key: str, fields: dict) -> None:
        ents = dict(zip(fields, det.analyze_many(list(fields.values()), n_process=1)))
        texts, _, _ = deid.deidentify_fields(fields, doc_key, entities=ents)
        out[doc_key] = {f: {"entities": [(e.start, e.end, e.entity_type, e.category, round(e.score, 6), e.source)
                                         for e in ents[f]], "masked": texts[f]} for f in fields}

    with open(reports, encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            fields = {k: d[k] for k in ("inquest", "circumstances", "concerns")
                      if isinstance(d.get(k), str) and d[k].strip()}
            if fields:
                run("pfd:" + d["ref"], fields)
    for row in synthesize(n_reviews=300, seed=2024).reviews.to_dict("records"):
        fields = {c: row[c] for c in FREE_TEXT_COLUMNS if isinstance(row.get(c), str) and row[c].strip()}
        run("demo:" + str(row["review_id"]), fields)
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(out, fh)
    print(f"{len(out)} documents, {sum(len(v) for v in out.values())} fields, "
          f"{sum(len(f['entities']) for v in out.values() for f in v.values())} entities")


def compare(a_path: str, b_path: str) -> int:
    with open(a_path, encoding="utf-8") as fa, open(b_path, encoding="utf-8") as fb:
        a, b = json.load(fa), json.load(fb)
    if a.keys() != b.keys():
        print("different documents")
        return 1
    n_fields = ents_a = ents_b = diff_e = diff_m = 0
    for k in a:
        for f in a[k]:
            n_fields += 1
            ents_a += len(a[k][f]["entities"])
            ents_b += len(b[k][f]["entities"])
            if a[k][f]["entities"] != b[k][f]["entities"]:
                diff_e += 1
                print("entities differ:", k, f)
            if a[k][f]["masked"] != b[k][f]["masked"]:
                diff_m += 1
                print("masked text differs:", k, f)
    pfd = sum(1 for k in a if k.startswith("pfd:"))
    print(f"{len(a)} documents ({pfd} reports, {len(a) - pfd} demo reviews), {n_fields} fields; entities "
          f"{ents_a} vs {ents_b}; fields with different entities {diff_e}, with different masked text {diff_m}")
    return int(bool(diff_e or diff_m))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    w = sub.add_parser("write")
    w.add_argument("out")
    w.add_argument("--reports", default="../shared/data/pfd_reports.jsonl")
    c = sub.add_parser("compare")
    c.add_argument("a")
    c.add_argument("b")
    args = ap.parse_args(argv)
    if args.cmd == "write":
        write(args.out, args.reports)
        return 0
    return compare(args.a, args.b)


if __name__ == "__main__":
    sys.exit(main())
