"""Attacker 3's F5 and F10: a date expression only partly made relative gave the hidden year back.

"2019/20" became "[5 years before death]/20": the "/20" says the year, and with the interval the
year of death. "born in 1948" became "born in [75 years before death]": the exact age at death.
"2020-07-19T23:40Z" became "[3 years before death]-05-05T23:40Z": the shifted day and month (the
review's offset to anyone knowing the true date) and the time. The intruder reads the released
text (``release_texts``, the bundle's step) and scores each guess against the truth.
"""
from __future__ import annotations

import re
from datetime import date

import pandas as pd
import pytest

from leder_insights.jobs._release_text import release_texts
from leder_insights.release import Release

KEY = b"release-text-years-key-0123456789abcd"
# invented sentences; {y} is a year before the death, {y2} the next year's last two digits
SPANS = ["The {y}/{y2} annual health check was missed.", "No health check in FY {y}-{y2}.",
         "He caught flu in the {y}\u2013{y2} flu season.", "He left college in the academic year {y}/{y2}.",
         "The check was missed in {s}/{s2}."]
BIRTHS = ["He was born in {b} in a mining village.", "DOB {b}.", "b. {b}, in Leeds.",
          "He was born on the 3rd of March {b}.", "DOB 3-Mar-{b2}.", "Date of birth: March 3rd, {b}."]


@pytest.fixture(scope="module")
def released():
    rows = []
    for i in range(60):
        death = date(2016 + i % 8, 1 + i % 12, 1 + i % 28)
        y, b = death.year - 1 - i % 5, death.year - 40 - i
        text = " ".join(t.format(y=y, y2=f"{(y + 1) % 100:02d}", s=f"{y % 100:02d}",
                                 s2=f"{(y + 1) % 100:02d}", b=b, b2=f"{b % 100:02d}")
                        for t in SPANS + BIRTHS)
        text += f" Death verified {death.isoformat()}T23:40Z by the nurse."
        rows.append({"review_id": f"R{i:03d}", "death_date": death.isoformat(), "timeline": text,
                     "age": death.year - b})
    df = pd.DataFrame(rows)
    out, spans = release_texts(df.drop(columns="age"), ["timeline"], {}, release=Release(key=KEY))
    return df, out, spans


def test_attack_year_span_tail_gives_no_year_of_death(released):
    df, out, _ = released
    right = made = 0
    for text, death in zip(out["timeline"], df["death_date"]):
        for n, tail in re.findall(r"\[(\d+) years? before death\]\s?[/\-\u2013]\s?(\d{2})\b", text):
            made += 1
            right += (2000 + int(tail) - 1 + int(n)) == int(death[:4])
        assert not re.search(r"\d{2}/\d{2}", text), text   # "19/20" left absolute gives the year
    assert made == 0 and right == 0


def test_attack_birth_date_becomes_the_dob_mask_never_a_relative_year(released):
    df, out, _ = released
    right = made = 0
    for text, age in zip(out["timeline"], df["age"]):
        for m in re.finditer(r"(?:born|DOB|b\.|birth)[^\[.]{0,20}\[(?:about )?(\d+) years? before death\]", text):
            made += 1
            right += abs(int(m.group(1)) - age) <= 1
        assert text.count("[DATE_OF_BIRTH]") == len(BIRTHS), text
    assert made == 0 and right == 0


def test_attack_iso_timestamp_keeps_no_shifted_day_or_time(released):
    _df, out, spans = released
    for (rid, text) in zip(out["review_id"], out["timeline"]):
        assert not re.search(r"\]-\d{2}-\d{2}|T\d{2}:\d{2}|\d{2}:\d{2}Z", text), text
        assert "Death verified [day of death] by" in text
        # each released phrase is a span of its own (the gate skips the release's replacements)
        assert all(text[a] == "[" and text[b - 1] == "]" for a, b in spans[(rid, "timeline")])
