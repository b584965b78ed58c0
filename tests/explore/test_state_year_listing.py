"""FACIL6 F10: Trends' "read one year" buttons only where a year can be listed; the notice names
what is really set (a drill-down, not a Year of death filter); year never lists beside an area."""
from __future__ import annotations

from leder_insights.explore import ExplorerState
from leder_insights.explore import _state as state_mod

from _explore_fixtures import TAXONOMY, make_frames


def _state():
    rv, lp = make_frames(60)
    return ExplorerState.from_frames(rv, lp, taxonomy=TAXONOMY, threshold=5, deidentified=True)


def test_no_year_buttons_offered_while_area_is_the_listing_dimension():
    st = _state()
    assert len(st.views().trends.index) >= 3  # the trends have years...
    assert st.listable_years() == []          # ...but none is offered: a year drill never lists
    assert "not listed by year" in st.year_listing_note()
    for y in st.views().trends.index:
        assert st.drill_down(year=int(y)).listing_hidden


def test_year_drill_notice_names_the_drill_down_not_a_year_filter():
    st = _state()
    st.drill_down(year=2020)
    what_to_clear = st.listing_summary()["text"].split(" Clear ", 1)[1]
    assert "Show all learning points" in what_to_clear and "Year of death" not in what_to_clear
    st.drill_down().set_year("2020")                   # a real year filter is named as such
    what_to_clear = st.listing_summary()["text"].split(" Clear ", 1)[1]
    assert what_to_clear.startswith("Year of death") and "Show all learning points" not in what_to_clear


def test_listable_years_keeps_drill_and_selection():
    st = _state()
    st.drill_down(theme="epilepsy")
    st.listable_years()
    assert st.drill == {"theme": "epilepsy"}


def test_year_as_the_one_listing_dimension_lists_years_but_never_with_an_area(monkeypatch):
    monkeypatch.setattr(state_mod, "listing_filters", lambda: ("year",))
    st = _state()
    years = st.listable_years()
    assert years and st.year_listing_note() == ""
    assert not st.drill_down(year=years[0]).listing_hidden
    st.set_filter("region", "London").drill_down(year=years[0])
    assert st.listing_restricted is not None and st.lp_page().empty
    assert st.listable_years() == []


def test_two_dimensions_in_privacy_conf_still_list_under_one_only(monkeypatch):
    monkeypatch.setattr(state_mod, "listing_filters", lambda: ("icb", "region", "year"))
    st = _state()
    assert st.set_filter("region", "London").listing_restricted is None
    st.drill_down(year=2020)
    assert st.listing_restricted is not None and st.lp_page().empty
    st.reset().set_year("2020")
    assert st.listing_restricted is None
    st.drill_down(area="London")
    assert st.listing_restricted is not None
