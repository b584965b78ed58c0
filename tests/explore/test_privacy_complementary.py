"""Attacks from a shown total on the hidden cells of one table (facilitator's report P2/P3)."""
from __future__ import annotations

import pandas as pd
import pytest

from _explore_fixtures import TAXONOMY, make_frames
from leder_insights.explore import ExplorerState, findings_tables
from leder_insights.explore import _queries as q

T = 5


def pinned_cells(shown: list[str], total: int, t: int = T) -> list[int]:
    """Cells a reader can work out from the display strings and the column total (brute force)."""
    known = sum(int(s) for s in shown if s.isdigit())
    rest = total - known
    doms = []
    for s in shown:
        if s.isdigit():
            continue
        doms.append(list(range(1, t)) if s == f"<{t}" else [0] + list(range(t, rest + 1)))
    pinned = []
    for i, d in enumerate(doms):
        others = [doms[j] for j in range(len(doms)) if j != i]
        reach = {0}
        for od in others:
            reach = {a + b for a in reach for b in od if a + b <= rest}
        values = [v for v in d if rest - v in reach]
        if len(values) == 1:
            pinned.append(i)
    return pinned


@pytest.mark.parametrize("column", [
    [0, 1, 6, 0, 1, 0],      # P2: South Yorkshire trend for one theme, total 8 shown
    [26, 11, 1, 1],          # P3: place of death, London
    [0, 0, 4, 0, 4, 0],      # P3: age bands of 8 men, two bands under 5
    [0, 1, 1, 1, 1, 1],      # five people over five bands (the "Severe" row)
    [40, 3, 9, 2, 7],
])
def test_report_columns_cannot_be_pinned(column):
    t = q.suppress(pd.DataFrame({"n": column}), T, additive_rows=True, totals=pd.Series({"n": sum(column)}))
    shown = t.display()["n"].tolist()
    assert pinned_cells(shown, sum(column)) == [], shown
    hidden_sum = sum(c for c, s in zip(column, shown) if not s.isdigit())
    assert hidden_sum == 0 or hidden_sum >= T


def test_old_rule_was_attackable():
    """The attack itself: with only one extra cell hidden, both 1s are pinned."""
    assert pinned_cells(["0", "<5", "*", "0", "<5", "0"][:2] + ["6", "0", "<5", "0"], 8) == [0, 1]


def _state(**f):
    rv, lp = make_frames(90)
    return ExplorerState.from_frames(rv, lp, taxonomy=TAXONOMY, threshold=T, deidentified=True).set_filters(**f)


@pytest.mark.parametrize("filters", [{}, {"region": "London"}, {"sex": "Female"}, {"region": "Midlands", "sex": "Male"},
                                     {"theme": "epilepsy"}])
@pytest.mark.slow
def test_trends_and_areas_columns_cannot_be_pinned(filters):
    st = _state(**filters)
    v = st.views()
    if v.blocked:
        return
    totals = dict(zip(v.theme_counts["theme"], v.theme_counts["_n"]))
    for table, col_totals in ((v.trends_table, totals), (v.areas_table, totals | {"reviews": v.denominator})):
        disp = table.display()
        for c in disp.columns:
            shown = disp[c].tolist()
            total = int(col_totals.get(c, table.counts[c].sum()))
            if table.counts[c].sum() == total:
                assert pinned_cells(shown, total) == [], (c, shown, total)


def test_findings_bands_cannot_be_pinned_and_small_group_medians_hidden():
    rv, lp = make_frames(90)
    # eight men aged 30 and 70 (two bands under 5) beside a larger group of women
    rv["sex"] = ["Male" if i < 8 else "Female" for i in range(len(rv))]
    rv.loc[:3, "age_at_death"] = 30
    rv.loc[4:7, "age_at_death"] = 70
    st = ExplorerState.from_frames(rv, lp, taxonomy=TAXONOMY, threshold=T, deidentified=True)
    f = findings_tables(st)["Age at death by sex"].set_index("Sex")
    bands = [c for c in f.columns if c.startswith("Aged ")]
    for sex, row in f.iterrows():
        total = int((rv["sex"] == sex).sum())
        if str(row["Reviews"]).isdigit():
            assert pinned_cells([str(x) for x in row[bands]], total) == [], (sex, row.to_dict())
    assert f.loc["Male", "Median age at death"] == "*"  # 8 men: a median would be one man's age
    place = findings_tables(st)["Place of death"]
    assert pinned_cells([str(x) for x in place["Reviews"]], len(rv)) == []


def test_drill_down_does_not_open_a_hidden_cell():
    """A listing behind a "*" cell would let the room count what the table hides."""
    st = _state(region="London")
    v = st.views()
    tt = v.trends_table
    hidden = [(y, t) for y in tt.hidden.index for t in tt.hidden.columns
              if tt.hidden.loc[y, t] and tt.counts.loc[y, t] >= T]
    assert hidden, "fixture should have a secondary-hidden trend cell"
    y, t = hidden[0]
    st.drill_down(theme=t, year=y)
    assert st.listing_hidden and st.lp_page().empty
    shown = [(y, t) for y in tt.hidden.index for t in tt.hidden.columns if not tt.hidden.loc[y, t]
             and tt.counts.loc[y, t] >= T]
    y, t = shown[0]
    # a shown cell is not hidden by this rule; its text is still not listed, as a year drill-down
    # is a year filter (test_privacy_linking)
    st.drill_down(theme=t, year=y)
    assert not st._drill_cell_hidden() and st.listing_restricted is not None
