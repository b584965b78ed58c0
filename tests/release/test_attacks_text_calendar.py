"""Weekdays and dated public events must not pin the calendar the release hides (attacker 2).

Text dates are released relative to the death ("[12 days before death]") and the year of death is
generalised or suppressed. The attacks: "on Tuesday [13 days before death]" gives the weekday of
the death; "during the first Covid lockdown ([about 7 months before death])" or "the 2012
Olympics" with a relative date gives the year of death from a public calendar. Each attack is run
on the released text with the calendar masks (must fail) and on the same text with them removed
(control: must succeed), so a test that passes cannot be one whose attack never worked.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

import pandas as pd
import pytest
from _relative_phrases import RELATIVE, days_from_death

import leder_insights.jobs._release_text as release_text_module
from leder_insights.corpus import synthesize
from leder_insights.jobs._release_text import release_text, release_texts
from leder_insights.release import Release, calendar_spans

KEY = b"calendar-attack-key-0123456789abcdef"
N = 60
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
#: the attacker's public calendar: event phrase -> the day it happened
EVENTS = {"the first Covid lockdown": date(2020, 3, 23), "the 2012 Olympics": date(2012, 7, 27),
          "the Platinum Jubilee": date(2022, 6, 2), "the second lockdown": date(2020, 11, 5)}
#: the words by which the attacker recognises each event in the released text
SIGNS = {"the first Covid lockdown": "first Covid lockdown", "the 2012 Olympics": "Olympics",
         "the Platinum Jubilee": "Platinum Jubilee", "the second lockdown": "second lockdown"}


@pytest.fixture(scope="module")
def corpus():
    """Synthetic reviews whose timelines name a weekday beside a date, and a dated public event
    beside a date (as reviewers write them)."""
    reviews = synthesize(n_reviews=N, seed=21).reviews.copy()
    events = list(EVENTS)
    deaths, lines = [], []
    for i, d in enumerate(reviews["death_date"]):
        event = events[i % len(events)]
        # the event sits before the death (40 days or more), as a review's history does
        death = max(date.fromisoformat(str(d)[:10]), EVENTS[event] + timedelta(days=40 + i))
        seen = death - timedelta(days=3 + i % 10)
        when = EVENTS[event] + timedelta(days=i % 5)
        deaths.append(death.isoformat())
        lines.append(f"On {WEEKDAYS[seen.weekday()]} {seen:%d/%m/%Y} he was seen by the GP. "
                     f"During {event} ({when:%d/%m/%Y}) he stopped going to the day centre.")
    reviews["death_date"], reviews["timeline"] = deaths, lines
    return reviews


def _release(reviews: pd.DataFrame) -> pd.DataFrame:
    out, _spans = release_texts(reviews, ["timeline"], {}, release=Release(key=KEY))
    return out


def _weekday_attack(texts, deaths) -> int:
    """Reviews whose weekday of death the attacker reads off "<weekday> [n days before death]"."""
    hits = 0
    for text, death in zip(texts, deaths):
        m = re.search(r"\b(" + "|".join(WEEKDAYS) + r")\s+(\[[^\]]*death\])", text)
        rel = RELATIVE.fullmatch(m.group(2)) if m else None
        if not rel or rel.group(2) not in (None, "day"):  # a day count (or the day of death)
            continue
        weekday = (WEEKDAYS.index(m.group(1)) - int(days_from_death(rel))) % 7
        hits += weekday == date.fromisoformat(death).weekday()
    return hits


def _year_attack(texts, deaths) -> int:
    """Reviews whose death the attacker places within a year (a two-year window, the release's
    narrowest year period) from a public event's date and the relative date beside it."""
    hits = 0
    for text, death in zip(texts, deaths):
        for event, when in EVENTS.items():
            # the event's own words (a year in its name is written relative too: "the [9 years
            # before death] Olympics" still says which Olympics to a reader of the calendar)
            m = re.search(re.escape(SIGNS[event]) + r"\s+\((\[[^\]]*death\])\)", text)
            rel = RELATIVE.fullmatch(m.group(1)) if m else None
            if rel:
                guess = when - timedelta(days=days_from_death(rel))
                hits += abs((guess - date.fromisoformat(death)).days) <= 366
                break
    return hits


def test_attack_weekday_and_public_event_pin_the_calendar_unless_masked(corpus, monkeypatch):
    deaths = list(corpus["death_date"])
    masked = _release(corpus)
    monkeypatch.setattr(release_text_module, "calendar_spans", lambda text: [])
    # the control also without the coarsening of an interval beside an event-like phrase ("During
    # the 2012 Olympics ([7 weeks before death])" is written "[1 to 2 months before death]": attacker 9's F6)
    monkeypatch.setattr(release_text_module, "event_anchored", lambda text, start, end: False)
    unmasked = _release(corpus)
    # control: without the masks the weekday of death and the year of death are read back
    assert _weekday_attack(unmasked["timeline"], deaths) >= 0.95 * N
    assert _year_attack(unmasked["timeline"], deaths) >= 0.95 * N
    # no absolute date is left in either (the relative dates hold)
    assert not any(re.search(r"\d{1,2}/\d{1,2}/\d{4}", t) for t in unmasked["timeline"])
    # the release: neither attack finds anything to read
    assert _weekday_attack(masked["timeline"], deaths) == 0
    assert _year_attack(masked["timeline"], deaths) == 0
    joined = " ".join(masked["timeline"])
    assert not re.search(r"\b(?:" + "|".join(WEEKDAYS) + r")\b|Olympics|lockdown|Jubilee", joined, re.I)
    assert joined.count("[WEEKDAY]") == N and joined.count("[PUBLIC_EVENT]") == N


@pytest.mark.parametrize("text, token", [
    ("Seen on Tuesday 14/07/2020.", "[WEEKDAY]"),
    ("Seen Tue 14/07/2020.", "[WEEKDAY]"),
    ("Visits every Sunday.", "[WEEKDAY]"),
    ("In the second lockdown she stopped her day centre.", "[PUBLIC_EVENT]"),
    ("He watched the London Olympics.", "[PUBLIC_EVENT]"),
    ("After the Platinum Jubilee party he was tired.", "[PUBLIC_EVENT]"),
    ("He had his second covid vaccine.", "[PUBLIC_EVENT]"),
    ("Storm Arwen cut the power.", "[PUBLIC_EVENT]"),
])
def test_release_text_masks_calendar_mentions(text, token):
    out = release_text(text)[0]
    assert token in out, out


@pytest.mark.parametrize("text", [
    "He sat in the sun with the Wed team.",          # abbreviations only as in dates
    "He tested positive for Covid-19.",              # the disease itself stays (a finding)
    "She liked the weekend.",
    "He enjoyed sports days and a good election of sandwiches.",
])
def test_release_text_leaves_calendar_free_words(text):
    assert calendar_spans(text) == [] and release_text(text)[0] == text
