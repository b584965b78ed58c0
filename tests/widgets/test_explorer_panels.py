"""The briefing's panels in the explorer: key findings first; actions added and edited through the
explore state, and the recurring themes without an open action."""
from __future__ import annotations

import re

import pytest

from leder_insights.explore import ExplorerState, load_explorer_data
from leder_insights.widgets import ThemeExplorer
from leder_insights.widgets._explorer import TABS

from _widget_fixtures import TAXONOMY, make_frames, make_store


def _text(html):
    return re.sub(r"<[^>]+>", " ", html)


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
