"""How often the released text gives back a quasi-identifier the release generalised or suppressed.

Usage::

    .venv/bin/python benchmarks/release_text_qi.py BUNDLE SOURCE.csv --key-file KEY [--json]
    .venv/bin/python benchmarks/release_text_qi.py BUNDLE --singling-out [--json]

A simple regex reader (:func:`leder_insights.release.read_mentions`, patterns in
``release/schemas/text_mentions.yaml``; sex also from pronouns; the year as the latest
four-digit year of the timeline) reads every released review's text (all text columns of
``reviews.csv``). For each quasi-identifier it reports the share of records whose true value
(from the source, joined through the keyed pseudonym) the reader gets back, over all records and
over the records where the released column does not already say it (``*`` or generalised above
its base level).

``--singling-out`` (:func:`singling_out`, no source or key needed: uniqueness in the release is
the measure) reports the share of released records that **one sentence of their released text**
singles out together with quasi-identifiers the attacker knows (attacker 2: age band + sex + one
hobby sentence singled out 94 of 200 where the structured columns met k = 5): a record is singled
out when, for some sentence of its text (review text columns and learning-point texts), it is
the only released record with that sentence and its values of the quasi-identifiers. Sentences
are compared as written (whitespace and case folded). Reported for no QI, age band + sex, and
every released QI; for any sentence and for "hobby" sentences (enjoyed, loved, liked ...).
The same for the review's **theme profile** (the sorted field, polarity and themes of its
learning points), which ``text: none`` still releases, in place of a sentence.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import pandas as pd  # noqa: E402

from leder_insights.deid import date_offset, load_key  # noqa: E402
from leder_insights.release import Release, load_release_schema, read_mentions  # noqa: E402

_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_BAND = re.compile(r"(\d{1,2})\s?[\u2013-]\s?(\d{1,2})|(90) or over")
_DECADE = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60,
           "seventies": 70, "eighties": 80, "nineties": 90}
#: hierarchy -> released column
OUTPUT = {"ld_severity": "ld_severity", "ethnic_group": "ethnic_group", "age": "age_band",
          "sex": "sex", "autistic": "autistic", "living_arrangement": "living_arrangement",
          "place_of_death": "place_of_death", "year": "death_year"}


def _correct(h: str, read, src: pd.Series, key, offset_days: int) -> bool:
    if read is None:
        return False
    if h == "ethnic_group":
        return str(src["ethnic_group"]).split(":")[0].strip() == read
    if h == "age":
        age = int(src["age_at_death"])
        m = _BAND.search(read)
        if m and m.group(3):
            return age >= 90
        if m:
            return int(m.group(1)) <= age <= int(m.group(2))
        dec = next((v for w, v in _DECADE.items() if w in read.lower()), None)
        return dec is not None and dec <= age < dec + 10
    if h == "autistic":
        return str(src["autistic"]) == read
    if h == "year":
        true = pd.Timestamp(src["death_date"])
        shifted = true + pd.Timedelta(days=offset_days)
        return int(read) in (true.year, shifted.year)
    return str(src[h if h != "sex" else "sex"]) == read


def measure(bundle: Path, source_csv: Path, key) -> dict:
    released = pd.read_csv(bundle / "reviews.csv", dtype=str, keep_default_na=False)
    manifest = json.loads((bundle / "manifest.json").read_text())
    levels = {h: v["level"] for h, v in manifest["release"]["plan"]["levels"].items()}
    schema = load_release_schema()
    base = {r.hierarchy: r.base_level for r in schema.columns.values() if r.hierarchy}
    source = pd.read_csv(source_csv, dtype=str, keep_default_na=False)
    rel = Release(key=key)
    src = source.set_index(source["review_id"].map(rel.pseudonym))
    text_cols = [c for c in manifest["text_columns"] if c in released.columns]
    stats = {h: {"all": 0, "read_all": 0, "hidden": 0, "read_hidden": 0} for h in OUTPUT}
    for _, row in released.iterrows():
        s = src.loc[row["review_id"]]
        text = "\n".join(row[c] for c in text_cols)
        read = read_mentions(text)
        years = [int(y) for y in _YEAR.findall(row.get("timeline", ""))]
        read["year"] = str(max(years)) if years else None
        offset = date_offset(key, s["review_id"], 365)
        for h, col in OUTPUT.items():
            ok = _correct(h, read.get(h), s, key, offset)
            hidden = (col not in released.columns or row.get(col) == "*"
                      or levels.get(h, 0) > base.get(h, 0))
            st = stats[h]
            st["all"] += 1
            st["read_all"] += ok
            if hidden:
                st["hidden"] += 1
                st["read_hidden"] += ok
    out = {"bundle": str(bundle), "n_records": len(released), "qi": {}}
    for h, st in stats.items():
        out["qi"][h] = {"share_read_all": round(st["read_all"] / max(st["all"], 1), 4),
                        "n_hidden": st["hidden"],
                        "share_read_hidden": (round(st["read_hidden"] / st["hidden"], 4)
                                              if st["hidden"] else None)}
    return out


_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\[])")
_HOBBY = re.compile(r"\b(?:enjoy\w*|lov(?:ed|es)|lik(?:ed|es)|favourite|hobb\w+|passion\w*|fan\s+of)\b", re.I)
QI_SETS = {"sentence alone": (), "age band + sex + sentence": ("age_band", "sex"),
           "all released QIs + sentence": None}


def _sentences(text) -> list[str]:
    if not isinstance(text, str) or not text.strip():
        return []
    return [" ".join(s.split()).lower() for s in _SENTENCE.split(text) if len(s.split()) >= 3]


def singling_out(bundle: Path) -> dict:
    """Share of released records singled out by one sentence of their text and known QIs."""
    released = pd.read_csv(bundle / "reviews.csv", dtype=str, keep_default_na=False)
    manifest = json.loads((bundle / "manifest.json").read_text())
    qis = [c for c in manifest["release"]["risk"]["quasi_identifiers"] if c in released.columns]
    text_cols = [c for c in manifest["text_columns"] if c in released.columns]
    sentences: dict[str, set] = {rid: set() for rid in released["review_id"]}
    for _, row in released.iterrows():
        for c in text_cols:
            sentences[row["review_id"]].update(_sentences(row[c]))
    lp_path = bundle / "learning_points.csv"
    lps = pd.read_csv(lp_path, dtype=str, keep_default_na=False) if lp_path.exists() else pd.DataFrame()
    if "text" in lps.columns:
        for rid, text in zip(lps["review_id"], lps["text"]):
            sentences.setdefault(rid, set()).update(_sentences(text))
    profiles = ({rid: tuple(sorted(zip(part["source_field"], part["polarity"], part["themes"])))
                 for rid, part in lps.groupby("review_id")} if "themes" in lps.columns else {})
    rows = released.set_index("review_id")
    out = {"bundle": str(bundle), "n_records": len(released),
           "text_policy": manifest["release"].get("text_policy", "full"),
           "with_text": sum(1 for s in sentences.values() if s), "sets": {}}
    for name, cols in QI_SETS.items():
        cols = [c for c in (qis if cols is None else cols) if c in released.columns]
        for kind in ("any", "hobby"):
            counts: dict = {}
            keyed = {}
            for rid, sents in sentences.items():
                qi = tuple(rows.loc[rid, cols]) if cols else ()
                keys = {(qi, s) for s in sents if kind == "any" or _HOBBY.search(s)}
                keyed[rid] = keys
                for k in keys:
                    counts[k] = counts.get(k, 0) + 1
            single = sum(1 for keys in keyed.values() if any(counts[k] == 1 for k in keys))
            out["sets"][f"{name} ({kind})"] = {"columns": cols, "singled_out": single,
                                                "share": round(single / max(len(released), 1), 4)}
        # the theme profile in place of a sentence
        keys_p = {rid: ((tuple(rows.loc[rid, cols]) if cols else ()), profiles.get(rid))
                  for rid in rows.index if profiles.get(rid)}
        counts_p: dict = {}
        for k in keys_p.values():
            counts_p[k] = counts_p.get(k, 0) + 1
        single = sum(1 for k in keys_p.values() if counts_p[k] == 1)
        out["sets"][name.replace("sentence", "theme profile")] = {
            "columns": cols, "singled_out": single, "share": round(single / max(len(released), 1), 4)}
    return out


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bundle", type=Path)
    ap.add_argument("source", type=Path, nargs="?")
    ap.add_argument("--key-file")
    ap.add_argument("--singling-out", action="store_true")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if args.singling_out:
        result = singling_out(args.bundle)
        if args.json:
            print(json.dumps(result, indent=2))
        else:
            print(f"{result['bundle']}: {result['n_records']} records, text policy "
                  f"{result['text_policy']}; singled out by one sentence of their text and")
            for name, r in result["sets"].items():
                print(f"  {name:40s} {r['singled_out']:4d}  {r['share']:6.1%}")
        return result
    if args.source is None or not args.key_file:
        ap.error("SOURCE and --key-file are needed (or --singling-out)")
    result = measure(args.bundle, args.source, load_key(args.key_file))
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"{result['bundle']}: {result['n_records']} records; true value read back from the text")
        for h, r in result["qi"].items():
            hid = "-" if r["share_read_hidden"] is None else f"{r['share_read_hidden']:.1%}"
            print(f"  {h:20s} all records {r['share_read_all']:6.1%}   where the column hides it "
                  f"({r['n_hidden']:3d}) {hid}")
    return result


if __name__ == "__main__":
    main()
