"""Captions and counts beside the listing say no more than the views (FACIL F5 and F7).

* F7: the listing and the export leave withheld learning points out; a learning-point count that
  kept them (the match line, the theme table) gave, against the pages or the export's rows, the
  number withheld for every selection.
* F5: a hidden bar ("*", any number) opened said "fewer than 5 reviews", untrue when it held 5 or
  more (and a "*" must not be told apart from a "<5").
"""
from __future__ import annotations

import pytest

from _explore_fixtures import TAXONOMY, make_frames
from leder_insights.explore import ExplorerState
from leder_insights.explore._export import listing_table

T = 5


def _state(n=120, seed=3, every=7):
    rv, lp = make_frames(n, seed=seed)
    rv["sex"] = ["Male" if i % 5 in (0, 1) else "Female" for i in range(n)]
    rv["place_of_death"] = ["hospice" if i % 13 == 0 else ("home" if i % 3 == 0 else "hospital") for i in range(n)]
    lp["residue"] = [["INITIALS"] if i % every == 0 else [] for i in range(len(lp))]  # withheld
    return ExplorerState.from_frames(rv, lp, taxonomy=TAXONOMY, threshold=T, deidentified=True)


def _rows_listed(st) -> int:
    n = 0
    for page in range(st.n_pages):
        n += len(st.set_page(page).lp_page())
    return n


@pytest.mark.slow
def test_learning_point_counts_leave_withheld_points_out_as_the_listing_does():
    st = _state()
    assert st.data.withheld.sum() > 0
    checked = 0
    for f in ({}, {"region": "London"}, {"icb": "ICB-L1"}, {"theme": "epilepsy"}, {"polarity": "recommendation"},
              {"search": "medication"}):
        st.reset().set_filters(**f)
        v = st.views()
        if st.listing_hidden or not v.learning_points_display.isdigit():
            continue
        listed = _rows_listed(st)
        assert int(v.learning_points_display) == listed, (f, v.learning_points_display, listed)
        assert len(listing_table(st, limit=10 ** 6)) == listed
        checked += 1
        tc = v.theme_counts.set_index("theme")
        for t in tc.index:
            if str(tc.loc[t, "learning_points"]).isdigit():
                st.drill_down(theme=t)
                if not st.listing_hidden:
                    assert int(tc.loc[t, "learning_points"]) == _rows_listed(st), (f, t)
                st.drill_down()
    assert checked >= 4


@pytest.mark.slow
def test_a_hidden_bar_opened_says_hidden_not_fewer_than_5(monkeypatch):
    from leder_insights.explore import _guard

    # the two-way margin check turns most "<5" of this fixture into "*": off, both kinds of bar occur
    monkeypatch.setattr(_guard, "_margin_obscured", lambda *a, **k: iter(()))
    st = _state(every=10 ** 9)
    seen = {"*": 0, "<": 0}
    sels = [{k: x} for k in ("region", "icb", "polarity") for x in st.data.options(k)]
    sels += [{"search": w} for w in ("medication", "seizure", "family", "best")]
    sels += [{"region": r, "polarity": p} for r in st.data.options("region") for p in st.data.options("polarity")]
    for f in sels:  # text is listed under these (a demographic filter restricts it, whatever the bar)
        v = st.reset().set_filters(**f).views()
        if v.blocked:
            continue
        for t, shown in zip(v.theme_counts["theme"], v.theme_counts["reviews"]):
            if shown != "*" and not shown.startswith("<"):
                continue
            st.drill_down(theme=t)
            text = st.listing_summary()["text"]
            sheet = str(listing_table(st).iloc[0, 0])
            assert st.listing_hidden
            if shown == "*":
                seen["*"] += 1
                assert "fewer than" not in text.lower() and "fewer than" not in sheet.lower(), (f, t, text)
                assert "hidden" in text and "hidden" in sheet.lower()
                assert st.listing_summary()["reviews"] == "*"
            else:
                seen["<"] += 1
                assert f"fewer than {T} reviews" in text and f"fewer than {T} reviews" in sheet.lower()
            assert not any(ch.isdigit() for ch in text.replace(f"{T}", "").split(":", 1)[1]), text
            st.drill_down()
    assert seen["*"] and seen["<"], seen
