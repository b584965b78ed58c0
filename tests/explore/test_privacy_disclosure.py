"""Small-number protection in the listing and on "Open", and de-identified text only ([E510])."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from leder_insights.errors import LederError, StoreError
from leder_insights.explore import (ExplorerState, load_explorer_data, safe_metadata, save_frames_project,
                                    suppress_value)

from _explore_fixtures import TAXONOMY, make_frames, make_store

QI = ("icb", "ethnic_group", "place_of_death", "ld_severity", "age_band", "sex", "year", "region")


def _shared(data, shown: dict, within: np.ndarray) -> int:
    same = within.copy()
    for col, value in shown.items():
        same &= np.asarray(data.rev_cats[col])[data.rev_codes[col]] == value
    return int(same.sum())


def test_open_metadata_is_shared_by_threshold_reviews_and_never_an_id(state):
    data = state.data
    everyone = np.ones(len(data.reviews), bool)
    n_fields = []
    for row in range(len(data.reviews)):
        shown = safe_metadata(data.rev_codes, data.rev_cats, row, everyone, 5)
        assert set(shown) <= set(QI)
        assert _shared(data, shown, everyone) >= 5
        n_fields.append(len(shown))
    # the fixture is small: the rarest fields are dropped for some reviews, not all fields for all
    assert min(n_fields) < len(QI) - 1 and max(n_fields) >= 3
    full = [len(QI)] * len(data.reviews)
    assert n_fields != full


def test_open_metadata_within_a_filtered_listing(state):
    state.set_filters(region="London").drill_down(theme="epilepsy")
    within = state._within()
    page = state.lp_page()
    assert len(page) and {"lp_id", "review_id"}.isdisjoint(page.columns)
    for ref in page["ref"]:
        ex = state.select(ref).excerpt()
        rid = state.data.lps["review_id"].iat[state.selected]
        assert rid not in str(ex) and state.data.lps["lp_id"].iat[state.selected] not in str(ex)
        row = int(state.data.lp_rev[state.selected])
        shown = safe_metadata(state.data.rev_codes, state.data.rev_cats, row, within, 5)
        assert _shared(state.data, shown, within) >= 5
        labels = {"Region", "ICB", "Year of death", "Age at death", "Sex", "Ethnic group", "Learning disability",
                  "Place of death"}
        assert len([k for k in ex["meta"] if k in labels]) == len(shown)


def test_open_shows_no_care_grade_by_default(state, monkeypatch):
    """The text may tie a grade to one review (facil6 F3: a rarely named trust): "Open" shows no
    care grade unless the privacy rules ask for it (and then only among several grades)."""
    from leder_insights.explore import _privacy

    from leder_insights.explore._queries import excerpt

    refs = list(state.lp_page()["ref"])
    assert refs
    assert all("Care grade" not in state.select(ref).excerpt()["meta"] for ref in refs)
    # a wide threshold: few fields shown, so the reviews sharing them have several grades
    wide = [excerpt(state.data, state.select(ref).selected, threshold=50)["meta"] for ref in refs]
    assert all("Care grade" not in meta for meta in wide)
    rules = _privacy.privacy_rules()
    monkeypatch.setattr(_privacy, "privacy_rules", lambda: {**rules, "open_shows_care_grade": True})
    assert any("Care grade" in excerpt(state.data, state.select(ref).selected, threshold=50)["meta"]
               for ref in refs)


@pytest.mark.slow
def test_open_metadata_joined_with_the_icb_listing_stays_shared_by_threshold_reviews():
    """An intruder reads a text in its ICB's listing (ICB known), then opens the same text in the
    unfiltered listing (metadata shown): ICB + every field either screen shows is still shared by 5."""
    rv, lp = make_frames(150)
    rng = np.random.default_rng(7)                     # ICBs not aligned with the other fields
    rv["icb"] = [f"{reg[:1]}-ICB{rng.integers(1, 4)}" for reg in rv["region"]]
    state = ExplorerState.from_frames(rv, lp, taxonomy=TAXONOMY, threshold=5, deidentified=True)
    data = state.data
    seen: dict[int, dict] = {}                              # learning point -> what screens showed
    for icb in data.options("icb"):
        state.reset().set_filters(icb=icb)
        if state.listing_hidden or state.listing_restricted is not None:
            continue
        for page_no in range(state.n_pages):
            state.page = page_no
            for pos, year in zip(state.lp_page()["_pos"], state.lp_page()["year"]):
                seen.setdefault(int(pos), {})["icb"] = icb
                if year != "-":
                    seen[int(pos)]["year"] = str(year)
    assert seen, "no ICB listing in the fixture"
    state.reset()
    opened = 0
    for page_no in range(state.n_pages):
        state.page = page_no
        for ref, pos in zip(state.lp_page()["ref"], state.lp_page()["_pos"]):
            if int(pos) not in seen:
                continue
            state.select(ref).excerpt()
            row = int(data.lp_rev[int(pos)])
            shown = safe_metadata(data.rev_codes, data.rev_cats, row, np.ones(len(data.reviews), bool), 5)
            known = {**shown, **seen[int(pos)]}
            assert _shared(data, known, np.ones(len(data.reviews), bool)) >= 5, known
            opened += 1
    assert opened >= 20


def test_listing_years_hidden_where_a_year_is_rare(state):
    state.set_filters(region="London")
    within = state._within()
    page = state.lp_page()
    years = state.data.rev_cats["year"]
    for y, pos in zip(page["year"], page["_pos"]):
        row = int(state.data.lp_rev[pos])
        same = within & (state.data.rev_codes["year"] == state.data.rev_codes["year"][row])
        if y != "-":
            assert same.sum() >= 5 and y in years


@pytest.mark.slow
def test_small_selection_hides_learning_point_counts():
    rv, lp = make_frames(60)
    st = ExplorerState.from_frames(rv, lp, taxonomy=TAXONOMY, threshold=5, deidentified=True)
    st.set_filters(region="London", sex="Female", year_from="2019", year_to="2019", age_band="25-49")
    n_lp, n_rev = st.n_listed()
    assert 0 < n_rev < 5 and n_lp >= 1
    m = st.match_summary()
    assert m["reviews"] in ("<5", "*") and m["learning_points"] == "*"
    assert str(n_lp) not in m["text"].replace("<5", "")
    ls = st.listing_summary()
    assert ls["learning_points"] == "*" and ls["reviews"] in ("<5", "*") and ls["withheld"] is None
    tc = st.views().theme_counts
    for rev, lps in zip(tc["reviews"], tc["learning_points"]):
        if rev in ("<5", "*"):
            assert lps in ("<5", "*")


def test_theme_selection_counts_what_is_selected(state):
    state.set_filter("theme", "epilepsy")
    v = state.views()
    lp = state.data.lps
    rev_with = lp[[("epilepsy" in ts) for ts in lp["themes"]]]["review_id"].nunique()
    assert v.n_selected == rev_with < v.denominator
    m = state.match_summary()
    assert m["text"].startswith(f"{suppress_value(rev_with, 5)} of {v.denominator} reviews have a learning point on Epilepsy")
    assert "Theme: Epilepsy" in m["text"] and "theme=" not in m["text"]
    assert "Epilepsy" in v.captions["theme_counts"]


# ---------------------------------------------------------------- de-identified text only
def test_frames_without_the_deidentified_flag_are_refused(frames, tmp_path):
    rv, lp = frames
    with pytest.raises(LederError, match=r"\[E510\]"):
        ExplorerState.from_frames(rv, lp, taxonomy=TAXONOMY)
    save_frames_project(rv, lp, tmp_path / "raw")
    with pytest.raises(LederError, match=r"\[E510\]"):
        load_explorer_data(tmp_path / "raw")
    with pytest.raises(LederError, match=r"\[E510\]"):  # a meta claim is not the flag
        save_frames_project(rv, lp, tmp_path / "claim", {"text": "de-identified"})
    save_frames_project(rv, lp, tmp_path / "ok", deidentified=True)
    assert len(load_explorer_data(tmp_path / "ok", taxonomy=TAXONOMY).lps) == len(lp)


def test_store_marks_only_points_found_in_deidentified_text(tmp_path):
    store, rv, lp = make_store(tmp_path / "project.duckdb", n_reviews=10)
    marked = store.learning_points()
    assert marked["deid_run_id"].notna().all()
    # a raw point (not in the de-identified text of its review) saved with the same deid run
    deid_run = marked["deid_run_id"].iloc[0]
    raw = lp.iloc[[0]].assign(lp_id="R00000-raw", text="Karen Smith (DOB 28/6/42) was seen at home.")
    store.save_learning_points(raw, "themes-2", deid_run_id=deid_run)
    lps = store.learning_points().set_index("lp_id")
    assert lps.loc["R00000-raw", "deid_run_id"] is None
    store.close()
    with pytest.raises(LederError, match=r"\[E510\].*1 of the"):
        load_explorer_data(tmp_path)


def test_store_points_saved_without_a_deid_run_are_refused(tmp_path):
    store, _rv, lp = make_store(tmp_path / "project.duckdb", n_reviews=6)
    store.save_learning_points(lp, "themes-3")  # no deid_run_id: not marked
    store.close()
    with pytest.raises(LederError, match=r"\[E510\]"):
        load_explorer_data(tmp_path)


def test_store_deid_run_must_be_a_finished_deid_run(tmp_path):
    store, _rv, lp = make_store(tmp_path / "project.duckdb", n_reviews=4)
    themes_run = store.runs().query("kind == 'themes'")["run_id"].iloc[0]
    running = store.start_run("deid", "cfg", {})
    for bad in (themes_run, running, "nope"):
        with pytest.raises(StoreError, match=r"\[E204\]"):
            store.save_learning_points(lp, "x", deid_run_id=bad)
    store.close()


def test_store_residue_round_trips_and_marks(tmp_path):
    store, _rv, lp = make_store(tmp_path / "project.duckdb", n_reviews=4)
    n = store.mark_residue(pd.DataFrame({"lp_id": [lp.lp_id[0], "missing"], "residue": [["INITIALS"], []]}))
    got = store.learning_points().set_index("lp_id")["residue"]
    assert n == 1 and got[lp.lp_id[0]] == ["INITIALS"] and got[lp.lp_id[1]] == []
    store.close()
    data = load_explorer_data(tmp_path, taxonomy=TAXONOMY)
    assert int(data.withheld.sum()) == 1
