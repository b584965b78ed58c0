"""Calendar anchors the masks did not know (ATTACK_REPORT4 F5): festivals, sporting finals, named
storms in any case, record weather days, covid rules by name, "the week the clocks changed".

Two attacks, each run on the released text (must fail) and on the same text with the calendar
masks removed (control: must succeed):

* relative dates (the default): the anchor's public date and "[2 weeks before death]" beside it
  give the date of death within weeks, and with it the year the release suppresses;
* ``text_dates: shifted``: the anchor's public date and the shifted date beside it give the
  review's offset, which un-shifts every other date of the review.

Invented reviews; the anchors are public events with their real dates.
"""
from __future__ import annotations

import random
import re
from datetime import date, timedelta

import pandas as pd
import pytest
from _relative_phrases import RELATIVE, days_from_death

import leder_insights.jobs._release_text as release_text_module
from leder_insights.deid._dates import shift_date_text
from leder_insights.jobs._release_text import release_text, release_texts
from leder_insights.release import Release, calendar_spans

KEY = b"calendar4-attack-key-0123456789abcdef"
#: the attacker's calendar: anchor as written -> the day it happened
ANCHORS = {
    "Storm eunice": date(2022, 2, 18), "STORM EUNICE": date(2022, 2, 18), "storm eunice": date(2022, 2, 18),
    "Vaisakhi": date(2021, 4, 14), "Twelfth Night": date(2022, 1, 5), "Red Nose Day": date(2021, 3, 18),
    "the FA Cup final": date(2022, 5, 14), "the Six Nations final": date(2022, 3, 19),
    "the hottest day ever recorded in England": date(2022, 7, 19), "Plan B restrictions": date(2021, 12, 8),
    "the day the booster programme opened to all adults": date(2021, 12, 13),
    "the week the clocks changed": date(2022, 3, 27), "Chinese New Year": date(2022, 2, 1),
    "Black Friday": date(2021, 11, 26),
}
N = 3 * len(ANCHORS)


@pytest.fixture(scope="module")
def corpus() -> pd.DataFrame:
    """One anchor per review, with the day it happened in brackets, and a later date of its own."""
    rnd = random.Random(5)
    rows = []
    for i in range(N):
        anchor = list(ANCHORS)[i % len(ANCHORS)]
        when = ANCHORS[anchor]
        death = when + timedelta(days=rnd.randint(3, 40))
        later = when + timedelta(days=rnd.randint(1, (death - when).days))
        rows.append({"review_id": f"C{i}", "death_date": death.isoformat(), "anchor": anchor,
                     "later": later.isoformat(),
                     "learning": f"It was {anchor} ({when:%d/%m/%Y}) when staff noticed he was unwell. "
                                 f"He was seen by the GP on {later:%d/%m/%Y}."})
    return pd.DataFrame(rows)


def _release(df: pd.DataFrame, shifted: bool) -> list[str]:
    rel = Release(key=KEY, text_dates="shifted" if shifted else "relative")
    df = df.copy()
    if shifted:  # the de-identifier's keyed shift of the text's dates
        offsets = rel.offsets(df["review_id"])
        df["learning"] = [re.sub(r"\d{2}/\d{2}/\d{4}", lambda m, o=o: shift_date_text(m.group(), o) or "", t)
                          for t, o in zip(df["learning"], offsets)]
    out, _spans = release_texts(df, ["learning"], {}, release=rel)
    return list(out["learning"])


def _relative_attack(texts, df) -> int:
    """Reviews whose date of death the attacker places within 3 weeks (anchor + relative date)."""
    hits = 0
    for text, anchor, death in zip(texts, df["anchor"], df["death_date"]):
        m = re.search(re.escape(anchor) + r" \((\[[^\]]*\])\)", text)
        rel = RELATIVE.fullmatch(m.group(1)) if m else None
        if rel:
            guess = ANCHORS[anchor] - timedelta(days=days_from_death(rel))
            hits += abs((guess - date.fromisoformat(death)).days) <= 21
    return hits


def _shift_attack(texts, df) -> int:
    """Reviews whose other date the attacker un-shifts to the true day (anchor + shifted date)."""
    hits = 0
    for text, anchor, later in zip(texts, df["anchor"], df["later"]):
        m = re.search(re.escape(anchor) + r" \((\d{2}/\d{2}/\d{4})\).*GP on (\d{2}/\d{2}/\d{4})", text)
        if m:
            shown = pd.Timestamp(pd.to_datetime(m.group(1), dayfirst=True)).date()
            offset = (shown - ANCHORS[anchor]).days
            other = pd.Timestamp(pd.to_datetime(m.group(2), dayfirst=True)).date()
            hits += other - timedelta(days=offset) == date.fromisoformat(later)
    return hits


@pytest.mark.parametrize("shifted, attack", [(False, _relative_attack), (True, _shift_attack)],
                         ids=["relative", "shifted"])
def test_attack4_f5_anchors_pin_the_calendar_unless_masked(corpus, monkeypatch, shifted, attack):
    masked = _release(corpus, shifted)
    monkeypatch.setattr(release_text_module, "calendar_spans", lambda text: [])
    monkeypatch.setattr(release_text_module, "_NAMED_DAY", re.compile(r"(?!x)x"))
    # nor the coarsening of an interval beside an event-like phrase (attacker 9's F6)
    monkeypatch.setattr(release_text_module, "event_anchored", lambda text, start, end: False)
    unmasked = _release(corpus, shifted)
    assert attack(unmasked, corpus) >= 0.9 * N  # control: the anchors do pin it
    assert attack(masked, corpus) == 0
    for text, anchor in zip(masked, corpus["anchor"]):
        words = re.sub(r"^the\s+|\s+(?:restrictions|final|in England)$", "", anchor, flags=re.I)
        assert words.lower() not in text.lower(), text


@pytest.mark.parametrize("text, token", [
    ("He was admitted during Storm eunice.", "[PUBLIC_EVENT]"),
    ("He was admitted during storm Franklin.", "[PUBLIC_EVENT]"),
    ("He was admitted during STORM ARWEN.", "[PUBLIC_EVENT]"),
    ("He watched the Bake Off final with staff.", "[PUBLIC_EVENT]"),
    ("He loved the Grand National.", "[PUBLIC_EVENT]"),
    ("He died on the coldest night of the year.", "[PUBLIC_EVENT]"),
    ("He caught the Omicron variant.", "[PUBLIC_EVENT]"),
    ("The family came for Diwali and for Holi.", "[NAMED_DAY]"),
    ("On St Davids Day he sang.", "[NAMED_DAY]"),
    ("Staff wore red for Red Nose Day.", "[PUBLIC_EVENT]"),
    ("He died the night the clocks went forward.", "[PUBLIC_EVENT]"),
])
def test_release_text_masks_attack4_anchors(text, token):
    out = release_text(text)[0]
    assert token in out, out


@pytest.mark.parametrize("text", [
    "Storm damage to the roof meant he moved rooms; the storm was loud.",
    "During the storm He was calm.",
    "We had a plan B for the day centre.",
    "The final review was late and the Care Act final review later.",
    "He had his final meal at home.",
    "The day the ambulance came he was calm.",
    "He liked the night sky and holidays in May.",
])
def test_release_text_leaves_words_that_are_no_anchor(text):
    assert calendar_spans(text) == [], calendar_spans(text)


def test_a_named_day_mask_over_part_of_a_shifted_date_keeps_the_date_shifted():
    """"Mothering Sunday, 27/03/2022": the de-identifier shifts "Sunday, 27/03/2022" as one date, the
    release masks "Mothering Sunday". The date left must still count as shifted: read as written, its
    relative phrase was the true interval plus the review's offset (off by up to a year, and the
    offset itself to whoever knows the day)."""
    from leder_insights.jobs._release_text import relative_phrase

    rel = Release(key=KEY)
    ids = [f"M{i}" for i in range(20)]
    death, true = date(2022, 3, 6), date(2022, 3, 27)
    rows, spans = [], {}
    for rid, off in zip(ids, rel.offsets(ids)):
        shifted = true + timedelta(days=off)
        text = f"On Mothering Sunday, {shifted:%d/%m/%Y}, his mum visited."
        rows.append({"review_id": rid, "death_date": death.isoformat(), "learning": text})
        spans[(rid, "learning")] = [(text.index("Sunday"), text.index(",", text.index("/")))]
    out, _spans = release_texts(pd.DataFrame(rows), ["learning"], spans, release=rel)
    want = relative_phrase((true - death).days)
    assert [t for t in out["learning"] if want not in t] == []
    assert all("[NAMED_DAY]" in t and "Mothering" not in t for t in out["learning"])
