"""``leder-insights explore``: refuses a directory without a project (E502); Voilà command line."""
from __future__ import annotations

from pathlib import Path

import pytest

from leder_insights.cli import main
from leder_insights.cli.explore import explore_env, voila_command
from leder_insights.widgets import ThemeExplorer, save_frames_project, workshop_app, workshop_notebook

from _widget_fixtures import make_frames


def test_explore_cli_without_store_exits_1_with_e502(tmp_path, capsys):
    code = main(["explore", str(tmp_path), "--no-browser", "--port", "18999"])
    assert code == 1
    assert "[E502]" in capsys.readouterr().err


def test_explore_cli_voila_command_is_local_with_token():
    cmd = voila_command(Path("/x/nb.ipynb"), 8866, "tok123", open_browser=False)
    assert "--Voila.ip=127.0.0.1" in cmd and "--token=tok123" in cmd and "--no-browser" in cmd
    assert "--port=8866" in cmd and "/x/nb.ipynb" in cmd
    assert "--no-browser" not in voila_command(Path("nb.ipynb"), 1, "t", open_browser=True)


def test_explore_cli_env_sets_project_and_workshop_mode(tmp_path):
    env = explore_env(tmp_path)
    assert env["LEDER_WORKSHOP"] == "1" and env["LEDER_PROJECT"] == str(tmp_path.resolve())


def test_explore_cli_workshop_app_reads_leder_project(tmp_path, monkeypatch):
    rv, lp = make_frames(20)
    save_frames_project(rv, lp, tmp_path, deidentified=True)
    monkeypatch.setenv("LEDER_PROJECT", str(tmp_path))
    app = workshop_app()
    assert isinstance(app, ThemeExplorer) and app.state.protect_small_groups
    assert len(app.state.data.lps) == len(lp)
    assert workshop_notebook().is_file()


@pytest.mark.slow
def test_explore_cli_workshop_app_demo_without_project(monkeypatch):
    monkeypatch.delenv("LEDER_PROJECT", raising=False)
    app = workshop_app(n_demo_reviews=12)
    meta = app.state.data.meta
    assert meta["text"] == "de-identified" and "Synthetic demo data" in meta["banner"]
    assert "Synthetic demo data" in app.header.value
    assert app.state.views().denominator == 12
    assert meta["source"].startswith("synthetic demo corpus (n=12")
