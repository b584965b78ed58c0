"""Learning-point splitter: bullets, numbers, semicolons, prose, offsets, polarity."""
from __future__ import annotations

import pandas as pd
import pytest

from leder_insights.themes import infer_polarity, split_learning_points, split_text


def _texts(t):
    return [t[s:e] for s, e in split_text(t)]


@pytest.mark.parametrize("text, expected", [
    ("- No SALT referral.\n- Bowel chart missing.", ["No SALT referral.", "Bowel chart missing."]),
    ("• Passport used well.\n• Family involved.", ["Passport used well.", "Family involved."]),
    ("* One point\n* Another point", ["One point", "Another point"]),
    ("1. Delay in referral.\n2. Poor handover.", ["Delay in referral.", "Poor handover."]),
    ("1) Delay in referral.\n2) Poor handover.", ["Delay in referral.", "Poor handover."]),
    ("(a) staff training lacking (b) no bowel chart", ["staff training lacking", "no bowel chart"]),
    ("Areas for improvement:\n- Late scan.\n- No passport.", ["Late scan.", "No passport."]),
    ("Poor handover between teams; family not listened to; and no DNACPR discussion.",
     ["Poor handover between teams", "family not listened to", "no DNACPR discussion"]),
    ("The GP did not refer him. Dr. Khan saw him later. E.g. no plan existed.",
     ["The GP did not refer him.", "Dr. Khan saw him later.", "E.g. no plan existed."]),
    ("- Offer annual health checks\n  to all adults.", ["Offer annual health checks\n  to all adults."]),
    ("", []),
])
def test_split_text_cases(text, expected):
    assert _texts(text) == expected


def test_split_learning_points_offsets_ids_and_polarity():
    df = pd.DataFrame({
        "review_id": ["r1", "r2"],
        "good_practice": ["- Hospital passport used.\n- Liaison nurse involved.", None],
        "areas_for_improvement": ["1. No bowel chart.\n2. Late referral.", ""],
        "learning": ["Staff should complete autism training. There was a delay in the scan.", "Good practice was seen."],
        "recommendations": ["Ensure SALT referral; review DNACPR decisions", "Commissioners should audit care plans."],
    })
    lp = split_learning_points(df)
    assert list(lp.columns) == ["lp_id", "review_id", "source_field", "polarity", "start", "end", "text"]
    for rec in lp.itertuples():
        field = df.loc[df.review_id == rec.review_id, rec.source_field].iloc[0]
        assert field[rec.start:rec.end] == rec.text
    assert lp["lp_id"].is_unique
    pol = dict(zip(lp["text"], lp["polarity"]))
    assert pol["Hospital passport used."] == "good_practice"
    assert pol["No bowel chart."] == "area_for_improvement"
    assert pol["Ensure SALT referral"] == "recommendation"
    assert pol["Staff should complete autism training."] == "recommendation"
    assert pol["There was a delay in the scan."] == "area_for_improvement"
    assert pol["Good practice was seen."] == "good_practice"
    assert (lp.review_id == "r2").sum() == 2  # empty/None fields give no points


def test_infer_polarity_defaults_to_area_for_improvement():
    assert infer_polarity("The bowel chart was incomplete.") == "area_for_improvement"


def test_split_learning_points_needs_review_id():
    from leder_insights.errors import InputError

    with pytest.raises(InputError, match=r"\[E404\]"):
        split_learning_points(pd.DataFrame({"learning": ["x"]}))


def test_split_agrees_with_synthetic_gold_spans():
    from leder_insights.corpus import synthesize

    corpus = synthesize(n_reviews=60, seed=11)
    gold = corpus.learning_points
    pred = split_learning_points(corpus.reviews)
    g = set(zip(gold.review_id, gold.source_field, gold.start, gold.end))
    p = set(zip(pred.review_id, pred.source_field, pred.start, pred.end))
    tp = len(g & p)
    precision, recall = tp / len(p), tp / len(g)
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 >= 0.95, f"exact-span F1 {f1:.3f} (P {precision:.3f}, R {recall:.3f})"
    gpol = dict(zip(zip(gold.review_id, gold.source_field, gold.start, gold.end), gold.polarity))
    ppol = dict(zip(zip(pred.review_id, pred.source_field, pred.start, pred.end), pred.polarity))
    fixed = [k for k in g & p if k[1] != "learning"]
    assert all(gpol[k] == ppol[k] for k in fixed)  # field-given polarity is exact
