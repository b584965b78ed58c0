"""Agreement metrics for multi-label theme labellings.

>>> ids = ["a", "b"]
>>> y_true = to_indicator([["a"], ["b"], ["a", "b"], []], ids)
>>> y_pred = to_indicator([["a"], [], ["a", "b"], ["b"]], ids)
>>> round(multilabel_scores(y_true, y_pred)["micro_f1"], 3)
0.75
>>> theme_report(y_true, y_pred, ids)["support"].tolist()
[2, 2]
"""
from __future__ import annotations

from typing import Iterable, Sequence

import numpy as np
import pandas as pd
from sklearn.metrics import cohen_kappa_score, f1_score, hamming_loss, precision_recall_fscore_support


def to_indicator(labels: Iterable[Iterable[str]], theme_ids: Sequence[str]) -> np.ndarray:
    """Lists of theme ids → an ``n × len(theme_ids)`` 0/1 matrix (unknown ids are ignored).

    >>> to_indicator([["b"], []], ["a", "b"]).tolist()
    [[0, 1], [0, 0]]
    """
    index = {t: j for j, t in enumerate(theme_ids)}
    labels = list(labels)
    y = np.zeros((len(labels), len(theme_ids)), dtype=np.int8)
    for i, row in enumerate(labels):
        for t in row or ():
            j = index.get(t)
            if j is not None:
                y[i, j] = 1
    return y


def from_indicator(y: np.ndarray, theme_ids: Sequence[str]) -> list[list[str]]:
    """The inverse of :func:`to_indicator`."""
    return [[theme_ids[int(j)] for j in np.flatnonzero(row)] for row in np.asarray(y)]


def theme_report(y_true: np.ndarray, y_pred: np.ndarray, theme_ids: Sequence[str]) -> pd.DataFrame:
    """Per-theme precision, recall, F1 and support (true positives + false negatives)."""
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, average=None, zero_division=0,
                                                 labels=list(range(len(theme_ids))))
    return pd.DataFrame({"theme": list(theme_ids), "precision": p, "recall": r, "f1": f,
                         "support": s.astype(int), "predicted": np.asarray(y_pred).sum(axis=0).astype(int)})


def multilabel_scores(y_true: np.ndarray, y_pred: np.ndarray) -> dict:
    """Micro/macro F1 (macro over themes with support), micro P/R, Hamming loss, exact-match rate."""
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    supported = np.flatnonzero(y_true.sum(axis=0) > 0)
    tp = int((y_true & y_pred).sum())
    fp = int(((1 - y_true) & y_pred).sum())
    fn = int((y_true & (1 - y_pred)).sum())
    micro_p = tp / (tp + fp) if tp + fp else 0.0
    micro_r = tp / (tp + fn) if tp + fn else 0.0
    macro = (f1_score(y_true[:, supported], y_pred[:, supported], average="macro", zero_division=0)
             if len(supported) else 0.0)
    return {
        "n": int(len(y_true)),
        "micro_f1": float(f1_score(y_true, y_pred, average="micro", zero_division=0)),
        "macro_f1": float(macro),
        "micro_precision": float(micro_p),
        "micro_recall": float(micro_r),
        "hamming_loss": float(hamming_loss(y_true, y_pred)) if len(y_true) else 0.0,
        "exact_match": float((y_true == y_pred).all(axis=1).mean()) if len(y_true) else 0.0,
    }


def cohen_kappa(y_a: np.ndarray, y_b: np.ndarray, theme_ids: Sequence[str]) -> dict:
    """Cohen's κ between two labellings of the same items: per theme and pooled over all decisions.

    A theme neither labeller ever used has κ = nan (no information), and is left out of the mean.

    >>> ids = ["a", "b"]
    >>> k = cohen_kappa(to_indicator([["a"], ["b"], []], ids), to_indicator([["a"], ["b"], []], ids), ids)
    >>> k["pooled"]
    1.0
    """
    y_a, y_b = np.asarray(y_a), np.asarray(y_b)
    per = {}
    for j, t in enumerate(theme_ids):
        a, b = y_a[:, j], y_b[:, j]
        if a.max(initial=0) == 0 and b.max(initial=0) == 0:
            per[t] = float("nan")
        elif (a == b).all():
            per[t] = 1.0
        else:
            per[t] = float(cohen_kappa_score(a, b))
    pooled = float(cohen_kappa_score(y_a.ravel(), y_b.ravel())) if not (y_a == y_b).all() else 1.0
    vals = [v for v in per.values() if v == v]
    return {"pooled": pooled, "mean_per_theme": float(np.mean(vals)) if vals else float("nan"),
            "per_theme": per}


__all__ = ["to_indicator", "from_indicator", "theme_report", "multilabel_scores", "cohen_kappa"]
