"""The briefing's panels in the explorer: key findings first; actions added and edited through the
explore state, and the recurring themes without an open action."""
from __future__ import annotations

import html as html_mod
import re

import pytest

from leder_insights.explore import ExplorerState, load_explorer_data
from leder_insights.widgets import ThemeExplorer
from leder_insights.widgets._explorer import TABS

from _widget_fixtures import TAXONOMY, make_frames, make_store


def _text(html):
    return html_mod.unescape(re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def store_explorer(tmp_path):
    store, _rv, _lp = make_store(tmp_path / "project.duckdb", n_reviews=30)
    store.close()
    return ThemeExplorer(ExplorerState(load_explorer_data(tmp_path), threshold=5))


@pytest.mark.slow
def test_panels_key_findings_lead_and_tables_switch(store_explorer):
    ex = store_explorer
    assert TABS[0] == "Key findings" and ex.tabs.selected_index == 0
    assert "Median age at death" in _text(ex.findings.key.value)
    ex.findings.choice.value = "Place of death"
    assert "Hospital" in _text(ex.findings.table.value)
    ex.controls["region"].value = "London"              # findings follow the filters
    assert "10 reviews" in _text(ex.findings.key.value) or "Fewer than" in _text(ex.findings.key.value)
    assert ex.errors == []


@pytest.mark.slow
def test_panels_actions_added_and_edited_through_the_state(store_explorer):
    ex, panel = store_explorer, store_explorer.actions
    assert panel.can_write and not panel.save_btn.disabled
    gaps_before = _text(panel.gaps.value)
    assert "Epilepsy" in gaps_before                    # a recurring theme, no action yet
    panel.theme.value = "epilepsy"
    panel.text.value = "Audit seizure plans in supported living"
    panel.owner.value = "ICB LD lead"
    panel.due.value = "2027-03-31"
    panel.save_btn.click()
    assert ex.errors == [], ex.errors
    assert "Added: an action on Epilepsy" in panel.saved.value
    assert "Audit seizure plans" in _text(panel.plan.value) and "Open" in _text(panel.plan.value)
    assert "Epilepsy" not in _text(panel.gaps.value)   # it has an open action now
    aid = ex.state.data.actions["action_id"].iloc[0]
    panel.pick.value = aid                              # edit: mark it done with evidence
    assert panel.text.value.startswith("Audit seizure plans")
    panel.status.value = "done"
    panel.impact.value = "All 12 plans reviewed"
    panel.save_btn.click()
    assert ex.errors == [], ex.errors
    plan = _text(panel.plan.value)
    assert "Done" in plan and "All 12 plans reviewed" in plan
    assert "Epilepsy" in _text(panel.gaps.value)       # no open action any more


def test_panels_actions_need_a_store():
    rv, lp = make_frames(20)
    ex = ThemeExplorer.from_frames(rv, lp, taxonomy=TAXONOMY, deidentified=True)
    assert not ex.actions.can_write and ex.actions.save_btn.disabled
    assert "project store" in ex.actions.note.value
    with pytest.raises(ValueError, match=r"\[E005\]"):
        ex.state.add_action("x", theme="epilepsy")


def _other_theme(panel):
    """A theme other than the one the form offers (the top recurring theme without an action)."""
    return next(v for _l, v in panel.theme.options if v != panel.theme.value)


def _stored(ex):
    acts = ex.state.data.actions
    return [] if acts is None else list(zip(acts["theme"], acts["action"]))


@pytest.mark.slow
def test_panels_action_theme_is_the_one_chosen_after_a_filter_change(store_explorer):
    ex, panel = store_explorer, store_explorer.actions
    chosen = _other_theme(panel)
    panel.theme.value = chosen
    panel.text.value = "Audit antipsychotic reviews"
    ex.controls["sex"].value = ex.controls["sex"].options[1][1]   # someone asks "and for women?"
    assert panel.theme.value == chosen                             # the refresh kept the choice
    panel.save_btn.click()
    assert ex.errors == [], ex.errors
    assert _stored(ex) == [(chosen, "Audit antipsychotic reviews")]
    label = ex.state.data.themes.labels[chosen]
    assert f"Added: an action on {label}" in _text(panel.saved.value)
    # a theme the user did not touch but that is shown beside typed text is not moved either
    shown = panel.theme.value
    panel.text.value = "Second action"
    ex.controls["sex"].value = ""
    assert panel.theme.value == shown


def test_panels_action_double_click_on_save_files_it_once(store_explorer):
    ex, panel = store_explorer, store_explorer.actions
    chosen = _other_theme(panel)
    panel.theme.value = chosen
    panel.text.value = "Share the seizure plan template"
    panel.owner.value = "Epilepsy nurse"
    panel.save_btn.click()
    panel.save_btn.click()                                          # the second click of a double-click
    assert ex.errors == [], ex.errors
    assert _stored(ex) == [(chosen, "Share the seizure plan template")]
    assert panel.text.value == "" and panel.owner.value == ""       # the form was cleared
    assert "Already saved" in _text(panel.saved.value)
    assert ex.state.data.themes.labels[chosen] in _text(panel.saved.value)
    # the same text typed again on the same theme is not filed twice either
    panel.theme.value = chosen
    panel.text.value = "Share the seizure plan template "
    panel.save_btn.click()
    assert len(_stored(ex)) == 1 and "Already saved" in _text(panel.saved.value)
    # the message wraps under the button in the form's own width: the plan beside it keeps its width
    form = panel.widget.children[1].children[1]
    assert panel.saved in form.children and panel.save_btn in form.children
    assert form.layout.width == "630px" and panel.saved.layout.width == "620px"
    assert panel.widget.children[1].children[0].layout.flex == "0 0 560px"


def test_panels_action_form_offers_the_theme_whose_evidence_was_opened(store_explorer):
    ex, panel = store_explorer, store_explorer.actions
    read = _other_theme(panel)
    ex._theme_rows[read][1].click()                                 # open its learning points
    ex.controls["sex"].value = ex.controls["sex"].options[1][1]
    assert panel.theme.value == read


@pytest.mark.slow
def test_panels_action_stale_edit_in_a_second_tab_is_refused(tmp_path):
    store, _rv, _lp = make_store(tmp_path / "project.duckdb", n_reviews=30)
    store.close()
    tab_a = ThemeExplorer(ExplorerState(load_explorer_data(tmp_path), threshold=5))
    tab_a.actions.theme.value = "epilepsy"
    tab_a.actions.text.value = "Audit seizure plans"
    tab_a.actions.owner.value = "ICB LD lead"
    tab_a.actions.save_btn.click()
    aid = tab_a.state.data.actions["action_id"].iloc[0]
    tab_b = ThemeExplorer(ExplorerState(load_explorer_data(tmp_path), threshold=5))
    tab_b.actions.pick.value = aid                                  # B loads the form first
    tab_a.actions.pick.value = aid
    tab_a.actions.status.value = "done"
    tab_a.actions.save_btn.click()
    assert tab_a.errors == [], tab_a.errors
    tab_b.actions.owner.value = "Named GP lead"                     # B's form still shows Open
    tab_b.actions.save_btn.click()
    assert tab_b.errors == [] and tab_b.error_box.value == ""       # said in the form, plainly (facil8 F2)
    said = tab_b.actions.saved.value
    assert "someone else changed this action" in said and "shows their saved version" in said
    assert "Named GP lead" in said and "make it again" in said        # B's own change is repeated, not lost
    row = tab_b.state.data.actions.iloc[0]
    assert (row["status"], row["owner"]) == ("done", "ICB LD lead")  # A's change was kept
    assert tab_b.actions.status.value == "done"                     # B's form now shows the saved version
    tab_b.actions.owner.value = "Named GP lead"                      # and B can make the change again
    tab_b.actions.save_btn.click()
    assert tab_b.errors == [] and "Updated" in tab_b.actions.saved.value
    row = tab_b.state.data.actions.iloc[0]
    assert (row["status"], row["owner"]) == ("done", "Named GP lead")
