"""Learning-point text as a record key across listings (FACIL F1, F5, F6).

An intruder lists (screen or export) under every single-filter selection and notes, for each
learning-point text, the filter values under which it appears. A text is unique, so a value that
alone lists it is that review's value. No review may come out with two or more quasi-identifiers
(ICB and region count as one, the area).
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from _explore_fixtures import TAXONOMY, make_frames

from leder_insights.explore import ExplorerState, listing_table

ATTRS = ["icb", "region", "year_from", "age_band", "sex", "ethnic_group", "ld_severity", "place_of_death",
         "care_grade"]


def _state(n_reviews: int = 90) -> tuple[ExplorerState, pd.DataFrame]:
    rv, lp = make_frames(n_reviews)
    return ExplorerState.from_frames(rv, lp, taxonomy=TAXONOMY, threshold=5, deidentified=True), lp


def _screen_texts(st: ExplorerState) -> set[str]:
    out: set[str] = set()
    for p in range(st.n_pages):
        out |= set(st.set_page(p).lp_page()["text"])
    return out


def _export_texts(st: ExplorerState) -> set[str]:
    sheet = listing_table(st)
    return set(sheet["Learning point"].dropna()) if "Learning point" in sheet else set()


def _pinned(st: ExplorerState, read) -> dict[str, set[str]]:
    """text -> the quasi-identifiers an intruder pins to one value (the logic of FACIL a01)."""
    seen: dict[tuple[str, str], set[str]] = {}
    for attr in ATTRS:
        for val in st.data.options(attr):
            st.reset().set_filter(attr, val)
            seen[(attr, val)] = read(st)
    st.reset()
    pinned: dict[str, set[str]] = {}
    for x in set().union(*seen.values()):
        got = set()
        for attr in ATTRS:
            opts = st.data.options(attr)
            vals = [v for v in opts if x in seen[(attr, v)]] or [v for v in opts if not seen[(attr, v)]]
            if len(vals) == 1:
                got.add("area" if attr in ("icb", "region") else attr)
        pinned[x] = got
    return pinned


@pytest.mark.slow
def test_single_filter_listings_do_not_link_into_a_combination():
    st, _ = _state()
    for read in (_screen_texts, _export_texts):
        pinned = _pinned(st, read)
        assert pinned, "nothing listed at all: the test would prove nothing"
        worst = max(len(v) for v in pinned.values())
        assert worst <= 1, f"{read.__name__}: a text pins {worst} quasi-identifiers"


@pytest.mark.slow
def test_listing_kept_for_area_theme_and_search_notice_otherwise():
    st, _ = _state()
    region = st.data.options("region")[0]
    assert not st.set_filter("region", region).lp_page().empty
    assert not st.drill_down(area=region).lp_page().empty
    st.reset().set_filter("search", "seizure plan")
    assert not st.lp_page().empty
    st.reset().set_filter("sex", st.data.options("sex")[0])
    assert st.listing_restricted is not None and st.lp_page().empty and st.n_pages == 1
    assert "Sex" in st.listing_summary()["text"] and "counts and charts stay" in st.listing_summary()["text"]
    assert st.views().denominator_display != "*"  # the counts stay
    assert "Not listed" in str(listing_table(st).iat[0, 0])
    st.reset().drill_down(year=int(st.data.options("year_from")[0]))
    assert st.listing_restricted is not None and st.lp_page().empty  # a year drill-down is a year filter


def test_listing_order_does_not_keep_a_review_together():
    st, lp = _state()
    rev_of = dict(zip(lp["text"], lp["review_id"]))
    st.page_size = len(lp)
    revs = [rev_of[t] for t in st.lp_page()["text"]]
    same = np.mean([a == b for a, b in zip(revs, revs[1:])])
    assert same < 0.1, f"{same:.0%} of neighbouring rows are from one review"
    assert list(st.lp_page()["text"]) == list(st.lp_page()["text"])  # stable while the app runs


def test_caption_gives_no_count_to_set_against_the_charts():
    rv, lp = make_frames(60)
    lp.at[0, "residue"] = ["NER_PERSON"]   # one learning point withheld
    st = ExplorerState.from_frames(rv, lp, taxonomy=TAXONOMY, threshold=5, deidentified=True)
    s = st.listing_summary()
    assert s["notice"] and not re.search(r"\d", s["text"])
