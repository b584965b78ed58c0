"""A workshop page whose kernel goes away while it is open says why and what to do (facil7 F1/F8
leftover): a newer page took its slot after it was quiet, or the app stopped.

The server runs with one kernel slot and a 3 s takeover, so a second page takes the first one's
slot at once (the shipped app: 4 slots, 30 s).
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest
from _ui_constants import VIEWPORT

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHOTS = Path(os.environ.get("LEDER_UI_SHOTS", "/tmp/leder-ui-shots"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def one_slot_server(explorer_project, tmp_path):
    """The workshop app with one kernel slot, given away after 3 s of quiet; yields (url, process)."""
    from leder_insights.cli.explore import explore_env, voila_command
    from leder_insights.widgets import workshop_notebook

    nb, port, token = workshop_notebook(), _free_port(), "test-token-page-lost-0123"
    cmd = [a for a in voila_command(nb, port, token, open_browser=False)
           if not a.startswith("--WorkshopKernelManager.max_kernels=")]
    cmd += ["--WorkshopKernelManager.max_kernels=1", "--WorkshopKernelManager.takeover_seconds=3"]
    log = tmp_path / "voila.log"
    with open(log, "wb") as fh:
        proc = subprocess.Popen(cmd, stdout=fh, stderr=subprocess.STDOUT, env=explore_env(Path(explorer_project)),
                                cwd=str(nb.parent), start_new_session=True)
    try:
        deadline = time.time() + 90
        while time.time() < deadline:
            if "is running at" in log.read_text(errors="replace"):
                with socket.socket() as s:
                    if s.connect_ex(("127.0.0.1", port)) == 0:
                        break
            assert proc.poll() is None, log.read_text()
            time.sleep(0.3)
        else:
            raise RuntimeError(f"Voilà did not start in 90 s:\n{log.read_text()}")
        yield f"http://127.0.0.1:{port}/?token={token}", proc
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)


def _open(ctx, url):
    page = ctx.new_page()
    page.goto(url, timeout=120_000)
    page.wait_for_selector("#li-denominator", timeout=120_000)
    return page


def _words(kind: str) -> str:
    from leder_insights.explore import ui_data

    return " ".join(str(ui_data("page_lost")[kind]).split())


def _check_notice(page, kind: str, shot: str) -> None:
    from playwright.sync_api import expect

    box = page.locator("#li-page-lost-box")
    expect(box).to_be_visible(timeout=60_000)
    assert box.get_attribute("role") == "alert" and box.get_attribute("data-kind") == kind
    expect(page.locator("#li-page-lost-text")).to_have_text(_words(kind))
    reload_btn = page.get_by_role("button", name=_words("reload"))
    expect(reload_btn).to_be_visible()
    # readable on the projector: on screen, large type, the button inside the 720 px
    b = box.bounding_box()
    assert b and b["y"] >= 0 and b["x"] >= 0 and b["x"] + b["width"] <= VIEWPORT["width"]
    rb = reload_btn.bounding_box()
    assert rb and rb["y"] + rb["height"] <= VIEWPORT["height"]
    size = page.locator("#li-page-lost-text").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 20
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / shot))


def test_a_page_that_loses_its_slot_to_a_newer_page_says_why_and_what_to_do(browser, one_slot_server):
    url, proc = one_slot_server
    ctx = browser.new_context(viewport=VIEWPORT)
    try:
        quiet = _open(ctx, url)
        assert quiet.locator("#li-page-lost-box").count() == 0      # nothing said while connected
        quiet.wait_for_timeout(4_000)                                # quiet longer than the takeover
        newer = _open(ctx, url)                                      # takes the only slot
        _check_notice(quiet, "taken", "page_lost_taken.png")
        assert newer.locator("#li-page-lost-box").count() == 0      # the page in use says nothing
        # the app stops: the page still open says so (not that a newer page took its place)
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
        _check_notice(newer, "stopped", "page_lost_stopped.png")
    finally:
        ctx.close()
