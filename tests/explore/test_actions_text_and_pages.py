"""Actions typed in a workshop: text that names a person is refused and withheld from the pack; two
pages of one workshop file an action once; an action bound to the learning point that was shown."""
from __future__ import annotations

import openpyxl
import pytest

from leder_insights.errors import InputError, StoreError
from leder_insights.explore import (ExplorerState, action_plan, action_text_findings, export_xlsx,
                                    load_explorer_data)
from leder_insights.store import ProjectStore

from _explore_fixtures import TAXONOMY, make_store

# invented people, never real ones
NAMED = [({"action": "Ask Mrs Zelda Quorn-Hartley why the DNACPR was not discussed"}, "action", "TITLE_NAME"),
         ({"owner": "Dr Ivo Plimsoll"}, "owner", "TITLE_NAME"),
         ({"impact": "Tobias (her nephew) satisfied"}, "impact", "NAME_KINSHIP"),
         ({"action": "Call the family on 07700 900123"}, "action", "PHONE"),
         ({"action": "Write to the family at zq@example.org"}, "action", "EMAIL"),
         ({"action": "Ask what QH was told"}, "action", "INITIALS")]
ROLES = [{"action": "Ask the daughter why the DNACPR was not discussed with her", "owner": "the GP",
          "impact": "The family said they were listened to"},
         {"action": "Audit SALT referrals with the ICB LD lead", "owner": "ICB LD lead"},
         {"action": "Share the epilepsy nurse's seizure plan template with the CTLD", "owner": "the ward manager"}]


@pytest.mark.parametrize("fields, field, kind", NAMED)
def test_action_text_findings_name_the_field_and_what_looks_like_a_name(fields, field, kind):
    found = action_text_findings(fields, use_ner=False)
    assert list(found) == [field] and kind in [k for k, _w in found[field]]


@pytest.mark.parametrize("fields", ROLES)
def test_action_text_findings_leave_roles_and_acronyms_alone(fields):
    assert action_text_findings(fields, use_ner=False) == {}


def test_action_text_findings_with_ner_find_a_plain_name():
    found = action_text_findings({"owner": "Sarah Okafor", "action": "Ask the GP",
                                  "impact": "Ask Zelda why the DNACPR was not discussed with her"}, use_ner=True)
    assert found == {"owner": [("NER_PERSON", "Sarah Okafor"), ("NOT_A_ROLE", "Sarah Okafor")],   # no role either
                     "impact": [("NER_PERSON", "Zelda")]}


def _project(tmp_path, n=30):
    store, rv, lp = make_store(tmp_path / "project.duckdb", n_reviews=n)
    store.close()
    return tmp_path, rv, lp


def _state(project):
    return ExplorerState(load_explorer_data(project, taxonomy=TAXONOMY), threshold=5)


def _stored(project):
    with ProjectStore(project, read_only=True) as store:
        return store.actions()


@pytest.mark.slow
def test_state_refuses_an_action_naming_a_person_and_stores_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("LEDER_EXPLORE_NER", "0")
    project, _rv, _lp = _project(tmp_path)
    st = _state(project)
    with pytest.raises(InputError, match=r"\[E208\].*Owner.*title and name.*\"the GP\"") as info:
        st.add_action("Audit seizure plans", theme="epilepsy", owner="Dr Ivo Plimsoll")
    assert "Plimsoll" not in str(info.value)          # the message may reach a log: no name in it
    assert len(_stored(project)) == 0
    a = st.add_action("Audit seizure plans", theme="epilepsy", owner="the epilepsy nurse")
    with pytest.raises(InputError, match=r"\[E208\].*Evidence of impact"):
        st.update_action(a, impact="Mrs Zelda Quorn-Hartley satisfied")
    assert _stored(project)["impact"].tolist() == [None]


@pytest.mark.slow
def test_plan_and_pack_withhold_action_text_an_older_store_holds(tmp_path, monkeypatch):
    monkeypatch.setenv("LEDER_EXPLORE_NER", "0")
    project, _rv, _lp = _project(tmp_path)
    with ProjectStore(project) as store:            # saved before the check (or by another tool)
        store.add_action("Ask Mrs Zelda Quorn-Hartley (daughter) about the DNACPR", theme="epilepsy",
                         owner="Dr Ivo Plimsoll", impact="Mrs Zelda Quorn-Hartley satisfied")
        store.add_action("Audit SALT referrals", theme="aspiration_pneumonia", owner="ICB LD lead")
    st = _state(project)
    plan = action_plan(st).set_index("Theme")
    assert plan.loc["Epilepsy", "Action"].startswith("[withheld: may name a person")
    assert plan.loc["Epilepsy", "Owner"] == plan.loc["Epilepsy", "Evidence of impact"] == plan.loc["Epilepsy", "Action"]
    assert plan.loc["Aspiration pneumonia", "Action"] == "Audit SALT referrals"
    cells = [str(v) for ws in openpyxl.load_workbook(export_xlsx(st, tmp_path / "pack.xlsx")).worksheets
             for row in ws.iter_rows(values_only=True) for v in row if v is not None]
    assert not [c for c in cells if "Zelda" in c or "Plimsoll" in c]
    assert sum("[withheld: may name a person" in c for c in cells) == 3
    assert "Audit SALT referrals" in cells


@pytest.mark.slow
def test_a_second_page_files_the_same_action_once(tmp_path):
    project, _rv, _lp = _project(tmp_path)
    page_a, page_b = _state(project), _state(project)         # B loaded before A saved
    page_a.add_action("Commission easy-read discharge letters", theme="epilepsy", if_new=True)
    assert page_b.data.actions.empty
    with pytest.raises(StoreError, match=r"\[E207\].*already saved on this theme"):
        page_b.add_action("commission easy-read  discharge letters ", theme="epilepsy", if_new=True)
    assert len(_stored(project)) == 1 and len(page_b.data.actions) == 1   # B now shows A's action
    page_b.add_action("Commission easy-read discharge letters", theme="medication", if_new=True)
    assert len(_stored(project)) == 2                                      # another theme is another action


@pytest.mark.slow
def test_action_bound_to_the_learning_point_shown_after_paging_and_filtering(tmp_path):
    project, _rv, lp = _project(tmp_path, n=40)
    st = _state(project)
    st.set_page(1).select_row(2)
    ref = st.selected_ref()
    shown = st.excerpt()["text"]
    st.set_page(0)
    st.set_filter("region", "London")                  # the room moves on before saving
    assert st.selected is None
    target = st.learning_point(ref)
    assert target["text"] == shown
    aid = st.add_action("Share the seizure plan template", lp_refs=[ref], theme=target["themes"][0], if_new=True)
    saved = st.data.actions.set_index("action_id").loc[aid, "lp_ids"]
    assert len(saved) == 1
    assert lp.set_index("lp_id").loc[saved[0], "text"] == shown
    with pytest.raises(InputError, match=r"\[E005\]"):
        st.learning_point("lp-0000000000")
    assert action_plan(st).loc[0, "Learning points"] == 1
