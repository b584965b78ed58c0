"""Loading explorer data from a project store, from exported frames, and the workshop app."""
from __future__ import annotations

import json

import pytest

from leder_insights.errors import LederError
from leder_insights.explore import ExplorerState, is_project, load_explorer_data, save_frames_project

from _explore_fixtures import TAXONOMY, make_frames, make_store


def test_project_loads_store_with_deidentified_text_and_model_versions(tmp_path):
    store, rv, lp = make_store(tmp_path / "project.duckdb")
    store.close()
    data = load_explorer_data(tmp_path, taxonomy=TAXONOMY)
    assert len(data.lps) == len(lp) and len(data.reviews) == len(rv)
    assert data.meta["model_versions"]["themes"] == {"themes": "fixture-model-1"}
    ev = data.lps.set_index("lp_id").loc[lp.lp_id[0], "evidence"]
    assert ev == lp.evidence[0]
    st = ExplorerState(data)
    assert st.views().denominator == len(rv)


def test_project_frames_round_trip(tmp_path):
    rv, lp = make_frames(12)
    save_frames_project(rv, lp, tmp_path, {"model_versions": {"themes": "x"}}, deidentified=True)
    assert is_project(tmp_path)
    data = load_explorer_data(tmp_path, taxonomy=TAXONOMY)
    assert data.lps["themes"].tolist() == lp["themes"].tolist()
    assert data.lps["evidence"].tolist() == lp["evidence"].tolist()
    assert json.loads((tmp_path / "meta.json").read_text())["model_versions"] == {"themes": "x"}
    assert "pen_portrait" not in data.reviews.columns


def test_project_without_store_is_e502(tmp_path):
    assert not is_project(tmp_path)
    with pytest.raises(LederError, match=r"\[E502\]"):
        load_explorer_data(tmp_path)
