"""Trends as rates per 100 reviews of the year, co-occurrence as lift, human labels only."""
from __future__ import annotations

import pytest

import numpy as np
import pandas as pd

from leder_insights.explore import _queries as q
from leder_insights.explore import describe_filters, filter_label, value_label

from _explore_fixtures import TAXONOMY, make_frames


def _data():
    rv, lp = make_frames(120, seed=3)
    return rv, lp, q.ExplorerData.build(rv, lp, taxonomy=TAXONOMY, deidentified=True)


def test_trend_rates_are_per_100_reviews_of_that_year():
    rv, lp, data = _data()
    v = q.compute_views(data, {}, threshold=5)
    year = pd.to_datetime(rv.death_date).dt.year
    per_year = year.value_counts()
    ex = lp.explode("themes").merge(rv.assign(year=year)[["review_id", "year"]], on="review_id")
    for t in v.focus_themes:
        n = ex[ex.themes == t].groupby("year")["review_id"].nunique()
        for y in per_year.index:
            shown = v.trend_rates.loc[y, t]
            if not np.isnan(shown):
                assert abs(shown - 100 * n.get(y, 0) / per_year[y]) < 1e-9
                assert v.trend_rates_display.loc[y, t] == f"{shown:.1f}"
            else:
                assert v.trend_rates_display.loc[y, t] == "*"
    assert v.trend_rates.notna().to_numpy().any()


def test_trend_rates_hidden_where_counts_are():
    _rv, _lp, data = _data()
    v = q.compute_views(data, {"region": "London", "sex": "Female"}, threshold=5)
    hid = v.trends_table.hidden.to_numpy()
    assert hid.any()
    assert np.isnan(v.trend_rates.to_numpy()[hid]).all()


def test_cooccurrence_lift_matches_definition():
    rv, lp, data = _data()
    v = q.compute_views(data, {}, threshold=5)
    sets = lp.groupby("review_id")["themes"].agg(lambda s: set(t for ts in s for t in ts))
    sets = sets.reindex(rv.review_id, fill_value=set())
    n = len(rv)
    for a in v.heat_themes:
        for b in v.heat_themes:
            if a == b:
                assert np.isnan(v.lift.loc[a, b]) and v.lift_display.loc[a, b] == ""
                continue
            na, nb = sum(a in s for s in sets), sum(b in s for s in sets)
            nab = sum(a in s and b in s for s in sets)
            if nab >= 5:
                assert abs(v.lift.loc[a, b] - nab * n / (na * nb)) < 1e-9
                assert v.lift_display.loc[a, b] == f"{v.lift.loc[a, b]:.1f}x"


@pytest.mark.slow
def test_lift_hidden_for_small_pairs():
    _rv, _lp, data = _data()
    v = q.compute_views(data, {"region": "London", "sex": "Female", "year_from": "2021", "year_to": "2021"}, 5)
    small = v.cooc.hidden.to_numpy(dtype=bool)
    off = ~np.eye(len(v.heat_themes), dtype=bool)
    assert (small & off).any()
    assert (v.lift_display.to_numpy()[small & off] == "*").all()


def test_labels_never_show_internal_codes():
    assert filter_label("year_from") == "From year" and filter_label("polarity") == "Kind of point"
    assert value_label("polarity", "area_for_improvement") == "Area for improvement"
    assert value_label("place_of_death", "care_home") == "Care home"
    assert value_label("care_grade", "6").startswith("6 Fell far short")
    text = describe_filters({"year_from": "2020", "polarity": "area_for_improvement", "theme": "epilepsy",
                             "search": "hoist"}, {"epilepsy": "Epilepsy care"})
    assert text == 'From year 2020; Kind of point: Area for improvement; Theme: Epilepsy care; Text contains: "hoist"'
    _rv, _lp, data = _data()
    v = q.compute_views(data, {"theme": "epilepsy", "polarity": "good_practice"}, 5)
    for cap in v.captions.values():
        assert "_" not in cap and "theme=" not in cap and "polarity" not in cap


def test_listing_page_shows_where_each_text_came_from_in_words(state):
    """facil7 F13: the column is the review's section the text came from, not a judgement."""
    page = state.lp_page()
    assert set(page["section"]) <= {"Pen portrait", "Timeline", "Good practice", "Areas for improvement",
                                    "Learning", "Recommendations"} and len(set(page["section"]))
    assert list(page.columns) == ["_pos", "ref", "year", "section", "themes", "text"]
    pos = page["_pos"].tolist()
    assert page["section"].tolist() == [value_label("source_field", f)
                                        for f in state.data.lps["source_field"].iloc[pos]]
