"""The Voilà workshop app in a real browser (Playwright driving Debian Chromium) at 1280×720."""
from __future__ import annotations

import os
import re
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def tab(page, name):
    page.get_by_role("tab", name=name, exact=True).click()


def test_workshop_app_filter_changes_counts(page):
    denom = page.locator("#li-denominator")
    tab(page, "Filters")
    page.get_by_label("Region", exact=True).select_option(label="London")
    expect(denom).to_have_text("20")
    page.get_by_label("Sex", exact=True).select_option(label="Female")
    expect(denom).to_have_text("10")
    expect(page.get_by_role("status").first).to_contain_text("Region: London; Sex: Female")


def test_workshop_app_theme_and_cell_drill_down_show_excerpt(page):
    tab(page, "Themes")
    page.get_by_role("button", name="Epilepsy and seizures", exact=True).click()
    expect(page.locator("#li-listing")).to_contain_text("Theme: Epilepsy and seizures")   # its own screen
    mark = page.locator(".li-excerpt mark").filter(has_text="seizure plan").first
    expect(mark).to_be_visible()
    tab(page, "Themes together")
    cell = page.locator('button[title^="Epilepsy and seizures & Medicines:"]')
    cell.click()
    expect(page.locator("#li-listing")).to_contain_text("Epilepsy and seizures with Medicines")
    expect(page.locator(".li-excerpt mark").first).to_be_visible()
    expect(page.get_by_role("region", name="De-identified excerpt")).to_contain_text("[PERSON]")


def test_workshop_app_export_downloads_xlsx_with_numbers_as_numbers(page, tmp_path):
    tab(page, "Export")
    page.get_by_role("button", name="Export XLSX").click()
    link = page.get_by_role("link", name="Download leder-workshop_")
    expect(link).to_be_visible(timeout=30_000)
    with page.expect_download() as info:
        link.click()
    dl = info.value
    assert dl.suggested_filename.endswith(".xlsx")
    # short and safe on Windows (facil7 F13: 120+ characters); the filters are inside (About)
    assert len(dl.suggested_filename) <= 60 and re.fullmatch(r"[a-z0-9_.-]+", dl.suggested_filename)
    path = tmp_path / dl.suggested_filename
    dl.save_as(path)
    wb = openpyxl.load_workbook(path)
    assert {"Themes", "About"} <= set(wb.sheetnames)
    ws = wb["Themes"]
    header = [c.value for c in ws[1]]
    col = next(i for i, h in enumerate(header) if h and "review" in str(h).lower())
    values = [r[col] for r in ws.iter_rows(min_row=2, values_only=True) if r[col] is not None]
    hidden = [v for v in values if str(v).startswith(("<", "*"))]
    numbers = [v for v in values if isinstance(v, (int, float))]
    assert values and len(numbers) == len(values) - len(hidden) and len(numbers) >= 6, \
        f"review counts stored as text: {values[:5]}"


def _focus_label(page):
    return page.evaluate("""() => { const el = document.activeElement;
        if (!el) return null;
        if (el.tagName === 'SELECT' || el.tagName === 'INPUT') {
            const lab = document.querySelector(`label[for="${el.id}"]`); return lab ? lab.textContent : el.id; }
        return el.textContent.trim(); }""")


def _tab_to(page, name, limit=80):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if _focus_label(page) == name:
            return
    raise AssertionError(f"could not reach {name!r} with Tab")


def test_workshop_app_filters_work_by_keyboard(page):
    denom = page.locator("#li-denominator")
    tab(page, "Filters")
    page.get_by_label("Year of death", exact=True).focus()
    _tab_to(page, "Region")
    page.keyboard.press("ArrowDown")                 # All -> London
    expect(denom).to_have_text("20")
    page.get_by_role("button", name="Reset filters").focus()
    page.keyboard.press("Enter")
    expect(denom).to_have_text("60")
    tab(page, "Themes")
    page.get_by_role("tab", name="Themes", exact=True).focus()
    _tab_to(page, "Epilepsy and seizures")
    page.keyboard.press("Enter")
    expect(page.locator("#li-listing")).to_contain_text("Theme: Epilepsy and seizures")


def test_workshop_app_long_search_text_keeps_reset_visible_and_clickable(page):
    """A 300-character search must not push Reset filters off a 1280x720 screen."""
    tab(page, "Filters")
    box = page.get_by_label("Text contains", exact=True)
    box.fill("care plan " * 30)
    box.press("Enter")
    status = page.get_by_role("status").first
    expect(status).to_contain_text("Text contains")
    expect(status).to_contain_text("…")                      # cut, not 300 characters
    reset = page.get_by_role("button", name="Reset filters")
    expect(reset).to_be_visible()
    bb = reset.bounding_box()
    vw = page.viewport_size
    assert bb and bb["x"] >= 0 and bb["x"] + bb["width"] <= vw["width"] and 0 <= bb["y"] < vw["height"], bb
    sb = status.bounding_box()
    assert sb and sb["x"] + sb["width"] <= bb["x"] + 1, (sb, bb)   # the status line stops before Reset
    reset.click()
    expect(page.locator("#li-denominator")).to_have_text("60")
    expect(box).to_have_value("")


def test_workshop_app_blocked_selection_says_why_and_what_to_do(page):
    """ICB-M1 with age band 25-49 differs from ICB-M1 by fewer than 5 reviews: a notice, not empty tables."""
    tab(page, "Filters")
    page.get_by_label("ICB", exact=True).select_option(label="ICB-M1")
    page.get_by_label("Age at death", exact=True).select_option(label="25-49")
    notice = page.locator("#li-blocked")
    expect(notice).to_be_visible(timeout=30_000)          # the guard's tables take a few seconds when busy
    expect(notice).to_contain_text("Numbers hidden for this selection")
    expect(notice).to_contain_text("fewer than 5")
    expect(notice).to_contain_text("Reset filters")
    bb = notice.bounding_box()
    assert bb and bb["y"] + 10 < page.viewport_size["height"]       # on the first screen
    tab(page, "Key findings")
    expect(page.get_by_role("region", name="Key findings")).to_contain_text("Numbers hidden for this selection")
    page.get_by_role("button", name="Reset filters").click()
    expect(page.locator("#li-denominator")).to_have_text("60")
    expect(notice).to_have_count(0)


def test_workshop_app_says_what_unfamiliar_words_mean_and_where_a_text_came_from(page):
    """facil7 F13 at 1280x720: the two unfamiliar filters explained under the filters; the Learning
    points column names the review's section the text came from, not a judgement."""
    tab(page, "Filters")
    helptext = page.locator("#li-filter-help")
    expect(helptext).to_be_visible()
    expect(helptext).to_contain_text("Group of themes: the themes gathered into")
    expect(helptext).to_contain_text("not a judgement")
    for label in ("Group of themes", "Kind of point"):
        expect(page.get_by_label(label, exact=True)).to_be_visible()
    box = helptext.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 1280
    shots = Path(os.environ.get("LEDER_UI_SHOTS", "/tmp/leder-ui-shots"))
    shots.mkdir(parents=True, exist_ok=True)
    helptext.scroll_into_view_if_needed()
    page.screenshot(path=str(shots / "filters_help.png"))
    tab(page, "Learning points")
    table = page.locator("table.li-table").filter(has_text="Page 1: de-identified").first
    expect(table.get_by_role("columnheader", name="From the review's section")).to_be_visible()
    expect(table.get_by_role("columnheader", name="Type", exact=True)).to_have_count(0)
    page.screenshot(path=str(shots / "learning_points_section.png"))
