"""Place forms of the sixth PFD round (invented text): a lower-case street word after a name, an
abbreviated street after a possessive, a hyphenated town cut by a space or line break, and an
address written as a list from a flat's number. No NLP model is loaded."""
from __future__ import annotations

import pytest

from leder_insights.deid.recognizers.uk.address_chain import AddressChainRecognizer
from leder_insights.deid.recognizers.uk.place_forms import StreetFormRecognizer


def _found(recognizer, text):
    return sorted((text[r.start:r.end] for r in recognizer.analyze(text, ["PLACE"])), key=text.index)


@pytest.mark.parametrize("text, place", [
    ("to move the rank to Elmer Quint street after consultation", "Elmer Quint street"),
    ("knocked down on Larkholme road at night", "Larkholme road"),
    ("near the junction with St Aldwyn’s Rd, Oakby", "St Aldwyn’s Rd"),
    ("at 4 Kings Ave. in the town", "Kings Ave."),
    ("died at Oakby Hospital, Burton-on- Trent, after", "Burton-on- Trent"),
    ("was taken to Stoke- on-Trent by road", "Stoke- on-Trent"),
    ("lived in Ashby-de-la- Zouch", None),  # two linking words: not this form
    ("at Newcastle-upon-\nTyne hospital", "Newcastle-upon-\nTyne"),
])
def test_street_forms(text, place):
    assert _found(StreetFormRecognizer(), text) == ([place] if place else [])


@pytest.mark.parametrize("text", [
    "the Main road was shut and the High street was busy",
    "Police road closures were in place.",
    "an intact Stoke-on-Trent stays to the gazetteer",
    "a follow-up on Friday road test",
])
def test_words_that_are_no_street_form(text):
    assert _found(StreetFormRecognizer(), text) == []


def test_an_address_from_a_flat_number_with_articles_outside():
    t = "The fire started in Flat 12, the Larches, The Crescent, Brighton and spread."
    assert _found(AddressChainRecognizer(), t) == ["Flat 12", "Larches", "Crescent", "Brighton"]


def test_a_flat_number_without_a_place_is_no_address():
    t = "She lived in Flat 12, the Best, The Worst, and the rest."
    assert _found(AddressChainRecognizer(), t) == []
