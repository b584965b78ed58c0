"""The Voilà workshop app in a real browser (Playwright driving Debian Chromium) at 1280×720."""
from __future__ import annotations

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
    link = page.get_by_role("link", name="Download leder-themes_")
    expect(link).to_be_visible(timeout=30_000)
    with page.expect_download() as info:
        link.click()
    dl = info.value
    assert dl.suggested_filename.endswith(".xlsx")
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
    page.get_by_label("Year from", exact=True).focus()
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
