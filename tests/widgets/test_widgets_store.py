"""Widgets over a project: the de-identification review from a store, the shipped workshop notebook."""
from __future__ import annotations

import pytest

from leder_insights.widgets import DeidReviewState, workshop_notebook

from _widget_fixtures import make_store


def test_project_deid_review_from_store_pairs_original_and_entities(tmp_path, monkeypatch):
    monkeypatch.delenv("LEDER_WORKSHOP", raising=False)
    store, _rv, _lp = make_store(tmp_path / "project.duckdb", n_reviews=8)
    st = DeidReviewState.from_store(store, n=5, seed=1)
    cur = st.current()
    assert cur["original"].startswith("Person ") and cur["deidentified"].startswith("[PERSON]")
    e = cur["entities"][0]
    assert cur["original"][e["start"]:e["end"]].startswith("Person")
    st.mark_missed_text("home", "LOCATION").complete()
    st.save()
    qa = store.deid_qa()
    assert set(qa["kind"]) == {"ok", "missed"}
    store.close()


@pytest.mark.slow
def test_project_workshop_notebook_shipped_and_in_sync():
    import nbformat

    from _widget_fixtures import __file__ as fx

    from pathlib import Path

    repo = Path(fx).resolve().parents[2]
    shipped = nbformat.read(workshop_notebook(), as_version=4)
    repo_nb = nbformat.read(repo / "notebooks" / "03_workshop_explorer.ipynb", as_version=4)
    assert [c.source for c in shipped.cells] == [c.source for c in repo_nb.cells]
    assert "workshop_page()" in shipped.cells[-1].source
