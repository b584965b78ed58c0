"""From learning to action: actions in the store, recurring themes with no open action, the plan."""
from __future__ import annotations

import openpyxl
import pytest
from pptx import Presentation

from leder_insights.errors import StoreError
from leder_insights.explore import (ExplorerState, action_plan, add_action, export_pptx, export_xlsx,
                                    load_explorer_data, themes_without_action, update_action)
from leder_insights.store import ProjectStore

from _explore_fixtures import TAXONOMY, make_store


def _project(tmp_path, n=30):
    store, rv, lp = make_store(tmp_path / "project.duckdb", n_reviews=n)
    store.close()
    return tmp_path, rv, lp


def test_actions_added_updated_and_validated(tmp_path):
    project, _rv, lp = _project(tmp_path)
    a = add_action(project, "Audit SALT referrals", theme="aspiration_pneumonia", owner="ICB LD lead",
                   due_date="31/03/2027")
    b = add_action(project, "Share the seizure plan template", lp_ids=[lp.lp_id[0], lp.lp_id[1]])
    update_action(project, a, status="done", impact="Referral time down from 6 to 2 weeks")
    with ProjectStore(project) as store:
        acts = store.actions().set_index("action_id")
        assert acts.loc[a, "status"] == "done" and acts.loc[a, "due_date"] == "2027-03-31"
        assert acts.loc[a, "impact"].startswith("Referral time") and acts.loc[b, "lp_ids"] == [lp.lp_id[0], lp.lp_id[1]]
        for bad in ({"status": "finished"}, {"due_date": "next week"}, {"action": " "}):
            with pytest.raises(StoreError, match=r"\[E204\]"):
                store.update_action(a, **bad)
        with pytest.raises(StoreError, match=r"\[E204\]"):
            store.add_action("No target")
        with pytest.raises(StoreError, match=r"\[E204\]"):
            store.update_action("nope", status="done")


def test_actions_survive_a_reimport_of_reviews(tmp_path):
    project, rv, lp = _project(tmp_path, n=12)
    add_action(project, "Audit SALT referrals", theme="aspiration_pneumonia")
    with ProjectStore(project) as store:
        store.save_reviews(rv)                         # re-import the same reviews
        store.save_learning_points(lp, "rerun")        # and re-run the splitter
        store.save_predictions(lp, "rerun", "m2")
        assert len(store.actions()) == 1 and len(store.reviews()) == len(rv)


@pytest.mark.slow
def test_recurring_themes_without_open_action(tmp_path):
    project, _rv, lp = _project(tmp_path, n=40)
    st = ExplorerState(load_explorer_data(project, taxonomy=TAXONOMY), threshold=5)
    before = set(themes_without_action(st)["theme"])
    tc = st.views().theme_counts
    assert before == set(tc.loc[tc["_n"] >= 5, "theme"])
    a = add_action(project, "Audit SALT referrals", theme="aspiration_pneumonia")
    epi_lp = lp[[("epilepsy" in ts) for ts in lp.themes]].lp_id.iloc[0]
    add_action(project, "Seizure plans reviewed", lp_ids=[epi_lp], status="in_progress")
    st = ExplorerState(load_explorer_data(project, taxonomy=TAXONOMY), threshold=5)
    gaps = themes_without_action(st)
    assert "aspiration_pneumonia" not in set(gaps["theme"])
    assert "epilepsy" not in set(gaps["theme"])  # covered through its learning point
    update_action(project, a, status="done")
    st = ExplorerState(load_explorer_data(project, taxonomy=TAXONOMY), threshold=5)
    gaps = themes_without_action(st).set_index("theme")
    assert gaps.loc["aspiration_pneumonia", "Actions so far"] == 1
    assert list(gaps["Reviews"]) == sorted(gaps["Reviews"], key=int, reverse=True)


@pytest.mark.slow
def test_action_plan_in_steering_pack_without_learning_point_ids(tmp_path):
    project, _rv, lp = _project(tmp_path, n=30)
    add_action(project, "Audit SALT referrals", theme="aspiration_pneumonia", owner="ICB LD lead",
               due_date="2027-03-31")
    add_action(project, "Share the seizure plan template", lp_ids=[lp.lp_id[0]], owner="Epilepsy nurse")
    st = ExplorerState(load_explorer_data(project, taxonomy=TAXONOMY), threshold=5)
    plan = action_plan(st)
    assert list(plan.columns)[:5] == ["Theme", "Action", "Owner", "Due", "Status"]
    assert set(plan["Action"]) == {"Audit SALT referrals", "Share the seizure plan template"}
    assert lp.lp_id[0] not in plan.to_string() and lp.review_id[0] not in plan.to_string()
    wb = openpyxl.load_workbook(export_xlsx(st, tmp_path / "pack.xlsx"))
    rows = list(wb["Action plan"].iter_rows(values_only=True))
    assert rows[0][:5] == ("Theme", "Action", "Owner", "Due", "Status") and len(rows) == 3
    prs = Presentation(export_pptx(st, tmp_path / "pack.pptx"))
    titles = [s.shapes.title.text for s in prs.slides if s.shapes.title is not None]
    assert "Action plan" in titles


@pytest.mark.slow
def test_state_records_and_changes_actions_in_its_store(tmp_path):
    project, _rv, _lp = _project(tmp_path, n=30)
    st = ExplorerState(load_explorer_data(project, taxonomy=TAXONOMY), threshold=5)
    assert "aspiration_pneumonia" in set(themes_without_action(st)["theme"])
    a = st.add_action("Audit SALT referrals", theme="aspiration_pneumonia", owner="ICB LD lead")
    assert "aspiration_pneumonia" not in set(themes_without_action(st)["theme"])
    st.update_action(a, status="done", impact="All referrals within 2 weeks")
    assert "aspiration_pneumonia" in set(themes_without_action(st)["theme"])
    with ProjectStore(project, read_only=True) as store:
        assert store.actions()["impact"].tolist() == ["All referrals within 2 weeks"]


def test_state_without_a_store_cannot_record_actions(state):
    from leder_insights.errors import UsageError

    with pytest.raises(UsageError, match=r"\[E005\]"):
        state.add_action("x", theme="epilepsy")


def test_action_update_refused_when_changed_since_read_and_writes_only_given_fields(tmp_path):
    project, _rv, _lp = _project(tmp_path, n=12)
    a = add_action(project, "Audit SALT referrals", theme="aspiration_pneumonia", owner="ICB LD lead")
    with ProjectStore(project) as store:
        seen = store.actions()["updated_at"].iloc[0]
        store.update_action(a, status="done", expected_updated_at=seen)        # tab A
        with pytest.raises(StoreError, match=r"\[E206\].*Make your change again on the saved version"):
            store.update_action(a, owner="Named GP lead", status="open", expected_updated_at=seen)  # stale tab B
        row = store.actions().iloc[0]
        assert (row["status"], row["owner"]) == ("done", "ICB LD lead")
        store.update_action(a, owner="Named GP lead", expected_updated_at=row["updated_at"])
        row = store.actions().iloc[0]
        assert (row["status"], row["owner"]) == ("done", "Named GP lead")
