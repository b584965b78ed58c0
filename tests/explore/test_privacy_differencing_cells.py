"""Differencing attacks on every view's cells (trends, areas, themes together, theme and
learning-point counts, findings tables and the Excel sheets), not only on the totals.

Each attack is run twice: with the cell guard switched off (the behaviour before it; the attack
must recover a hidden count, which shows the attack works) and with it (nothing recovered).
"""
from __future__ import annotations

import pandas as pd
import pytest

from _explore_fixtures import TAXONOMY, make_frames
from leder_insights.explore import ExplorerState, export_tables
from leder_insights.explore import _queries as q
from leder_insights.explore._attack import differencing_leaks, pinned, shown_cells

T = 5


def _state(n=120, seed=3):
    rv, lp = make_frames(n, seed=seed)
    # uneven groups, as in real data: a few older men, a small Asian group, most in hospital
    rv["sex"] = ["Male" if i % 5 in (0, 1) else "Female" for i in range(n)]
    rv["ethnic_group"] = ["Asian" if i % 11 == 0 else "White" for i in range(n)]
    rv["place_of_death"] = ["hospice" if i % 13 == 0 else ("home" if i % 3 == 0 else "hospital") for i in range(n)]
    return ExplorerState.from_frames(rv, lp, taxonomy=TAXONOMY, threshold=T, deidentified=True)


@pytest.fixture
def unguarded(monkeypatch):
    monkeypatch.setattr(q, "_forced", lambda *a, **k: None)


ATTACKS = [({}, "sex"), ({}, "year_from"), ({}, "region"), ({}, "ethnic_group"), ({"region": "London"}, "sex"),
           ({"region": "Midlands"}, "year_from"), ({"sex": "Male"}, "place_of_death")]


def _leaks(st, attacks=ATTACKS):
    out = []
    for parent, key in attacks:
        out += differencing_leaks(st, parent, key)
    return out


@pytest.mark.slow
def test_attack_recovers_hidden_cells_without_the_guard(unguarded):
    leaks = _leaks(_state())
    views = {x.cell[0] for x in leaks}
    # the facilitator's P1-P3 in every view: per-year cells, areas, findings tables
    assert "trends" in views and ({"Place of death", "Age at death by sex", "Findings over time"} & views), views
    assert all(0 < x.value < T for x in leaks)


@pytest.mark.slow
def test_no_hidden_cell_is_recovered_with_the_guard():
    st = _state()
    leaks = _leaks(st)
    assert leaks == [], pd.DataFrame([vars(x) for x in leaks]).head(10)


@pytest.mark.slow
def test_learning_point_filters_cannot_be_subtracted():
    """Type of learning and theme narrow the learning points: a cell that differs from the
    unfiltered one by 1-4 would count the others."""
    st = _state()
    leaks = differencing_leaks(st, {}, "polarity", additive=False)
    leaks += differencing_leaks(st, {"region": "London"}, "theme", additive=False)
    assert leaks == []


def _planted():
    """Epilepsy in 2020 for 8 reviews, 6 of them men: all years minus men gives 2 women."""
    rv, lp = make_frames(120, seed=3)
    rv["sex"] = ["Male" if i % 5 in (0, 1) else "Female" for i in range(len(rv))]
    lp["themes"] = [["medication"] for _ in range(len(lp))]
    in_2020 = [i for i in range(len(rv)) if rv.loc[i, "death_date"].startswith("2020")]
    men = [i for i in in_2020 if rv.loc[i, "sex"] == "Male"][:6]
    women = [i for i in in_2020 if rv.loc[i, "sex"] == "Female"][:2]
    for i in men + women:
        lp.at[3 * i, "themes"] = ["medication", "epilepsy"]
    return ExplorerState.from_frames(rv, lp, taxonomy=TAXONOMY, threshold=T, deidentified=True)


def _women_from_all_minus_men(st):
    cell = ("trends", 2020, "epilepsy")
    whole = shown_cells(st.reset())[cell]
    men = shown_cells(st.reset().set_filter("sex", "Male"))[cell]
    women = shown_cells(st.reset().set_filter("sex", "Female"))[cell]
    return whole, men, women


def test_planted_trend_cell_recovered_without_the_guard(unguarded):
    whole, men, women = _women_from_all_minus_men(_planted())
    assert (whole, men, women) == ("8", "6", "<5")      # 8 - 6 = 2 women: the report's P1 on a trend cell


def test_planted_trend_cell_not_recovered_with_the_guard():
    whole, men, women = _women_from_all_minus_men(_planted())
    assert whole == "8" and women in ("<5", "*")          # "*" where all lines together would pin "<5"
    assert not men.isdigit()                              # the men's cell is hidden too
    assert pinned([men, women], 8, T) == {}               # and nothing else pins the women's count


def test_the_excel_sheets_show_what_the_views_show(tmp_path):
    """The export's findings sheets are the guarded tables (no sheet of its own arithmetic)."""
    st = _state().set_filter("sex", "Male")
    sheets = export_tables(st)
    cells = shown_cells(st)
    place = sheets["Place of death"]
    for _i, r in place.iterrows():
        assert str(r["Reviews"]) == cells[("Place of death", r["Place of death"], "Reviews")]


@pytest.mark.slow
def test_within_a_guarded_view_no_column_can_be_pinned_from_its_total():
    st = _state().set_filters(region="London", sex="Male")
    v = st.views()
    assert v.blocked is None and v.denominator_display == "16"
    totals = dict(zip(v.theme_counts["theme"], v.theme_counts["_n"]))
    disp = v.trends_table.display()
    for c in disp.columns:
        assert all(not 0 < x < T for x in pinned(disp[c].tolist(), int(totals[c]), T).values()), c


@pytest.mark.slow
def test_guard_keeps_most_single_filter_numbers():
    """The guard hides cells, not whole views: most one-filter selections still show numbers."""
    st = _state()
    shown = hidden = 0
    for key in ("sex", "region", "year_from"):
        for c in st.data.options(key):
            st.reset().set_filter(key, c)
            d = st.views().trends_table.display()
            hidden += int(d.isin(["*"]).to_numpy().sum())
            shown += int(d.map(str.isdigit).to_numpy().sum())
    assert shown > hidden


@pytest.mark.slow
def test_two_small_choices_beside_a_shown_total_do_not_both_say_under_5():
    """An area of 8 reviews, 4 women and 4 men: "8", "<5", "<5" gives 4 and 4."""
    rv, lp = make_frames(60)
    rv["icb"] = ["ICB-Z" if i < 8 else "ICB-Y" for i in range(len(rv))]
    rv["sex"] = ["Female" if i % 2 else "Male" for i in range(len(rv))]
    st = ExplorerState.from_frames(rv, lp, taxonomy=TAXONOMY, threshold=T, deidentified=True)
    whole = st.set_filter("icb", "ICB-Z").views().denominator_display
    kids = [st.reset().set_filters(icb="ICB-Z", sex=s).views().denominator_display for s in ("Female", "Male")]
    assert whole == "8"
    assert pinned(kids, 8, T) == {}, kids
    assert differencing_leaks(st, {"icb": "ICB-Z"}, "sex") == []
