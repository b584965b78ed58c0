"""The room's last selection is kept beside the project store and offered again after a reload
(facilitator 6's F7): only filters that still name an option come back, through the same checks
as setting them; data without a store keeps nothing."""
from __future__ import annotations

import json

from leder_insights.explore import ExplorerState, load_explorer_data

from _explore_fixtures import make_store


def _project(tmp_path, n=40):
    store, _rv, _lp = make_store(tmp_path / "project.duckdb", n_reviews=n)
    store.close()
    return tmp_path


def _state(project):
    return ExplorerState(load_explorer_data(project))


def test_state_selection_saved_and_restored_on_a_new_page(tmp_path):
    project = _project(tmp_path)
    first = _state(project)
    assert first.last_selection() is None and first.restore_selection() is False
    sex = first.data.options("sex")[0]
    region = first.data.options("region")[0]
    first.set_filters(sex=sex, region=region).set_area_level("icb")
    assert first.save_selection()
    second = _state(project)                       # a reloaded page: nothing set until asked
    assert second.active_filters() == {}
    assert sex.lower() in second.describe_last_selection().lower()
    assert "by ICB" in second.describe_last_selection()
    assert second.restore_selection()
    assert second.active_filters() == {"sex": sex, "region": region} and second.area_level == "icb"


def test_state_selection_drops_values_no_longer_offered(tmp_path):
    project = _project(tmp_path)
    state = _state(project)
    sex = state.data.options("sex")[0]
    (project / ExplorerState.SELECTION_FILE).write_text(json.dumps(
        {"filters": {"sex": sex, "icb": "NHS Nowhere ICB", "colour": "blue", "search": "hoist"},
         "area_level": "galaxy"}), encoding="utf-8")
    assert state.last_selection() == {"filters": {"sex": sex, "search": "hoist"}, "area_level": "region", "drill": {}}
    state.restore_selection()
    assert state.active_filters() == {"sex": sex, "search": "hoist"}


def test_state_selection_broken_file_offers_nothing(tmp_path):
    project = _project(tmp_path)
    (project / ExplorerState.SELECTION_FILE).write_text("{not json", encoding="utf-8")
    state = _state(project)
    assert state.last_selection() is None and state.describe_last_selection() == ""


def test_state_selection_cleared_selection_offers_nothing(tmp_path):
    project = _project(tmp_path)
    state = _state(project)
    state.set_filter("sex", state.data.options("sex")[0]).save_selection()
    state.reset().save_selection()
    assert _state(project).last_selection() is None


def test_state_selection_without_store_keeps_nothing(state):
    assert state.selection_path is None and state.save_selection() is False
    assert state.last_selection() is None


def test_state_selection_keeps_the_theme_chosen_and_restores_it_after_the_filters(tmp_path):
    project = _project(tmp_path)
    first = _state(project)
    region = first.data.options("region")[0]
    theme = first.data.themes.ids[0]
    first.set_filter("region", region).drill_down(theme=theme)
    assert first.save_selection()
    second = _state(project)
    label = second.data.themes.labels[theme]
    assert second.describe_last_selection().endswith(f"Drill-down: Theme: {label}")
    assert second.restore_selection()
    assert second.active_filters() == {"region": region} and second.drill == {"theme": theme}
    assert second.describe_drill() == f"Theme: {label}"


def test_state_selection_drops_a_drill_down_no_longer_offered(tmp_path):
    project = _project(tmp_path)
    state = _state(project)
    (project / ExplorerState.SELECTION_FILE).write_text(json.dumps(
        {"filters": {}, "area_level": "region", "drill": {"theme": "no_such_theme", "year": "20x1",
                                                          "area": "Atlantis"}}), encoding="utf-8")
    assert state.last_selection() is None and state.restore_selection() is False
