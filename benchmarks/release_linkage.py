"""The attacker's linkage measurement on a national bundle (issue 11, attacker's F3).

Usage::

    .venv/bin/python benchmarks/release_linkage.py BUNDLE SOURCE.csv --key-file KEY [--json]

Reads ``BUNDLE/reviews.csv`` and reports, for the column sets the independent attacker used:

* the share of released records that are **unique**, and in classes below k = 5, on those
  columns (a ``*`` is a value like any other, as an attacker reading the file sees it);
* the **linkage**: the attacker holds the source (true values) and, for each released record,
  looks for the source records consistent with it on sex, autistic, living arrangement and cause
  of death (a ``*`` matches anything; a generalised column is compared at the level the manifest
  names, a column released as it is is compared as it is). A link is made when exactly one
  source record is consistent; it is correct when that is the record's own review (the key says
  which: pseudonyms are keyed). Reported: links made and links correct.

Works on bundles made before and after the cause of death, autistic, living arrangement and
review type became quasi-identifiers (the old bundles released them as they were).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import pandas as pd  # noqa: E402

from leder_insights.deid import load_key  # noqa: E402
from leder_insights.release import Release, generalise_values, load_release_schema  # noqa: E402

#: the attacker's column sets (released names; the cause is cause_group when grouped)
SETS = {
    "age_band+sex+autistic+living_arrangement": ["age_band", "sex", "autistic", "living_arrangement"],
    "+review_type+care_grade": ["age_band", "sex", "autistic", "living_arrangement", "review_type",
                                "care_grade"],
    "+cause": ["age_band", "sex", "autistic", "living_arrangement", "review_type", "care_grade",
               "cause"],
    "all released quasi-identifiers": None,
}
LINK = ["sex", "autistic", "living_arrangement", "cause"]


def _cause_column(released: pd.DataFrame) -> str:
    return "cause_group" if "cause_group" in released.columns else "cause_of_death"


def _attacker_values(source: pd.DataFrame, column: str, levels: dict, released_col: str) -> pd.Series:
    """The source's true values as the release shows them (generalised at the manifest's level)."""
    schema = load_release_schema()
    rule = next((r for r in schema.columns.values() if r.output == released_col), None)
    if rule is None or rule.hierarchy is None or rule.hierarchy not in levels:
        return source[column].map(lambda v: None if pd.isna(v) else str(v))  # released as it is
    h = schema.hierarchies[rule.hierarchy]
    level = min(max(levels[h.name], rule.base_level), len(h.levels) - 1)
    values = source[h.source].astype(object)
    if h.name == "year":
        values = values.astype(str).str[:4]
    fb = source["region"] if "fallback_column" in h.levels[level] else None
    if h.levels[0].get("kind") != "value" and level > 0:  # a base mapping first (e.g. allowed values)
        values = generalise_values(values, h.levels[0], fb)
    return generalise_values(values, h.levels[level], fb)


def measure(bundle: Path, source_csv: Path, key) -> dict:
    released = pd.read_csv(bundle / "reviews.csv", dtype=str, keep_default_na=False).replace("", None)
    manifest = json.loads((bundle / "manifest.json").read_text())
    levels = {h: v["level"] for h, v in manifest["release"]["plan"]["levels"].items()}
    qis = manifest["release"]["risk"]["quasi_identifiers"]
    source = pd.read_csv(source_csv, dtype=str, keep_default_na=False).replace("", None)
    cause = _cause_column(released)
    out: dict = {"bundle": str(bundle), "n_records": len(released), "measured_qis": qis,
                 "manifest_k": manifest["release"]["risk"]["k"], "sets": {}}
    for name, cols in SETS.items():
        cols = list(qis) if cols is None else [cause if c == "cause" else c for c in cols]
        cols = [c for c in cols if c in released.columns]
        key_ = released[cols].fillna("\x00").astype(str).apply(tuple, axis=1)
        sizes = key_.map(key_.value_counts())
        out["sets"][name] = {"columns": cols, "share_unique": round(float((sizes == 1).mean()), 4),
                             "share_below_5": round(float((sizes < 5).mean()), 4),
                             "smallest": int(sizes.min())}
    # linkage on sex, autistic, living arrangement and cause
    rel = Release(key=key)
    truth = dict(zip(source["review_id"].map(rel.pseudonym), range(len(source))))
    src_cols = {"sex": "sex", "autistic": "autistic", "living_arrangement": "living_arrangement",
                cause: "cause_of_death"}
    att = pd.DataFrame({c: _attacker_values(source, src_cols[c], levels, c) for c in src_cols})
    if cause == "cause_of_death":  # the old bundle released the de-identified text itself
        att[cause] = source["cause_of_death"]
    made = correct = 0
    for _, row in released.iterrows():
        ok = pd.Series(True, index=att.index)
        for c in src_cols:
            v = row.get(c)
            if v == "*":
                continue
            ok &= att[c].fillna("\x00").astype(str) == ("\x00" if v is None else str(v))
        hits = list(att.index[ok])
        if len(hits) == 1:
            made += 1
            correct += int(truth.get(row["review_id"]) == hits[0])
    out["linkage"] = {"columns": list(src_cols), "links_made": made, "links_correct": correct,
                      "of": len(released)}
    return out


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bundle", type=Path)
    ap.add_argument("source", type=Path)
    ap.add_argument("--key-file", required=True)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    result = measure(args.bundle, args.source, load_key(args.key_file))
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"{result['bundle']}: {result['n_records']} records, manifest k {result['manifest_k']} "
              f"on {len(result['measured_qis'])} quasi-identifiers")
        for name, r in result["sets"].items():
            print(f"  {name:42s} unique {r['share_unique']:.1%}  below k=5 {r['share_below_5']:.1%}  "
                  f"smallest {r['smallest']}")
        lk = result["linkage"]
        print(f"  linkage on {', '.join(lk['columns'])}: {lk['links_made']}/{lk['of']} linked, "
              f"{lk['links_correct']} correct")
    return result


if __name__ == "__main__":
    main()
