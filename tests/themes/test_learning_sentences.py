"""Negation and sentences that are not learning points, with the shipped theme model."""
from __future__ import annotations

import pandas as pd
import pytest

from leder_insights.themes import is_learning_point, load_theme_model, split_learning_points

NOT_LEARNING = ["The reviewer thanks everyone who contributed to this review.",
                "She enjoyed planning her holidays."]


@pytest.fixture(scope="module")
def model():
    pytest.importorskip("onnxruntime", reason="onnxruntime is a runtime dependency; run `make install`")
    return load_theme_model()


@pytest.mark.slow
def test_negated_ethnicity_gets_no_equity_theme(model):
    got = model.predict_themes(["There was no indication that ethnicity affected her care.",
                                "Her ethnicity was not recorded and no interpreter was booked."])
    assert "equity_ethnicity" not in got[0]
    assert "equity_ethnicity" in got[1]  # the same cue, not negated, still counts


@pytest.mark.parametrize("text", NOT_LEARNING)
def test_non_learning_sentences_carry_no_theme(model, text):
    assert model.predict_themes([text]) == [[]]
    assert not is_learning_point(text)


def test_non_learning_sentences_are_not_listed_as_areas_for_improvement():
    field = " ".join(NOT_LEARNING + ["No SALT referral was made after she choked."])
    lps = split_learning_points(pd.DataFrame({"review_id": ["r1"], "areas_for_improvement": [field]}))
    assert lps["text"].tolist() == ["No SALT referral was made after she choked."]
    assert lps["lp_id"].tolist() == ["r1-areas_for_improvement-3"]  # numbering of the full split
    every = split_learning_points(pd.DataFrame({"review_id": ["r1"], "areas_for_improvement": [field]}),
                                  learning_only=False)
    assert len(every) == 3
