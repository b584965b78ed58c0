"""Attacks by differencing two selections (facilitator's report P1): they must now fail."""
from __future__ import annotations


import pytest

from _explore_fixtures import TAXONOMY, make_frames
from leder_insights.explore import ExplorerState


def _exact(s: str) -> int | None:
    s = str(s).replace(",", "")
    return int(s) if s.isdigit() else None


def _state(plan):
    """Reviews from ``plan``: [(icb, year, sex, n)], three learning points each (fixture text)."""
    rv, lp = make_frames(sum(n for *_x, n in plan))
    rows = [(icb, y, sex) for icb, y, sex, n in plan for _ in range(n)]
    rv["icb"] = [r[0] for r in rows]
    rv["region"] = ["North East and Yorkshire" if r[0] == "ICB-SY" else "East of England" for r in rows]
    rv["death_date"] = [f"{r[1]}-06-15" for r in rows]
    rv["sex"] = [r[2] for r in rows]
    return ExplorerState.from_frames(rv, lp, taxonomy=TAXONOMY, threshold=5, deidentified=True)


# South Yorkshire as in the report: 17 reviews, 2 in 2019; Cambridgeshire: male 5, female 2
PLAN = ([("ICB-SY", 2019, "Male", 2), ("ICB-SY", 2020, "Female", 6), ("ICB-SY", 2021, "Male", 9)]
        + [("ICB-CP", 2020, "Male", 5), ("ICB-CP", 2021, "Female", 2)]
        + [("ICB-XX", y, s, 6) for y in (2019, 2020, 2021) for s in ("Female", "Male")])


@pytest.mark.slow
def test_year_ranges_are_single_years_so_from_2020_cannot_be_subtracted():
    st = _state(PLAN)
    st.set_filter("icb", "ICB-SY")
    assert st.views().denominator_display == "17"
    st.set_filter("year_from", "2020")  # the old attack: "from 2020" = 15, so 2019 = 17 - 15
    assert st.filters["year_to"] == "2020" and st.describe_filters().startswith("Year of death: 2020")
    # every single-year choice, against the whole period: hidden years must not be pinned
    shown = {}
    for y in st.data.options("year_from"):
        shown[y] = _exact(st.set_year(y).views().denominator_display)
    hidden = [y for y, v in shown.items() if v is None]
    assert len(hidden) != 1, f"one hidden year = total - the others: {shown}"
    if hidden:
        assert 17 - sum(v for v in shown.values() if v is not None) >= 5


def test_sex_choice_differing_from_the_area_by_a_small_count_is_blocked():
    st = _state(PLAN)
    st.set_filter("icb", "ICB-CP")
    assert st.views().denominator_display == "7"
    st.set_filter("sex", "Male")  # 7 - 5 = 2 females
    v = st.views()
    assert v.blocked and "widen it" in v.blocked and "fewer than 5" in v.blocked
    assert v.denominator_display == "*" and v.learning_points_display == "*"
    assert set(v.theme_counts["reviews"]) == {"*"} and set(v.trends["reviews"]) == {"*"}
    assert st.listing_hidden and st.lp_page().empty and st.blocked in st.match_summary()["text"]
    assert st.listing_summary()["reviews"] == "*"
    from leder_insights.explore import findings_tables
    assert list(findings_tables(st)) == ["Key findings"]


@pytest.mark.slow
def test_no_shown_parent_child_pair_differs_by_a_small_count():
    """Every one-filter selection against the whole data and every two-filter selection against
    its parents: a difference of two shown exact counts is never 1-4."""
    st = _state(PLAN)
    base = {"icb": st.data.options("icb"), "sex": st.data.options("sex"),
            "year_from": st.data.options("year_from")}
    def shown(**f):
        st.reset().set_filters(**f)
        v = st.views()
        return _exact(v.denominator_display), _exact(v.learning_points_display)
    whole = shown()
    singles = {(k, x): shown(**{k: x}) for k, xs in base.items() for x in xs}
    checked = 0
    for (k1, x1), s1 in singles.items():
        for a, b in zip(whole, s1):
            if a is not None and b is not None:
                assert not 0 < a - b < 5
        for (k2, x2) in singles:
            if k2 <= k1:
                continue
            s12 = shown(**{k1: x1, k2: x2})
            for parent in (s1, singles[(k2, x2)]):
                for a, b in zip(parent, s12):
                    if a is not None and b is not None:
                        checked += 1
                        assert not 0 < a - b < 5, (k1, x1, k2, x2, parent, s12)
    assert checked > 20


@pytest.mark.slow
def test_theme_cells_agree_with_the_parents_table_of_choices():
    """A theme count of one choice is hidden when the other choices and the parent's total would
    reveal a small cell (P2 across selections)."""
    st = _state(PLAN)
    st.set_filter("icb", "ICB-XX")
    parent = st.views().theme_counts.set_index("theme")["reviews"]
    kids = {s: st.set_filter("sex", s).views().theme_counts.set_index("theme")["reviews"]
            for s in ("Female", "Male")}
    for t in parent.index:
        p = _exact(parent[t])
        vals = [_exact(k[t]) for k in kids.values()]
        if p is not None and sum(v is None for v in vals) == 1:
            other = [v for v in vals if v is not None][0]
            assert not 0 < p - other < 5, (t, parent[t], [k[t] for k in kids.values()])
