"""Exact ages in the released text must not beat the age bands the plan publishes (ATTACK_REPORT4 F4).

The plan releases age in 10- or 40-year bands (or suppresses it); a learning point that says "He
was 70 when he died" gives the exact age at death back, and one that says "since he was 47" beside
"[24 years before death]" gives it by addition. Invented reviews with a known true age carry the
attacker's phrasings; the attacker reads the age back from the released text. Each attack is run
on the text with the de-identifier's ages banded and masked (must fail) and on the same text
without (control: must succeed), so a test that passes cannot be one whose attack never worked.
"""
from __future__ import annotations

import random
import re
from datetime import date

import pandas as pd
import pytest

from leder_insights.deid._dates import band_age_text
from leder_insights.deid.recognizers.ages import AgeRecognizer
from leder_insights.jobs._release_text import release_texts
from leder_insights.release import Release

KEY = b"age-attack-key-0123456789abcdef0123"
N = 40
#: the attacker's phrasings of an age at death: (template, regex reading the age back)
AT_DEATH = [
    ("He was {a} when he died and had no annual health check.", r"\bwas (\d{1,3}) when he died"),
    ("She died at {a} without a cervical screen.", r"\bdied at (\d{1,3})\b"),
    ("At {a} he still had no hospital passport.", r"^At (\d{1,3}) he\b"),
    ("He was admitted on the morning of his {a}{suffix}, [day of death].", r"\bhis (\d{1,3})(?:st|nd|rd|th)\b"),
    ("Aged just {a}, she had not been offered a check.", r"^Aged just (\d{1,3}),"),
    ("He had been {a} for only a week when he died.", r"\bhad been (\d{1,3}) for\b"),
    ("Age at death: {a}.", r"^Age at death: (\d{1,3})\."),
    ("She was the youngest person ({a}) the team had seen.", r"\bperson \((\d{1,3})\)"),
    ("Mr Quarrie was {a} at the time of his death.", r"\bwas (\d{1,3}) at the time\b"),
]
#: an age at a past year: the age at death is the age plus the years before death
PAST = [
    ("He had lived there since {y}, since he was {b}.", r"since \[(\d+) years? before death\], since he was (\d{1,3})\b"),
    ("He left school at {b} in {y} and worked for years.", r"\bat (\d{1,3}) in \[(\d+) years? before death\]"),
    ("He had been under the team since he was {b} in {y}.", r"\bwas (\d{1,3}) in \[(\d+) years? before death\]"),
]


def _suffix(n: int) -> str:
    return "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


@pytest.fixture(scope="module")
def corpus():
    """N invented reviews: a true age at death (18-89), one sentence of each phrasing."""
    rnd = random.Random(4)
    rows = []
    for i in range(N):
        age = rnd.randint(18, 89)
        death = date(2022, 3, 6) + pd.Timedelta(days=rnd.randint(0, 600))
        back = rnd.randint(3, age - 10)  # years before death of the past event
        lines = [t.format(a=age, suffix=_suffix(age)) for t, _ in AT_DEATH]
        lines += [t.format(b=age - back, y=death.year - back) for t, _ in PAST]
        rows.append({"review_id": f"R{i}", "death_date": death.isoformat(), "age": age,
                     "learning": "\n".join(lines)})
    return pd.DataFrame(rows)


def _deidentify_ages(text: str) -> str:
    """The national de-identifier's treatment of ages: every age the recognizer finds banded
    (``band_age_text``), or ``[AGE]`` when it cannot be banded."""
    rec = AgeRecognizer()
    found = sorted((r for r in rec.analyze(text, ["AGE"]) if r.score >= 0.35), key=lambda r: r.start)
    out, last = [], 0
    for r in found:
        if r.start < last:
            continue
        span = text[r.start:r.end]
        out += [text[last:r.start], band_age_text(span) or "[AGE]"]
        last = r.end
    return "".join(out + [text[last:]])


def _release(df: pd.DataFrame, deidentify: bool) -> list[str]:
    df = df.copy()
    if deidentify:
        df["learning"] = [_deidentify_ages(t) for t in df["learning"]]
    # the control keeps the release's date rules but not its mention masks, which now read some
    # of these phrasings themselves ("At 47 he", "was 48 when": attacker 6's F2)
    out, _spans = release_texts(df, ["learning"], {}, release=Release(key=KEY, mask_text_mentions=deidentify))
    return list(out["learning"])


def _age_attack(texts, ages) -> tuple[int, int]:
    """(phrasings read back as the true age at death, reviews with at least one), over all reviews."""
    exact = reviews = 0
    for text, age in zip(texts, ages):
        lines = text.split("\n")
        hits = 0
        for line, (_t, rx) in zip(lines, AT_DEATH):
            m = re.search(rx, line)
            hits += bool(m and int(m.group(1)) == age)
        for line, (_t, rx) in zip(lines[len(AT_DEATH):], PAST):
            m = re.search(rx, line)
            if m:
                nums = [int(g) for g in m.groups()]
                hits += sum(nums) in (age, age - 1, age + 1)  # the age, within a birthday
        exact += hits
        reviews += hits > 0
    return exact, reviews


@pytest.mark.slow
def test_attack_exact_age_read_back_unless_the_ages_are_masked(corpus):
    ages = list(corpus["age"])
    # control: the release's date rules alone (no de-identifier, no mention masks) leave every phrasing readable
    exact, reviews = _age_attack(_release(corpus, deidentify=False), ages)
    assert reviews == N and exact >= 0.95 * N * (len(AT_DEATH) + len(PAST))
    released = _release(corpus, deidentify=True)
    assert _age_attack(released, ages) == (0, 0)
    # nothing is left of any age: no number at all outside the release's brackets
    for text in released:
        assert not re.search(r"\d", re.sub(r"\[[^\]]*\]", "", text)), text
    assert sum(t.count("[AGE]") for t in released) == N * (len(AT_DEATH) + len(PAST))


@pytest.mark.slow
def test_attack_exact_age_through_the_national_deidentifier(corpus):
    """The same attack through the real de-identifier (national profile) and the release's text rules."""
    from leder_insights.deid import Deidentifier

    deid = Deidentifier(profile="national", key=KEY)
    df = corpus.copy()
    out, _audit, _q, spans = deid.deidentify_frame(df, text_columns=["learning"], id_column="review_id",
                                                   n_process=1, return_spans=True)
    out, _spans = release_texts(out, ["learning"], spans, release=Release(key=KEY))
    assert _age_attack(list(out["learning"]), list(corpus["age"])) == (0, 0)
