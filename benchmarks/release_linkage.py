"""The attacker's linkage measurement on a national bundle (issue 11, attacker's F3).

Usage::

    .venv/bin/python benchmarks/release_linkage.py BUNDLE SOURCE.csv --key-file KEY [--json]
    .venv/bin/python benchmarks/release_linkage.py --two BUNDLE_A SOURCE_A.csv KEY_A BUNDLE_B SOURCE_B.csv KEY_B [--json]

Reads ``BUNDLE/reviews.csv`` and reports, for the column sets the independent attacker used:

* the share of released records that are **unique**, and in classes below k = 5, on those
  columns (a ``*`` is a value like any other, as an attacker reading the file sees it);
* the **linkage**: the attacker holds the source (true values) and, for each released record,
  looks for the source records consistent with it on sex, autistic, living arrangement and cause
  of death (a ``*`` matches anything; a generalised column is compared at the level the manifest
  names, a column released as it is is compared as it is). A link is made when exactly one
  source record is consistent; it is correct when that is the record's own review (the key says
  which: pseudonyms are keyed). Reported: links made and links correct.

``--two`` (:func:`two_releases`): two releases of overlapping reviews made under **different
keys** (so no pseudonym is shared). The attacker joins them on what the releases carry besides
the pseudonym, one channel at a time: ``text`` (each text cell as written), ``learning points``
(each learning point's words), ``theme profile`` (the sorted (field, polarity, themes) of a
review's learning points: what ``text: none`` still releases) and ``theme set`` (only the set of
themes a review's learning points carry). A record of B is linked to the record of A that shares
the most values with it on the channel, when exactly one does; ``any`` takes the first channel
that links, in that order. A link is correct when both are the same source review (each key gives
its release's pseudonyms). Reported per channel: links made, links correct, over the reviews the
two releases share.

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


CHANNELS = ("text", "learning points", "theme profile", "theme set")


def _release_features(bundle: Path) -> dict[str, dict[str, set]]:
    """Per channel, per released review pseudonym: the set of values an attacker can join on."""
    released = pd.read_csv(bundle / "reviews.csv", dtype=str, keep_default_na=False)
    manifest = json.loads((bundle / "manifest.json").read_text())
    text_cols = [c for c in manifest["text_columns"] if c in released.columns]
    out: dict[str, dict[str, set]] = {c: {} for c in CHANNELS}
    for _, row in released.iterrows():
        out["text"][row["review_id"]] = {(c, " ".join(row[c].split())) for c in text_cols
                                         if row[c].strip()}
    lps = pd.read_csv(bundle / "learning_points.csv", dtype=str, keep_default_na=False)
    for rid, part in lps.groupby("review_id"):
        if "text" in part.columns:
            out["learning points"][rid] = {" ".join(t.split()) for t in part["text"] if t.strip()}
        profile = tuple(sorted(zip(part["source_field"], part["polarity"], part["themes"])))
        out["theme profile"][rid] = {profile} if profile else set()
        themes = frozenset(t for v in part["themes"] for t in (json.loads(v) if v else []))
        out["theme set"][rid] = {themes} if themes else set()
    return out


def _link(values: set, index: dict) -> str | None:
    """The one record of A sharing the most of ``values`` (``None``: none, or a tie)."""
    shared: dict[str, int] = {}
    for v in values:
        for rid in index.get(v, ()):
            shared[rid] = shared.get(rid, 0) + 1
    if not shared:
        return None
    best = max(shared.values())
    top = [rid for rid, n in shared.items() if n == best]
    return top[0] if len(top) == 1 else None


def two_releases(bundle_a: Path, source_a: Path, key_a, bundle_b: Path, source_b: Path, key_b) -> dict:
    """Links between two releases under different keys (see the module docstring)."""
    truth = {}
    for source, key, tag in ((source_a, key_a, "a"), (source_b, key_b, "b")):
        src = pd.read_csv(source, dtype=str, keep_default_na=False)
        rel = Release(key=key)
        truth[tag] = dict(zip(src["review_id"].map(rel.pseudonym), src["review_id"]))
    shared = set(truth["a"].values()) & set(truth["b"].values())
    fa, fb = _release_features(bundle_a), _release_features(bundle_b)
    out: dict = {"shared_reviews": len(shared), "n_a": len(truth["a"]), "n_b": len(truth["b"]),
                 "text_policy": [json.loads((b / "manifest.json").read_text())["release"].get(
                     "text_policy", "full") for b in (bundle_a, bundle_b)], "channels": {}}
    links: dict[str, dict] = {}
    for channel in CHANNELS:
        index: dict = {}
        for rid, values in fa[channel].items():
            for v in values:
                index.setdefault(v, set()).add(rid)
        links[channel] = {rid_b: _link(values, index) for rid_b, values in fb[channel].items()}
    links["any"] = {rid_b: next((links[c][rid_b] for c in CHANNELS if links[c].get(rid_b)), None)
                    for rid_b in truth["b"]}
    for channel, found in links.items():
        made = {b: a for b, a in found.items() if a is not None}
        correct = sum(truth["a"].get(a) == truth["b"].get(b) for b, a in made.items())
        out["channels"][channel] = {"links_made": len(made), "links_correct": correct,
                                    "share_of_shared": round(correct / max(len(shared), 1), 4)}
    return out


def main(argv=None) -> dict:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "--two":
        as_json = "--json" in argv
        a, sa, ka, b, sb, kb = [x for x in argv[1:] if x != "--json"]
        result = two_releases(Path(a), Path(sa), load_key(ka), Path(b), Path(sb), load_key(kb))
        if as_json:
            print(json.dumps(result, indent=2))
        else:
            print(f"two releases ({result['n_a']} and {result['n_b']} reviews, {result['shared_reviews']} "
                  f"shared, text policy {result['text_policy'][0]}), linked under different keys on:")
            for ch, r in result["channels"].items():
                print(f"  {ch:16s} {r['links_correct']:4d} correct of {r['links_made']:4d} made  "
                      f"{r['share_of_shared']:6.1%} of shared")
        return result
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
