"""Review widgets under Voilà: a decision lands on the item shown, after a later cell changed the
data under the widget (issue 15, defect 1), and bad input shows a message, never a traceback."""
from __future__ import annotations

import re

import pandas as pd
import pytest
from playwright.sync_api import expect

from _ui_constants import VIEWPORT

pytestmark = pytest.mark.browser


def test_review_widgets_save_to_the_item_shown_after_the_data_changed(browser, review_app):
    url, out = review_app
    ctx = browser.new_context(viewport=VIEWPORT)
    page = ctx.new_page()
    try:
        page.goto(url)
        item = page.locator("p.li-item")
        expect(item).to_contain_text("Item 4 of 6", timeout=90_000)   # redrawn after the stand-in cell
        shown = re.search(r"review (R\d+)", item.inner_text()).group(1)
        assert shown == "R3"
        page.get_by_role("checkbox", name=re.compile(r"#0 PERSON: Name3")).check()
        page.get_by_role("button", name="Done, next").click()
        expect(item).to_contain_text("Item 5 of 6")

        # bad input: a "missed identifier" that is not in the text
        page.get_by_label("Missed text").fill("Nobody-at-all")
        page.get_by_role("button", name="Add missed identifier").click()
        alert = page.get_by_role("alert")
        expect(alert).to_contain_text("[E005]")
        body = page.locator("body").inner_text()
        assert "Traceback" not in body and 'File "' not in body

        page.get_by_role("button", name="Save QA results").click()
        expect(page.get_by_text(re.compile(r"Saved \d+ QA rows"))).to_contain_text(str(out / "qa.csv"))
        qa = pd.read_csv(out / "qa.csv")
        assert qa.loc[qa.kind == "over_redaction", "review_id"].tolist() == ["R3"]
        assert sorted(qa.review_id.unique()) == ["R0", "R1", "R2", "R3"]

        # the relabeller: six points were labelled by a later cell; the one shown now gets the label
        lp = page.locator(".li-excerpt[data-lp]")
        expect(lp).to_have_attribute("data-lp", "LP06", timeout=30_000)
        page.get_by_role("checkbox", name="Medicines").check()
        page.get_by_role("button", name="Save and next").click()
        expect(lp).not_to_have_attribute("data-lp", "LP06")
        labels = pd.read_csv(out / "labels.csv")
        chosen = labels[labels.value.astype(str) == "True"]
        assert chosen[["lp_id", "theme"]].values.tolist() == [["LP06", "medication"]]
    finally:
        ctx.close()
