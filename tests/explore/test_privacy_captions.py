"""The words beside the numbers name no count the numbers hide (facil7 F0): a blocked selection's
"Lift among the N reviews" gave N away, and the wider selection's count minus N is the hidden
small count. Every count a caption names is the match line's, as shown."""
from __future__ import annotations

import re

from leder_insights.explore import ExplorerState
from leder_insights.explore._attack import differencing_leaks, shown_cells

from _explore_fixtures import TAXONOMY, make_frames

COUNT = re.compile(r"(?<![\w<])(?<!per )(?<!than )(\d[\d,]*|<\d+) reviews\b")  # not "per 100 reviews"


def _state():
    rv, lp = make_frames(60)
    small = rv.index[:14]                      # one ICB of 7 reviews: 5 men and 2 women
    rv.loc[small[:7], "icb"] = "ICB-S"
    rv.loc[small[:7], "sex"] = ["Male"] * 5 + ["Female"] * 2
    return ExplorerState.from_frames(rv, lp, taxonomy=TAXONOMY, deidentified=True, threshold=5)


def _caption_counts(state) -> set[str]:
    return {n for text in state.views().captions.values() for n in COUNT.findall(str(text))}


def test_privacy_captions_of_a_blocked_selection_name_no_count():
    st = _state()
    st.set_filter("icb", "ICB-S")
    assert st.views().denominator_display == "7" and _caption_counts(st) == {"7"}
    st.set_filter("sex", "Male")               # 5 men: differs from the ICB by 2 women
    v = st.views()
    assert v.blocked and v.denominator_display == "*"
    assert _caption_counts(st) == set(), v.captions
    assert "* reviews" in v.captions["cooccurrence"]


def test_privacy_captions_name_the_shown_count_for_every_single_filter():
    st = _state()
    for key in ("icb", "region", "sex", "ethnic_group", "year_from", "place_of_death"):
        for value in st.data.options(key):
            st.reset().set_filter(key, value)
            shown = st.views().denominator_display
            assert _caption_counts(st) <= ({shown} if shown != "*" else set()), (key, value)


def test_privacy_captions_differencing_finds_no_leak():
    st = _state()
    cells = shown_cells(st.reset().set_filter("icb", "ICB-S"))
    assert any(k[0] == "caption" for k in cells)   # the intruder reads the captions too
    assert differencing_leaks(st, {"icb": "ICB-S"}, "sex") == []
