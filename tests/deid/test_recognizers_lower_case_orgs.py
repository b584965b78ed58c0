"""Organisations with lower-case words and hyphenated towns; generic services are left alone."""
import pytest

from leder_insights.deid.recognizers.care import LowerCaseOrgRecognizer
from leder_insights.deid.recognizers.uk import TownRecognizer


def _found(rec, text):
    return [text[r.start:r.end] for r in rec.analyze(text, rec.supported_entities)]


@pytest.mark.parametrize("text, org", [
    ("funded by Marlow Vale district council", "Marlow Vale district council"),
    ("a referral to Thornbury community learning disability team", "Thornbury community learning disability team"),
    ("the letter from Eastcombe valley NHS trust", "Eastcombe valley NHS trust"),
    ("he went to St Bride's primary school", "St Bride's primary school"),
])
def test_lower_case_org_found(text, org):
    assert _found(LowerCaseOrgRecognizer(), text) == [org]


@pytest.mark.parametrize("text", ["Social services were told.", "the Occupational Health team saw him",
                                  "Fire and Rescue service attended", "The community mental health team",
                                  "His local borough council"])
def test_generic_services_not_found(text):
    assert _found(LowerCaseOrgRecognizer(), text) == []


@pytest.mark.parametrize("text, town", [("moved from Ashby-de-Hill? no; from Kirkby-in-Ashfield", "Kirkby-in-Ashfield"),
                                        ("his flat in Walton-on-the-Naze", "Walton-on-the-Naze"),
                                        ("Weston-Super-Mare beach", "Weston-Super-Mare")])
def test_hyphenated_town_found(text, town):
    assert town in _found(TownRecognizer(), text)
