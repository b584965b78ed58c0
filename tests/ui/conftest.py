"""A Voilà workshop app (``leder-insights explore``) on a free 127.0.0.1 port, and a Chromium page."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "widgets"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _explore_server import free_port, running_explore  # noqa: E402

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def explorer_project(tmp_path_factory):
    from _widget_fixtures import make_frames

    from leder_insights.widgets import save_frames_project

    rv, lp = make_frames(60)
    # one ICB with a name as long as the longest real ones (invented; the Filters tab must fit it)
    rv["icb"] = rv["icb"].replace({"ICB-L2": LONG_ICB})
    return save_frames_project(rv, lp, tmp_path_factory.mktemp("project"),
                               {"model_versions": {"themes": "ui-fixture"}, "source": "ui fixture"},
                               deidentified=True)


class Server:
    """The running ``leder-insights explore`` process: its URL and the kernels it has started."""

    def __init__(self, url: str, pid: int):
        self.url, self.pid = url, pid

    def kernels(self) -> list:
        """Live kernel processes under the server (each page load starts one)."""
        import psutil

        out = []
        for p in psutil.Process(self.pid).children(recursive=True):
            try:
                if "ipykernel" in " ".join(p.cmdline()) and p.status() != psutil.STATUS_ZOMBIE:
                    out.append(p)
            except psutil.NoSuchProcess:
                continue
        return out


@pytest.fixture(scope="session")
def explorer_url(explorer_server):
    return explorer_server.url


@pytest.fixture(scope="session")
def explorer_server(explorer_project, tmp_path_factory):
    """Start ``leder-insights explore PROJECT --no-browser``; yields a :class:`Server`."""
    log = tmp_path_factory.mktemp("voila") / "explore.log"
    with running_explore(explorer_project, log) as (url, pid):
        yield Server(url, pid)


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield b
        b.close()


from _ui_constants import LOCAL, LONG_ICB, VIEWPORT  # noqa: E402,F401


@pytest.fixture(scope="session")
def app_context(browser):
    """A browser context at projector size that records every request URL (``ctx.requests``)."""
    ctx = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    ctx.requests = []
    ctx.on("request", lambda r: ctx.requests.append(r.url))
    ctx.on("websocket", lambda ws: ctx.requests.append(ws.url))
    yield ctx
    ctx.close()


@pytest.fixture(scope="session")
def app_page(app_context, explorer_url):
    """One loaded workshop page (one kernel) shared by the UI tests; each test resets the filters."""
    page = app_context.new_page()
    page.goto(explorer_url, timeout=120_000)         # the first load renders the notebook (slow when busy)
    page.wait_for_selector("#li-denominator", timeout=120_000)
    yield page


@pytest.fixture
def page(app_page):
    from playwright.sync_api import expect

    app_page.get_by_role("button", name="Reset filters").click()
    expect(app_page.locator("#li-denominator")).to_have_text("60")
    return app_page


def _start_voila(notebook: Path, env: dict, log: Path) -> tuple[subprocess.Popen, str]:
    from leder_insights.cli.explore import voila_command

    port, token = free_port(), "test-token-0123456789"
    with open(log, "wb") as fh:
        proc = subprocess.Popen(voila_command(notebook, port, token, open_browser=False), stdout=fh,
                                stderr=subprocess.STDOUT, env=env, start_new_session=True, cwd=str(notebook.parent))
    deadline = time.time() + 60
    while time.time() < deadline:
        if "is running at" in log.read_text(errors="replace"):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    return proc, f"http://127.0.0.1:{port}/?token={token}"
        if proc.poll() is not None:
            raise RuntimeError(f"voila exited early:\n{log.read_text()}")
        time.sleep(0.3)
    os.killpg(proc.pid, signal.SIGKILL)
    raise RuntimeError(f"Voilà did not start in 60 s:\n{log.read_text()}")


@pytest.fixture
def review_app(tmp_path):
    """The local review widgets (de-identification QA and relabelling) under Voilà, with a cell that
    changes their data after they are drawn; yields (url, directory the widgets save to)."""
    from leder_insights.cli.explore import explore_env

    out = tmp_path / "out"
    out.mkdir()
    env = explore_env(tmp_path)
    env.pop("LEDER_WORKSHOP")                       # local analyst notebook, not the workshop
    env.pop("LEDER_PROJECT")
    env["LEDER_TEST_OUT"] = str(out)
    nb = Path(__file__).parent / "notebooks" / "review_widgets.ipynb"
    proc, url = _start_voila(nb, env, tmp_path / "voila.log")
    try:
        yield url, out
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
