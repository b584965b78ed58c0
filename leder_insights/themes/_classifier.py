"""``ThemeClassifier``: multi-label theming of learning points, with evidence spans.

Features are TF-IDF word 1–2-grams over negation-marked tokens (``neg_swallowing``) plus
character 3–5-grams over the text with negated words blanked (see ``_negation``). One
logistic regression per theme (liblinear, balanced class weights) gives a decision value; a
Platt sigmoid fitted on out-of-fold decision values turns it into a calibrated score, and a
per-theme threshold is tuned on the same out-of-fold scores (maximum F1, never below
``threshold_floor``). A rule layer lowers a theme's score when its only cue phrases sit inside a
negation scope ("sepsis was ruled out"). Deterministic, CPU-only, offline.

Long passages (``long_chars``, e.g. coroners' multi-sentence concerns) are treated as a second
domain: a copy of every feature that is non-zero only for them, and their own calibration and
thresholds; their scores are mapped so one set of ``thresholds_`` serves both. ``fit`` takes
``sample_weight`` (e.g. to weight real concerns).

>>> texts = ["No SALT referral despite choking", "Sepsis not recognised, NEWS2 not done",
...          "Choking risk not assessed", "NEWS2 score was not escalated"] * 5
>>> y = [["aspiration_pneumonia"], ["sepsis_deterioration"]] * 10
>>> clf = ThemeClassifier(cv=2).fit(texts, y)
>>> clf.predict_themes(["He choked on food; no SALT referral"])
[['aspiration_pneumonia']]
"""
from __future__ import annotations

import hashlib
import json
import re as _re
from pathlib import Path
from typing import Sequence

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, KFold
from sklearn.utils.validation import check_is_fitted

from ..errors import Errors, InputError
from ._metrics import from_indicator, multilabel_scores, theme_report, to_indicator
from ._cues import cue_matcher
from ._negation import analyse, in_scopes
from ._tags import MultiLabelTextTagsMixin
from ._taxonomy import load_taxonomy

MODEL_FILE = "model.joblib"
META_FILE = "meta.json"
_VETO_FACTOR = 0.5  # a theme whose cues are all negated keeps at most half the threshold floor


def _as_texts(X) -> list[str]:
    if isinstance(X, pd.DataFrame):
        if "text" not in X.columns:
            raise InputError(Errors.E404, line="-", path="DataFrame", reason="no 'text' column")
        X = X["text"]
    if isinstance(X, str):
        raise InputError(Errors.E404, line="-", path="input",
                         reason="expected a sequence of texts, got one string; wrap it in a list")
    if isinstance(X, np.ndarray) and X.ndim == 2 and X.shape[1] == 1:
        X = X[:, 0]
    return ["" if (t is None or (isinstance(t, float) and np.isnan(t))) else str(t) for t in X]


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-np.clip(z, -35, 35)))


def _best_threshold(y: np.ndarray, p: np.ndarray, floor: float, default: float, w=None) -> float:
    """Threshold of maximum (weighted) F1 on a 0.01 grid (the lowest one when several tie)."""
    if y.sum() < 2:
        return default
    w = np.ones(len(y)) if w is None else np.asarray(w, dtype=np.float64)
    grid = np.round(np.arange(max(floor, 0.05), 0.951, 0.01), 2)
    pos = y == 1
    f1 = np.zeros(len(grid))
    for i, t in enumerate(grid):
        pred = p >= t
        tp = float(w[pred & pos].sum())
        denom = w[pred].sum() + w[pos].sum()
        f1[i] = 2 * tp / denom if denom else 0.0
    best = int(np.flatnonzero(f1 >= f1.max() - 1e-12)[0])
    return float(grid[best])


def _align(p: np.ndarray, t_from: np.ndarray, t_to: np.ndarray) -> np.ndarray:
    """Monotone piecewise-linear map of scores in [0, 1] taking ``t_from`` to ``t_to`` (per column)."""
    lo = p * (t_to / t_from)
    hi = t_to + (p - t_from) * ((1 - t_to) / (1 - t_from))
    return np.where(p < t_from, lo, hi)


class ThemeClassifier(MultiLabelTextTagsMixin, ClassifierMixin, BaseEstimator):
    """Multi-label theme classifier for learning points (scikit-learn estimator).

    Parameters
    ----------
    theme_ids : list of str or None
        Output columns; ``None`` uses every id of the shipped taxonomy, in taxonomy order.
    C : float
        Inverse regularisation of each per-theme logistic regression.
    word_ngram_range, char_ngram_range : tuple
        N-gram ranges of the word (negation-marked) and character (negation-masked) features.
    char_weight : float
        Multiplier of the character block relative to the word block.
    cue_weight : float
        Multiplier of the cue block: per theme, log(1 + hits) of its taxonomy cue phrases outside
        and inside negation scopes (0 drops the block).
    min_df : int
        Minimum document frequency of a feature.
    max_char_features : int or None
        Cap on character n-grams (most frequent kept).
    cv : int
        Folds for the out-of-fold scores used to calibrate and tune thresholds.
    threshold_floor, default_threshold : float
        Lowest threshold allowed; threshold for themes with too few positives to tune.
    negation_veto : bool
        Apply the rule layer for cue phrases that only occur inside negation scopes.
    long_chars : int
        Texts of at least this many characters (multi-sentence passages such as coroners' concerns)
        are a second domain: they get a copy of every feature (so the model can learn weights
        specific to long passages), their own Platt calibration and their own thresholds, tuned on
        the out-of-fold scores of the long training texts. Their scores are then mapped, piecewise
        linearly, so that the long-text threshold lands on the shared ``thresholds_``. 0 disables.
    long_min_positives : int
        Long training texts needed with a theme before it gets its own long-text calibration and
        threshold (else the shared ones are used).
    random_state : int
        Seed of the fold shuffling and liblinear.

    Attributes
    ----------
    theme_ids_ : list of str
    classes_ : ndarray of theme ids (one output column each)
    coef_, intercept_ : per-theme linear weights over the stacked features
    calibration_ : ndarray (n_themes, 2) Platt slope and intercept
    thresholds_ : ndarray (n_themes,)
    oof_scores_ : dict of out-of-fold metrics of the fitted data (thresholds tuned on them)

    Examples
    --------
    >>> clf = ThemeClassifier(theme_ids=["epilepsy", "cancer"], cv=2)
    >>> clf = clf.fit(["seizure chart missing", "cancer screening missed"] * 4,
    ...               [["epilepsy"], ["cancer"]] * 4)
    >>> clf.predict(["no seizure chart"]).tolist()
    [[1, 0]]
    """

    def __init__(self, theme_ids: Sequence[str] | None = None, C: float = 4.0,
                 word_ngram_range: tuple = (1, 2), char_ngram_range: tuple = (3, 5),
                 char_weight: float = 0.7, cue_weight: float = 1.0, min_df: int = 1,
                 max_char_features: int | None = 60000,
                 cv: int = 5, threshold_floor: float = 0.2, default_threshold: float = 0.5,
                 negation_veto: bool = True, long_chars: int = 0, long_min_positives: int = 5,
                 random_state: int = 0):
        self.theme_ids = theme_ids
        self.C = C
        self.word_ngram_range = word_ngram_range
        self.char_ngram_range = char_ngram_range
        self.char_weight = char_weight
        self.cue_weight = cue_weight
        self.min_df = min_df
        self.max_char_features = max_char_features
        self.cv = cv
        self.threshold_floor = threshold_floor
        self.default_threshold = default_threshold
        self.negation_veto = negation_veto
        self.long_chars = long_chars
        self.long_min_positives = long_min_positives
        self.random_state = random_state

    # ------------------------------------------------------------------ sklearn plumbing
    def _targets(self, y, theme_ids: list[str]) -> np.ndarray:
        if isinstance(y, pd.Series):
            y = y.tolist()
        if isinstance(y, (np.ndarray, pd.DataFrame)) or (len(y) and not isinstance(y[0], (list, tuple, set, np.ndarray))):
            arr = np.asarray(y)
            if arr.ndim == 2 and arr.shape[1] == len(theme_ids):
                return (arr > 0).astype(np.int8)
        rows = [list(r) if r is not None else [] for r in y]
        valid = set(theme_ids)
        for i, r in enumerate(rows):
            for t in r:
                if t not in valid:
                    raise InputError(Errors.E401, theme=f"{t}' (row {i}", valid=", ".join(theme_ids))
        return to_indicator(rows, theme_ids)

    # ------------------------------------------------------------------ features
    def _new_vectorizers(self):
        word = TfidfVectorizer(token_pattern=r"\S+", lowercase=False, ngram_range=tuple(self.word_ngram_range),
                               min_df=self.min_df, sublinear_tf=True, dtype=np.float64)
        char = TfidfVectorizer(analyzer="char_wb", ngram_range=tuple(self.char_ngram_range), lowercase=True,
                               min_df=max(self.min_df, 2), max_features=self.max_char_features,
                               sublinear_tf=True, dtype=np.float64)
        return word, char

    @staticmethod
    def _canonical(vec: TfidfVectorizer) -> TfidfVectorizer:
        """Order the vocabulary dict by index so the pickled model is byte-identical run to run."""
        vec.vocabulary_ = dict(sorted(vec.vocabulary_.items(), key=lambda kv: kv[1]))
        if hasattr(vec, "stop_words_"):
            vec.stop_words_ = None
        if hasattr(vec, "_stop_words_id"):  # id() of an object: differs run to run
            del vec._stop_words_id
        return vec

    def _prepare(self, texts: list[str]) -> list[tuple]:
        """Per text: (marked words, masked text, cue hits [(theme, negated)], tokens, scopes)."""
        return [_prepare_one(t) for t in texts]

    def _cue_block(self, prepared) -> sp.csr_matrix:
        k = len(cue_matcher().theme_ids)
        rows, cols, vals = [], [], []
        for i, p in enumerate(prepared):
            counts: dict[int, int] = {}
            for j, neg in p[2]:
                c = j + (k if neg else 0)
                counts[c] = counts.get(c, 0) + 1
            for c, n in counts.items():
                rows.append(i)
                cols.append(c)
                vals.append(np.log1p(n))
        return sp.csr_matrix((vals, (rows, cols)), shape=(len(prepared), 2 * k), dtype=np.float64)

    def _features(self, prepared, vecs, fit: bool = False):
        words = [p[0] for p in prepared]
        masked = [p[1] for p in prepared]
        word, char = vecs
        if fit:
            Xw = word.fit_transform(words)
            Xc = char.fit_transform(masked)
        else:
            Xw = word.transform(words)
            Xc = _char_wb_transform(char, masked)
        blocks = [Xw, Xc * self.char_weight]
        if self.cue_weight:
            blocks.append(self._cue_block(prepared) * self.cue_weight)
        X = sp.hstack(blocks, format="csr")
        long = self._long_mask(prepared)
        if long is not None:  # domain copy: non-zero only for long texts
            X = sp.hstack([X, sp.diags(long.astype(np.float64)) @ X], format="csr")
        return X

    def _long_mask(self, prepared):
        """True for texts of at least ``long_chars`` characters; None when the domain split is off."""
        n = int(getattr(self, "long_chars", 0) or 0)
        if not n:
            return None
        return np.fromiter((len(p[1]) >= n for p in prepared), dtype=bool, count=len(prepared))

    def _fit_linear(self, X, Y, sample_weight=None):
        k = Y.shape[1]
        coef = np.zeros((k, X.shape[1]), dtype=np.float64)
        intercept = np.full(k, -10.0)
        for j in range(k):
            yj = Y[:, j]
            if yj.min() == yj.max():  # a theme absent (or universal) in these rows
                intercept[j] = -10.0 if yj.max() == 0 else 10.0
                continue
            # dual liblinear: same solution as the primal, ~7x faster with more features than rows
            lr = LogisticRegression(solver="liblinear", C=self.C, class_weight="balanced", dual=True,
                                    random_state=self.random_state, max_iter=1000)
            lr.fit(X, yj, sample_weight=sample_weight)
            coef[j] = lr.coef_[0]
            intercept[j] = lr.intercept_[0]
        return coef, intercept

    # ------------------------------------------------------------------ fit
    def fit(self, X, y, groups=None, sample_weight=None):
        """Fit on texts ``X`` and labels ``y`` (lists of theme ids, or an n × n_themes 0/1 matrix).

        ``groups`` (e.g. review ids) keeps points of one review in the same calibration fold.
        ``sample_weight`` weights rows in the regressions, the calibration and the threshold tuning.
        """
        texts = _as_texts(X)
        theme_ids = list(self.theme_ids) if self.theme_ids is not None else load_taxonomy().ids
        Y = self._targets(y, theme_ids)
        if len(texts) != len(Y):
            raise InputError(Errors.E404, line="-", path="fit",
                             reason=f"{len(texts)} texts but {len(Y)} label rows")
        prepared = self._prepare(texts)
        k = len(theme_ids)
        sw = None if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)

        # out-of-fold decision values → Platt calibration and thresholds
        n_splits = min(int(self.cv), len(texts))
        oof = np.zeros((len(texts), k))
        if n_splits >= 2:
            if groups is not None:
                splitter = GroupKFold(n_splits=n_splits)
                splits = splitter.split(texts, groups=np.asarray(groups))
            else:
                splits = KFold(n_splits=n_splits, shuffle=True, random_state=self.random_state).split(texts)
            for tr, te in splits:
                vecs = self._new_vectorizers()
                Xtr = self._features([prepared[i] for i in tr], vecs, fit=True)
                coef, icpt = self._fit_linear(Xtr, Y[tr], None if sw is None else sw[tr])
                oof[te] = self._linear_decision([prepared[i] for i in te], vecs, coef.T, icpt)
        calibration = np.tile([1.0, 0.0], (k, 1))
        thresholds = np.full(k, float(self.default_threshold))
        long = self._long_mask(prepared)
        has_long = long is not None and long.any()
        # themes with enough long positives (and negatives) get their own long-text calibration
        own_long = np.zeros(k, dtype=bool)
        if has_long and n_splits >= 2:
            m = int(self.long_min_positives)
            own_long = (Y[long].sum(axis=0) >= m) & ((1 - Y[long]).sum(axis=0) >= m)
        calibration_long = calibration.copy()
        if n_splits >= 2:
            for j in range(k):
                yj = Y[:, j]
                if yj.min() != yj.max():
                    calibration[j] = _platt(oof[:, j], yj, sw)
                    calibration_long[j] = calibration[j]
                if own_long[j]:
                    calibration_long[j] = _platt(oof[long, j], yj[long], None if sw is None else sw[long])
        self.calibration_ = calibration
        self.calibration_long_ = calibration_long
        self.theme_ids_ = theme_ids
        self.classes_ = np.asarray(theme_ids, dtype=object)

        vecs = self._new_vectorizers()
        Xall = self._features(prepared, vecs, fit=True)
        self.vectorizers_ = tuple(self._canonical(v) for v in vecs)
        self.n_word_features_ = len(self.vectorizers_[0].vocabulary_)
        self.coef_, self.intercept_ = self._fit_linear(Xall, Y, sw)
        self.coef_ = self.coef_.astype(np.float32)

        thresholds_long = thresholds.copy()
        if n_splits >= 2:
            p_oof = self._calibrated(oof, long)
            if self.negation_veto:
                p_oof = self._veto(prepared, p_oof)
            short = ~long if has_long else np.ones(len(texts), dtype=bool)
            if not short.any():
                short = np.ones(len(texts), dtype=bool)
            for j in range(k):
                thresholds[j] = _best_threshold(Y[short, j], p_oof[short, j], self.threshold_floor,
                                                self.default_threshold, None if sw is None else sw[short])
                thresholds_long[j] = thresholds[j]
                if own_long[j]:
                    thresholds_long[j] = _best_threshold(Y[long, j], p_oof[long, j], self.threshold_floor,
                                                         self.default_threshold, None if sw is None else sw[long])
            if has_long:
                p_oof[long] = _align(p_oof[long], thresholds_long, thresholds)
            pred = (p_oof >= thresholds).astype(np.int8)
            self.oof_proba_ = p_oof  # not saved (see save); stacked models read it after fit
            self.oof_scores_ = {**multilabel_scores(Y, pred),
                                "per_theme": theme_report(Y, pred, theme_ids).set_index("theme")
                                .round(4).to_dict(orient="index")}
        else:
            self.oof_scores_ = {}
        self.thresholds_ = thresholds
        self.thresholds_long_ = thresholds_long
        self.n_features_in_ = 1
        return self

    # ------------------------------------------------------------------ prediction
    def _veto(self, prepared, proba):
        """Cap a theme's score below any threshold when every cue phrase of it is negated.

        The cap is half of ``threshold_floor``, and thresholds never go below the floor.
        """
        return veto_negated(prepared, proba, self.theme_ids_ if hasattr(self, "theme_ids_") else [],
                            self.threshold_floor)

    def decision_function(self, X) -> np.ndarray:
        """Raw per-theme decision values (n × n_themes)."""
        check_is_fitted(self, ["coef_", "thresholds_"])
        return self._decision(self._prepare(_as_texts(X)))

    def _decision(self, prepared) -> np.ndarray:
        return self._linear_decision(prepared, self.vectorizers_, self.coef_.T.astype(np.float64), self.intercept_)

    def _linear_decision(self, prepared, vecs, coef_t, intercept) -> np.ndarray:
        Xf = self._features(prepared, vecs)
        return np.asarray(Xf @ coef_t) + intercept

    def _calibrated(self, d, long) -> np.ndarray:
        p = _sigmoid(d * self.calibration_[:, 0] + self.calibration_[:, 1])
        if long is not None and long.any():
            cl = self.calibration_long_
            p[long] = _sigmoid(d[long] * cl[:, 0] + cl[:, 1])
        return p

    def _proba(self, prepared) -> np.ndarray:
        d = self._decision(prepared)
        long = self._long_mask(prepared)
        p = self._calibrated(d, long)
        if self.negation_veto:
            p = self._veto(prepared, p)
        if long is not None and long.any():
            p[long] = _align(p[long], self.thresholds_long_, self.thresholds_)
        return p

    def predict_proba(self, X, n_jobs: int | None = None) -> np.ndarray:
        """Calibrated per-theme scores in [0, 1] (n × n_themes), after the negation rule layer.

        ``n_jobs`` > 1 scores large inputs in that many worker processes (same results).
        """
        check_is_fitted(self, ["coef_", "thresholds_"])
        texts = _as_texts(X)
        if n_jobs and n_jobs != 1 and len(texts) >= 4000:
            from joblib import Parallel, delayed, effective_n_jobs

            n = effective_n_jobs(n_jobs)
            bounds = np.linspace(0, len(texts), n + 1).astype(int)
            parts = Parallel(n_jobs=n)(delayed(_score_chunk)(self, texts[a:b])
                                       for a, b in zip(bounds[:-1], bounds[1:]))
            return np.vstack(parts)
        return self._proba(self._prepare(texts))

    def predict(self, X, n_jobs: int | None = None) -> np.ndarray:
        """0/1 indicator matrix (n × n_themes); columns follow ``classes_``."""
        return (self.predict_proba(X, n_jobs=n_jobs) >= self.thresholds_).astype(np.int64)

    def predict_themes(self, X) -> list[list[str]]:
        """Predicted theme ids per text."""
        return from_indicator(self.predict(X), self.theme_ids_)

    # ------------------------------------------------------------------ evidence
    def _word_weights(self, j: int) -> np.ndarray:
        return self.coef_[j, : self.n_word_features_]

    def evidence(self, X, themes=None, max_spans: int = 3) -> list[dict[str, list[list[int]]]]:
        """Character spans of each text that support each theme, for a person to check.

        Spans are cue phrases of the theme (taxonomy cue lists) and the theme's most positively
        weighted word n-grams found in the text, never inside a negation scope; overlapping spans
        are merged, at most ``max_spans`` per theme, in text order. ``themes`` defaults to the
        predicted themes.

        Examples
        --------
        >>> clf = ThemeClassifier(theme_ids=["epilepsy", "cancer"], cv=2)
        >>> clf = clf.fit(["seizure chart missing", "cancer screening missed"] * 4,
        ...               [["epilepsy"], ["cancer"]] * 4)
        >>> t = "The seizure chart was not kept"
        >>> [t[s:e] for s, e in clf.evidence([t], [["epilepsy"]])[0]["epilepsy"]]
        ['seizure chart']
        """
        check_is_fitted(self, ["coef_", "thresholds_"])
        texts = _as_texts(X)
        prepared = self._prepare(texts)
        if themes is None:
            themes = [[self.theme_ids_[j] for j in np.flatnonzero(row)]
                      for row in self._proba(prepared) >= self.thresholds_]
        return self._evidence(texts, prepared, themes, max_spans)

    def _evidence(self, texts, prepared, themes, max_spans: int = 3):
        return evidence_spans(texts, prepared, themes, self.theme_ids_, max_spans,
                              self.vectorizers_[0].vocabulary_, self._word_weights)

    @staticmethod
    def _cue_evidence(texts, prepared, themes, theme_ids, max_spans: int = 3):
        """Evidence from cue phrases only (for models without n-gram weights)."""
        return evidence_spans(texts, prepared, themes, theme_ids, max_spans, {}, None)


    def predict_frame(self, lp: pd.DataFrame, text_column: str = "text", *, with_evidence: bool = True,
                      decimals: int = 4) -> pd.DataFrame:
        """A copy of ``lp`` with ``themes`` (list), ``theme_scores`` (dict) and ``evidence`` columns.

        Examples
        --------
        >>> clf = ThemeClassifier(theme_ids=["epilepsy", "cancer"], cv=2)
        >>> clf = clf.fit(["seizure chart missing", "cancer screening missed"] * 4,
        ...               [["epilepsy"], ["cancer"]] * 4)
        >>> clf.predict_frame(pd.DataFrame({"text": ["no seizure chart"]}))["themes"].tolist()
        [['epilepsy']]
        """
        check_is_fitted(self, ["coef_", "thresholds_"])

        def score(texts):
            prepared = self._prepare(texts)
            return self._proba(prepared), prepared

        return themed_frame(self, lp, text_column, score, with_evidence=with_evidence, decimals=decimals)

    # ------------------------------------------------------------------ persistence
    def save(self, directory, meta: dict | None = None) -> Path:
        """Write ``model.joblib`` (joblib pickle of this estimator) and ``meta.json`` to ``directory``.

        The model file is byte-identical for identical training data and parameters. It is a
        pickle: load only model files you (or this project) produced.
        """
        check_is_fitted(self, ["coef_", "thresholds_"])
        for vec in self.vectorizers_:  # transform() re-adds an id()-based cache; keep bytes stable
            self._canonical(vec)
        info = {
            "format": "joblib pickle (zlib, protocol 4) of leder_insights.themes.ThemeClassifier",
            "thresholds_long": ({t: float(v) for t, v in zip(self.theme_ids_, self.thresholds_long_)}
                                if getattr(self, "long_chars", 0) and hasattr(self, "thresholds_long_") else None),
            "n_features": int(self.coef_.shape[1]),
        }
        info.update(meta or {})
        return save_estimator(self, directory, info)

    @classmethod
    def load(cls, directory=None):
        """Load a saved theme model (default: config ``themes.model_dir``, the model shipped in the package).

        Kept for existing callers: it returns whichever registered theme model the directory holds
        (the shipped one is an ``EncoderThemeClassifier``), like :func:`load_theme_model`, which new
        code should call instead.

        Examples
        --------
        >>> clf = ThemeClassifier.load("leder_insights/models/themes")      # doctest: +SKIP
        >>> clf.meta_["taxonomy_version"]                    # doctest: +SKIP
        '1'
        """
        from ._models import load_theme_model

        return load_theme_model(directory)


def evidence_spans(texts, prepared, themes, theme_ids, max_spans, vocab, word_weights):
    """Per text, theme → spans: non-negated cue phrases, else the theme's top-weighted n-grams."""
    index = {t: j for j, t in enumerate(theme_ids)}
    tax_ids = cue_matcher().theme_ids
    out = []
    for text, p, wanted in zip(texts, prepared, themes):
        res: dict[str, list[list[int]]] = {}
        if not wanted:
            out.append(res)
            continue
        all_toks, scopes = p[3], p[4]
        keep = [not (scopes and in_scopes(t[1], t[2], scopes)) for t in all_toks]
        cue_spans: dict[str, list[tuple[int, int]]] = {}
        for j, a, b in cue_matcher().match(all_toks):
            if all(keep[a:b]):
                cue_spans.setdefault(tax_ids[j], []).append((all_toks[a][1], all_toks[b - 1][2]))
        toks = [t for t, k in zip(all_toks, keep) if k]
        grams = [(t[0], t[1], t[2]) for t in toks]
        grams += [(f"{a[0]} {b[0]}", a[1], b[2]) for a, b in zip(toks, toks[1:])
                  if not _CROSSES_BREAK.search(text, a[2], b[1])]
        for theme in wanted:
            j = index.get(theme)
            if j is None:
                continue
            cands: list[tuple[float, int, int]] = [(1e6, cs, ce) for cs, ce in cue_spans.get(theme, ())]
            if not cands and word_weights is not None:  # no cue phrase: top-weighted content n-grams
                w = word_weights(j)
                for g, gs, ge in grams:
                    col = vocab.get(g)
                    if col is not None and w[col] > 0 and any(x not in _STOP for x in g.split()):
                        cands.append((float(w[col]), gs, ge))
            cands.sort(key=lambda c: (-c[0], c[1]))
            chosen: list[list[int]] = []
            for _, s, e in cands:
                if any(s < ce and cs < e for cs, ce in chosen):
                    # overlapping: extend the chosen span rather than add a near-duplicate
                    for c in chosen:
                        if s < c[1] and c[0] < e:
                            c[0], c[1] = min(c[0], s), max(c[1], e)
                    continue
                if len(chosen) >= max_spans:
                    continue
                chosen.append([s, e])
            res[theme] = sorted(chosen)
        out.append(res)
    return out


_CROSSES_BREAK = _re.compile(r"[.;:!?,()\n]")
_STOP = frozenset("""a an the and or but of to in on at for with by from as is was were be been being had has have
not no nor did do does he she they his her their him them it its this that there which who when while also all any
were would could should may might must can will very than then so such into over under after before""".split())


def _char_wb_transform(vec: TfidfVectorizer, docs: list[str]):
    """``vec.transform(docs)`` for a fitted ``char_wb`` vectorizer, computed word by word.

    ``char_wb`` n-grams never cross whitespace, so a document's counts are the sum of its words'
    counts: count each distinct word once (document × word matrix @ word × n-gram matrix), then
    apply the vectorizer's own TF-IDF step. Gives the same matrix as ``vec.transform``, faster.
    """
    if vec.analyzer != "char_wb" or vec.preprocessor is not None or vec.strip_accents is not None:
        return vec.transform(docs)
    vocab = vec.vocabulary_
    analyzer = vec.build_analyzer()
    word_id: dict[str, int] = {}
    rows, cols = [], []
    for i, doc in enumerate(docs):
        for w in (doc.lower() if vec.lowercase else doc).split():
            j = word_id.get(w)
            if j is None:
                j = word_id[w] = len(word_id)
            rows.append(i)
            cols.append(j)
    W = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(docs), len(word_id)))
    vr, vc = [], []
    for w, j in word_id.items():
        for g in analyzer(w):
            f = vocab.get(g)
            if f is not None:
                vr.append(j)
                vc.append(f)
    V = sp.csr_matrix((np.ones(len(vr)), (vr, vc)), shape=(len(word_id), len(vocab)))
    counts = (W @ V).astype(vec.dtype)
    counts.sum_duplicates()
    counts.sort_indices()
    return vec._tfidf.transform(counts, copy=False)




def _platt(d: np.ndarray, y: np.ndarray, w=None) -> list[float]:
    """Platt slope and intercept mapping decision values ``d`` to probabilities of ``y``."""
    platt = LogisticRegression(C=1e4, solver="lbfgs", max_iter=1000)
    platt.fit(d.reshape(-1, 1), y, sample_weight=w)
    return [float(platt.coef_[0, 0]), float(platt.intercept_[0])]


def themed_frame(model, lp: pd.DataFrame, text_column: str, score, *, with_evidence: bool = True,
                 decimals: int = 4) -> pd.DataFrame:
    """A copy of ``lp`` with ``themes``, ``theme_scores`` and ``evidence`` columns (the body of
    every theme model's ``predict_frame``).

    ``score(texts)`` returns ``(proba, prepared)``; ``model`` supplies ``theme_ids_``,
    ``thresholds_`` and ``_evidence(texts, prepared, themes)``.
    """
    out = lp.copy()
    texts = _as_texts(out[text_column]) if len(out) else []
    if not texts:
        for c in ("themes", "theme_scores", "evidence"):
            out[c] = pd.Series([], dtype=object)
        return out
    proba, prepared = score(texts)
    pred = proba >= model.thresholds_
    themes = [[model.theme_ids_[j] for j in np.flatnonzero(row)] for row in pred]
    out["themes"] = themes
    out["theme_scores"] = [dict(zip(model.theme_ids_, map(float, row))) for row in np.round(proba, decimals)]
    if with_evidence:
        out["evidence"] = model._evidence(texts, prepared, themes)
    return out


def _prepare_one(t: str) -> tuple:
    matcher = cue_matcher()
    toks, scopes, marked, masked = analyse(t)
    hits = [(j, bool(scopes) and in_scopes(toks[a][1], toks[b - 1][2], scopes)) for j, a, b in matcher.match(toks)]
    return (marked, masked, hits, toks, scopes)


def _score_chunk(model: "ThemeClassifier", texts: list[str]) -> np.ndarray:
    return model._proba(model._prepare(texts))


def _json_default(o):
    if isinstance(o, (np.integer,)):
        return int(o)
    if isinstance(o, (np.floating,)):
        return float(o)
    if isinstance(o, np.ndarray):
        return o.tolist()
    return str(o)


def veto_negated(prepared, proba, theme_ids, threshold_floor: float) -> np.ndarray:
    """Cap a theme's score at half ``threshold_floor`` in texts where every cue phrase of it is negated.

    ``prepared`` holds, per text, the tuple of ``_prepare_one`` (cue hits at index 2, negation
    scopes at index 4).
    """
    cap = threshold_floor * _VETO_FACTOR
    col = {t: c for c, t in enumerate(theme_ids)}
    tax_ids = cue_matcher().theme_ids
    out = proba.copy()
    for i, p in enumerate(prepared):
        if not p[4]:  # no negation scope
            continue
        status: dict[int, bool] = {}
        for j, neg in p[2]:
            status[j] = status.get(j, True) and neg
        for j, all_negated in status.items():
            c = col.get(tax_ids[j])
            if all_negated and c is not None and out[i, c] > cap:
                out[i, c] = cap
    return out


def save_estimator(model, directory, meta: dict) -> Path:
    """Write ``model.joblib`` (joblib pickle, zlib 3, protocol 4) and ``meta.json`` for a theme model.

    Byte-identical for identical fitted models. Attributes only needed right after ``fit``
    (``oof_proba_``) are left out. It is a pickle: load only model files this project produced.
    """
    import joblib
    import sklearn

    from .. import __version__

    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    path = d / MODEL_FILE
    held = {a: model.__dict__.pop(a) for a in ("oof_proba_",) if a in model.__dict__}
    try:
        tmp = path.with_name(path.name + ".tmp")
        joblib.dump(model, tmp, compress=("zlib", 3), protocol=4)
        tmp.replace(path)
    finally:
        model.__dict__.update(held)
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    info = {
        "model_class": "linear",
        "model_version": f"themes-v{load_taxonomy().version}-{sha[:12]}",
        "model_file": MODEL_FILE,
        "model_sha256": sha,
        "package_version": __version__,
        "taxonomy_version": load_taxonomy().version,
        "theme_ids": list(model.theme_ids_),
        "thresholds": {t: float(v) for t, v in zip(model.theme_ids_, model.thresholds_)},
        "params": {k: (list(v) if isinstance(v, tuple) else
                       (f"{type(v).__name__}({v.get_params()})" if hasattr(v, "get_params") else v))
                   for k, v in model.get_params(deep=False).items()},
        "random_state": model.random_state,
        "sklearn_version": sklearn.__version__,
        "numpy_version": np.__version__,
    }
    info.update(meta)
    tmp = d / (META_FILE + ".tmp")
    tmp.write_text(json.dumps(info, indent=2, sort_keys=True, default=_json_default) + "\n", encoding="utf-8")
    tmp.replace(d / META_FILE)
    model.meta_ = info
    return d


#: the theme model shipped inside the package (package data, found wherever the package is installed)
SHIPPED_MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "themes"


def resolve_model_dir(directory=None) -> Path:
    """The model directory: ``directory``, else config ``themes.model_dir`` (read from the current
    directory when relative), else the model shipped in the package (:data:`SHIPPED_MODEL_DIR`).

    >>> resolve_model_dir().relative_to(SHIPPED_MODEL_DIR.parents[1]).as_posix()
    'models/themes'
    >>> resolve_model_dir("my/model").as_posix()
    'my/model'
    """
    if directory is not None:
        return Path(directory)
    from ..config import load_config

    configured = load_config().themes.model_dir
    return Path(configured).expanduser() if configured else SHIPPED_MODEL_DIR


__all__ = ["ThemeClassifier", "resolve_model_dir", "SHIPPED_MODEL_DIR", "MODEL_FILE", "META_FILE"]
