"""The Voilà workshop app in a real browser (Playwright driving Debian Chromium)."""
from __future__ import annotations

import openpyxl
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_workshop_app_filter_changes_counts(page):
    denom = page.locator("#li-denominator")
    page.get_by_label("Region", exact=True).select_option(label="London")
    expect(denom).to_have_text("20")
    page.get_by_label("Sex", exact=True).select_option(label="Female")
    expect(denom).to_have_text("10")
    expect(page.get_by_role("status").first).to_contain_text("region=London")


def test_workshop_app_theme_and_cell_drill_down_show_excerpt(page):
    page.get_by_role("button", name="Epilepsy and seizures", exact=True).click()
    expect(page.locator("#li-listing")).to_contain_text("theme=Epilepsy and seizures")
    mark = page.locator(".li-excerpt mark").filter(has_text="seizure plan").first
    expect(mark).to_be_visible()
    cell = page.locator('button[title^="Epilepsy and seizures & Medicines:"]')
    cell.click()
    expect(page.locator("#li-listing")).to_contain_text("with=Medicines")
    expect(page.locator(".li-excerpt mark").first).to_be_visible()
    expect(page.get_by_role("region", name="De-identified excerpt")).to_contain_text("[PERSON]")


def test_workshop_app_export_downloads_xlsx(page, tmp_path):
    page.get_by_role("button", name="Export XLSX").click()
    link = page.get_by_role("link", name="Download leder_themes_")
    expect(link).to_be_visible(timeout=30_000)
    with page.expect_download() as info:
        link.click()
    dl = info.value
    assert dl.suggested_filename.endswith(".xlsx")
    path = tmp_path / dl.suggested_filename
    dl.save_as(path)
    wb = openpyxl.load_workbook(path)
    assert {"theme_counts", "about"} <= set(wb.sheetnames)


def _focus_label(page):
    return page.evaluate("""() => { const el = document.activeElement;
        if (!el) return null;
        if (el.tagName === 'SELECT' || el.tagName === 'INPUT') {
            const lab = document.querySelector(`label[for="${el.id}"]`); return lab ? lab.textContent : el.id; }
        return el.textContent.trim(); }""")


def _tab_to(page, name, limit=60):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if _focus_label(page) == name:
            return
    raise AssertionError(f"could not reach {name!r} with Tab")


def test_workshop_app_filters_work_by_keyboard(page):
    denom = page.locator("#li-denominator")
    page.get_by_label("Year from", exact=True).focus()
    _tab_to(page, "Region")
    page.keyboard.press("ArrowDown")                 # All -> London
    expect(denom).to_have_text("20")
    _tab_to(page, "Reset filters")
    page.keyboard.press("Enter")
    expect(denom).to_have_text("60")
    _tab_to(page, "Epilepsy and seizures")
    page.keyboard.press("Enter")
    expect(page.locator("#li-listing")).to_contain_text("theme=Epilepsy and seizures")
