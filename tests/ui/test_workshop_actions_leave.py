"""Leaving a workshop page with an unsaved action: the browser asks first (facil7 F7); a page with
nothing unsaved closes without a question, and closing still shuts the page's kernel down.

Headless Chromium does not keep a page whose beforeunload question is dismissed (the page goes on
unloading), so "Stay on page keeps the kernel" is not tested here: the template shuts the kernel
down only on ``pagehide`` or on a ``beforeunload`` that asks nothing.
"""
from __future__ import annotations

import time

import pytest
from _explore_server import running_explore
from _ui_constants import VIEWPORT

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def store_server(tmp_path_factory):
    """``leder-insights explore`` over a project store (actions can be recorded); yields (url, pid)."""
    from _widget_fixtures import make_store

    project = tmp_path_factory.mktemp("store_project")
    make_store(project / "project.duckdb", n_reviews=30)[0].close()
    with running_explore(project, project / "explore.log") as server:
        yield server


def _kernels(pid: int) -> int:
    import psutil

    n = 0
    for p in psutil.Process(pid).children(recursive=True):
        try:
            n += "ipykernel" in " ".join(p.cmdline()) and p.status() != psutil.STATUS_ZOMBIE
        except psutil.NoSuchProcess:
            continue
    return n


def _wait_for(cond, timeout=30.0, page=None) -> bool:
    """Wait for ``cond``; with an open ``page``, through Playwright (its events, such as dialogs,
    are only handled while Playwright waits)."""
    end = time.time() + timeout
    while time.time() < end:
        if cond():
            return True
        try:
            if page is None or page.is_closed():
                raise RuntimeError("no page to wait through")
            page.wait_for_timeout(300)
        except Exception:          # the page closed meanwhile (what some waits wait for)
            time.sleep(0.3)
    return cond()


def _open(ctx, url):
    page = ctx.new_page()
    page.goto(url, timeout=120_000)
    page.wait_for_selector("#li-denominator", timeout=120_000)
    return page


def test_leaving_with_an_unsaved_action_asks_and_closing_still_ends_the_kernel(browser, store_server):
    url, pid = store_server
    ctx = browser.new_context(viewport=VIEWPORT)
    dialogs: list[str] = []
    try:
        page = _open(ctx, url)
        assert _wait_for(lambda: _kernels(pid) == 1)
        page.get_by_role("tab", name="Actions").click()
        box = page.locator(".li-action-form textarea")
        box.click()
        box.press_sequentially("Audit seizure plans")             # typed: a user gesture, as in the room
        page.wait_for_selector(".li-action-form.li-unsaved", timeout=30_000)
        page.on("dialog", lambda d: (dialogs.append(d.type), d.accept()))
        page.close(run_before_unload=True)                        # the room closes the tab
        assert _wait_for(lambda: page.is_closed(), 30, page)
        assert dialogs == ["beforeunload"]                        # asked before the text was lost
        assert _wait_for(lambda: _kernels(pid) == 0, 30), f"{_kernels(pid)} kernels after leaving"
        page = _open(ctx, url)                                     # nothing typed: no question
        page.get_by_role("tab", name="Actions").click()
        page.on("dialog", lambda d: (dialogs.append(d.type), d.accept()))
        page.close(run_before_unload=True)
        assert _wait_for(lambda: page.is_closed(), 30, page)
        assert dialogs == ["beforeunload"]
        assert _wait_for(lambda: _kernels(pid) == 0, 30), f"{_kernels(pid)} kernels after closing"
    finally:
        ctx.close()
