"""facil8 in a real browser (1280×720): a lone first name in an action is refused on the page; two
pages edit one action, the later stale save says plainly that someone else changed it and shows
the saved version; closing a page leaves no refused (403) shutdown in the server log."""
from __future__ import annotations

import re
import time

import pytest
from _explore_server import running_explore
from _ui_constants import VIEWPORT

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def store_server(tmp_path_factory):
    """``leder-insights explore`` over a project store; yields (url, pid, log path)."""
    from _widget_fixtures import make_store

    project = tmp_path_factory.mktemp("facil8_project")
    make_store(project / "project.duckdb", n_reviews=30)[0].close()
    log = project / "explore.log"
    with running_explore(project, log) as (url, pid):
        yield url, pid, log


def _open(ctx, url):
    page = ctx.new_page()
    page.goto(url, timeout=180_000)
    page.wait_for_selector("#li-denominator", timeout=180_000)
    page.get_by_role("tab", name="Actions").click()
    page.wait_for_selector(".li-action-form", timeout=60_000)
    return page


def _form(page):
    return page.locator(".li-action-form")


def _saved(page, pattern: str, timeout=120_000):
    page.wait_for_function("(p) => { const s = document.querySelector('.li-action-form [role=status]');"
                           " return s && new RegExp(p).test(s.textContent); }", arg=pattern, timeout=timeout)
    return _form(page).locator("[role=status]").inner_text()


def test_names_refused_and_a_stale_edit_said_plainly_then_pages_close_cleanly(browser, store_server, tmp_path):
    url, _pid, log = store_server
    ctx_a, ctx_b = browser.new_context(viewport=VIEWPORT), browser.new_context(viewport=VIEWPORT)
    try:
        a, b = _open(ctx_a, url), _open(ctx_b, url)
        form = _form(a)
        form.get_by_label("Action", exact=True).fill("Follow up with Ayesha about the annual check")
        form.get_by_label("Owner", exact=True).fill("Kwame, community nurse")
        form.get_by_role("button", name="Save action").click()
        said = _saved(a, "Nothing was saved")
        assert '"Ayesha" looks like a first name' in said and '"Kwame" looks like a first name' in said
        form.get_by_label("Action", exact=True).fill("Audit seizure plans")
        form.get_by_label("Owner", exact=True).fill("the ICB LD lead")
        form.get_by_role("button", name="Save action").click()
        _saved(a, "^Added")
        b.get_by_role("tab", name="Learning points").click()
        b.get_by_role("tab", name="Actions").click()          # B reads the actions again
        for page in (a, b):                                    # both open the action in Edit
            _form(page).get_by_label("Edit", exact=True).select_option(index=1)
            page.wait_for_function("() => document.querySelector('.li-action-form textarea').value"
                                   " === 'Audit seizure plans'", timeout=60_000)
        _form(b).get_by_label("Due date", exact=True).fill("2027-06-30")
        _form(b).get_by_role("button", name="Save action").click()
        _saved(b, "^Updated")
        _form(a).get_by_label("Owner", exact=True).fill("the LD nurse consultant")
        _form(a).get_by_role("button", name="Save action").click()
        said = _saved(a, "^Not saved")
        a.screenshot(path=str(tmp_path / "stale_edit.png"))
        assert "someone else changed this action after you opened it" in said
        assert 'Your change (Owner "the LD nurse consultant") was not saved' in said
        assert _form(a).get_by_label("Due date", exact=True).input_value() == "2027-06-30"   # B's version shown
        assert _form(a).get_by_label("Owner", exact=True).input_value() == "the ICB LD lead"
        assert _form(a).locator("[role=status]").is_visible()
        mark = len(log.read_text(errors="replace"))
        for page in (a, b):
            page.close(run_before_unload=True)
        time.sleep(8)                                          # the shutdown requests reach the server
        after = log.read_text(errors="replace")[mark:]
        assert not re.search(r"403 POST /voila/api/shutdown|_xsrf' argument missing", after), after[-2000:]
        assert "Traceback" not in after, after[-3000:]
    finally:
        ctx_a.close()
        ctx_b.close()
