"""ThemeExplorer view driven without a browser: controls -> state -> rendered HTML."""
from __future__ import annotations

import re

import pytest

from leder_insights.widgets import ThemeExplorer
from leder_insights.widgets._explorer import TABS

from _widget_fixtures import TAXONOMY, make_frames


@pytest.fixture
def explorer():
    rv, lp = make_frames(60)
    return ThemeExplorer.from_frames(rv, lp, taxonomy=TAXONOMY, threshold=5,
                                     meta={"model_versions": {"themes": "test-1"}}, deidentified=True)


def _denominator(ex):
    return re.search(r'id="li-denominator">([^<]+)<', ex.summary.value).group(1)


def test_explorer_filter_dropdown_updates_every_view(explorer):
    assert _denominator(explorer) == "60"
    before = (explorer.theme_table.value, explorer.heat_table.value, explorer.area_table.value)
    explorer.controls["region"].value = "London"
    assert _denominator(explorer) == "20"
    after = (explorer.theme_table.value, explorer.heat_table.value, explorer.area_table.value)
    assert all(a != b for a, b in zip(before, after))
    assert explorer.errors == []


def test_explorer_theme_button_drills_to_highlighted_excerpt(explorer):
    _box, btn = explorer._theme_rows["epilepsy"]
    btn.click()
    assert "Theme: Epilepsy" in explorer.lp_caption.value and "theme=" not in explorer.lp_caption.value
    assert TABS[explorer.tabs.selected_index] == "Learning points"  # the drill shows its screen
    assert '<mark title="Epilepsy" data-theme="Epilepsy"' in explorer.excerpt.value   # names, not codes
    assert 'title="epilepsy"' not in explorer.excerpt.value
    assert "Review metadata" in explorer.excerpt.value


def test_explorer_cooccurrence_cell_drills_down(explorer):
    heat = explorer.state.views().heat_themes
    explorer._heat_cells[0][1].click()
    assert explorer.state.drill == {"theme": heat[0], "theme2": heat[1]}
    assert "<mark" in explorer.excerpt.value
    cell = explorer._heat_cells[0][1]
    v = explorer.state.views()
    assert cell.description == v.lift_display.iat[0, 1] and cell.description.endswith("x")  # lift on the cell
    assert explorer._heat_cells[0][0].description == v.cooc.display().iat[0, 0]  # reviews on the diagonal


def test_explorer_paging_buttons(explorer):
    explorer.next_btn.click()
    assert explorer.state.page == 1 and "Page 2 of" in explorer.page_label.value
    explorer.prev_btn.click()
    assert explorer.state.page == 0 and explorer.prev_btn.disabled


def test_explorer_open_button_shows_that_learning_point(explorer):
    explorer.open_buttons[2].click()
    page = explorer.state.lp_page()
    assert explorer.state.selected == int(page["_pos"].iloc[2])
    assert "Learning point 3 of page 1" in explorer.excerpt.value
    assert page["text"].iloc[2].rsplit(" ", 1)[-1] in explorer.excerpt.value   # its own "(i-j)." ending
    assert page["ref"].iloc[2] not in explorer.excerpt.value and "lp-" not in explorer.excerpt.value  # no internal id


def test_explorer_callback_errors_are_shown_not_swallowed(explorer, monkeypatch, caplog):
    def boom(*a, **k):
        raise RuntimeError("state exploded in /srv/secret/file.py")
    monkeypatch.setattr(explorer.state, "set_filter", boom)
    explorer.controls["sex"].value = "Male"
    box = explorer.error_box.value
    assert 'role="alert"' in box and "Something went wrong (RuntimeError)" in box
    assert "Traceback" not in box and "/srv/secret" not in box    # a short message, no traceback
    assert isinstance(explorer.errors[-1], RuntimeError)
    assert "state exploded" in caplog.text and "Traceback" in caplog.text  # the server log has it


@pytest.mark.slow
def test_explorer_export_buttons_offer_downloads(explorer):
    explorer.export_btns["xlsx"].click()
    assert 'download="leder-workshop_' in explorer.download.value
    assert explorer.last_exports["xlsx"].read_bytes()[:2] == b"PK"
    explorer.export_btns["png"].click()
    assert explorer.last_exports["png"].suffix == ".zip"
    # the XLSX link stays beside the new PNG one (one link per kind, not replaced by the next export)
    assert 'download="leder-workshop_' in explorer.download.value and 'download="leder-charts_' in explorer.download.value


@pytest.mark.slow
def test_explorer_export_files_live_in_one_private_directory_removed_on_close(explorer):
    assert explorer._export_dir is None                 # no directory until something is exported
    explorer.export_btns["xlsx"].click()
    folder = explorer.last_exports["xlsx"].parent
    assert folder.is_dir() and (folder.stat().st_mode & 0o077) == 0
    explorer.close()
    assert not folder.exists()


@pytest.mark.slow
def test_explorer_controls_are_labelled_and_reset(explorer):
    for key, c in explorer.controls.items():
        assert c.description, key
    explorer.controls["sex"].value = "Male"
    explorer.reset_btn.click()
    assert explorer.controls["sex"].value == "" and _denominator(explorer) == "60"
    explorer.controls["sex"].value = "Female"
    assert _denominator(explorer) == "30"  # controls still wired after reset


@pytest.mark.slow
def test_explorer_theme_group_limits_theme_options(explorer):
    explorer.controls["theme_group"].value = "rights and decisions"
    assert [v for _l, v in explorer.controls["theme"].options] == ["", "mental_capacity"]


def test_explorer_area_level_switch(explorer):
    explorer.area_level.value = "icb"
    assert "ICB-L1" in explorer.area_table.value
    assert {b.description for b in explorer.area_buttons.children} >= {"ICB-L1", "ICB-M1"}


@pytest.mark.slow
def test_explorer_year_is_one_choice_and_values_are_in_words():
    rv, lp = make_frames(60)
    rv["sex"] = rv["sex"].str.lower()                       # as the demo stores it
    ex = ThemeExplorer.from_frames(rv, lp, taxonomy=TAXONOMY, threshold=5, deidentified=True)
    assert "year_to" not in ex.controls and ex.controls["year_from"].description == "Year of death"
    assert [lab for lab, _v in ex.controls["sex"].options] == ["All", "Female", "Male"]
    assert any("Fell short" in lab for lab, _v in ex.controls["care_grade"].options)
    ex.controls["year_from"].value = "2020"
    assert ex.state.filters["year_from"] == ex.state.filters["year_to"] == "2020"   # one year, never a range
    assert "Year of death: 2020" in ex.summary.value


def test_explorer_filter_labels_are_the_words_the_status_line_uses(explorer):
    from leder_insights.explore import filter_label

    ex = explorer
    for key, control in ex.controls.items():
        want = filter_label("year" if key == "year_from" else key)
        assert control.description == want, key      # one wording: filter, status line and exports
    assert ex.controls["ld_severity"].description == "Learning disability"
    assert ex.controls["polarity"].description == "Kind of point"
    ex.controls["polarity"].value = "good_practice"
    assert "Kind of point: Good practice" in ex.summary.value


def test_explorer_area_comparison_sits_on_the_areas_tab_not_among_filters(explorer):
    ex = explorer
    areas = ex.tabs.children[TABS.index("Areas")]
    filters = ex.tabs.children[TABS.index("Filters")]
    assert ex.area_level in areas.children
    assert ex.area_level not in filters.children[1].children
    assert ex.controls["icb"].layout.width == "814px"     # long ICB names are not cut
    # rows that wrap, not a grid: the wide box cannot lie under its neighbour (facil7 F6); second
    # after one 400 px box it fills the first row, never past the right edge (410 + 814 < 1272)
    assert filters.children[1].layout.flex_flow == "row wrap"
    assert list(ex.controls).index("icb") == 1
    ex.area_level.value = "icb"
    assert "Reviews by ICB" in ex.area_table.value


@pytest.mark.slow
def test_explorer_blocked_selection_shows_a_notice_not_empty_tables(explorer):
    assert explorer.blocked_box.value == ""
    explorer.controls["icb"].value = "ICB-M1"
    explorer.controls["age_band"].value = "25-49"           # 3 reviews short of ICB-M1
    assert explorer.state.blocked
    box = explorer.blocked_box.value
    assert 'role="alert"' in box and "Numbers hidden for this selection" in box and "Reset filters" in box
    assert "fewer than 5" in box
    assert explorer.errors == []                              # every panel drew the blocked state
    assert "Numbers hidden for this selection" in explorer.findings.key.value
    assert explorer.findings.table.value == ""
    explorer.reset_btn.click()
    assert explorer.blocked_box.value == "" and _denominator(explorer) == "60"


@pytest.mark.slow
def test_explorer_theme_values_never_show_a_bare_star_in_brackets(explorer):
    explorer.controls["icb"].value = "ICB-M1"
    explorer.controls["sex"].value = "Female"
    values = [row.children[2].value for row, _b in explorer._theme_rows.values()]
    assert not any("(*)" in v or "(-)" in v for v in values), values
    note = explorer.theme_note.value
    assert "&lt;5 means 1 to 4" in note and "* means hidden" in note


def test_explorer_says_it_is_working_before_it_redraws(explorer):
    seen = []
    explorer.summary.observe(lambda ch: seen.append(ch["new"]), names="value")
    explorer.controls["region"].value = "London"
    assert len(seen) >= 2 and "Working out the numbers" in seen[0]      # sent before the work
    assert "Working out" not in seen[-1] and _denominator(explorer) == "20"
    seen.clear()
    explorer.reset_btn.click()
    assert "Working out the numbers" in seen[0] and _denominator(explorer) == "60"
