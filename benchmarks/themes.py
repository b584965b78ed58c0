"""Theme benchmarks: prediction speed, head-only retraining, discovery, accuracy beside the keyword baseline.

Run: ``.venv/bin/python benchmarks/themes.py [--model leder_insights/models/themes] [--n-real 2000] [--n-predict 50000]
[--n-retrain 5000] [--n-discover 20000]``

Targets (2 cores):

* whole-process prediction of real-length points (~270 characters: synthetic points of one review
  joined) with the shipped encoder model, model load and imports included: >= 250 points/s
  (50k in <= 200 s). Measured in a fresh process on ``--n-real`` points, beside the same process
  with ``--fast`` (the n-gram model only) on the same points, so the ratio holds on a busy machine;
* ``--fast`` predicts 50k short points < 10 s (in-process, as before);
* head-only retraining on ``--n-retrain`` labelled points with cached embeddings <= 30 s;
* discovery on 20k points < 60 s with mean pairwise ARI >= 0.8 over 5 seeds.

Exit code 1 if a target is missed.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from leder_insights.corpus import synthesize  # noqa: E402
from leder_insights.themes import (KeywordThemeClassifier, ThemeDiscoverer, load_taxonomy,  # noqa: E402
                                   load_theme_model, multilabel_scores, split_learning_points, to_indicator)
from leder_insights.themes._data import load_labelled, load_pfd_gold, load_written  # noqa: E402

_PREDICT_SCRIPT = """
import sys, time
t0 = time.perf_counter()
sys.path.insert(0, sys.argv[1])
import json
from leder_insights.themes import load_theme_model
texts = [json.loads(l)["text"] for l in open(sys.argv[3], encoding="utf-8")]
model = load_theme_model(sys.argv[2], fast=sys.argv[4] == "fast")
p = model.predict_proba(texts)
print(json.dumps({"n": len(texts), "s": time.perf_counter() - t0, "positives": int((p >= model.thresholds_).sum())}))
"""


def real_length_points(n: int, seed: int, chars: int = 270) -> list[str]:
    """``n`` texts of about ``chars`` characters: synthetic learning points of one review joined."""
    lp, _ = synthetic_points(max(4 * n, 200), seed)
    out, cur, review = [], "", None
    for rid, t in zip(lp["review_id"], lp["text"]):
        if rid != review or len(cur) >= chars:
            if len(cur) >= chars * 0.7:
                out.append(cur[: chars + 60])
            cur, review = "", rid
        cur = (cur + " " + t.rstrip(".") + ".").strip()
        if len(out) >= n:
            break
    return out[:n]


def whole_process_predict(model_dir: str, texts: list[str], mode: str) -> dict:
    """Seconds for a fresh Python process to import, load the model and score ``texts`` (2 threads)."""
    import os
    import subprocess
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
        for t in texts:
            fh.write(json.dumps({"text": t}) + "\n")
    env = {**os.environ, "OMP_NUM_THREADS": "2", "LEDER_ENCODER_THREADS": "2"}
    t = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", _PREDICT_SCRIPT, str(ROOT), model_dir, fh.name, mode],
                         capture_output=True, text=True, env=env, check=True)
    wall = time.perf_counter() - t
    os.unlink(fh.name)
    res = json.loads(out.stdout.strip().splitlines()[-1])
    return {"n": res["n"], "wall_s": round(wall, 2), "points_per_s": round(res["n"] / wall, 1)}


def synthetic_points(n: int, seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """At least ``n`` synthetic gold learning points (first ``n`` returned) and their reviews."""
    reviews = max(10, int(n / 10.5) + 20)
    while True:
        corpus = synthesize(n_reviews=reviews, seed=seed)
        if len(corpus.learning_points) >= n:
            return corpus.learning_points.head(n).reset_index(drop=True), corpus.reviews
        reviews = int(reviews * 1.2) + 10


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default=str(ROOT / "models" / "themes"))
    ap.add_argument("--n-real", type=int, default=2000, help="real-length points for the whole-process timing")
    ap.add_argument("--n-retrain", type=int, default=5000)
    ap.add_argument("--n-predict", type=int, default=50_000)
    ap.add_argument("--n-discover", type=int, default=20_000)
    ap.add_argument("--seeds", type=int, default=5)
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args(argv)
    ok = True
    res: dict = {}
    ids = load_taxonomy().ids

    model = load_theme_model(args.model)
    res["model_version"] = model.meta_.get("model_version")
    res["model_class"] = model.meta_.get("model_class", "linear")
    import os

    res["conditions"] = {"cpus": os.cpu_count(), "load_avg_at_start": [round(x, 2) for x in os.getloadavg()]}

    # ---- whole-process prediction of real-length points: shipped model and --fast, same texts
    real = real_length_points(args.n_real, seed=303)
    res["real_length_mean_chars"] = round(sum(map(len, real)) / len(real), 1)
    res["predict_real_fast"] = whole_process_predict(args.model, real, "fast" if res["model_class"] == "encoder"
                                                     else "full")
    if res["model_class"] == "encoder":
        res["predict_real_encoder"] = whole_process_predict(args.model, real, "full")
        pps = res["predict_real_encoder"]["points_per_s"]
        res["predict_real_encoder_vs_fast"] = round(res["predict_real_fast"]["points_per_s"] / pps, 1)
        res["predict_real_50k_projected_s"] = round(50_000 / pps, 1)
        ok &= pps >= 250

        # ---- head-only retraining on cached embeddings
        lab = pd.concat([load_labelled(), load_written()], ignore_index=True)
        syn, _ = synthetic_points(max(0, args.n_retrain - len(lab)), seed=404)
        rt = pd.concat([lab[["text", "themes"]], syn[["text", "themes"]]], ignore_index=True).head(args.n_retrain)
        E = model.embed(rt["text"].tolist())  # cached in the project store in real use: not timed
        t = time.perf_counter()
        model.refit_heads(rt["text"].tolist(), rt["themes"].tolist(), embeddings=E)
        res["retrain_heads_s"] = round(time.perf_counter() - t, 2)
        res["n_retrain"] = len(rt)
        ok &= res["retrain_heads_s"] <= 30
        model = load_theme_model(args.model)
    clf = load_theme_model(args.model, fast=True) if res["model_class"] == "encoder" else model

    # ---- prediction speed
    lp, reviews = synthetic_points(args.n_predict, seed=101)
    texts = lp["text"].tolist()
    clf.predict_proba(texts[:200])  # warm caches
    t = time.perf_counter()
    proba = clf.predict_proba(texts)
    res["predict_proba_s"] = round(time.perf_counter() - t, 2)  # the --fast (n-gram) model, in-process
    t = time.perf_counter()
    framed = clf.predict_frame(lp[["lp_id", "text"]])
    res["predict_frame_with_evidence_s"] = round(time.perf_counter() - t, 2)
    kw = KeywordThemeClassifier().fit(["x"])
    t = time.perf_counter()
    kw_pred = kw.predict(texts)
    res["keyword_predict_s"] = round(time.perf_counter() - t, 2)
    t = time.perf_counter()
    split = split_learning_points(reviews)
    res["split_s"] = round(time.perf_counter() - t, 2)
    res["n_predict"] = len(texts)
    ok &= res["predict_proba_s"] < 10
    Y = to_indicator(lp["themes"], ids)
    res["synthetic_in_sample_note"] = "synthetic points from a fresh seed (generator templates overlap training)"
    res["synthetic_model_micro_f1"] = round(multilabel_scores(Y, (proba >= clf.thresholds_).astype(int))["micro_f1"], 4)
    res["synthetic_keyword_micro_f1"] = round(multilabel_scores(Y, kw_pred)["micro_f1"], 4)
    res["n_split_points"] = int(len(split))
    del framed

    # ---- accuracy beside the keyword baseline (figures of record come from meta.json: cross-validated)
    summary = model.meta_.get("summary", {})
    res["cv_labelled_model"] = summary.get("cv_labelled")
    res["keyword_labelled"] = summary.get("keyword_labelled")
    # real coroners' concerns: the shipped model may be trained on them, so its figures of record are
    # the cross-fitted and zero-shot ones in meta.json, never a prediction of the shipped model here
    res["pfd_concerns_crossfit_model"] = summary.get("pfd_crossfit")
    res["pfd_concerns_zero_shot_model"] = summary.get("pfd_zero_shot")
    pfd = load_pfd_gold()
    if len(pfd):
        Yp = to_indicator(pfd["themes"], ids)
        if not model.meta_.get("pfd_concerns_eval", {}).get("trained_on"):
            res["pfd_concerns_model"] = multilabel_scores(Yp, model.predict(pfd["text"].tolist()))
        res["pfd_concerns_keyword"] = multilabel_scores(Yp, kw.predict(pfd["text"].tolist()))
    lab = load_labelled()
    if len(lab):
        res["labelled_keyword"] = multilabel_scores(to_indicator(lab["themes"], ids), kw.predict(lab["text"].tolist()))

    # ---- discovery speed and stability (themes from the --fast model: discovery needs themes, not accuracy)
    dlp, _ = synthetic_points(args.n_discover, seed=202)
    dframe = clf.predict_frame(dlp[["lp_id", "text"]], with_evidence=False)
    t = time.perf_counter()
    disc = ThemeDiscoverer(random_state=0).fit(dframe)
    res["discover_s"] = round(time.perf_counter() - t, 2)
    res["discover_n"] = len(dframe)
    res["discover_k"] = int(disc.n_clusters_)
    res["discover_silhouette"] = round(disc.silhouette_, 4)
    res["discover_emerging"] = int(disc.clusters_["emerging"].sum())
    t = time.perf_counter()
    st = ThemeDiscoverer().stability(dframe, seeds=tuple(range(args.seeds)))
    res["stability_s"] = round(time.perf_counter() - t, 2)
    res["stability_mean_ari"] = round(st["mean_ari"], 4)
    res["stability_min_ari"] = round(st["min_ari"], 4)
    res["stability_k"] = st["n_clusters"]
    ok &= res["discover_s"] < 60 and st["mean_ari"] >= 0.8

    res["targets_met"] = bool(ok)
    text = json.dumps(res, indent=2, default=float)
    print(text)
    if args.json:
        Path(args.json).write_text(text + "\n", encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
