"""ExplorerState: filters, drill-down, paging, selection, protection of small groups."""
from __future__ import annotations

import pytest

from leder_insights.errors import InputError, UsageError
from leder_insights.explore import ExplorerState

from _explore_fixtures import TAXONOMY, make_frames


def test_state_filter_changes_counts_and_resets_drill(state):
    before = state.views().denominator
    state.drill_down(theme="epilepsy").set_page(1)
    state.set_filter("region", "London")
    assert state.views().denominator < before
    assert state.drill is None and state.page == 0


@pytest.mark.parametrize("key,value", [("region", "Atlantis"), ("nonsense", "x"), ("year_from", "1900")])
def test_state_rejects_bad_filters_with_numbered_error(state, key, value):
    with pytest.raises(UsageError, match=r"\[E005\]"):
        state.set_filter(key, value)


def test_state_all_and_empty_clear_a_filter(state):
    state.set_filter("sex", "Male")
    state.set_filter("sex", "All")
    assert state.filters["sex"] is None
    state.set_filter("sex", "")
    assert state.active_filters() == {}


def test_state_theme_group_clears_theme_of_other_group(state):
    state.set_filter("theme", "epilepsy")
    state.set_filter("theme_group", "rights and decisions")
    assert state.filters["theme"] is None
    assert state.views().shown_themes == ["mental_capacity"]


def test_state_paging_and_selection(state):
    state.drill_down(theme="medication")
    n, _ = state.n_listed()
    assert state.n_pages == -(-n // state.page_size)
    first = state.lp_page()
    state.next_page()
    assert set(first.ref).isdisjoint(state.lp_page().ref)
    state.set_page(999)
    assert state.page == state.n_pages - 1
    row = state.lp_page().iloc[0]
    ex = state.select(row.ref).excerpt()
    assert ex["ref"] == row.ref and ex["text"] == row.text and any(s[2] == "medication" for s in ex["spans"])
    assert state.select_row(1).excerpt()["text"] == state.lp_page().text.iloc[1]


def test_state_select_outside_listing_is_an_error(state):
    state.set_filter("polarity", "good_practice")
    with pytest.raises(InputError):
        state.select("R00000-1")  # an id, not a ref of the listing


def test_state_small_groups_are_not_listed():
    rv, lp = make_frames(60)
    st = ExplorerState.from_frames(rv, lp, taxonomy=TAXONOMY, threshold=5, deidentified=True)
    st.set_filters(region="London", sex="Female", year_from="2019", year_to="2019", age_band="25-49")
    _n, n_rev = st.n_listed()
    assert 0 < n_rev < 5
    assert st.listing_hidden and st.lp_page().empty
    open_st = ExplorerState.from_frames(rv, lp, taxonomy=TAXONOMY, threshold=5, protect_small_groups=False, deidentified=True)
    open_st.set_filters(region="London", sex="Female", year_from="2019", year_to="2019", age_band="25-49")
    assert len(open_st.lp_page()) > 0


def test_state_unknown_theme_in_drill_down(state):
    with pytest.raises(InputError, match=r"\[E401\]"):
        state.drill_down(theme="not_a_theme")


def test_state_threshold_default_from_config(frames):
    from leder_insights.config import load_config

    rv, lp = frames
    st = ExplorerState.from_frames(rv, lp, taxonomy=TAXONOMY, deidentified=True)
    assert st.threshold == load_config().widgets.suppression_threshold
    with pytest.raises(UsageError):
        ExplorerState.from_frames(rv, lp, taxonomy=TAXONOMY, threshold=0, deidentified=True)


def test_state_provenance_records_filters_threshold_models(state):
    state.set_filter("sex", "Male")
    p = state.provenance()
    assert p["Filters"] == "Sex: Male" and p["Small-number threshold"] == "counts 1-4 shown as <5"
    assert p["Software versions (technical)"] == "themes: test-1"
    assert all(isinstance(v, str) for v in p.values())


@pytest.mark.slow
def test_state_module_imports_no_ipywidgets():
    import subprocess
    import sys

    code = ("import sys; import leder_insights.explore as e, leder_insights.jobs; e.export_xlsx; "
            "print('ipywidgets' in sys.modules, 'leder_insights.widgets' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False False"
