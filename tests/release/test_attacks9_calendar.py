"""Month names, lone days of the month and unlisted public events in released text (attacker 9's
F5 and F6). Invented sentences, released through ``release_texts`` (relative dates, death known).

F5: docs/release.md promises no month name is left in released text; a day of the month standing
alone ("on the 3rd") is a piece of a date. F6: a public event the calendar lists do not know,
beside an exact interval, gives the date of death; listed events are masked, and an interval
beside any other event-like phrase is coarsened to a month.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

import pandas as pd
import pytest

import leder_insights.jobs._release_text as release_text_module
from leder_insights.jobs._release_text import calendar_leftovers, event_anchored, release_texts
from leder_insights.release import Release

KEY = b"calendar9-attack-key-0123456789abcdef"
DEATH = date(2023, 5, 20)


def _release(texts: list[str]) -> list[str]:
    df = pd.DataFrame({"review_id": [f"R{k}" for k in range(len(texts))], "learning": texts,
                       "death_date": DEATH.isoformat()})
    out, _spans = release_texts(df, ["learning"], {}, release=Release(key=KEY))
    return list(out["learning"])


@pytest.mark.parametrize("text, secret", [
    ("The fan broke in the warm spell of August.", "August"),
    ("He had not been weighed since last November.", "November"),
    ("Every OCTOBER the home forgot his flu jab.", "OCTOBER"),
    ("Her notes from february were missing.", "february"),
    ("In March the team changed his diet.", "March"),
    ("Sa visite de novembre a ete annulee.", "novembre"),
    ("Er war im Dezember beim Arzt.", "Dezember"),
    ("Roedd e'n sal ym mis Rhagfyr.", "Rhagfyr"),
    ("His meds ran out on the 5th and were not reordered.", "5th"),
    ("The referral went in on the nineteenth.", "nineteenth"),
    ("Bloods were taken from the 2nd to the 4th, then stopped.", "4th"),
    ("Physio was stopped on the first without a reason.", "first"),
])
def test_month_names_and_lone_days_are_masked(text, secret):
    out = _release([text])[0]
    assert not re.search(rf"\b{re.escape(secret)}\b", out), out
    assert "[DATE]" in out


@pytest.mark.parametrize("text", [
    "He had his 2nd dose of amoxicillin at lunch.",
    "It was the fifth time he had choked.",
    "The 3rd visit by the nurse was missed.",
    "Staff may not have known his baseline.",
    "He liked to march with the band.",
    "He came second in the quiz.",
    "The twentieth century saw the hospital open.",
    "He was given a Mars bar by staff.",
])
def test_ordinary_ordinals_and_verbs_stay(text):
    assert _release([text])[0] == text


def test_leftover_masks_are_spans_and_skip_existing_spans():
    text = "Seen [DATE_1] and last July."
    out, spans = calendar_leftovers(text, [(5, 13)])
    assert out == "Seen [DATE_1] and last [DATE]."
    assert spans == [(5, 13), (23, 29)]


SIGNS = ["canal froze", "power failure", "fuel shortage", "eclipse", "ambulance strike", "37C"]


def _anchor_exact(released: list[str], known: list[date]) -> int:
    """The attacker's step: a public event recognised by its words, its known day, plus the exact
    interval beside it."""
    hits = 0
    for text, when, sign in zip(released, known, SIGNS):
        m = re.search(r"\[(\d+) days? (before|after) death\]", text)
        if m and sign in text:
            d = int(m.group(1)) * (1 if m.group(2) == "before" else -1)
            hits += when + timedelta(days=d) == DEATH
    return hits


def _f6_texts() -> tuple[list[str], list[date]]:
    known, texts = [], []
    for k, phrase in enumerate(["On the day the canal froze over, {d}, he fell on the ice.",
                                "The day of the big power failure ({d}) his bed alarm was silent.",
                                "On the first day of the fuel shortage, {d}, his carer was late.",
                                "He was anxious during the solar eclipse on {d}.",
                                "During the ambulance strike ({d}) he waited five hours.",
                                "On the day it hit 37C, {d}, the windows were shut."]):
        when = DEATH - timedelta(days=2 + k)
        known.append(when)
        texts.append(phrase.format(d=f"{when:%d/%m/%Y}"))
    return texts, known


def test_unlisted_event_anchor_does_not_give_the_date_of_death(monkeypatch):
    texts, known = _f6_texts()
    assert _anchor_exact(_release(texts), known) == 0
    # control: without the coarsening and the new list words the same texts give the day
    monkeypatch.setattr(release_text_module, "event_anchored", lambda text, start, end: False)
    monkeypatch.setattr(release_text_module, "calendar_spans", lambda text: [])
    assert _anchor_exact(_release(texts), known) == len(texts)


def test_private_and_clinical_anchors_keep_their_interval():
    texts = [f"On the day he moved to the hospice, {DEATH - timedelta(days=3):%d/%m/%Y}, he was calm.",
             f"During the night of {DEATH - timedelta(days=2):%d/%m/%Y} he was not turned.",
             f"During the admission ({DEATH - timedelta(days=5):%d/%m/%Y}) his fluids were not charted."]
    out = _release(texts)
    assert ["[3 days before death]" in out[0], "[2 days before death]" in out[1],
            "[5 days before death]" in out[2]] == [True, True, True], out


def test_event_anchored_reads_one_sentence():
    t = "On the day the canal froze, he stayed in. He was seen on 03/05/2023 by the GP."
    s = t.index("03/05")
    assert not event_anchored(t, s, s + 10)
    assert event_anchored("On the day the canal froze, 03/05/2023, he fell.", 28, 38)
