"""Tests of how people are written: titles and possessives outside spans, introductions."""
from __future__ import annotations

import random

import pytest
from faker import Faker

from leder_insights.corpus._cast import (Deceased, Relative, Staff, full, initials, make_person, possessive,
                                         title_initial, title_last)
from leder_insights.corpus._text import TextBuilder


@pytest.fixture()
def people():
    rng, fake = random.Random(3), Faker("en_GB")
    fake.seed_instance(3)
    return rng, fake


def _spans(b):
    t = b.text()
    return [t[e.start:e.end] for e in b.entities]


def test_cast_name_forms(people):
    rng, fake = people
    p = make_person(rng, fake, "male", "irish", title="Dr")
    b = TextBuilder()
    full(b, p, caps=True); b.add(" / "); title_last(b, p); b.add(" / "); title_initial(b, p)
    b.add(" / "); initials(b, p); b.add(" / "); possessive(b, lambda bb, q: bb.ent(q.first, "PERSON", "PERSON"), p)
    assert _spans(b) == [f"{p.first} {p.last.upper()}", p.last, p.first[0], p.first[0] + p.last[0], p.first]
    assert b.text().endswith(f"{p.first}'s") and f"Dr {p.last}" in b.text()


def test_cast_relative_introduced_once(people):
    rng, fake = people
    q = make_person(rng, fake, "female", "south_asian", relation="sister")
    rel = Relative(rng, q, "her")
    b = TextBuilder()
    rel.mention(b)
    first_text = b.text()
    assert "sister" in first_text and q.first in first_text
    assert q.introduced
    b2 = TextBuilder()
    for _ in range(30):
        rel.mention(b2); b2.add(". ")
    assert all(s == q.first for s in _spans(b2))


def test_cast_relative_capitalised_at_sentence_start(people):
    rng, fake = people
    q = make_person(rng, fake, "male", "british", relation="brother")
    for seed in range(20):
        q.introduced = False
        rel = Relative(random.Random(seed), q, "his")
        b = TextBuilder()
        rel.mention(b)
        assert b.text()[0].isupper(), b.text()


def test_cast_staff_roles_outside_spans(people):
    rng, fake = people
    for form in ("title", "first", "full"):
        s = Staff(rng, make_person(rng, fake, "female", "black", title="Nurse"), "ward nurse", form)
        b = TextBuilder()
        s.mention(b); b.add(" and "); s.mention(b)
        for span in _spans(b):
            assert "nurse" not in span.lower()


def test_cast_deceased_styles_consistent(people):
    rng, fake = people
    p = make_person(rng, fake, "male", "polish")
    p.nickname = "Pete"
    d = Deceased(random.Random(1), p)
    b = TextBuilder()
    for _ in range(200):
        d.mention(b); b.add(" ")
    spans = _spans(b)
    allowed = {p.first, p.first.lower(), p.last, p.nickname, p.first[0], p.first[0] + p.last[0]}
    assert set(spans) <= allowed
    assert max(spans.count(x) for x in set(spans)) > 120  # one dominant style per review
