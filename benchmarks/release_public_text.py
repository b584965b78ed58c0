"""Learning points that repeat a public coroner's report, before and after the public-text check
(attacker 6's F10), on real PFD text read at run time (never stored).

Usage::

    .venv/bin/python benchmarks/release_public_text.py [--n 30] [--seed 6] [--keep DIR]

Reads ``pfd_reports.jsonl`` from ``LEDER_SHARED_DATA`` (``../shared/data``; exits with a message
when absent). Seeds ``n`` reports (at random, seeded) and writes, for each, synthetic reviews whose
``learning`` field is taken from the report's matters of concern:

* ``first400``: the first sentences of the concerns after their standard opening, up to 400
  characters (the attacker's main case);
* ``one200``: one sentence of about 200 characters from the concerns (the first of 120-260
  characters after the opening 150);
* ``reworded``: ``first400`` lightly reworded (every 6th word of 4 letters or more replaced, "the"
  and "a" swapped), and ``one200_reworded``: ``one200`` with every 3rd such word replaced
  (paraphrase robustness);
* ``opening150``: only the 150-character opening of the concerns (for most reports the shared
  statutory wording).
* ``every2`` / ``every3``: ``first400`` with every 2nd / 3rd word of 4 letters or more replaced
  (attacker 7's F2: a paraphrase that leaves few 4-word runs but keeps the rare words).

plus 60 ordinary synthetic reviews. Two national bundles of the same input are built with
``build_submission`` (real de-identifier and theme model, one process; the soft-candidate gate is
not under test: its threshold is raised): **before** without a public corpus and **after** with
the PFD file as ``release.public_text``. The attacker's check is re-implemented: every released
learning point of a seeded review is scored against all reports on shared word 4-grams that do not
cross a mask (no boilerplate rule: the attacker's measure, not the release's); a review links when
its summed best report is the right one (ties do not link). A second attacker (attacker 7's F2)
scores every report by the summed IDF (over the 902 reports) of the content words it shares with
the review's joined points (its own tokenisation: ``[a-z][a-z'-]+``, 3 letters or more, stop words
dropped) and claims a link when the best is at least 2 (or 1.5) times the second: right links are
counted per variant, false ones on the ordinary reviews. The sweep re-applies the release's whole
check (4-grams at the shipped setting, then the word measure at several ``word_min_score`` /
``word_min_ratio``, or off) to the before bundle's points. The release's check is also re-applied
to the before bundle's points for several ``min_shared_shingles`` (the shipped one is compared
with the after bundle). False withholds: on the 60 ordinary reviews' released points, on the
learning points of ``corpus synth`` (300 reviews, seed 0, raw text: an upper bound, the release
masks names and organisations first), and on "preamble only" points (the 150-character opening of
every report whose first 100 characters open 10 or more reports); the index's size and CPU time.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

KEY = b"benchmark-public-text-key-0123456789ab"
_SENT = re.compile(r"(?<=[.;:!?])\s+")


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENT.split(" ".join(text.split())) if s.strip()]


def first_sentences(text: str, limit: int = 400) -> str:
    out = ""
    for s in _sentences(text):
        if out and len(out) + 1 + len(s) > limit:
            break
        out = (out + " " + s).strip()
    return out[:limit]


def one_sentence(text: str) -> str | None:
    body = " ".join(text.split())[150:]
    for s in _sentences(body):
        if 120 <= len(s) <= 260:
            return s
    return None


def reword(text: str, every: int = 6) -> str:
    """Paraphrase: every ``every``-th word of 4 letters or more replaced by a stand-in, articles
    swapped ("the" <-> "a")."""
    words, out, n = text.split(), [], 0
    for w in words:
        core = re.sub(r"\W", "", w)
        if core.lower() in ("the", "a"):
            out.append({"the": "a", "a": "the"}[core.lower()])
            continue
        if len(core) >= 4:
            n += 1
            if n % every == 0:
                out.append("reportedly")
                continue
        out.append(w)
    return " ".join(out)


def attacker_links(points_by_review: dict, truth: dict, reports: list[dict], wrong_too: bool = False) -> dict:
    """The attacker's check: summed shared 4-grams (not crossing a mask) of a review's released
    points with each report; linked when the unique best report is the right one (``wrong_too``:
    any unique best report, for the noise floor)."""
    from leder_insights.release._public_text import shingle_hashes

    import numpy as np

    sets = [set(shingle_hashes("\n".join(str(r.get(f) or "") for f in ("inquest", "circumstances", "concerns")), 4).tolist())
            for r in reports]
    linked = {}
    for rid, points in points_by_review.items():
        q = set()
        for p in points:
            q |= set(shingle_hashes(p, 4).tolist())
        scores = np.array([len(q & s) for s in sets])
        best = int(scores.argmax()) if len(scores) else -1
        unique = best >= 0 and scores[best] > 0 and int((scores == scores[best]).sum()) == 1
        linked[rid] = bool(unique and (wrong_too or reports[best]["ref"] == truth[rid]))
    return linked


_ATTACK_WORD = re.compile(r"[a-z][a-z'-]+")


def idf_attacker(points_by_review: dict, reports: list[dict]) -> dict:
    """Attacker 7's link (F2): ``{review: (best report ref, best / second-best score)}``, each
    report scored by the summed IDF of the content words it shares with the review's joined points."""
    import math

    from leder_insights.release._public_text import load_stop_words

    stop = load_stop_words()

    def toks(text: str) -> set:
        return {w for w in _ATTACK_WORD.findall(text.lower()) if len(w) > 2 and w not in stop}

    docs = [toks(" ".join(str(r.get(f) or "") for f in ("inquest", "circumstances", "concerns"))) for r in reports]
    df: Counter = Counter()
    for d in docs:
        df.update(d)
    idf = {w: math.log(len(docs) / c) for w, c in df.items()}
    out = {}
    for rid, points in points_by_review.items():
        q = toks(" ".join(map(str, points)))
        scores = sorted(((sum(idf[w] for w in q & d), i) for i, d in enumerate(docs)), reverse=True)[:2]
        if not q or scores[0][0] <= 0:
            out[rid] = (None, 0.0)
            continue
        out[rid] = (reports[scores[0][1]]["ref"], scores[0][0] / max(scores[1][0], 1e-9))
    return out


def concerns_body(text: str) -> str:
    """The concerns after their standard opening: after the heading that ends "as follows" when
    it comes early, else after the first 150 characters."""
    text = " ".join(text.split())
    m = re.search(r"as follows\s*[:.-]?\s*", text, re.I)
    return text[m.end():] if m and m.end() < 600 else text[150:]


def seeded_points(report: dict) -> dict:
    c = report["concerns"]
    first = first_sentences(concerns_body(c))
    one = one_sentence(c)
    return {"first400": first, "one200": one, "reworded": reword(first),
            "one200_reworded": reword(one or "", every=3), "opening150": " ".join(c.split())[:150],
            "every2": reword(first, every=2), "every3": reword(first, every=3)}


VARIANTS = ("first400", "one200", "reworded", "one200_reworded", "opening150", "every2", "every3")
#: (word_min_score, word_min_ratio) re-applied in the sweep; None: the word measure off
WORD_SWEEP = (None, (10.0, 1.5), (15.0, 1.5), (20.0, 1.5), (25.0, 1.5), (15.0, 1.75), (15.0, 2.0),
              (10.0, 1.3))


def run(n: int, seed: int, thresholds=(3, 4, 5, 6), keep: Path | None = None,
        word_sweep=WORD_SWEEP) -> dict:
    import pandas as pd

    from leder_insights.config import data_path, load_config
    from leder_insights.corpus import synthesize
    from leder_insights.jobs import build_submission
    from leder_insights.release import PublicTextIndex, Release
    from leder_insights.themes import split_learning_points

    pfd = data_path("shared_data") / "pfd_reports.jsonl"
    if not pfd.is_file():
        sys.exit(f"real PFD reports not found at {pfd} (set LEDER_SHARED_DATA): nothing measured")
    reports = [json.loads(x) for x in pfd.read_text(encoding="utf-8").splitlines() if x.strip()]
    rng = random.Random(seed)
    pool = [r for r in reports if len(r.get("concerns") or "") >= 600 and one_sentence(r["concerns"])]
    picked = rng.sample(pool, n)

    base = synthesize(n_reviews=n * len(VARIANTS) + 60, seed=seed).reviews.copy()
    text_cols = [c for c in ("pen_portrait", "timeline", "good_practice", "areas_for_improvement",
                             "recommendations") if c in base.columns]
    truth, variant_of = {}, {}
    for j, r in enumerate(picked):
        texts = seeded_points(r)
        for v, variant in enumerate(VARIANTS):
            row = j * len(VARIANTS) + v
            base.loc[row, "learning"] = texts[variant]
            for c in text_cols:  # the seeded review says nothing else
                base.loc[row, c] = ""
            truth[base.loc[row, "review_id"]] = r["ref"]
            variant_of[base.loc[row, "review_id"]] = variant
    rel = Release(key=KEY)
    alias = {rel.pseudonym(rid): rid for rid in base["review_id"]}
    out: dict = {"n_reports": n, "seed": seed, "n_pfd_reports": len(reports)}
    default = load_config().release.public_text

    t0 = time.process_time()
    idx = PublicTextIndex.from_paths([pfd], shingle_words=default.shingle_words,
                                     boilerplate_documents=default.boilerplate_documents,
                                     min_shared_shingles=default.min_shared_shingles,
                                     words=default.words, word_min_score=default.word_min_score,
                                     word_min_ratio=default.word_min_ratio)
    out["index"] = {"build_cpu_s": round(time.process_time() - t0, 2),
                    "bytes": int(idx.hashes.nbytes + idx.docs.nbytes),
                    **{k: v for k, v in idx.to_dict().items() if k != "sources"}}

    def attack(lps) -> dict:
        points: dict = {}
        for rid, text in zip(lps["source"], lps["text"]):
            if rid in truth:
                points.setdefault(rid, []).append(text)
        res = {}
        for variant in VARIANTS:
            rids = [rid for rid in truth if variant_of[rid] == variant]
            linked = attacker_links({rid: points.get(rid, []) for rid in rids}, truth, reports)
            res[variant] = f"{sum(linked.values())}/{len(rids)} linked"
        # the noise floor: ordinary reviews (no public text) "linked" by the same rule, all wrong
        ordinary: dict = {}
        for rid, text in zip(lps["source"], lps["text"]):
            if rid not in truth:
                ordinary.setdefault(rid, []).append(text)
        fake = {rid: "none" for rid in ordinary}
        got = attacker_links(ordinary, fake, reports, wrong_too=True)
        res["ordinary_reviews_with_a_unique_best_report"] = f"{sum(got.values())}/{len(ordinary)}"
        # attacker 7 (F2): summed IDF of shared content words, best / second >= 2 (or 1.5)
        idf_seeded = idf_attacker({rid: points.get(rid, []) for rid in truth}, reports)
        idf_ordinary = idf_attacker(ordinary, reports)
        for thr in (2.0, 1.5):
            res[f"idf_ratio_{thr}"] = {
                variant: f"{sum(idf_seeded[r][0] == truth[r] and idf_seeded[r][1] >= thr for r in truth if variant_of[r] == variant)}"
                         f"/{sum(variant_of[r] == variant for r in truth)}" for variant in VARIANTS}
            res[f"idf_ratio_{thr}"]["wrong_seeded"] = sum(
                idf_seeded[r][0] not in (None, truth[r]) and idf_seeded[r][1] >= thr for r in truth)
            res[f"idf_ratio_{thr}"]["ordinary_false_links"] = (
                f"{sum(v[1] >= thr for v in idf_ordinary.values())}/{len(idf_ordinary)}")
        return res

    bundles = {}
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "reviews.csv"
        base.to_csv(src, index=False)
        for name, public in (("before", {}), ("after", {"paths": [str(pfd)]})):
            cfg = load_config(submit={"residual_risk_threshold_per_1k_words": 1000.0},
                              release={"accept_weakened": True, "public_text": public})
            t0 = time.process_time()
            res = build_submission(src, Path(tmp) / name, key=KEY, config=cfg, n_process=1, sample_size=3)
            rec: dict = {"releasable": res.releasable,
                         "build_cpu_s": round(time.process_time() - t0, 1),
                         "public_text": {k: v for k, v in res.manifest["public_text"].items()
                                         if k not in ("corpus", "status")}}
            lp_file = Path(tmp) / name / "learning_points.csv"
            if lp_file.exists():
                lps = pd.read_csv(lp_file, dtype=str, keep_default_na=False)
                lps["source"] = lps["review_id"].map(alias)
                bundles[name] = lps
                rec["attacker"] = attack(lps)
                synthetic = ~lps["source"].isin(list(truth))
                rec["synthetic_points_released"] = int(synthetic.sum())
            out[name] = rec
        # the release's withholding, re-applied to the before bundle's released points for several
        # thresholds (the same check on the same de-identified text: checked against the real
        # after bundle for the shipped threshold)
        lps = bundles.get("before")
        if keep is not None and lps is not None:  # for tuning: outside the repository (real text)
            keep.mkdir(parents=True, exist_ok=True)
            lps.assign(variant=lps["source"].map(lambda r: variant_of.get(r, "synthetic")),
                       ref=lps["source"].map(truth)).to_csv(keep / "before_points.csv", index=False)
        def reapply(lps) -> tuple:
            withheld = [False] * len(lps)
            for _, rows in lps.groupby("review_id", sort=False).indices.items():
                for r, m_ in zip(rows, idx.match_group(lps["text"].iloc[rows].tolist())):
                    withheld[r] = m_ is not None
            kept = lps[[not w for w in withheld]]
            synthetic = ~lps["source"].isin(list(truth))
            return kept, {"attacker_after": attack(kept),
                          "withheld_seeded": int(sum(w for w, s in zip(withheld, synthetic) if not s)),
                          "false_withheld_synthetic": f"{sum(w for w, s in zip(withheld, synthetic) if s)}"
                                                      f"/{int(synthetic.sum())}",
                          "ordinary_reviews_touched": f"{len(set(lps['source'][[w and s for w, s in zip(withheld, synthetic)]]))}"
                                                      f"/{lps['source'][synthetic].nunique()}"}

        words_index = idx.words
        if lps is not None:
            sweep = {}
            idx.words = None  # the 4-gram measure alone, as before the word measure
            for m in thresholds:
                idx.min_shared_shingles = m
                _, sweep[m] = reapply(lps)
            idx.min_shared_shingles = default.min_shared_shingles
            out["sweep_min_shared_shingles_words_off"] = sweep
            wsweep = {}
            for setting in word_sweep:
                idx.words = None if setting is None else words_index
                if setting is not None:
                    idx.word_min_score, idx.word_min_ratio = setting
                kept, wsweep[str(setting)] = reapply(lps)
                if setting == (default.word_min_score, default.word_min_ratio) and "after" in bundles:
                    wsweep[str(setting)]["same_as_after_bundle"] = (sorted(kept["text"])
                                                                    == sorted(bundles["after"]["text"]))
            out["sweep_words_min_score_ratio"] = wsweep
            idx.words = words_index
            idx.word_min_score, idx.word_min_ratio = default.word_min_score, default.word_min_ratio

    # false withholds on the demo corpus's learning points (raw text: an upper bound, the release
    # masks organisations and names first, and masks only remove shingles)
    demo_lps = split_learning_points(synthesize(n_reviews=300, seed=0).reviews)
    openings = [" ".join((r.get("concerns") or "").split()) for r in reports]
    prefix = Counter(o[:100].lower() for o in openings if len(o) >= 150)
    # preamble only: the 150-character opening of every report whose first 100 characters open
    # 10 or more reports (the shared statutory wording; other openings are the report's own words)
    preamble = [o[:150] for o in openings if len(o) >= 150 and prefix[o[:100].lower()] >= 10]
    out["false_withholds_raw"] = {}
    words_index = idx.words

    def raw(label: str) -> None:
        t0 = time.process_time()
        demo = sum(m_ is not None for _, g in demo_lps.groupby("review_id", sort=False)
                   for m_ in idx.match_group(g["text"].tolist()))
        out["false_withholds_raw"][label] = {
            "demo_corpus_synth_300": f"{demo}/{len(demo_lps)}",
            "preamble_only": f"{sum(idx.match(o) is not None for o in preamble)}/{len(preamble)}",
            "match_cpu_s": round(time.process_time() - t0, 2)}

    idx.words = None
    for m in thresholds:
        idx.min_shared_shingles = m
        raw(f"min_shared_shingles={m}, words off")
    idx.min_shared_shingles = default.min_shared_shingles
    for setting in word_sweep:
        if setting is None:
            continue
        idx.words = words_index
        idx.word_min_score, idx.word_min_ratio = setting
        raw(f"min_shared_shingles={default.min_shared_shingles}, words {setting}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=30)
    ap.add_argument("--seed", type=int, default=6)
    ap.add_argument("--keep", type=Path, default=None,
                    help="write the before bundle's points here (outside the repository: real text)")
    ap.add_argument("--thresholds", type=int, nargs="+", default=[3, 4, 5, 6],
                    help="min_shared_shingles values of the 4-gram sweep")
    a = ap.parse_args()
    res = run(a.n, a.seed, keep=a.keep, thresholds=tuple(a.thresholds))
    print(json.dumps(res, indent=2, default=str))


if __name__ == "__main__":
    main()
