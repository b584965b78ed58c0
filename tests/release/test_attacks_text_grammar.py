"""Attacker 3's F1 mechanical channels: the grammar round a mask gave the value back.

* the subject's 10-year age band as the de-identifier wrote it ("This review concerns
  [PERSON_1], 60–69,") was printed while the plan suppressed age (94 / 94 right);
* "an [AGE]-year-old" meant 80–89 (or 8, 11, 18), "a [AGE]" every other age (205 / 205);
* "[LD_SEVERITY] learning disabilities" (plural, no article) meant PMLD (62 / 62).

The intruder here reads the released text (``release_texts``, the step the bundle's text goes
through) with the attacker's own regular expressions and scores each guess against the truth.
"""
from __future__ import annotations

import re

import pandas as pd
import pytest

from leder_insights.corpus import synthesize
from leder_insights.deid import age_band
from leder_insights.jobs._release_text import normalise_articles, release_texts
from leder_insights.release import Release

KEY = b"release-text-grammar-key-0123456789ab"
SEVERITY = {"mild": "a mild learning disability", "moderate": "a moderate learning disability",
            "severe": "a severe learning disability",
            "profound_multiple": "profound and multiple learning disabilities", "unknown": "a learning disability"}


def _article(age: int) -> str:
    return "an" if str(age).startswith("8") or age in (11, 18) else "a"


@pytest.fixture(scope="module")
def released():
    reviews = synthesize(n_reviews=120, seed=31).reviews
    # the text as the de-identifier leaves it (age banded, names placeholders), in invented words
    pen = [f"This review concerns [PERSON_1], {age_band(int(a))}, who had {SEVERITY.get(s, SEVERITY['unknown'])}. "
           f"[PERSON_1] was {_article(int(a))} {age_band(int(a))}-year-old who lived at "
           f"{'an' if k % 2 else 'a'} [ORGANIZATION_1]."
           for k, (a, s) in enumerate(zip(reviews["age_at_death"], reviews["ld_severity"]))]
    reviews = reviews.assign(pen_portrait=pen)
    out, _ = release_texts(reviews, ["pen_portrait"], {}, release=Release(key=KEY))
    return reviews, out


def _score(guesses) -> tuple[int, int]:
    """(right, made) over guesses ``(guess or None, truth)``."""
    made = [(g, t) for g, t in guesses if g is not None]
    return sum(g == t for g, t in made), len(made)


def test_attack_subject_age_band_is_not_printed(released):
    reviews, out = released
    guesses = []
    for text, age in zip(out["pen_portrait"], reviews["age_at_death"]):
        m = re.search(r"concerns \[PERSON_1\], (\d0)\u2013\d9|concerns \[PERSON_1\], (90) or over", text)
        guesses.append((int(m.group(1) or m.group(2)) if m else None, int(age) // 10 * 10 if int(age) < 90 else 90))
    assert _score(guesses)[1] == 0, _score(guesses)
    assert not any(re.search(r"\d0\u2013\d9|90 or over", t) for t in out["pen_portrait"])
    # control: the unreleased text gives every band
    before = [re.search(r"\], (\d0)\u2013", t) for t in reviews["pen_portrait"]]
    assert sum(b is not None for b in before) > 0.8 * len(reviews)


def test_attack_article_before_a_mask_says_nothing(released):
    reviews, out = released
    # every placeholder has the article "a"; no "an [" is left to tell 80-89 (or a vowel) apart
    assert not any(re.search(r"\ban\s+\[", t, re.I) for t in out["pen_portrait"])
    assert sum("an [ORGANIZATION_1]" in t for t in reviews["pen_portrait"]) == len(reviews) // 2
    right = sum((re.search(r"\ban \[AGE\]", t) is not None) == (_article(int(a)) == "an")
                for t, a in zip(out["pen_portrait"], reviews["age_at_death"]))
    eighties = sum(_article(int(a)) == "an" for a in reviews["age_at_death"])
    assert eighties > 0 and right == len(reviews) - eighties   # the reader is right only by default


def test_attack_ld_plural_does_not_say_pmld(released):
    reviews, out = released
    guesses = []
    for text, sev in zip(out["pen_portrait"], reviews["ld_severity"]):
        m = re.search(r"(\ban?\s+)?\[LD_SEVERITY\](\s+and\s+multiple)?\s+(learning disabilit(?:y|ies))", text)
        guesses.append(((("profound_multiple" if not m.group(1) else "other") if m else None),
                        "profound_multiple" if sev == "profound_multiple" else "other"))
    assert _score(guesses)[1] == 0, _score(guesses)
    assert (reviews["ld_severity"] == "profound_multiple").sum() > 0
    # the two forms read the same once released
    forms = {re.search(r"who had (.*?)\.", t).group(1) for t in out["pen_portrait"]}
    assert forms <= {"[LD_SEVERITY]", "a learning disability"}, forms


def test_normalise_articles_moves_spans():
    text, spans = normalise_articles("Seen by an [PERSON_2] at an [ORGANIZATION_1].", [(11, 21), (28, 44)])
    assert text == "Seen by a [PERSON_2] at a [ORGANIZATION_1]." and [text[a:b] for a, b in spans] == [
        "[PERSON_2]", "[ORGANIZATION_1]"]
    assert normalise_articles("an apple", [(0, 2)]) == ("an apple", [(0, 2)])
    assert pd.isna(normalise_articles(float("nan"))[0])
