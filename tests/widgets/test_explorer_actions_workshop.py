"""The Actions form in a workshop: a name typed in is refused with the words found; a second page
sees the first one's action and does not file it again; "Saving…" first, the form cleared only once
the store has the action; an action for the learning point shown; the unsaved-text marker."""
from __future__ import annotations

import html as html_mod
import re

import pytest

from leder_insights.explore import ExplorerState, load_explorer_data
from leder_insights.store import ProjectStore
from leder_insights.widgets import ThemeExplorer
from leder_insights.widgets._explorer import TABS

from _widget_fixtures import make_store


def _text(html):
    return html_mod.unescape(re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.setenv("LEDER_EXPLORE_NER", "0")
    store, _rv, lp = make_store(tmp_path / "project.duckdb", n_reviews=30)
    store.close()
    return tmp_path, lp


def _page(project_dir):
    return ThemeExplorer(ExplorerState(load_explorer_data(project_dir), threshold=5))


def _stored(project_dir):
    with ProjectStore(project_dir, read_only=True) as store:
        return store.actions()


def test_form_refuses_a_name_says_what_and_keeps_the_text(project):
    ex = _page(project[0])
    panel = ex.actions
    panel.theme.value = "epilepsy"
    panel.text.value = "Ask Mrs Zelda Quorn-Hartley why the seizure plan was not shared"
    panel.owner.value = "Dr Ivo Plimsoll"
    panel.save_btn.click()
    said = _text(panel.saved.value)
    assert ex.errors == [] and ex.error_box.value == ""          # a message in the form, nothing logged
    assert '"Mrs Zelda Quorn-Hartley" looks like a title and name' in said
    assert 'Owner: "Dr Ivo Plimsoll"' in said and '"the GP"' in said and "Nothing was saved" in said
    assert len(_stored(project[0])) == 0
    assert panel.text.value.startswith("Ask Mrs Zelda") and panel.owner.value == "Dr Ivo Plimsoll"
    panel.text.value = "Ask the daughter why the seizure plan was not shared"
    panel.owner.value = "the epilepsy nurse"
    panel.save_btn.click()
    assert "Added: an action on Epilepsy" in _text(panel.saved.value)
    assert _stored(project[0])["owner"].tolist() == ["the epilepsy nurse"]


def test_second_page_sees_the_first_pages_action_and_does_not_file_it_twice(project):
    page_a, page_b = _page(project[0]), _page(project[0])        # B loaded before A saved
    for page in (page_a, page_b):
        page.actions.theme.value = "epilepsy"
        page.actions.text.value = "Commission easy-read discharge letters"
    page_a.actions.save_btn.click()
    page_b.tabs.selected_index = TABS.index("Actions")            # B goes to Actions: A's action is listed
    assert "Commission easy-read discharge letters" in _text(page_b.actions.plan.value)
    page_b.actions.save_btn.click()                                # and B's own copy is not filed
    assert page_a.errors == page_b.errors == []
    assert len(_stored(project[0])) == 1
    assert "Already saved" in _text(page_b.actions.saved.value)
    assert "another page" in _text(page_b.actions.saved.value)


def test_saving_says_so_first_and_clears_the_form_only_once_stored(project, monkeypatch):
    ex = _page(project[0])
    panel = ex.actions
    seen = {}
    real = ex.state.add_action

    def add_action(*args, **kwargs):                # what the room sees while the store writes
        seen.update(status=_text(panel.saved.value).strip(), text=panel.text.value, button=panel.save_btn.disabled)
        return real(*args, **kwargs)

    monkeypatch.setattr(ex.state, "add_action", add_action)
    panel.theme.value = "epilepsy"
    panel.text.value = "Audit seizure plans"
    panel.save_btn.click()
    assert seen == {"status": "Saving…", "text": "Audit seizure plans", "button": True}
    assert panel.text.value == "" and not panel.save_btn.disabled
    assert "Added: an action on Epilepsy" in _text(panel.saved.value)


def test_form_marks_unsaved_text_for_the_leave_page_warning(project):
    panel = _page(project[0]).actions
    assert "li-action-form" in panel.form._dom_classes and "li-unsaved" not in panel.form._dom_classes
    panel.text.value = "Audit seizure plans"
    assert "li-unsaved" in panel.form._dom_classes
    panel.save_btn.click()
    assert "li-unsaved" not in panel.form._dom_classes
    aid = _stored(project[0])["action_id"].iloc[0]
    panel.pick.value = aid                                         # loading an action is not a change
    assert "li-unsaved" not in panel.form._dom_classes
    panel.status.value = "done"
    assert "li-unsaved" in panel.form._dom_classes


def test_action_for_the_learning_point_shown_after_paging_and_filtering(project):
    project_dir, lp = project
    ex = _page(project_dir)
    panel = ex.actions
    assert panel.lp_btn.disabled                                   # nothing open yet
    ex._page(+1)
    ex.open_buttons[2].click()                                     # learning point 3 of page 2
    assert not panel.lp_btn.disabled
    shown = html_mod.unescape(re.sub(r"<[^>]+>", "", ex.excerpt.value))
    panel.lp_btn.click()
    assert ex.tabs.selected_index == TABS.index("Actions")
    assert "For the learning point" in _text(panel.lp_note.value)
    ex._page(-1)                                                   # the room pages and filters on
    ex.controls["region"].value = "London"
    assert panel.lp_btn.disabled                                   # nothing is open now
    panel.text.value = "Share the seizure plan template"
    panel.save_btn.click()
    assert ex.errors == [], ex.errors
    assert "Added: an action on the learning point on" in _text(panel.saved.value)
    saved = _stored(project_dir)["lp_ids"].iloc[0]
    assert len(saved) == 1
    text = lp.set_index("lp_id").loc[saved[0], "text"]
    assert text in shown                                           # the one on screen when chosen
    assert panel.lp_note.value == ""                               # the form is new again
    assert "1" in _text(panel.plan.value)


def test_action_for_a_learning_point_can_go_back_to_the_theme_only(project):
    ex = _page(project[0])
    ex.open_buttons[0].click()
    ex.actions.lp_btn.click()
    ex.actions.lp_clear.click()
    ex.actions.text.value = "Audit medication reviews"
    ex.actions.save_btn.click()
    assert ex.errors == [] and _stored(project[0])["lp_ids"].iloc[0] == []


def test_saving_ends_in_a_plain_failure_when_the_store_fails(project, monkeypatch):
    ex = _page(project[0])
    panel = ex.actions

    def broken(*_a, **_k):
        raise OSError("disk full at /srv/x")

    monkeypatch.setattr(ex.state, "add_action", broken)
    panel.theme.value = "epilepsy"
    panel.text.value = "Audit seizure plans"
    panel.save_btn.click()
    said = _text(panel.saved.value)
    assert "Saving" not in said and said.strip().startswith("Not saved: Something went wrong (OSError)")
    assert "/srv/x" not in said and panel.text.value == "Audit seizure plans" and not panel.save_btn.disabled


def test_two_pages_edit_one_action_the_later_stale_save_is_refused_and_repeated(project):
    page_a, page_b = _page(project[0]), _page(project[0])
    page_a.actions.theme.value = "epilepsy"
    page_a.actions.text.value = "Audit seizure plans"
    page_a.actions.owner.value = "the ICB LD lead"
    page_a.actions.save_btn.click()
    aid = page_a.state.data.actions["action_id"].iloc[0]
    page_b.tabs.selected_index = TABS.index("Actions")
    for page in (page_a, page_b):                                   # both open it in Edit
        page.actions.pick.value = aid
    page_b.actions.due.value = "2027-06-30"
    page_b.actions.save_btn.click()
    assert "Updated" in _text(page_b.actions.saved.value)
    page_a.actions.owner.value = "the LD nurse consultant"         # A's form was loaded before B saved
    page_a.actions.save_btn.click()
    said = _text(page_a.actions.saved.value)
    assert said.strip().startswith("Not saved: someone else changed this action after you opened it.")
    assert 'Your change (Owner "the LD nurse consultant") was not saved' in said
    assert page_a.actions.due.value == "2027-06-30" and page_a.actions.owner.value == "the ICB LD lead"
    assert page_a.errors == page_b.errors == []
    row = _stored(project[0]).iloc[0]
    assert (row["owner"], row["due_date"]) == ("the ICB LD lead", "2027-06-30")
    page_a.actions.owner.value = "the LD nurse consultant"          # made again on the saved version
    page_a.actions.save_btn.click()
    row = _stored(project[0]).iloc[0]
    assert (row["owner"], row["due_date"]) == ("the LD nurse consultant", "2027-06-30")


def test_showing_the_actions_tab_loads_the_name_check_once_in_the_background(project):
    ex = _page(project[0])
    assert ex.actions._warming is None
    ex.tabs.selected_index = TABS.index("Actions")
    first = ex.actions._warming
    first.join(timeout=60)
    assert first is not None and not first.is_alive()
    ex.tabs.selected_index = 0
    ex.tabs.selected_index = TABS.index("Actions")
    assert ex.actions._warming is first
