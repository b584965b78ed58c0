"""Actions: a lone first name is refused and withheld from the pack, the Owner is a role or team;
an edit based on a version someone else has since changed is refused and nothing is lost."""
from __future__ import annotations

import openpyxl
import pytest
from pptx import Presentation

from leder_insights.errors import InputError, StoreError
from leder_insights.explore import (ExplorerState, action_plan, action_text_findings, check_action_text,
                                    describe_findings, export_pptx, export_xlsx, load_explorer_data)
from leder_insights.store import ProjectStore

from _explore_fixtures import TAXONOMY, make_store

# invented people, never real ones
FORENAMED = [({"action": "Follow up with Ayesha about the annual check"}, "action"),
             ({"owner": "Kwame, community nurse"}, "owner"),
             ({"owner": "Priya from the LD team"}, "owner"),
             ({"impact": "Bronwen said the passport was read"}, "impact")]


@pytest.mark.parametrize("fields, field", FORENAMED)
def test_action_text_findings_refuse_a_lone_first_name(fields, field):
    found = action_text_findings(fields, use_ner=False)
    assert list(found) == [field] and ("FORENAME" in [k for k, _w in found[field]])


@pytest.mark.parametrize("owner", ["the community nurse", "GP practice manager", "ICB LD lead", "Named GP lead",
                                   "Safeguarding adults board", "the learning disability liaison team"])
def test_owner_that_is_a_role_or_team_is_accepted(owner):
    assert action_text_findings({"owner": owner, "action": "Audit SALT referrals"}, use_ner=False) == {}


@pytest.mark.parametrize("owner", ["Kwame", "Zanele Okoro", "myself"])
def test_owner_without_a_role_is_refused_with_a_plain_request_for_one(owner):
    found = action_text_findings({"owner": owner}, use_ner=False)
    assert "NOT_A_ROLE" in [k for k, _w in found["owner"]]
    said = describe_findings(found)
    assert 'should be a role or team, not a person ("community nurse", "GP practice manager")' in said
    with pytest.raises(InputError, match=r"\[E208\].*Owner") as info:
        check_action_text({"owner": owner, "action": "Audit SALT referrals"}, use_ner=False)
    assert owner not in str(info.value)          # the raised message may reach a log: no words of it


def _project(tmp_path, n=30):
    store, _rv, _lp = make_store(tmp_path / "project.duckdb", n_reviews=n)
    store.close()
    return tmp_path


def _state(project):
    return ExplorerState(load_explorer_data(project, taxonomy=TAXONOMY), threshold=5)


def _stored(project):
    with ProjectStore(project, read_only=True) as store:
        return store.actions().set_index("action_id")


@pytest.mark.slow
def test_first_names_an_older_store_holds_are_withheld_from_plan_and_pack(tmp_path, monkeypatch):
    monkeypatch.setenv("LEDER_EXPLORE_NER", "0")
    project = _project(tmp_path)
    with ProjectStore(project) as store:           # saved before the check
        store.add_action("Follow up with Ayesha about the annual check", theme="epilepsy",
                         owner="Kwame, community nurse")
    st = _state(project)
    with pytest.raises(InputError, match=r"\[E208\]"):
        st.add_action("Ask Bronwen whether the hospital passport was read", theme="epilepsy", owner="the ICB LD lead")
    plan = action_plan(st).set_index("Theme")
    assert plan.loc["Epilepsy", "Action"].startswith("[withheld: may name a person")
    assert plan.loc["Epilepsy", "Owner"] == plan.loc["Epilepsy", "Action"]
    cells = [str(v) for ws in openpyxl.load_workbook(export_xlsx(st, tmp_path / "pack.xlsx")).worksheets
             for row in ws.iter_rows(values_only=True) for v in row if v is not None]
    slides = [sh.text_frame.text if sh.has_text_frame else
              " ".join(c.text for r in sh.table.rows for c in r.cells) if sh.has_table else ""
              for s in Presentation(str(export_pptx(st, tmp_path / "pack.pptx"))).slides for sh in s.shapes]
    for text in cells + slides:
        assert not any(n in text for n in ("Ayesha", "Kwame", "Bronwen")), text
    assert sum("[withheld: may name a person" in c for c in cells) == 2
    assert any("[withheld: may name a person" in s for s in slides)


@pytest.mark.slow
def test_an_edit_on_a_stale_version_is_refused_and_both_pages_then_show_the_saved_one(tmp_path, monkeypatch):
    monkeypatch.setenv("LEDER_EXPLORE_NER", "0")
    project = _project(tmp_path)
    page_a = _state(project)
    aid = page_a.add_action("Audit SALT referrals", theme="epilepsy", owner="the ICB LD lead")
    page_b = _state(project)                                   # B opens the same action
    seen_a = page_a.data.actions.set_index("action_id").loc[aid, "updated_at"]
    page_b.update_action(aid, due_date="2027-06-30")           # B saves first (its own version)
    with pytest.raises(StoreError, match=r"\[E206\].*changed elsewhere"):
        page_a.update_action(aid, owner="the LD nurse consultant", expected_updated_at=seen_a)
    row = _stored(project).loc[aid]
    assert (row["owner"], row["due_date"]) == ("the ICB LD lead", "2027-06-30")   # B's change kept
    assert page_a.data.actions.set_index("action_id").loc[aid, "due_date"] == "2027-06-30"  # A shows it now
    # A's page, without passing a version, is held to the version it last read (no silent overwrite)
    page_b.update_action(aid, status="in_progress")
    with pytest.raises(StoreError, match=r"\[E206\]"):
        page_a.update_action(aid, owner="the LD nurse consultant")
    assert _stored(project).loc[aid, "status"] == "in_progress"
    page_a.update_action(aid, owner="the LD nurse consultant")  # on the version it now shows: saved
    row = _stored(project).loc[aid]
    assert (row["owner"], row["due_date"], row["status"]) == ("the LD nurse consultant", "2027-06-30", "in_progress")
