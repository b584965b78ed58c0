"""How often the released text gives back a quasi-identifier the release generalised or suppressed.

Usage::

    .venv/bin/python benchmarks/release_text_qi.py BUNDLE SOURCE.csv --key-file KEY [--json]

A simple regex reader (:func:`leder_insights.release.read_mentions`, patterns in
``release/schemas/text_mentions.yaml``; sex also from pronouns; the year as the latest
four-digit year of the timeline) reads every released review's text (all text columns of
``reviews.csv``). For each quasi-identifier it reports the share of records whose true value
(from the source, joined through the keyed pseudonym) the reader gets back, over all records and
over the records where the released column does not already say it (``*`` or generalised above
its base level).
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
        print(f"{result['bundle']}: {result['n_records']} records; true value read back from the text")
        for h, r in result["qi"].items():
            hid = "-" if r["share_read_hidden"] is None else f"{r['share_read_hidden']:.1%}"
            print(f"  {h:20s} all records {r['share_read_all']:6.1%}   where the column hides it "
                  f"({r['n_hidden']:3d}) {hid}")
    return result


if __name__ == "__main__":
    main()
