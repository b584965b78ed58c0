"""Unicode dashes, minus signs and middle dots read as "-" and "." (ATTACK_REPORT4 F1)."""
from __future__ import annotations

import pytest

from leder_insights.deid._normalise import normalise


@pytest.mark.parametrize("sep", ["\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212",
                                 "\ufe58", "\u2e3a"])
def test_normalise_reads_every_dash_and_minus_as_a_hyphen(sep):
    n = normalise(f"NHS 550{sep}204{sep}1174 seen")
    assert n.text == "NHS 550-204-1174 seen"
    start = n.text.index("550")
    assert n.to_original(start, start + 12) == (4, 16)  # the span lands on the original characters


@pytest.mark.parametrize("sep", ["\u00b7", "\u2219", "\u22c5"])
def test_normalise_reads_a_middle_dot_as_a_dot(sep):
    assert normalise(f"postcode HX3{sep}6AJ").text == "postcode HX3.6AJ"


def test_normalise_dashes_in_ordinary_text_stay_ordinary():
    assert normalise("2\u20133 days \u2014 then home").text == "2-3 days - then home"
