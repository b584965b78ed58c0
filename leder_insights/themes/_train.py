"""Build, cross-validate and save the shipped theme model reproducibly.

``train_model(out_dir)`` reads the hand-labelled set, synthetic gold learning points (when the
corpus generator is present) and the labelled real coroners' concerns (when the gold file and the
reports are present; their text is read from the reports, never stored), reports grouped
cross-validated metrics per data source beside the keyword baseline — for the real concerns that
is a *cross-fitted* figure (folds grouped by report) plus a *zero-shot* one (a model trained
without them) — fits the final model on everything and writes ``model.joblib`` + ``meta.json``.
Same data and parameters → byte-identical files (no timestamps; canonical vocabulary order).

>>> info = train_model("models/themes")          # doctest: +SKIP
>>> info["cv"]["labelled"]["micro_f1"] > 0.5     # doctest: +SKIP
True
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.base import clone
from sklearn.model_selection import GroupKFold

from ._classifier import ThemeClassifier
from ._data import (LABELLED_PATH, PFD_GOLD_PATH, PFD_REPORTS_PATH, PFD_TRAIN_PATH, REAL_SOURCES, data_sha256,
                    file_sha256, load_labelled, load_pfd_gold, load_synthetic)
from ._keyword import KeywordThemeClassifier
from ._metrics import multilabel_scores, theme_report, to_indicator
from ._taxonomy import load_taxonomy

DEFAULT_SYNTHETIC_REVIEWS = 250
DEFAULT_SYNTHETIC_SEED = 7


def build_training_data(labelled_path=None, synthetic_reviews: int = DEFAULT_SYNTHETIC_REVIEWS,
                        synthetic_seed: int = DEFAULT_SYNTHETIC_SEED, *, include_pfd: bool = False,
                        pfd_gold_path=None, pfd_reports_path=None,
                        pfd_train_path=None) -> tuple[pd.DataFrame, dict]:
    """Labelled points, synthetic gold points and (``include_pfd``) labelled real coroners' concerns.

    The real concerns are the gold spans (source ``pfd``, scored by cross-fitting) and the
    training-only spans of other reports (source ``pfd_train``, ``pfd_train_path``, default
    ``themes/data/pfd_concerns_train.jsonl``). Both are read from the reports file through their
    offsets (never stored in the repository) and skipped when a label file or the reports file is
    absent. Their ``group`` is the report ref, so grouped folds keep a report's spans together.
    """
    lab = load_labelled(labelled_path)
    syn = load_synthetic(synthetic_reviews, synthetic_seed) if synthetic_reviews else load_synthetic(0)[:0]
    parts = [lab, syn]
    pfd = pfd_train = None
    if include_pfd:
        pfd = load_pfd_gold(pfd_gold_path or PFD_GOLD_PATH, pfd_reports_path or PFD_REPORTS_PATH)
        pfd_train = load_pfd_gold(pfd_train_path or PFD_TRAIN_PATH, pfd_reports_path or PFD_REPORTS_PATH,
                                  source="pfd_train")
        overlap = set(pfd["group"]) & set(pfd_train["group"])
        if overlap:
            from ..errors import Errors, InputError

            raise InputError(Errors.E404, line="-", path=pfd_train_path or PFD_TRAIN_PATH,
                             reason=f"reports {sorted(overlap)[:5]} are also in the gold set; training-only "
                                    "labels must come from other reports")
        parts += [pfd, pfd_train]
    data = pd.concat([p for p in parts if len(p)], ignore_index=True) if any(len(p) for p in parts) \
        else lab.iloc[:0]
    info = {
        "labelled": {"path": str(Path(labelled_path) if labelled_path else LABELLED_PATH.name),
                     "n": int(len(lab)), "sha256": file_sha256(labelled_path or LABELLED_PATH)},
        "synthetic": {"n_reviews": int(synthetic_reviews), "seed": int(synthetic_seed), "n": int(len(syn))},
    }
    if include_pfd:
        info["pfd"] = {"n": int(len(pfd)), "n_reports": int(pfd["group"].nunique()) if len(pfd) else 0,
                       "gold_sha256": file_sha256(pfd_gold_path or PFD_GOLD_PATH) if len(pfd) else None}
        info["pfd_train"] = {"n": int(len(pfd_train)),
                             "n_reports": int(pfd_train["group"].nunique()) if len(pfd_train) else 0,
                             "sha256": file_sha256(pfd_train_path or PFD_TRAIN_PATH) if len(pfd_train) else None}
    info["n"] = int(len(data))
    info["sha256"] = data_sha256(data)
    return data, info


def source_weights(data: pd.DataFrame, weights: dict | None) -> np.ndarray | None:
    """Per-row sample weight from ``{source: weight}`` (other sources 1.0); None when no weights."""
    if not weights:
        return None
    return data["source"].map(lambda s: float(weights.get(s, 1.0))).to_numpy(dtype=np.float64)


def grouped_oof(estimator, data: pd.DataFrame, n_splits: int = 5, random_state: int = 0,
                sample_weight=None) -> np.ndarray:
    """Out-of-fold 0/1 predictions for every row; rows sharing ``group`` (a review) share a fold."""
    ids = estimator.theme_ids or load_taxonomy().ids
    Y = to_indicator(data["themes"], ids)
    texts = data["text"].tolist()
    groups = data["group"].to_numpy()
    pred = np.zeros_like(Y)
    folds = GroupKFold(n_splits=n_splits, shuffle=True, random_state=random_state)
    for tr, te in folds.split(texts, Y, groups):
        est = clone(estimator).fit([texts[i] for i in tr], Y[tr], groups=groups[tr],
                                   sample_weight=None if sample_weight is None else sample_weight[tr])
        pred[te] = est.predict([texts[i] for i in te])
    return pred


def _scores(Y, P, ids, mask) -> dict:
    if not mask.any():
        return {}
    out = {k: (round(v, 4) if isinstance(v, float) else v) for k, v in multilabel_scores(Y[mask], P[mask]).items()}
    rep = theme_report(Y[mask], P[mask], ids).set_index("theme").round(4)
    out["per_theme"] = rep.to_dict(orient="index")
    return out


def evaluate_sources(Y, P, data: pd.DataFrame, ids) -> dict:
    """Metrics overall and per data source."""
    res = {"all": _scores(Y, P, ids, np.ones(len(data), dtype=bool))}
    for src in sorted(data["source"].unique()):
        res[src] = _scores(Y, P, ids, (data["source"] == src).to_numpy())
    return res


def _brief(d: dict) -> dict:
    return {k: v for k, v in d.items() if k != "per_theme"}


#: Parameters of the shipped model, chosen by looking at the cross-validated figures of
#: ``benchmarks/themes_cv.py`` (labelled-set CV and cross-fitted real concerns), so those figures
#: are slightly optimistic for these settings.
DEFAULT_PARAMS = {"C": 8.0, "char_weight": 1.4, "cue_weight": 0.5, "long_chars": 160}
#: Sample weight of a labelled real coroners' concern relative to a learning point.
DEFAULT_PFD_WEIGHT = 1.0


def train_model(out_dir, *, labelled_path=None, synthetic_reviews: int = DEFAULT_SYNTHETIC_REVIEWS,
                synthetic_seed: int = DEFAULT_SYNTHETIC_SEED, cv_folds: int = 5, random_state: int = 0,
                pfd_gold_path=None, pfd_reports_path=None, pfd_train_path=None, params: dict | None = None,
                train_on_pfd: bool = True, pfd_weight: float = DEFAULT_PFD_WEIGHT,
                say=lambda m: None) -> dict:
    """Cross-validate, fit on all data and save to ``out_dir``; returns the meta dict written.

    With ``train_on_pfd`` (and the gold file and reports present) the labelled real coroners'
    concerns join the training data. Their held-out figure is then **cross-fitted**: grouped folds
    keep each report's spans together, so every span is predicted by a model that never saw its
    report. A **zero-shot** figure (a model trained without any real concerns) is reported too.
    """
    gold_path = pfd_gold_path or PFD_GOLD_PATH
    reports_path = pfd_reports_path or PFD_REPORTS_PATH
    data, data_info = build_training_data(labelled_path, synthetic_reviews, synthetic_seed,
                                          include_pfd=train_on_pfd, pfd_gold_path=gold_path,
                                          pfd_reports_path=reports_path, pfd_train_path=pfd_train_path)
    if not len(data):
        from ..errors import Errors, InputError

        raise InputError(Errors.E101, path=labelled_path or LABELLED_PATH)
    ids = load_taxonomy().ids
    Y = to_indicator(data["themes"], ids)
    est = ThemeClassifier(random_state=random_state, **{**DEFAULT_PARAMS, **(params or {})})
    weights = source_weights(data, dict.fromkeys(REAL_SOURCES, pfd_weight) if pfd_weight != 1.0 else None)
    is_pfd = (data["source"] == "pfd").to_numpy()
    is_real = data["source"].isin(REAL_SOURCES).to_numpy()
    say(f"training data: {data_info['labelled']['n']} labelled + {data_info['synthetic']['n']} synthetic points"
        + (f" + {int(is_real.sum())} real concerns ({int(is_pfd.sum())} of them gold)" if is_real.any() else ""))

    cv = {}
    if cv_folds and cv_folds >= 2:
        say(f"cross-validating ({cv_folds} grouped folds)…")
        P = grouped_oof(est, data, n_splits=cv_folds, random_state=random_state, sample_weight=weights)
        cv = evaluate_sources(Y, P, data, ids)
    kw = KeywordThemeClassifier().fit(data["text"], Y)
    baseline = evaluate_sources(Y, kw.predict(data["text"].tolist()), data, ids)

    say("fitting the final model on all data…")
    model = clone(est).fit(data["text"].tolist(), Y, groups=data["group"].to_numpy(), sample_weight=weights)

    pfd = data[is_pfd] if is_pfd.any() else load_pfd_gold(gold_path, reports_path)
    pfd_eval = {}
    if len(pfd):
        Yp = to_indicator(pfd["themes"], ids)
        every = np.ones(len(pfd), bool)
        if is_pfd.any():
            say("fitting a zero-shot model without real concerns…")
            base = data[~is_real]
            zero = clone(est).fit(base["text"].tolist(), to_indicator(base["themes"], ids),
                                  groups=base["group"].to_numpy())
        else:
            zero = model
        pfd_eval = {
            "n": int(len(pfd)), "n_reports": int(pfd["group"].nunique()), "gold_sha256": file_sha256(gold_path),
            "trained_on": bool(is_pfd.any()),
            "zero_shot": _scores(Yp, zero.predict(pfd["text"].tolist()), ids, every),
            "crossfit": cv.get("pfd", {}),
            "keyword_baseline": _scores(Yp, kw.predict(pfd["text"].tolist()), ids, every),
            "protocol": ("zero_shot: one model trained on labelled + synthetic points only (no real concerns); "
                         f"crossfit: the {cv_folds}-fold grouped CV above, folds grouped by report ref, so each "
                         "gold span is predicted by a model that never saw its report; the training-only "
                         "concerns of other reports share the folds, so each fold trains on four fifths of them)"),
        }
        if is_pfd.any():
            pfd_eval["trained_refs"] = sorted({g.split(":", 1)[1] for g in data.loc[is_real, "group"]})
    meta = {
        "training_data": {**data_info, "pfd_weight": float(pfd_weight)},
        "cv": cv,
        "cv_protocol": (f"{cv_folds}-fold GroupKFold (shuffled, seed {random_state}); groups = review for "
                        "synthetic points, report ref for real concerns, one per labelled point; thresholds "
                        "and calibration re-tuned inside each training fold"),
        "keyword_baseline": baseline,
        "pfd_concerns_eval": pfd_eval,
        "summary": {
            "cv_labelled": _brief(cv.get("labelled", {})),
            "cv_synthetic": _brief(cv.get("synthetic", {})),
            "keyword_labelled": _brief(baseline.get("labelled", {})),
            "pfd_crossfit": _brief(pfd_eval.get("crossfit", {})),
            "pfd_train_crossfit": _brief(cv.get("pfd_train", {})),
            "pfd_zero_shot": _brief(pfd_eval.get("zero_shot", {})),
            "pfd_keyword": _brief(pfd_eval.get("keyword_baseline", {})),
        },
    }
    model.save(out_dir, meta=meta)
    return model.meta_


__all__ = ["train_model", "build_training_data", "grouped_oof", "evaluate_sources", "source_weights",
           "DEFAULT_PARAMS", "DEFAULT_PFD_WEIGHT"]
