"""Tests of the span-recording text builder and template helpers."""
from __future__ import annotations

import random

from leder_insights.corpus._text import TextBuilder, expand, fill, lower_first, upper_first


def test_text_builder_records_offsets():
    b = TextBuilder()
    b.add("Her sister ").ent("Karen", "PERSON", "PERSON").add("'s visit on ").ent("4.5.21", "DATE", "DATE")
    t = b.text()
    assert [t[e.start:e.end] for e in b.entities] == ["Karen", "4.5.21"]
    assert len(b) == len(t)


def test_text_builder_extend_shifts_spans():
    a, b = TextBuilder(), TextBuilder()
    a.add("x" * 7)
    b.add("Dr ").ent("Patel", "PERSON", "PERSON")
    a.extend(b)
    e = a.entities[0]
    assert a.text()[e.start:e.end] == "Patel" and e.start == 10


def test_text_fill_with_writers_and_casing():
    b = TextBuilder()
    fill(b, "{He} saw {doc}. {fam} came.", {"He": "She", "doc": lambda bb: bb.add("Dr ").ent(
        "Ng", "PERSON", "PERSON"), "fam": lambda bb: bb.add_cased("her sister")})
    assert b.text() == "She saw Dr Ng. Her sister came."
    assert b.entities[0].text == "Ng"


def test_text_expand_alternatives():
    rng = random.Random(0)
    outs = {expand("[a|b] [c|[d|e]] [x|]", rng) for _ in range(200)}
    assert {"a c x", "b e"} <= {o.strip() for o in outs}
    assert all("[" not in o and "]" not in o for o in outs)


def test_text_case_helpers():
    assert lower_first("{He} was") == "{he} was"
    assert lower_first("SALT was") == "SALT was"
    assert lower_first("Staff were") == "staff were"
    assert lower_first("{fam} said") == "{fam} said"
    assert upper_first("{his} plan") == "{His} plan"
    assert upper_first("staff were") == "Staff were"
