"""The gate's soft-candidate rate is measured over the text that is released: under
``text: learning_points`` only the learning points are published (34-40 % of the words in
attacker 5's bundles), so dividing by every de-identified word let leftovers confined to
learning points reach about 2.5 times the threshold."""
from __future__ import annotations

import pandas as pd

from leder_insights.deid import Candidate, GateResult
from leder_insights.jobs._submission import _released_gate_counts
from leder_insights.themes import split_learning_points


def _review():
    learning = ("Staff did not recognise that Hope was losing weight and nobody weighed her. "
                + "The annual health check was not offered and the plan was not reviewed. " * 20)
    portrait = "She enjoyed music, walks by the canal and visits from her family. " * 160
    return pd.DataFrame({"review_id": ["Rbcdfghjkmnpqrs"], "learning": [learning],
                         "pen_portrait": [portrait]})


def test_gate_rate_is_measured_over_the_released_learning_points():
    reviews = _review()
    lps = split_learning_points(reviews)
    assert len(lps) and set(lps["source_field"]) == {"learning"}
    learning = reviews.loc[0, "learning"]
    hope = learning.index("Hope")
    cells = [("LDR-1", "learning"), ("LDR-1", "pen_portrait")]
    found = [[Candidate(hope, hope + 4, "NER_PERSON")], []]
    counts = _released_gate_counts(lps, cells, found, {"LDR-1": "Rbcdfghjkmnpqrs"},
                                   {"learning", "pen_portrait"})
    all_words = sum(len(str(v).split()) for v in reviews.loc[0, ["learning", "pen_portrait"]])
    assert counts["n_soft_released"] == 1
    assert 0 < counts["n_words_released"] < all_words / 3
    gate = GateResult(1, all_words, {"NER_PERSON": 1}, 0.5, **counts)
    # over every word the one leftover name is below the threshold; over the released words not
    assert 1000 / all_words <= 0.5
    assert gate.rate_per_1k_words == 1000 / counts["n_words_released"]
    assert not gate.releasable
    assert gate.to_dict()["n_words_released"] == counts["n_words_released"]


def test_candidates_in_withheld_text_do_not_count_as_released():
    reviews = _review()
    lps = split_learning_points(reviews)
    found = [[], [Candidate(3, 8, "NER_PERSON")]]
    counts = _released_gate_counts(lps, [("LDR-1", "learning"), ("LDR-1", "pen_portrait")], found,
                                   {"LDR-1": "Rbcdfghjkmnpqrs"}, {"learning", "pen_portrait"})
    assert counts["n_soft_released"] == 0
    # the whole text's rate still applies (fails closed): the higher of the two is used
    gate = GateResult(1, 100, {"NER_PERSON": 1}, 0.5, **counts)
    assert gate.rate_per_1k_words == 10.0 and not gate.releasable
