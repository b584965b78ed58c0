"""C1: after a theme, type or search filter the words say what is counted and of what."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("key,value,words", [("theme", "epilepsy", "a learning point on Epilepsy"),
                                             ("search", "seizure", 'containing "seizure"'),
                                             ("polarity", "good_practice", "of type")])
def test_learning_point_filters_say_what_is_counted(state, key, value, words):
    before = state.match_summary()["text"]
    assert "reviews match" in before
    state.set_filter(key, value)
    m = state.match_summary()
    v = state.views()
    assert words in m["text"] and f"percentages are of all {v.denominator_display} reviews" in m["text"]
    assert "reviews match" not in m["text"].split("·")[0]
    assert words in m["counted"] and "not only the ones with such a learning point" in m["counted"]
    assert v.captions["percent"].startswith(f"% of all {v.denominator_display} reviews")
    assert "counting only learning points" in v.captions["cooccurrence"]
    assert words in v.captions["trends"] and words in v.captions["areas"]


def test_export_note_says_what_is_counted(state):
    from leder_insights.explore._export import _note

    state.set_filter("theme", "epilepsy")
    assert "Counted: reviews with a learning point on Epilepsy" in _note(state)
