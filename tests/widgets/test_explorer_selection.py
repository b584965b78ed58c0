"""A reloaded page offers the room's last selection (facilitator 6's F7): the button appears only
when a selection was kept and nothing is set yet, restores the controls and the counts, and goes
away once the room sets its own filters."""
from __future__ import annotations

from leder_insights.widgets import ThemeExplorer

from _widget_fixtures import make_store


def _project(tmp_path):
    store, _rv, _lp = make_store(tmp_path / "project.duckdb", n_reviews=60)
    store.close()
    return tmp_path


def test_explorer_reload_offers_and_restores_the_last_selection(tmp_path):
    project = _project(tmp_path)
    first = ThemeExplorer.from_project(project)
    assert first.restore_btn.layout.display == "none"         # nothing kept yet
    sex = first.state.data.options("sex")[0]
    first.controls["sex"].value = sex                          # the room sets a filter
    first.area_level.value = "icb"
    assert first.restore_btn.layout.display == "none" and first.errors == []
    denominator = first.state.match_summary()["reviews"]
    first.close()

    again = ThemeExplorer.from_project(project)                # the page is reloaded
    assert again.state.active_filters() == {} and again.restore_btn.layout.display is None
    assert sex.lower() in again.restore_btn.tooltip.lower()
    again.restore_btn.click()
    assert again.errors == [] and again.state.active_filters() == {"sex": sex}
    assert again.controls["sex"].value == sex and again.area_level.value == "icb"
    assert again.state.match_summary()["reviews"] == denominator
    assert again.restore_btn.layout.display == "none"
    again.close()


def test_explorer_reset_keeps_an_empty_selection(tmp_path):
    project = _project(tmp_path)
    ex = ThemeExplorer.from_project(project)
    ex.controls["sex"].value = ex.state.data.options("sex")[0]
    ex.reset_btn.click()
    ex.close()
    assert ThemeExplorer.from_project(project).restore_btn.layout.display == "none"


def test_explorer_without_store_never_offers_a_restore():
    from _widget_fixtures import TAXONOMY, make_frames

    rv, lp = make_frames(40)
    ex = ThemeExplorer.from_frames(rv, lp, taxonomy=TAXONOMY, deidentified=True)
    ex.controls["sex"].value = ex.state.data.options("sex")[0]
    assert ex.errors == [] and ex.restore_btn.layout.display == "none"
