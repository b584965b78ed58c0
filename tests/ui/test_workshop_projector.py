"""Projector mode at 1280×720 in a real browser: readable, one screen per question, nothing clipped,
no developer text, and a line saying what is shown; bad input never shows a traceback."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from _ui_constants import LONG_ICB, VIEWPORT

pytestmark = pytest.mark.browser

TAB_NAMES = ("Key findings", "Themes", "Trends", "Themes together", "Areas", "Learning points", "Actions", "Filters",
             "Export")

#: elements whose text must not be cut: buttons (theme rows, grid cells, tabs), labels, chart text
CLIPPED = """() => { const out = [];
  const sel = '.li-app button, .li-app .widget-label, .li-app .lm-TabBar-tabLabel, .li-app td, .li-app th';
  for (const el of document.querySelectorAll(sel)) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || !el.textContent.trim()) continue;
    if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)
      out.push(`${el.tagName} "${el.textContent.trim().slice(0, 40)}" ${el.scrollWidth}>${el.clientWidth} / ${el.scrollHeight}>${el.clientHeight}`);
    if (r.right > window.innerWidth + 1) out.push(`${el.tagName} "${el.textContent.trim().slice(0, 40)}" off-screen right at ${r.right}`);
  }
  return out; }"""

#: visible form controls (dropdowns, text boxes) whose right edge is past the window's
OFF_RIGHT = """() => [...document.querySelectorAll('.li-app select, .li-app input')]
  .map(el => [el.getAttribute('title') || el.getAttribute('placeholder') || el.tagName, el.getBoundingClientRect()])
  .filter(([_n, r]) => r.width > 0 && r.height > 0 && r.right > window.innerWidth + 1)
  .map(([n, r]) => `${n} off-screen right at ${Math.round(r.right)}`)"""


#: form controls (label, select, text box) of different widgets whose boxes intersect (facil7 F6:
#: the ICB select lay under "Year of death" and the two names printed over each other)
OVERLAP = """() => { const parts = [];
  document.querySelectorAll('.li-app .widget-dropdown, .li-app .widget-text').forEach((w, i) => {
    for (const el of w.querySelectorAll('label, select, input')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.height > 0) parts.push([i, (el.textContent || el.tagName).trim().slice(0, 30), r]);
    } });
  const out = [];
  for (let a = 0; a < parts.length; a++) for (let b = a + 1; b < parts.length; b++) {
    const [i, n, r] = parts[a], [j, m, s] = parts[b];
    if (i !== j && r.left < s.right - 1 && s.left < r.right - 1 && r.top < s.bottom - 1 && s.top < r.bottom - 1)
      out.push(`${n} overlaps ${m}`);
  }
  return out; }"""


def _tab(page, name):
    page.get_by_role("tab", name=name, exact=True).click()
    page.wait_for_timeout(300)


def test_projector_key_findings_lead_and_fit_the_first_screen(page):
    _tab(page, "Key findings")
    assert page.get_by_role("tab", name="Key findings", exact=True).get_attribute("aria-selected") is not None
    panel = page.get_by_role("region", name="Key findings")
    expect(panel).to_contain_text("Median age at death")
    table = page.locator(".li-app table.li-table").first
    for box in (panel.bounding_box(), table.bounding_box()):
        assert box["y"] + box["height"] <= VIEWPORT["height"], f"findings run to {box['y'] + box['height']:.0f} px"


def test_projector_main_view_data_fits_the_first_screen(page):
    _tab(page, "Themes")
    rows = page.locator(".li-theme-btn")
    n = rows.count()
    assert n >= 6
    bottoms = [rows.nth(i).bounding_box() for i in range(n)]
    assert all(b is not None for b in bottoms)
    lowest = max(b["y"] + b["height"] for b in bottoms)
    assert lowest <= VIEWPORT["height"], f"theme rows run to {lowest:.0f} px, below the 720 px screen"
    assert page.evaluate("window.scrollY") == 0
    den = page.locator("#li-denominator").bounding_box()
    assert den["y"] + den["height"] <= VIEWPORT["height"]


@pytest.mark.parametrize("name", TAB_NAMES)
def test_projector_no_text_is_clipped_and_nothing_runs_off_screen(page, name):
    _tab(page, name)
    assert page.evaluate(CLIPPED) == []
    assert page.evaluate(OFF_RIGHT) == []   # form controls too (facil6 F1: the ICB box ended at 1667 px)
    for table in page.locator(".li-app table.li-table").all():   # wide tables (trends) fit the width
        box = table.bounding_box()
        if box and box["width"] > 0:
            assert box["x"] + box["width"] <= VIEWPORT["width"], f"a table is {box['width']:.0f} px wide"


def test_projector_type_is_large(page):
    sizes = page.evaluate("""() => [...document.querySelectorAll(
        '.li-app .li-status, .li-app .li-context, .li-app button, .li-app .widget-label, .li-app select')]
        .filter(e => e.getBoundingClientRect().width > 0)
        .map(e => parseFloat(getComputedStyle(e).fontSize))""")
    assert sizes and min(sizes) >= 18, f"smallest body text {min(sizes)} px"


def test_projector_title_once_no_developer_text_and_a_context_line(page):
    text = page.locator("body").inner_text()
    assert text.count("LeDeR learning explorer") == 1
    for dev in ("Served by", "LEDER_PROJECT", "leder-insights explore", "Voilà", "theme=", "year_from"):
        assert dev not in text, dev
    ctx = page.locator("#li-context")
    expect(ctx).to_be_visible()
    assert re.search(r"Project .+ · deaths 2019–2022 · 60 reviews · source: de-identified project data",
                     ctx.inner_text())


def test_projector_bad_input_shows_a_message_not_a_traceback(page):
    _tab(page, "Filters")
    search = page.get_by_label("Text contains", exact=True)
    search.fill("zzzz-no-such-words \\ ( [ *")
    search.press("Enter")
    page.wait_for_timeout(800)
    _tab(page, "Learning points")
    text = page.locator("body").inner_text()
    assert "Traceback" not in text and 'File "' not in text and ".py" not in text
    search_reset = page.get_by_role("button", name="Reset filters")
    search_reset.click()
    expect(page.locator("#li-denominator")).to_have_text("60")


def test_projector_tab_bar_stays_on_screen_when_a_long_tab_scrolls(page):
    _tab(page, "Learning points")
    last_row = page.locator(".li-app table", has_text="de-identified learning points").locator("tr").last
    expect(last_row).to_be_visible(timeout=30_000)
    last_row.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    scrolled = page.evaluate("document.getElementById('rendered_cells').scrollTop")
    caption = page.locator("#li-listing").inner_text()
    assert scrolled > 100, f"the Learning points tab did not scroll ({caption})"
    bar = page.locator(".li-app .lm-TabBar").first.bounding_box()
    assert bar is not None and 0 <= bar["y"] <= 2, f"tab bar at {bar} after scrolling {scrolled} px"
    _tab(page, "Themes")                       # and it still works from there
    assert page.get_by_role("tab", name="Themes", exact=True).get_attribute("aria-selected") == "true"
    page.evaluate("document.getElementById('rendered_cells').scrollTop = 0")



def test_projector_filters_never_overlap_with_the_longest_icb_chosen(page):
    _tab(page, "Filters")
    icb = page.get_by_label("ICB", exact=True)
    names = [n.replace("\xa0", " ") for n in icb.locator("option").all_inner_texts()]
    assert LONG_ICB in names
    assert page.evaluate(OVERLAP) == []
    icb.select_option(value=LONG_ICB)
    expect(page.locator(".li-status")).to_contain_text("ICB:", timeout=60_000)
    assert page.evaluate(OVERLAP) == []
    assert page.evaluate(OFF_RIGHT) == []
