"""Tests of the reviewer voice (abbreviations, contractions, misspellings)."""
from __future__ import annotations

import random

from leder_insights.corpus._voice import Voice


def test_voice_leaves_slots_alone():
    v = Voice(random.Random(0), abbreviate=True, contract=True, typo_rate=1.0)
    out = v("{He} did not have an annual health check at {gpp} and the referral was not received")
    assert out.startswith("{He} didn't have an AHC at {gpp}")
    assert "referal" in out and "recieved" in out


def test_voice_plain_is_identity():
    text = "The learning disability liaison nurse was not told."
    assert Voice(random.Random(0))(text) == text


def test_voice_in_corpus(corpus500):
    texts = " ".join(corpus500.reviews.learning) + " ".join(corpus500.reviews.timeline)
    assert " LD " in texts or "CLDT" in texts
    assert "n't" in texts
    assert any(t in texts for t in ("assesment", "referal", "recieved", "occured", "reveiwed"))
    assert "learning disability" in texts  # most reviews are written plainly
