"""FACIL6 F4: the learning-point table's Year column is explained (what "-" means) or left out
when most rows of the page would show "-"."""
from __future__ import annotations

from leder_insights.explore import ExplorerState

from _explore_fixtures import TAXONOMY, make_frames


def _state(n=60, threshold=5, rare_year=False):
    rv, lp = make_frames(n)
    if rare_year:                               # 4 reviews of one year: that year is hidden
        rv.loc[rv.index[:4], "death_date"] = "2024-06-15"
    return ExplorerState.from_frames(rv, lp, taxonomy=TAXONOMY, threshold=threshold, deidentified=True)


def test_mostly_dashes_leave_the_year_out_and_say_why():
    st = _state(threshold=16)                   # 15 reviews a year: every year hidden
    page = st.lp_page()
    assert len(page) and (page["year"].astype(str) == "-").mean() > 0.5
    assert not st.listing_shows_year()
    note = st.listing_year_note()
    assert note.startswith("Year of death is left out") and "fewer than 16 reviews" in note


def test_a_few_dashes_keep_the_year_and_say_what_the_dash_means():
    st = _state(threshold=5, rare_year=True)
    for page_no in range(st.n_pages):
        st.set_page(page_no)
        years = st.lp_page()["year"].astype(str)
        if (years == "-").any() and (years == "-").mean() <= 0.5:
            break
    else:
        raise AssertionError("no page with a few hidden years in the fixture")
    assert st.listing_shows_year()
    assert st.listing_year_note().startswith('Year of death "-": not shown')


def test_years_shown_when_few_are_hidden_and_dash_explained_if_any():
    st = _state(threshold=1)                    # every year is shared by >= 1 review: none hidden
    page = st.lp_page()
    assert (page["year"].astype(str) != "-").all()
    assert st.listing_shows_year() and st.listing_year_note() == ""


def test_no_year_note_when_nothing_is_listed():
    st = _state()
    st.set_filter("sex", "Female")              # not a listing filter: nothing listed
    assert st.lp_page().empty and st.listing_year_note() == ""
