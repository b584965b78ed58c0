"""The steering-group report: key findings, words not codes, no JSON, readable clusters."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pandas as pd
import pytest

from leder_insights.jobs import write_report
from leder_insights.jobs._report import is_boilerplate_cluster, readable_cluster_name

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "explore"))
from _explore_fixtures import make_store  # noqa: E402

CLUSTERS = pd.DataFrame([
    {"cluster": 0, "size": 40, "name": "best interests / meeting / interests meeting",
     "top_terms": ["best interests", "meeting", "interests meeting", "easy read"],
     "top_themes": {"mental_capacity": 0.45}, "emerging": False, "no_theme_share": 0.1,
     "examples": ["[PERSON_1] was left out of the best interests meeting."]},
    {"cluster": 1, "size": 30, "name": "review / carried / identified review",
     "top_terms": ["review", "carried", "identified review", "review carried", "learning"],
     "top_themes": {"care_quality_governance": 0.14}, "emerging": True, "no_theme_share": 0.6,
     "examples": ["The review found that her birthday party was delayed because of the pandemic."]},
    {"cluster": 2, "size": 12, "name": "hoist / broken / bed",
     "top_terms": ["hoist", "broken hoist", "bed"], "top_themes": {}, "emerging": True, "no_theme_share": 0.8,
     "examples": ["Frank was not told the hoist was broken.", "The hoist was broken for a week."]},
])


def _text(path: Path) -> str:
    import html as h

    s = path.read_text()
    s = re.sub(r"<img[^>]+>", "", s)
    text = re.sub(r"\s+", " ", h.unescape(re.sub(r"<[^>]+>", " ", s)))
    return re.sub(r" ([:.,;])", r"\1", text)


@pytest.mark.slow
def test_report_key_findings_words_and_no_json(tmp_path):
    store, _rv, _lp = make_store(tmp_path / "project.duckdb", n_reviews=40)
    store.add_action("Audit SALT referrals", theme="aspiration_pneumonia", owner="ICB LD lead")
    store.close()
    out = write_report(tmp_path, tmp_path / "report.html", clusters=CLUSTERS)
    raw = out.read_text()
    text = _text(out)
    assert "<pre>" not in raw and '{"' not in text and "model_versions" not in text
    for code in ("pct_of_reviews", "no_theme_share", "theme=", "year_from", "area_for_improvement",
                 str(tmp_path)):
        assert code not in text, code
    assert "Key findings" in text and "Most frequent themes" in text and "Median age at death" in text
    assert "All reviews in the project (no filters)" in text and text.count("no filters") <= 2  # scope + settings
    assert "% of reviews" in text and "Trends per 100 reviews" in text and "Themes that occur together" in text and "as often as chance" in text and "Lift" not in text
    assert "Action plan" in text and "Audit SALT referrals" in text
    assert raw.count("<img src='data:image/png;base64,") == 4
    assert not list(tmp_path.glob("*.part"))


@pytest.mark.slow
def test_report_describes_the_filters_it_applies(tmp_path):
    store, _rv, _lp = make_store(tmp_path / "project.duckdb", n_reviews=40)
    store.close()
    text = _text(write_report(tmp_path, tmp_path / "r.html", filters={"region": "London"}))
    assert "Reviews where Region: London" in text


@pytest.mark.slow
def test_report_clusters_readable_boilerplate_set_aside_names_dropped(tmp_path):
    store, _rv, _lp = make_store(tmp_path / "project.duckdb", n_reviews=30)
    store.close()
    text = _text(write_report(tmp_path, tmp_path / "r.html", clusters=CLUSTERS))
    from leder_insights.explore import theme_info

    label = theme_info().labels["mental_capacity"]
    assert f'{label}: "best interests meeting", "easy read"' in text
    assert "did / staff did" not in text and "review / carried" not in text
    assert "1 cluster is marked emerging" in text and "1 candidate cluster was set aside" in text
    assert "birthday party" in text.split("What the taxonomy may miss")[1]  # listed, not as emerging
    assert "Frank" not in text and "The hoist was broken for a week." in text


def test_cluster_naming_rules():
    assert is_boilerplate_cluster(["review", "carried", "identified review", "learning"])
    assert not is_boilerplate_cluster(["hoist", "broken hoist", "bed"])
    assert readable_cluster_name(["did", "staff did", "know", "end life care", "wishes"], {"end_of_life": 0.6},
                                 {"end_of_life": "End of life"}) == 'End of life: "end life care", "wishes"'
    assert readable_cluster_name(["hoist", "broken"], {}, {}) == 'No clear theme: "hoist", "broken"'
