"""Build, cross-validate and save the shipped theme model reproducibly.

``train_model(out_dir)`` reads the hand-labelled set, synthetic gold learning points (when the
corpus generator is present) and the labelled real coroners' concerns (when the gold file and the
reports are present; their text is read from the reports, never stored), reports grouped
cross-validated metrics per data source beside the keyword baseline — for the real concerns that
is a *cross-fitted* figure (folds grouped by report) plus a *zero-shot* one (a model trained
without them) — fits the final model on everything and writes ``model.joblib`` + ``meta.json``.
Same data and parameters → byte-identical files (no timestamps; canonical vocabulary order).

>>> info = train_model("leder_insights/models/themes")          # doctest: +SKIP
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
from ._data import (LABELLED_PATH, pfd_gold_path as _default_gold, pfd_reports_path as _default_reports, PFD_TRAIN_PATH, REAL_SOURCES, WRITTEN_PATH,
                    data_sha256, file_sha256, load_labelled, load_pfd_gold, load_synthetic, load_written)
from ._encoder_model import EncoderThemeClassifier
from ._keyword import KeywordThemeClassifier
from ._metrics import multilabel_scores, theme_report, to_indicator
from ._taxonomy import load_taxonomy

DEFAULT_SYNTHETIC_REVIEWS = 250
DEFAULT_SYNTHETIC_SEED = 7


def build_training_data(labelled_path=None, synthetic_reviews: int = DEFAULT_SYNTHETIC_REVIEWS,
                        synthetic_seed: int = DEFAULT_SYNTHETIC_SEED, *, include_pfd: bool = False,
                        pfd_gold_path=None, pfd_reports_path=None,
                        pfd_train_path=None, written_path=None,
                        include_written: bool = True) -> tuple[pd.DataFrame, dict]:
    """Labelled points, synthetic gold points and (``include_pfd``) labelled real coroners' concerns.

    The real concerns are the gold spans (source ``pfd``, scored by cross-fitting) and the
    training-only spans of other reports (source ``pfd_train``, ``pfd_train_path``, default
    ``themes/data/pfd_concerns_train.jsonl``). Both are read from the reports file through their
    offsets (never stored in the repository) and skipped when a label file or the reports file is
    absent. Their ``group`` is the report ref, so grouped folds keep a report's spans together.
    """
    lab = load_labelled(labelled_path)
    syn = load_synthetic(synthetic_reviews, synthetic_seed) if synthetic_reviews else load_synthetic(0)[:0]
    wri = load_written(written_path) if include_written else lab.iloc[:0]
    parts = [lab, syn, wri]
    pfd = pfd_train = pd.DataFrame()
    if include_pfd:
        pfd = load_pfd_gold(pfd_gold_path or _default_gold(), pfd_reports_path or _default_reports())
        pfd_train = load_pfd_gold(pfd_train_path or PFD_TRAIN_PATH, pfd_reports_path or _default_reports(),
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
        "written": {"n": int(len(wri)), "sha256": file_sha256(written_path or WRITTEN_PATH) if len(wri) else None},
    }
    if include_pfd:
        info["pfd"] = {"n": int(len(pfd)), "n_reports": int(pfd["group"].nunique()) if len(pfd) else 0,
                       "gold_sha256": file_sha256(pfd_gold_path or _default_gold()) if len(pfd) else None}
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
                sample_weight=None, embeddings=None, ablations: bool = False):
    """Out-of-fold 0/1 predictions for every row; rows sharing ``group`` (a review) share a fold.

    For an :class:`EncoderThemeClassifier`, pass ``embeddings`` (its ``embed`` of every row) so
    nothing is re-encoded; with ``ablations`` the result is a dict of predictions of the model
    (``both``), of its n-gram part alone (``ngrams``) and of heads on the encoder alone
    (``encoder``), all from the same folds.
    """
    ids = estimator.theme_ids or load_taxonomy().ids
    Y = to_indicator(data["themes"], ids)
    texts = data["text"].tolist()
    groups = data["group"].to_numpy()
    pred = np.zeros_like(Y)
    extra = {"ngrams": np.zeros_like(Y), "encoder": np.zeros_like(Y)}
    folds = GroupKFold(n_splits=n_splits, shuffle=True, random_state=random_state)
    kw = {} if embeddings is None else {"embeddings": embeddings}
    for tr, te in folds.split(texts, Y, groups):
        fit_kw = {k: v[tr] for k, v in kw.items()}
        pred_kw = {k: v[te] for k, v in kw.items()}
        sw = None if sample_weight is None else sample_weight[tr]
        est = clone(estimator).fit([texts[i] for i in tr], Y[tr], groups=groups[tr], sample_weight=sw, **fit_kw)
        pred[te] = est.predict([texts[i] for i in te], **pred_kw)
        if ablations and getattr(est, "ngram_", None) is not None:
            extra["ngrams"][te] = est.ngram_.predict([texts[i] for i in te])
            alone = clone(estimator).set_params(ngram=None).fit([texts[i] for i in tr], Y[tr], groups=groups[tr],
                                                                sample_weight=sw, **fit_kw)
            extra["encoder"][te] = alone.predict([texts[i] for i in te], **pred_kw)
    return {"both": pred, **extra} if ablations else pred


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


def _brief_sources(res: dict) -> dict:
    """Per source, the metrics plus per-theme F1 only (keeps meta.json small)."""
    return {src: {**_brief(m), "f1": {t: r["f1"] for t, r in m.get("per_theme", {}).items()}}
            for src, m in res.items()}


#: Parameters of the shipped model, chosen by looking at the cross-validated figures of
#: ``benchmarks/themes_cv.py`` (labelled-set CV and cross-fitted real concerns), so those figures
#: are slightly optimistic for these settings.
DEFAULT_PARAMS = {"C": 8.0, "char_weight": 1.4, "cue_weight": 0.5, "long_chars": 160}
#: Parameters of the encoder heads (ridge penalty, stacker C), chosen by the cross-fitted experiments
#: listed in ``docs/themes.md`` (so slightly optimistic for these settings).
DEFAULT_ENCODER_PARAMS = {"alpha": 3.0, "C": 1.0}
#: Sample weight of a labelled real coroners' concern relative to a learning point.
DEFAULT_PFD_WEIGHT = 1.0


def train_model(out_dir, *, labelled_path=None, synthetic_reviews: int = DEFAULT_SYNTHETIC_REVIEWS,
                synthetic_seed: int = DEFAULT_SYNTHETIC_SEED, cv_folds: int = 5, random_state: int = 0,
                pfd_gold_path=None, pfd_reports_path=None, pfd_train_path=None, params: dict | None = None,
                train_on_pfd: bool = True, pfd_weight: float = DEFAULT_PFD_WEIGHT, fast: bool = False,
                written_path=None, include_written: bool = True,
                encoder_params: dict | None = None, say=lambda m: None) -> dict:
    """Cross-validate, fit on all data and save to ``out_dir``; returns the meta dict written.

    With ``train_on_pfd`` (and the gold file and reports present) the labelled real coroners'
    concerns join the training data. Their held-out figure is then **cross-fitted**: grouped folds
    keep each report's spans together, so every span is predicted by a model that never saw its
    report. A **zero-shot** figure (a model trained without any real concerns) is reported too.
    """
    gold_path = pfd_gold_path or _default_gold()
    reports_path = pfd_reports_path or _default_reports()
    data, data_info = build_training_data(labelled_path, synthetic_reviews, synthetic_seed,
                                          include_pfd=train_on_pfd, pfd_gold_path=gold_path,
                                          pfd_reports_path=reports_path, pfd_train_path=pfd_train_path,
                                          written_path=written_path, include_written=include_written)
    if not len(data):
        from ..errors import Errors, InputError

        raise InputError(Errors.E101, path=labelled_path or LABELLED_PATH)
    ids = load_taxonomy().ids
    Y = to_indicator(data["themes"], ids)
    ngram = ThemeClassifier(random_state=random_state, **{**DEFAULT_PARAMS, **(params or {})})
    est = ngram if fast else EncoderThemeClassifier(ngram=ngram, random_state=random_state,
                                                    **{**DEFAULT_ENCODER_PARAMS, **(encoder_params or {})})
    texts = data["text"].tolist()
    E = None
    if not fast:
        say(f"encoding {len(texts)} texts (all-MiniLM-L6-v2, ONNX Runtime)…")
        E = est.embed(texts)
    fit_kw = {} if E is None else {"embeddings": E}
    weights = source_weights(data, dict.fromkeys(REAL_SOURCES, pfd_weight) if pfd_weight != 1.0 else None)
    is_pfd = (data["source"] == "pfd").to_numpy()
    is_real = data["source"].isin(REAL_SOURCES).to_numpy()
    say(f"training data: {data_info['labelled']['n']} labelled + {data_info['synthetic']['n']} synthetic + "
        f"{data_info['written']['n']} written points"
        + (f" + {int(is_real.sum())} real concerns ({int(is_pfd.sum())} of them gold)" if is_real.any() else ""))

    cv = {}
    ablations = {}
    if cv_folds and cv_folds >= 2:
        say(f"cross-validating ({cv_folds} grouped folds)…")
        P = grouped_oof(est, data, n_splits=cv_folds, random_state=random_state, sample_weight=weights,
                        embeddings=E, ablations=not fast)
        if not fast:
            ablations = {name: _brief_sources(evaluate_sources(Y, P[name], data, ids))
                         for name in ("both", "ngrams", "encoder")}
            P = P["both"]
        cv = evaluate_sources(Y, P, data, ids)
    kw = KeywordThemeClassifier().fit(data["text"], Y)
    baseline = evaluate_sources(Y, kw.predict(data["text"].tolist()), data, ids)

    say("fitting the final model on all data…")
    model = clone(est).fit(texts, Y, groups=data["group"].to_numpy(), sample_weight=weights, **fit_kw)

    pfd = data[is_pfd] if is_pfd.any() else load_pfd_gold(gold_path, reports_path)
    pfd_eval = {}
    if len(pfd):
        Yp = to_indicator(pfd["themes"], ids)
        every = np.ones(len(pfd), bool)
        if is_pfd.any():
            say("fitting a zero-shot model without real concerns…")
            base = data[~is_real]
            zero = clone(est).fit(base["text"].tolist(), to_indicator(base["themes"], ids),
                                  groups=base["group"].to_numpy(), **{k: v[~is_real] for k, v in fit_kw.items()})
        else:
            zero = model
        pfd_eval = {
            "n": int(len(pfd)), "n_reports": int(pfd["group"].nunique()), "gold_sha256": file_sha256(gold_path),
            "trained_on": bool(is_pfd.any()),
            "zero_shot": _scores(Yp, zero.predict(pfd["text"].tolist(),
                                                  **{k: v[is_pfd] for k, v in fit_kw.items()} if is_pfd.any() else {}),
                                 ids, every),
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
        "ablations": ablations,
        "ablations_protocol": ("same folds as cv: both = the shipped design (encoder heads + stacked n-gram "
                               "scores); ngrams = its n-gram ThemeClassifier alone (the previous model, --fast); "
                               "encoder = heads on the encoder features alone") if ablations else None,
        "pfd_concerns_eval": pfd_eval,
        "summary": {
            "cv_labelled": _brief(cv.get("labelled", {})),
            "cv_synthetic": _brief(cv.get("synthetic", {})),
            "keyword_labelled": _brief(baseline.get("labelled", {})),
            "pfd_crossfit": _brief(pfd_eval.get("crossfit", {})),
            "pfd_train_crossfit": _brief(cv.get("pfd_train", {})),
            "pfd_zero_shot": _brief(pfd_eval.get("zero_shot", {})),
            "pfd_keyword": _brief(pfd_eval.get("keyword_baseline", {})),
            "pfd_crossfit_ngrams_only": ablations.get("ngrams", {}).get("pfd", {}),
            "pfd_crossfit_encoder_only": ablations.get("encoder", {}).get("pfd", {}),
        },
    }
    model.save(out_dir, meta=meta)
    return model.meta_


__all__ = ["train_model", "build_training_data", "grouped_oof", "evaluate_sources", "source_weights",
           "DEFAULT_PARAMS", "DEFAULT_ENCODER_PARAMS", "DEFAULT_PFD_WEIGHT"]
