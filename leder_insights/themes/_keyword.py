"""The keyword baseline: a theme is predicted when one of its taxonomy cue phrases occurs
outside a negation scope.

>>> kw = KeywordThemeClassifier().fit(["x"], [[]])
>>> kw.predict_themes(["No SALT referral was made", "Sepsis was ruled out"])
[['aspiration_pneumonia'], []]
"""
from __future__ import annotations

from typing import Sequence

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.validation import check_is_fitted

from ._metrics import from_indicator
from ._cues import cue_matcher
from ._negation import in_scopes, negation_scopes, tokens_with_offsets
from ._tags import MultiLabelTextTagsMixin
from ._taxonomy import load_taxonomy


class KeywordThemeClassifier(MultiLabelTextTagsMixin, ClassifierMixin, BaseEstimator):
    """Cue-phrase matching baseline with the same interface as ``ThemeClassifier`` (no learning).

    Parameters
    ----------
    theme_ids : list of str or None
        Output columns (default: the taxonomy).
    negation : bool
        Ignore cue phrases inside negation scopes.
    """

    def __init__(self, theme_ids: Sequence[str] | None = None, negation: bool = True):
        self.theme_ids = theme_ids
        self.negation = negation

    def fit(self, X, y=None):
        """Nothing is learned; records the theme ids."""
        self.theme_ids_ = list(self.theme_ids) if self.theme_ids is not None else load_taxonomy().ids
        self.classes_ = np.asarray(self.theme_ids_, dtype=object)
        return self

    def predict_proba(self, X) -> np.ndarray:
        """1.0 where a non-negated cue phrase of the theme occurs, else 0.0."""
        check_is_fitted(self, "theme_ids_")
        from ._classifier import _as_texts

        matcher = cue_matcher()
        col = {t: c for c, t in enumerate(self.theme_ids_)}
        texts = _as_texts(X)
        out = np.zeros((len(texts), len(self.theme_ids_)))
        for i, text in enumerate(texts):
            toks = tokens_with_offsets(text)
            scopes = negation_scopes(text) if self.negation else []
            for j, a, b in matcher.match(toks):
                c = col.get(matcher.theme_ids[j])
                if c is not None and not (scopes and in_scopes(toks[a][1], toks[b - 1][2], scopes)):
                    out[i, c] = 1.0
        return out

    def predict(self, X) -> np.ndarray:
        return (self.predict_proba(X) >= 0.5).astype(np.int64)

    def predict_themes(self, X) -> list[list[str]]:
        return from_indicator(self.predict(X), self.theme_ids_)


__all__ = ["KeywordThemeClassifier"]
