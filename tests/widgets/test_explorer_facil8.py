"""FACIL8 F5 in the view: the status line names the theme chosen (the drill-down the exports
name); "Restore last selection" brings the theme back with the filters; no greyed-out "Add an
action for this learning point" under a listing that is not shown."""
from __future__ import annotations

import html as html_mod
import re

from leder_insights.explore import ExplorerState, load_explorer_data
from leder_insights.widgets import ThemeExplorer

from _widget_fixtures import TAXONOMY, make_frames, make_store


def _text(html):
    return html_mod.unescape(re.sub(r"<[^>]+>", " ", html))


def test_status_line_names_the_theme_chosen_and_drops_it_when_cleared():
    rv, lp = make_frames(60)
    ex = ThemeExplorer.from_frames(rv, lp, taxonomy=TAXONOMY, threshold=5, deidentified=True)
    ex.controls["region"].value = "London"
    label = ex.state.data.themes.labels["epilepsy"]
    ex._on_theme("epilepsy")
    said = _text(ex.summary.value)
    assert "Region: London" in said and f"Drill-down: Theme: {label}" in said
    ex._on_clear_drill()
    assert "Drill-down" not in _text(ex.summary.value) and "Region: London" in _text(ex.summary.value)


def test_restore_last_selection_brings_back_the_theme_chosen(tmp_path, monkeypatch):
    monkeypatch.setenv("LEDER_EXPLORE_NER", "0")
    store, _rv, _lp = make_store(tmp_path / "project.duckdb", n_reviews=40)
    store.close()
    first = ThemeExplorer(ExplorerState(load_explorer_data(tmp_path), threshold=5))
    region = first.state.data.options("region")[0]
    first.controls["region"].value = region
    first._on_theme("epilepsy")
    label = first.state.data.themes.labels["epilepsy"]
    second = ThemeExplorer(ExplorerState(load_explorer_data(tmp_path), threshold=5))   # a reloaded page
    assert f"Drill-down: Theme: {label}" in second.restore_btn.tooltip
    second.restore_btn.click()
    assert second.errors == []
    assert second.state.active_filters() == {"region": region} and second.state.drill == {"theme": "epilepsy"}
    assert f"Drill-down: Theme: {label}" in _text(second.summary.value)


def test_add_action_for_a_learning_point_is_hidden_while_none_is_shown(tmp_path, monkeypatch):
    monkeypatch.setenv("LEDER_EXPLORE_NER", "0")
    store, _rv, _lp = make_store(tmp_path / "project.duckdb", n_reviews=40)
    store.close()
    ex = ThemeExplorer(ExplorerState(load_explorer_data(tmp_path), threshold=5))
    btn = ex.actions.lp_btn
    ex.actions.listing_shown(None)
    assert btn.layout.display == "none" and btn.disabled
    ref = ex.state.lp_page()["ref"].iloc[0]
    ex.state.select(ref)
    ex.refresh_listing()
    assert btn.layout.display is None and not btn.disabled
    ex.state.drill_down(theme="epilepsy")                          # a new listing: nothing open
    ex.refresh_listing()
    assert btn.layout.display == "none" and btn.disabled
