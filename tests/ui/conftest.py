"""A Voilà workshop app (``leder-insights explore``) on a free 127.0.0.1 port, and a Chromium page."""
from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "widgets"))

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def explorer_project(tmp_path_factory):
    from _widget_fixtures import make_frames

    from leder_insights.widgets import save_frames_project

    rv, lp = make_frames(60)
    return save_frames_project(rv, lp, tmp_path_factory.mktemp("project"),
                               {"model_versions": {"themes": "ui-fixture"}, "source": "ui fixture"},
                               deidentified=True)


@pytest.fixture(scope="session")
def explorer_url(explorer_project, tmp_path_factory):
    """Start ``leder-insights explore PROJECT --no-browser`` and return the printed URL (with token)."""
    port = _free_port()
    log = tmp_path_factory.mktemp("voila") / "explore.log"
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    with open(log, "wb") as fh:
        proc = subprocess.Popen([sys.executable, "-c", "from leder_insights.cli import run; run()", "explore",
                                 str(explorer_project), "--port", str(port), "--no-browser"],
                                stdout=fh, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    try:
        url = None
        deadline = time.time() + 60
        while time.time() < deadline:
            text = log.read_text(errors="replace")
            m = re.search(rf"http://127\.0\.0\.1:{port}/\?token=[\w-]+", text)
            if m and "is running at" in text:
                url = m.group(0)
                with socket.socket() as s:
                    if s.connect_ex(("127.0.0.1", port)) == 0:
                        break
            if proc.poll() is not None:
                raise RuntimeError(f"explore exited early:\n{log.read_text()}")
            time.sleep(0.3)
        else:
            raise RuntimeError(f"Voilà did not start in 60 s:\n{log.read_text()}")
        yield url
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def app_page(browser, explorer_url):
    """One loaded workshop page (one kernel) shared by the UI tests; each test resets the filters."""
    ctx = browser.new_context(viewport={"width": 1300, "height": 1000}, accept_downloads=True)
    page = ctx.new_page()
    page.goto(explorer_url)
    page.wait_for_selector("#li-denominator", timeout=90_000)
    yield page
    ctx.close()


@pytest.fixture
def page(app_page):
    from playwright.sync_api import expect

    app_page.get_by_role("button", name="Reset filters").click()
    expect(app_page.locator("#li-denominator")).to_have_text("60")
    return app_page
