"""The explorer's context line: which project, period and data source; the demo says so; no path."""
from __future__ import annotations

import json
import re

from leder_insights.explore import ExplorerData, save_frames_project
from leder_insights.widgets import workshop_app
from leder_insights.widgets._explorer import context_line

from _widget_fixtures import TAXONOMY, make_frames


def _text(html):
    return re.sub(r"<[^>]+>", "", html)


def test_context_line_names_project_period_and_source_without_a_path():
    rv, lp = make_frames(12)
    d = ExplorerData.build(rv, lp, taxonomy=TAXONOMY,
                           meta={"source": "/srv/leder/projects/north_icb/project.duckdb"}, deidentified=True)
    line = _text(context_line(d))
    assert line == "Project north_icb · deaths 2019–2022 · 12 reviews · source: de-identified project data"
    assert "/srv" not in context_line(d)


def test_context_line_says_synthetic_demo():
    rv, lp = make_frames(12)
    d = ExplorerData.build(rv, lp, taxonomy=TAXONOMY,
                           meta={"source": "synthetic demo corpus (n=12, seed=1)", "banner": "Synthetic demo data."},
                           deidentified=True)
    line = _text(context_line(d))
    assert line.startswith("Project Demo project · deaths 2019–2022") and "source: synthetic demo data" in line
    assert 'class="li-badge"' in context_line(d)


def test_workshop_app_marks_a_synthetic_project(tmp_path, monkeypatch):
    rv, lp = make_frames(12)
    proj = save_frames_project(rv, lp, tmp_path / "demo_output", {"source": str(tmp_path / "demo_output")},
                               deidentified=True)
    (proj / "corpus").mkdir()
    (proj / "corpus" / "manifest.json").write_text(json.dumps({"generator_version": "1.0.0", "n_reviews": 12}))
    monkeypatch.setenv("LEDER_WORKSHOP", "1")
    app = workshop_app(proj)
    line = _text(app.header.value)
    assert "Project demo_output" in line and "source: synthetic demo data" in line
    assert str(tmp_path) not in app.header.value
