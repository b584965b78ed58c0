"""The order of the theme bars and the themes chosen for the charts follow what is shown only
(FACIL F4).

The Themes tab once listed themes "most frequent first" by their true count, hidden bars included:
a hidden bar sat between the shown counts above and below it, and with the other choices of the
filter (they add up to the unfiltered bar) that pinned hidden counts of 1-4 exactly. The heat grid
and the Areas/Trends themes were picked by true counts too.
"""
from __future__ import annotations

import pytest

import pandas as pd

from _explore_fixtures import TAXONOMY, make_frames
from leder_insights.explore import ExplorerState
from leder_insights.explore import _queries as q
from leder_insights.explore._attack import pinned

T = 5
KEYS = ("region", "sex", "ethnic_group", "place_of_death", "ld_severity", "age_band", "care_grade", "year_from")


def _state(n=120, seed=3):
    rv, lp = make_frames(n, seed=seed)
    rv["sex"] = ["Male" if i % 5 in (0, 1) else "Female" for i in range(n)]
    rv["ethnic_group"] = ["Asian" if i % 11 == 0 else "White" for i in range(n)]
    rv["place_of_death"] = ["hospice" if i % 13 == 0 else ("home" if i % 3 == 0 else "hospital") for i in range(n)]
    return ExplorerState.from_frames(rv, lp, taxonomy=TAXONOMY, threshold=T, deidentified=True)


def _num(s):
    s = str(s)
    return int(s) if s.isdigit() else None


def _selections(st):
    for key in KEYS:
        for val in st.data.options(key):
            st.reset().set_filter(key, val)
            yield key, val, st.views()


def _order_pins(tc) -> dict[str, int]:
    """The intruder of FACIL's a06: bound each hidden bar by its shown neighbours, reading the list
    as sorted by true count (ties by theme id)."""
    shown, ids, out = [_num(s) for s in tc["reviews"]], list(tc["theme"]), {}
    for i, s in enumerate(tc["reviews"]):
        if shown[i] is not None:
            continue
        ja = next((j for j in range(i - 1, -1, -1) if shown[j] is not None), None)
        jb = next((j for j in range(i + 1, len(shown)) if shown[j] is not None), None)
        hi = shown[ja] - (ids[ja] > ids[i]) if ja is not None else 10 ** 9
        lo = shown[jb] + (ids[jb] < ids[i]) if jb is not None else 0
        if str(s).startswith("<"):
            lo, hi = max(lo, 1), min(hi, T - 1)
        if lo == hi:
            out[ids[i]] = lo
    return out


@pytest.mark.slow
def test_hidden_bars_are_listed_after_the_shown_ones_in_theme_order():
    st = _state()
    bad = []
    for key, val, v in _selections(st):
        tc = v.theme_counts
        shown = [_num(s) for s in tc["reviews"]]
        exact = [n for n in shown if n is not None and n > 0]
        k = len(exact)
        if shown[:k] != exact or exact != sorted(exact, reverse=True):
            bad.append((key, val, list(tc["reviews"])))
        hidden = [t for t, s in zip(tc["theme"], tc["reviews"]) if _num(s) is None]
        if hidden != sorted(hidden, key=lambda t: (0 if str(tc.set_index("theme").loc[t, "reviews"])[:1] == "<"
                                                   else 1, t)):
            bad.append((key, val, list(tc["reviews"])))
    assert not bad, bad[:5]


@pytest.mark.slow
def test_the_bar_order_gives_no_hidden_count_away():
    """a06: a hidden bar's place in the list, then the choices of a filter adding up to the
    unfiltered bar. Every pin the order-reader makes must come from the shown strings alone."""
    st = _state()
    base = st.reset().views().theme_counts.set_index("theme")["reviews"]
    recovered = []
    for key in KEYS:
        per = {}
        for val in st.data.options(key):
            v = st.reset().set_filter(key, val).views()
            tc = v.theme_counts
            per[val] = (tc.set_index("theme")["reviews"].to_dict(), _order_pins(tc), tc.set_index("theme")["_n"])
        vals = list(per)
        for t in base.index:
            if _num(base[t]) is None:
                continue
            plain = [per[x][0][t] for x in vals]
            withord = [str(per[x][1][t]) if t in per[x][1] else per[x][0][t] for x in vals]
            before = pinned(plain, _num(base[t]), T)
            for i, got in pinned(withord, _num(base[t]), T).items():
                truth = int(per[vals[i]][2][t])
                if i not in before and _num(plain[i]) is None and got == truth and 0 < truth < T:
                    recovered.append((key, vals[i], t, got))
    assert not recovered, recovered[:5]


@pytest.mark.slow
def test_chart_themes_are_chosen_from_what_the_bars_show():
    st = _state()
    for key, val, v in _selections(st):
        tc = v.theme_counts
        disp = dict(zip(tc["theme"], tc["reviews"]))
        some = [t for t in tc["theme"] if disp[t] != "0"]  # hidden bars too, by their place in the list
        if v.blocked:
            assert v.focus_themes == list(st.data.themes.ids[:5]), (key, val)
            assert list(tc["theme"]) == sorted(tc["theme"]), (key, val)
            continue
        assert v.focus_themes == some[:5], (key, val, v.focus_themes, disp)
        assert v.heat_themes == some[:8], (key, val, v.heat_themes, disp)
        assert list(v.areas.columns) == ["reviews"] + v.focus_themes


def test_the_trends_table_lists_themes_by_what_it_shows():
    v = q.Views.__new__(q.Views)
    v.shown_themes = ["a", "b", "c"]
    v.trends = pd.DataFrame({"reviews": ["9", "8"], "a": ["0", "0"], "b": ["*", "*"], "c": ["<5", "0"]})
    assert v.trend_themes == ["b", "c"]  # "b" may be 0: listed all the same
