"""Dates known by their label or context, and the short form of a found organisation elsewhere in
the same review (issue 13, fourth round). Invented sentences."""
import pytest

from leder_insights.deid._deidentifier import propagate_across_fields
from leder_insights.deid._entities import Entity
from leder_insights.deid.recognizers.dates import LabelledDateRecognizer


def _found(text):
    rec = LabelledDateRecognizer()
    return sorted((text[r.start:r.end] for r in rec.analyze(text, rec.supported_entities) if r.score >= 0.35),
                  key=text.index)


@pytest.mark.parametrize("text, expected", [
    ("the death of Ruth Ames (DOB 4.11.62 DOD 19.3.2) was reported", ["4.11.62", "19.3.2"]),
    ("Date of death: 07/06/2021.", ["07/06/2021"]),
    ("the leaflet (version 2, published 11/18) says", ["11/18"]),
    ("guidance updated in 3/2022 was not read", ["3/2022"]),
    ("The crash happened on a November evening in fog.", ["November"]),
])
def test_labelled_dates(text, expected):
    assert _found(text) == expected


@pytest.mark.parametrize("text", [
    "She scored 12/15 on the test.",                # a score, no label
    "published 13/19 pages",                         # not a month
    "Her DOB was not recorded.",
    "a March of the hospital's volunteers",            # no time of day after the month
])
def test_not_labelled_dates(text):
    assert _found(text) == []


def test_short_form_of_a_found_organisation_is_marked_in_every_field():
    texts = {"a": "She was admitted to Oakby Keynes University Hospital in May.",
             "b": "Staff knew the OKUH sepsis policy; the NHS and OKUHX were not involved."}
    org = Entity(20, 52, "ORGANIZATION", "ORGANIZATION", 0.7, "hospital")
    out = propagate_across_fields(texts, {"a": [org], "b": []})
    assert [texts["b"][e.start:e.end] for e in out["b"]] == ["OKUH"]
