"""Released free text compared with public text (attacker 6's F10), for ``submit``.

Every released free-text value -- each learning point's words, and under ``text: full`` each
text cell of ``reviews`` -- is matched against a public corpus
(:class:`leder_insights.release.PublicTextIndex`, ``release.public_text``). A value that shares a
distinctive run of words with one public document, or whose content words (alone or with the
review's other values) point to one document well above the rest, is withheld (policy ``withhold``: the learning
point leaves the bundle, a text cell is emptied) or refuses the release (policy ``refuse``,
``[E711]``). The bundle carries counts only; which value matched which document goes to
``<bundle>.local/public_text_matches.csv`` (owner-only, never sent: the document id names a
public report, and the pseudonym says that review went to inquest).

>>> import pandas as pd
>>> from leder_insights.release import PublicTextIndex
>>> idx = PublicTextIndex.from_documents({"d1": "the night staff did not check the hoist sling before use"},
...                                      boilerplate_documents=2)
>>> lps = pd.DataFrame({"review_id": ["Ra", "Rb"], "source_field": ["learning"] * 2, "start": [0, 0],
...                     "end": [9, 9], "text": ["Night staff did not check the hoist sling.", "Carers knew her well."]})
>>> _, out, rec = check_public_text(idx, pd.DataFrame({"review_id": ["Ra", "Rb"]}), lps, ["learning"])
>>> out["text"].tolist(), rec["n_withheld"], rec["matches"][0]["document"]
(['Carers knew her well.'], 1, 'd1')
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

#: reason code of a value withheld because it repeats public text (local record only)
REASON_PUBLIC_TEXT = "PUBLIC_TEXT"
#: the local file (``<bundle>.local/``) that says which value matched which public document
MATCHES_FILE = "public_text_matches.csv"
NOT_CHECKED = ("not checked: no public corpus configured (release.public_text.paths, or submit "
               "--public-text PATH with a PFD download such as pfd_reports.jsonl or .txt files); "
               "learning points that repeat a public coroner's report would link the release to it")


def build_public_index(cfg):
    """The public-text index of ``cfg.release.public_text`` (``None`` when no path is set)."""
    conf = cfg.release.public_text
    if not conf.paths:
        return None
    from ..release import PublicTextIndex

    return PublicTextIndex.from_paths(conf.paths, shingle_words=conf.shingle_words,
                                      min_shared_shingles=conf.min_shared_shingles,
                                      boilerplate_documents=conf.boilerplate_documents,
                                      words=conf.words, word_min_score=conf.word_min_score,
                                      word_min_ratio=conf.word_min_ratio,
                                      word_rare_idf=conf.word_rare_idf,
                                      word_rare_min_score=conf.word_rare_min_score,
                                      word_rare_min_ratio=conf.word_rare_min_ratio)


def check_public_text(index, reviews: pd.DataFrame, lps: pd.DataFrame | None, text_columns) -> tuple:
    """``(reviews, lps, record)``: the released frames with every value matching ``index``
    withheld, and the chunk's record (counts and the local list of matches).

    The values of one review are matched together (:meth:`PublicTextIndex.match_group`): its
    learning points and, under ``text: full``, its text cells.
    """
    record: dict = {"n_checked": 0, "n_withheld": 0, "n_withheld_learning_points": 0,
                    "n_withheld_text_cells": 0, "matches": []}
    if index is None:
        return reviews, lps, record
    lp_frame = lps if lps is not None and len(lps) and "text" in lps.columns else None
    cols = [c for c in text_columns if c in reviews.columns]
    values: dict = {}  # review pseudonym -> [(kind, position, column, text)]
    if lp_frame is not None:
        for n, (rid, text) in enumerate(zip(lp_frame["review_id"], lp_frame["text"])):
            values.setdefault(rid, []).append(("learning_point", n, None, text))
    for col in cols:
        for n, (rid, text) in enumerate(zip(reviews["review_id"], reviews[col])):
            values.setdefault(rid, []).append(("text_cell", n, col, text))
    drop_lps: set = set()
    blank: dict = {}
    for rid, items in values.items():
        record["n_checked"] += sum(isinstance(t, str) and bool(t.strip()) for *_, t in items)
        for (kind, n, col, _), m in zip(items, index.match_group([t for *_, t in items])):
            if m is None:
                continue
            if kind == "learning_point":
                drop_lps.add(n)
                record["n_withheld_learning_points"] += 1
                row = lp_frame.iloc[n]  # type: ignore[union-attr]  # set when a point matched
                fld, st, en = row.get("source_field"), row.get("start"), row.get("end")
            else:
                blank.setdefault(col, set()).add(n)
                record["n_withheld_text_cells"] += 1
                fld, st, en = col, None, None
            record["matches"].append({"review_id": rid, "field": fld,
                                      "start": None if st is None or pd.isna(st) else int(st),
                                      "end": None if en is None or pd.isna(en) else int(en),
                                      "value": kind, "reason_code": REASON_PUBLIC_TEXT,
                                      "document": m.document, "shared_shingles": m.shared,
                                      "measure": m.measure, "word_score": m.score, "word_ratio": m.ratio})
    if drop_lps and lp_frame is not None:
        lps = lp_frame[[n not in drop_lps for n in range(len(lp_frame))]].reset_index(drop=True)
    if blank:
        reviews = reviews.copy()
        for col, rows in blank.items():
            reviews[col] = pd.Series([None if n in rows else v for n, v in enumerate(reviews[col])],
                                     index=reviews.index, dtype=object)
    record["n_withheld"] = record["n_withheld_learning_points"] + record["n_withheld_text_cells"]
    return reviews, lps, record


def public_text_record(index, policy: str, chunks: list[dict], local_file: Path | None = None) -> dict:
    """The manifest's ``public_text`` record: counts only, never a value or a document id.

    >>> public_text_record(None, "withhold", [])["checked"]
    False
    """
    if index is None:
        return {"checked": False, "status": NOT_CHECKED}
    n = {f: sum(int(c.get(f, 0)) for c in chunks)
         for f in ("n_checked", "n_withheld", "n_withheld_learning_points", "n_withheld_text_cells")}
    refused = policy == "refuse" and n["n_withheld"] > 0
    return {"checked": True, "policy": policy, "corpus": index.to_dict(), **n, "refused": refused,
            "local_file": str(local_file.name) if local_file is not None else None,
            "status": (f"{n['n_withheld']} of {n['n_checked']} released values share a distinctive run of "
                       f"words, or rare words, with one public document: "
                       f"{'release refused' if refused else 'withheld'}")}


def write_public_matches(path: Path, chunks: list[dict]) -> Path:
    """Which value matched which public document, for the local reviewer (never in the bundle)."""
    rows = sorted((m for c in chunks for m in c.get("matches", [])),
                  key=lambda r: (str(r["review_id"]), str(r["field"]), r["start"] or 0))
    pd.DataFrame(rows, columns=["review_id", "field", "start", "end", "value", "reason_code",
                                "document", "shared_shingles", "measure", "word_score",
                                "word_ratio"]).to_csv(path, index=False)
    return path


__all__ = ["build_public_index", "check_public_text", "public_text_record", "write_public_matches",
           "REASON_PUBLIC_TEXT", "MATCHES_FILE", "NOT_CHECKED"]
