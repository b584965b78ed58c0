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


@pytest.mark.slow
def test_explore_cli_stops_within_seconds_on_sigterm(tmp_path):
    """SIGTERM stops ``explore`` and its Voilà server promptly (it took 10-20 s: the handler waited
    inside the wait it interrupted, and Voilà acts on a signal only when its loop wakes up)."""
    import os
    import re
    import signal
    import socket
    import subprocess
    import sys
    import time

    from leder_insights.widgets import save_frames_project

    from _widget_fixtures import make_frames

    rv, lp = make_frames(20)
    project = save_frames_project(rv, lp, tmp_path / "p", {"source": "sigterm test"}, deidentified=True)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = tmp_path / "explore.log"
    with open(log, "wb") as fh:
        proc = subprocess.Popen([sys.executable, "-c", "from leder_insights.cli import run; run()", "explore",
                                 str(project), "--port", str(port), "--no-browser"], stdout=fh,
                                stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.time() + 90
        while "is running at" not in log.read_text(errors="replace"):
            assert proc.poll() is None and time.time() < deadline, log.read_text()
            time.sleep(0.3)
        t0 = time.time()
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(timeout=30)
        took = time.time() - t0
        assert code == 0 and took < 8, (code, took)
        with socket.socket() as s:
            assert s.connect_ex(("127.0.0.1", port)) != 0          # Voilà is gone too
        assert not re.search(r"Traceback", log.read_text())
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
