"""Build, cross-validate and save the shipped theme model reproducibly.

``train_model(out_dir)`` reads the hand-labelled set and (when the corpus generator is present)
synthetic gold learning points, reports grouped cross-validated metrics per data source beside
the keyword baseline, evaluates on gold labels of real coroners' concerns when present, fits the
final model on everything and writes ``model.joblib`` + ``meta.json``. Same data and parameters →
byte-identical files (no timestamps; the vocabulary is stored in a canonical order).

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
from ._data import (LABELLED_PATH, PFD_GOLD_PATH, PFD_REPORTS_PATH, data_sha256, file_sha256, load_labelled,
                    load_pfd_gold, load_synthetic)
from ._keyword import KeywordThemeClassifier
from ._metrics import multilabel_scores, theme_report, to_indicator
from ._taxonomy import load_taxonomy

DEFAULT_SYNTHETIC_REVIEWS = 250
DEFAULT_SYNTHETIC_SEED = 7


def build_training_data(labelled_path=None, synthetic_reviews: int = DEFAULT_SYNTHETIC_REVIEWS,
                        synthetic_seed: int = DEFAULT_SYNTHETIC_SEED, *, include_pfd: bool = False,
                        pfd_gold_path=None, pfd_reports_path=None) -> tuple[pd.DataFrame, dict]:
    """Labelled points, synthetic gold points and (``include_pfd``) labelled real coroners' concerns.

    The real concerns are read from the reports file through their offsets (never stored in the
    repository); they are skipped when the gold file or the reports file is absent. Their
    ``group`` is the report ref, so grouped folds keep a report's spans together.
    """
    lab = load_labelled(labelled_path)
    syn = load_synthetic(synthetic_reviews, synthetic_seed) if synthetic_reviews else load_synthetic(0)[:0]
    parts = [lab, syn]
    pfd = None
    if include_pfd:
        pfd = load_pfd_gold(pfd_gold_path or PFD_GOLD_PATH, pfd_reports_path or PFD_REPORTS_PATH)
        parts.append(pfd)
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


def train_model(out_dir, *, labelled_path=None, synthetic_reviews: int = DEFAULT_SYNTHETIC_REVIEWS,
                synthetic_seed: int = DEFAULT_SYNTHETIC_SEED, cv_folds: int = 5, random_state: int = 0,
                pfd_gold_path=None, pfd_reports_path=None, params: dict | None = None,
                say=lambda m: None) -> dict:
    """Cross-validate, fit on all data and save to ``out_dir``; returns the meta dict written."""
    data, data_info = build_training_data(labelled_path, synthetic_reviews, synthetic_seed)
    if not len(data):
        from ..errors import Errors, InputError

        raise InputError(Errors.E101, path=labelled_path or LABELLED_PATH)
    ids = load_taxonomy().ids
    Y = to_indicator(data["themes"], ids)
    est = ThemeClassifier(random_state=random_state, **(params or {}))
    say(f"training data: {data_info['labelled']['n']} labelled + {data_info['synthetic']['n']} synthetic points")

    cv = {}
    if cv_folds and cv_folds >= 2:
        say(f"cross-validating ({cv_folds} grouped folds)…")
        P = grouped_oof(est, data, n_splits=cv_folds, random_state=random_state)
        cv = evaluate_sources(Y, P, data, ids)
    kw = KeywordThemeClassifier().fit(data["text"], Y)
    baseline = evaluate_sources(Y, kw.predict(data["text"].tolist()), data, ids)

    say("fitting the final model on all data…")
    model = clone(est).fit(data["text"].tolist(), Y, groups=data["group"].to_numpy())

    pfd = load_pfd_gold(pfd_gold_path or PFD_GOLD_PATH, pfd_reports_path or PFD_REPORTS_PATH)
    pfd_eval = {}
    if len(pfd):
        Yp = to_indicator(pfd["themes"], ids)
        pfd_eval = {"n": int(len(pfd)), "gold_sha256": file_sha256(pfd_gold_path or PFD_GOLD_PATH),
                    "model": _scores(Yp, model.predict(pfd["text"].tolist()), ids, np.ones(len(pfd), bool)),
                    "keyword_baseline": _scores(Yp, kw.predict(pfd["text"].tolist()), ids,
                                                np.ones(len(pfd), bool))}
    meta = {
        "training_data": data_info,
        "cv": cv,
        "cv_protocol": (f"{cv_folds}-fold GroupKFold (shuffled, seed {random_state}); groups = review for "
                        "synthetic points, one per labelled point; thresholds and calibration re-tuned "
                        "inside each training fold"),
        "keyword_baseline": baseline,
        "pfd_concerns_eval": pfd_eval,
        "summary": {
            "cv_labelled": _brief(cv.get("labelled", {})),
            "cv_synthetic": _brief(cv.get("synthetic", {})),
            "keyword_labelled": _brief(baseline.get("labelled", {})),
            "pfd_model": _brief(pfd_eval.get("model", {})),
            "pfd_keyword": _brief(pfd_eval.get("keyword_baseline", {})),
        },
    }
    model.save(out_dir, meta=meta)
    return model.meta_


__all__ = ["train_model", "build_training_data", "grouped_oof", "evaluate_sources"]
