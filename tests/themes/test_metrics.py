"""Metrics: per-theme P/R/F1, micro/macro, Hamming, kappa."""
from __future__ import annotations

import math

import numpy as np

from leder_insights.themes import cohen_kappa, multilabel_scores, theme_report, to_indicator

IDS = ["a", "b", "c"]


def test_metrics_hand_computed_values():
    y = to_indicator([["a"], ["a", "b"], ["b"], []], IDS)
    p = to_indicator([["a"], ["a"], ["b", "c"], []], IDS)
    s = multilabel_scores(y, p)
    # tp=3 (a,a,b) fp=1 (c) fn=1 (b): micro P=R=F1=0.75
    assert math.isclose(s["micro_f1"], 0.75) and math.isclose(s["micro_precision"], 0.75)
    # macro over supported themes a (F1 1.0) and b (P 1, R .5 → .667)
    assert math.isclose(s["macro_f1"], (1.0 + 2 / 3) / 2)
    assert math.isclose(s["hamming_loss"], 2 / 12)
    rep = theme_report(y, p, IDS).set_index("theme")
    assert rep.loc["b", "support"] == 2 and math.isclose(rep.loc["b", "recall"], 0.5)
    assert rep.loc["c", "predicted"] == 1 and rep.loc["c", "precision"] == 0


def test_cohen_kappa_per_theme_and_pooled():
    a = to_indicator([["a"], ["a"], ["b"], [], ["b"], []], IDS)
    b = to_indicator([["a"], [], ["b"], [], ["b"], ["a"]], IDS)
    k = cohen_kappa(a, b, IDS)
    assert k["per_theme"]["b"] == 1.0
    # theme a: agreement 4/6, p_yes 2/6 each → pe = (1/3)^2+(2/3)^2 = 5/9 → κ = (2/3-5/9)/(4/9) = 0.25
    assert math.isclose(k["per_theme"]["a"], 0.25)
    assert math.isnan(k["per_theme"]["c"])
    assert 0.25 < k["pooled"] < 1.0
    assert cohen_kappa(a, a, IDS)["pooled"] == 1.0
    assert np.isfinite(k["mean_per_theme"])
