"""The text's dates must not give the review's date-shift offset away (national profile).

The attack: one true date of a review is known from elsewhere (a public inquest date, a
holiday, an admission the attacker witnessed). With shifted dates (day precision) the released
text shows that event's shifted date, so shifted minus true gives the offset, and the offset
un-shifts every other date of the review. With dates written relative to the death there is no
absolute date, day of the month or year in the text to compare with.
"""
from __future__ import annotations

import re
import secrets
from datetime import date, timedelta

import pandas as pd
import pytest

from leder_insights.config import load_config
from leder_insights.corpus import synthesize
from leder_insights.deid import Deidentifier, PseudonymKey, date_offset, find_dates
from leder_insights.jobs._release_text import release_texts
from leder_insights.release import Release

# Every test here reads a bundle built by a module fixture (seconds of CPU): make test runs them.
pytestmark = pytest.mark.slow

KEY = secrets.token_hex(32).encode()
N = 12
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_MONTH = re.compile(r"\b(?:January|February|March|April|June|July|August|September|October|"
                    r"November|December)\b")


@pytest.fixture(scope="module")
def released():
    """The same de-identified reviews released with shifted text dates and with relative ones."""
    reviews = synthesize(n_reviews=N, seed=77).reviews.copy()
    # partial dates and years on their own, as reviewers write them
    reviews["timeline"] = ("On 24th December he was unwell. In 2015 he moved house. "
                           + reviews["timeline"])
    cfg = load_config()
    deid = Deidentifier(profile="national", key=KEY, config=cfg)
    rel = Release(key=KEY)
    text_columns = rel.text_columns(reviews.columns)
    out, _audit, _quar, spans = deid.deidentify_frame(reviews, text_columns=text_columns,
                                                      id_column="review_id", n_process=1,
                                                      return_spans=True)
    shifted, _ = release_texts(out, text_columns, spans,
                               release=Release(key=KEY, text_dates="shifted"))
    relative, rel_spans = release_texts(out, text_columns, spans, release=rel)
    return {"reviews": reviews, "shifted": shifted, "relative": relative, "columns": text_columns,
            "spans": rel_spans}


def _first_timeline_date(text: str):
    """The first full date (day, month, year) of a timeline, as written."""
    for _s, _e, year, month, day in find_dates(text):
        if year and month and day:
            return date(year, month, day)
    return None


def _recover_offsets(reviews: pd.DataFrame, released: pd.DataFrame) -> int:
    """The attack: the first timeline event's true date is known; compare it with the released
    first event; un-shift the released date of death with the offset found; count the reviews
    whose true date of death is recovered exactly."""
    hits = 0
    for raw, text, death in zip(reviews["timeline"], released["timeline"], reviews["death_date"]):
        true_first, shown_first = _first_timeline_date(raw), _first_timeline_date(text)
        if true_first is None or shown_first is None:
            continue
        offset = (shown_first - true_first).days
        shown = [date(y, m, d) for _s, _e, y, m, d in find_dates(text) if y and m and d]
        if any(d - timedelta(days=offset) == date.fromisoformat(death) for d in shown):
            hits += 1
    return hits


def test_attack_one_known_date_recovers_the_death_date_only_with_shifted_text(released):
    reviews = released["reviews"]
    # control: with shifted dates, one known true date gives the offset and the true death date
    assert _recover_offsets(reviews, released["shifted"]) >= N // 2
    # relative dates: nothing to compare
    assert _recover_offsets(reviews, released["relative"]) == 0


def test_release_text_has_no_absolute_date_day_or_year(released):
    for col in released["columns"]:
        for after in released["relative"][col]:
            if not isinstance(after, str):
                continue
            assert find_dates(after) == [], after  # no date of any form is left
            assert not _YEAR.search(after)         # no year, even when death_year is suppressed
            assert not _MONTH.search(after)        # "24th December" is gone too
    joined = " ".join(released["shifted"]["timeline"])
    assert _YEAR.search(joined) and _MONTH.search(joined)  # control: the shifted text had them


def test_release_text_relative_dates_are_the_true_intervals(released):
    """The phrase gives the true interval from the death (the offset cancels out)."""
    k = PseudonymKey(KEY)
    for rid, raw, text, death in zip(released["reviews"]["review_id"], released["reviews"]["timeline"],
                                     released["relative"]["timeline"], released["reviews"]["death_date"]):
        assert date_offset(k, rid, 365) != 0
        died = date.fromisoformat(death)
        true_days = [(date(y, m, d) - died).days for _s, _e, y, m, d in find_dates(raw) if y and m and d]
        shown = re.findall(r"\[(\d+) days? before death\]", text)
        near = sorted(-t for t in true_days if -13 <= t < 0)
        assert sorted(int(n) for n in shown) == near
        if any(t == 0 for t in true_days):
            assert "[day of death]" in text
        years = re.search(r"In \[(\d+) years? before death\] he moved", text)  # "In 2015"
        assert years and abs(int(years.group(1)) - (died.year - 2015)) <= 1


def test_release_text_relative_phrases_are_skipped_by_the_gate(released):
    """Each phrase is a replacement span of its own (the gate does not count it as a date)."""
    for (rid, col), spans in released["spans"].items():
        text = released["relative"].set_index("review_id").loc[rid, col]
        for phrase in re.finditer(r"\[[^\]]*death\]", text):
            assert (phrase.start(), phrase.end()) in spans
