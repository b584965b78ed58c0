"""FACIL6 F10, F4, F9 in the view: no dead-end year buttons, the Year column explained or left
out, a search placeholder that fits its box."""
from __future__ import annotations

from leder_insights.widgets import ThemeExplorer

from _widget_fixtures import TAXONOMY, make_frames


def _explorer(threshold=5):
    rv, lp = make_frames(60)
    return ThemeExplorer.from_frames(rv, lp, taxonomy=TAXONOMY, threshold=threshold, deidentified=True)


def test_trends_offer_no_year_buttons_that_cannot_list_and_say_why():
    ex = _explorer()
    assert ex.year_row.layout.display == "none" and ex.year_buttons.children == ()
    assert "not listed by year" in ex.year_note.value


def test_listing_leaves_out_a_year_column_of_dashes_and_says_why():
    shown = _explorer(threshold=1)               # every year shown: the column stays
    shown.refresh_listing()
    assert '<th scope="col">Year</th>' in shown.lp_table.value
    ex = _explorer(threshold=16)                 # 15 reviews a year: every year hidden
    ex.refresh_listing()
    assert ">From the review&#x27;s section</th>" in ex.lp_table.value and ">Year</th>" not in ex.lp_table.value
    assert "Year of death is left out" in ex.lp_caption.value


def test_search_placeholder_is_short():
    assert len(_explorer().search.placeholder) <= 20
