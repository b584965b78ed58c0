"""The main job (``leder-insights demo``) end to end on a small synthetic corpus."""
import json

import pytest

from leder_insights.cli import main


@pytest.fixture(scope="module")
def demo_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo") / "out"
    code = main(["demo", "-o", str(out), "-n", "30", "--seed", "777", "--n-process", "1"])
    assert code == 0
    return out


@pytest.mark.slow
def test_demo_writes_store_report_and_summary(demo_out):
    from leder_insights.store import ProjectStore

    summary = json.loads((demo_out / "summary.json").read_text())
    assert summary["rows_in"] == summary["reviews"] + summary["quarantined"] == 30
    assert summary["learning_points"] > 30
    with ProjectStore(demo_out / "project.duckdb", read_only=True) as store:
        assert len(store.reviews()) == 30
        lps = store.learning_points_with_themes()
        assert len(lps) == summary["learning_points"]
        assert lps["themes"].map(len).sum() > 0, "some learning points should carry themes"
        runs = store.runs()
        assert {"deid", "themes"} <= set(runs["kind"])
        assert runs["config_hash"].str.len().min() == 16
        ents = store.entities()
        assert len(ents) > 100 and "text" not in ents.columns
    html = (demo_out / "report.html").read_text()
    assert html.count("<img src='data:image/png;base64,") == 4
    assert html.count("<table") >= 4 and "emerging" in html


@pytest.mark.slow
def test_demo_report_and_store_show_no_gold_identifiers(demo_out, find_gold_leaks):
    from leder_insights.corpus import synthesize
    from leder_insights.store import ProjectStore

    corpus = synthesize(n_reviews=30, seed=777)  # the corpus the demo fixture synthesised
    # the local profile keeps hospital, trust and council names by design (config
    # deid.profiles.local.keep_organization_types); people, places, ids and contacts must go
    cats = ("PERSON", "ID", "CONTACT", "LOCATION")
    html = (demo_out / "report.html").read_text()
    assert not find_gold_leaks(corpus, html, categories=cats)
    with ProjectStore(demo_out / "project.duckdb", read_only=True) as store:
        deid = store.deid_reviews()
        lps = store.learning_points()
    blob = "\n".join(deid.astype(str).agg(" ".join, axis=1)) + "\n".join(lps["text"])
    orgs = corpus.entities.loc[corpus.entities["category"] == "ORGANIZATION", "text"]
    for org in sorted(set(orgs), key=len, reverse=True):  # kept names may contain a town or a name
        blob = blob.replace(org, " ")
    assert not find_gold_leaks(corpus, blob, categories=cats)
