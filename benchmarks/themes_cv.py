"""Fast accuracy harness for the theme classifier: labelled-set CV and real coroners' concerns.

Run: ``.venv/bin/python benchmarks/themes_cv.py [--params '{"C": 2.0}'] [--no-pfd-train] [--folds 5]``

Prints, for one parameter setting of ``ThemeClassifier``:

* ``cv_labelled`` / ``cv_labelled_original`` — grouped K-fold out-of-fold scores on the hand-labelled
  points (all of them / the first 1,389 shipped ids), the model trained on labelled + synthetic
  (+ real concerns unless ``--no-pfd-train``) points of the other folds;
* ``pfd_crossfit`` — the labelled real concerns (``gold/pfd_themes.jsonl``), each fold's spans
  predicted by a model that never saw that report (folds grouped by report ref);
* ``pfd_train_crossfit`` — the same for the training-only concerns of other reports
  (``themes/data/pfd_concerns_train.jsonl``, one labeller);
* ``pfd_zero_shot`` — the real concerns predicted by one model trained on labelled + synthetic
  points only (no real concerns in training);
* ``pfd_keyword`` — the keyword baseline on the real concerns.

Uses one process (the machine is shared). Parameter choices made by looking at these figures are
tuned on them: say so when reporting.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path


ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from leder_insights.themes import KeywordThemeClassifier, ThemeClassifier, load_taxonomy  # noqa: E402
from leder_insights.themes._data import REAL_SOURCES  # noqa: E402
from leder_insights.themes._metrics import multilabel_scores, theme_report, to_indicator  # noqa: E402
from leder_insights.themes._train import build_training_data, grouped_oof, source_weights  # noqa: E402

ORIGINAL_LABELLED = 1389


def _brief(Y, P) -> dict:
    s = multilabel_scores(Y, P)
    return {k: round(s[k], 4) for k in ("micro_f1", "macro_f1", "micro_precision", "micro_recall")}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--params", default="{}", help="JSON dict of ThemeClassifier parameters")
    ap.add_argument("--no-pfd-train", action="store_true", help="CV without real concerns in training")
    ap.add_argument("--no-zero-shot", action="store_true")
    ap.add_argument("--pfd-weight", type=float, default=1.0, help="sample weight of real-concern rows")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--per-theme", action="store_true")
    args = ap.parse_args(argv)
    params = json.loads(args.params)
    ids = load_taxonomy().ids
    t0 = time.perf_counter()
    data, info = build_training_data(include_pfd=not args.no_pfd_train)
    est = ThemeClassifier(**params)
    res: dict = {"params": params, "n": {k: int(v) for k, v in data["source"].value_counts().items()}}
    Y = to_indicator(data["themes"], ids)
    res["pfd_weight"] = args.pfd_weight
    weights = source_weights(data, dict.fromkeys(REAL_SOURCES, args.pfd_weight))
    P = grouped_oof(est, data, n_splits=args.folds, sample_weight=weights)
    src = data["source"].to_numpy()
    lab = src == "labelled"
    orig = lab & data["id"].map(lambda i: str(i).startswith("lp-") and int(str(i)[3:]) <= ORIGINAL_LABELLED).to_numpy()
    res["cv_labelled"] = _brief(Y[lab], P[lab])
    res["cv_labelled_original"] = _brief(Y[orig], P[orig])
    res["cv_synthetic"] = _brief(Y[src == "synthetic"], P[src == "synthetic"])
    pfd = src == "pfd"
    if pfd.any():
        res["pfd_crossfit"] = _brief(Y[pfd], P[pfd])
    pfd_train = src == "pfd_train"
    if pfd_train.any():
        res["pfd_train_crossfit"] = _brief(Y[pfd_train], P[pfd_train])
    res["cv_s"] = round(time.perf_counter() - t0, 1)
    if not args.no_zero_shot:
        from leder_insights.themes._data import load_pfd_gold

        gold = load_pfd_gold()
        if len(gold):
            base = data[~data["source"].isin(REAL_SOURCES)]
            m = ThemeClassifier(**params).fit(base["text"].tolist(), to_indicator(base["themes"], ids),
                                              groups=base["group"].to_numpy())
            Yg = to_indicator(gold["themes"], ids)
            res["pfd_zero_shot"] = _brief(Yg, m.predict(gold["text"].tolist()))
            res["pfd_keyword"] = _brief(Yg, KeywordThemeClassifier().fit(["x"]).predict(gold["text"].tolist()))
    res["total_s"] = round(time.perf_counter() - t0, 1)
    if args.per_theme:
        for name, mask in (("labelled", lab), ("pfd", pfd)):
            if mask.any():
                rep = theme_report(Y[mask], P[mask], ids).set_index("theme")
                res[f"per_theme_{name}"] = {t: [round(r["f1"], 2), int(r["support"])]
                                            for t, r in rep.iterrows()}
    per = {k: res.pop(k) for k in [k for k in res if k.startswith("per_theme")]}
    print(json.dumps(res, indent=1))
    for k, v in per.items():
        print(k, " ".join(f"{t[:12]}={f:.2f}/{n}" for t, (f, n) in v.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
