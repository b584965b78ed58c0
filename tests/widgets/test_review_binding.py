"""Review widgets bind every decision to the item on screen (issue 15, defect 1).

Under Voilà / Run All a later cell changed the review state after the widget was drawn: the tick
and the label then went to another item. Here the state changes under a drawn widget in both ways
it can: with notification (the widget must redraw, and the save goes to the item now shown) and
without (the widget still shows the old item, and the save must go to that item).
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from leder_insights.widgets import DeidReviewer, DeidReviewState, LabelReviewer, LabelState

from _widget_fixtures import THEMES, make_frames


@pytest.fixture(autouse=True)
def _local(monkeypatch):
    monkeypatch.delenv("LEDER_WORKSHOP", raising=False)


def _items(n=6):
    rows = []
    for i in range(n):
        text = f"Seen by Dr Name{i} at Ward {i} on day {i}."
        a = text.index(f"Name{i}")
        rows.append({"review_id": f"R{i}", "field": "timeline", "original": text,
                     "deidentified": text.replace(f"Name{i}", "[PERSON]"),
                     "entities": [{"start": a, "end": a + len(f"Name{i}"), "category": "PERSON"}]})
    return pd.DataFrame(rows)


def _shown_item(w: DeidReviewer) -> tuple[int, str]:
    m = re.search(r"Item (\d+) of \d+ · review (R\d+)", w.pair.value)
    return int(m.group(1)), m.group(2)


def test_deid_state_decision_stays_on_the_item_given():
    st = DeidReviewState(_items(), workshop=False)
    shown = st.current()["key"]
    st.go(3)                                            # the position moved after drawing
    st.mark_over_redaction(0, item=shown).complete(item=shown)
    res = st.results()
    assert res["review_id"].tolist() == ["R0"] and res["kind"].tolist() == ["over_redaction"]
    assert st.current()["review_id"] == "R1"            # "next" means after the item decided on


def test_deid_widget_redraws_when_state_changes_and_saves_to_item_shown():
    st = DeidReviewState(_items(), workshop=False)
    w = DeidReviewer(st)
    assert _shown_item(w) == (1, "R0")
    for _ in range(3):                                  # the notebook's stand-in cell, after drawing
        st.complete()
    assert _shown_item(w) == (4, "R3")                  # the widget followed the change
    w.over_boxes.children[0].value = True               # the analyst ticks what is on screen
    w.next_btn.click()
    res = st.results()
    assert res.loc[res.kind == "over_redaction", "review_id"].tolist() == ["R3"]
    assert _shown_item(w) == (5, "R4") and "Reviewed 4 items" in w.summary.value
    assert w.errors == []


def test_deid_widget_without_notification_still_saves_to_item_drawn():
    st = DeidReviewState(_items(), workshop=False)
    w = DeidReviewer(st)
    st.index = 3                                        # changed behind the widget's back
    w.over_boxes.children[0].value = True               # the tick is for R0, which is on screen
    assert st.over == {"R0|timeline": {0}}
    assert _shown_item(w) == (4, "R3")                  # then the widget shows the state's item


def test_deid_widget_new_sample_redraws_and_old_item_is_refused():
    st = DeidReviewState(_items(), workshop=False)
    w = DeidReviewer(st)
    drawn = w.shown
    st.set_items(_items(6).iloc[2:])                    # the sample is replaced under the widget
    assert _shown_item(w) == (1, "R2")
    with pytest.raises(ValueError, match=r"\[E005\]"):
        st.complete(item=drawn)                         # R0 left the sample: refused, not moved
    assert st.results()["review_id"].tolist() == []


def test_deid_widget_bad_missed_identifier_is_a_short_message():
    st = DeidReviewState(_items(), workshop=False)
    w = DeidReviewer(st)
    w.missed_text.value = "Nobody at all"
    w.add_missed.click()
    assert "[E005]" in w.error_box.value and "missed identifier" in w.error_box.value
    assert "Traceback" not in w.error_box.value and ".py" not in w.error_box.value
    assert len(w.errors) == 1 and st.missed == {}
    w.missed_text.value = "Ward 0"                      # the next good action clears the message
    w.add_missed.click()
    assert w.error_box.value == "" and len(st.missed) == 1


def test_deid_widget_save_says_where(tmp_path):
    st = DeidReviewState(_items(), workshop=False)
    w = DeidReviewer(st)
    w.save_btn.click()                                  # nowhere to save: says so, saves nothing
    assert "[E005]" in w.error_box.value and "save_path" in w.error_box.value
    out = tmp_path / "qa" / "deid_qa.csv"
    st.save_path = out
    w.next_btn.click()
    w.save_btn.click()
    assert w.error_box.value == ""
    assert str(out) in w.saved.value and "Saved 1 QA rows (1 items)" in w.saved.value
    assert pd.read_csv(out)["review_id"].tolist() == ["R0"]
    assert not list(Path(out.parent).glob("*.tmp"))


def _label_state(n=6):
    _rv, lp = make_frames(n)
    return LabelState(lp, THEMES)


def test_label_widget_redraws_when_state_changes_and_saves_to_point_shown():
    st = _label_state()
    w = LabelReviewer(st)
    first = w.shown
    assert first == st.current()["lp_id"] and first in w.text.value
    for _ in range(6):                                  # the stand-in cell labels six points
        st.submit(st.current()["lp_id"], [])
    now = st.current()["lp_id"]
    assert w.shown == now != first and now in w.text.value
    for b in w.boxes.values():
        b.value = False
    w.boxes["epilepsy"].value = True
    w.save_btn.click()
    assert st.labels[now]["epilepsy"] is True and st.labels[first]["epilepsy"] is False


def test_label_widget_without_notification_still_saves_to_point_drawn():
    st = _label_state()
    w = LabelReviewer(st)
    drawn = w.shown
    st.queue.reverse()                                  # the queue changed behind the widget's back
    for b in w.boxes.values():
        b.value = False
    w.boxes["medication"].value = True
    w.save_btn.click()
    assert list(st.labels) == [drawn] and st.labels[drawn]["medication"] is True


def test_label_state_unknown_point_is_refused():
    st = _label_state(2)
    with pytest.raises(ValueError, match=r"\[E005\]"):
        st.submit("not-a-point", [])
