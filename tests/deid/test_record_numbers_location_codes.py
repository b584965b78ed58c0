"""Attacker 5's F1: local record numbers after a label, exact-location codes and provider codes
are found by the recognizers and, independently, by the gate as direct identifiers. Invented
values only; no NLP model is loaded."""
from __future__ import annotations

from datetime import date

import pytest

from leder_insights.deid._gate import DIRECT_KINDS, ResidualRiskScanner
from leder_insights.deid.recognizers.care.provider_code import ProviderCodeRecognizer
from leder_insights.deid.recognizers.contact.ip_address import IpAddressRecognizer
from leder_insights.deid.recognizers.uk.location_code import LocationCodeRecognizer
from leder_insights.deid.recognizers.uk.record_number import RecordNumberRecognizer
from leder_insights.deid.recognizers.uk.reference_number import ReferenceNumberRecognizer
from leder_insights.jobs._release_text import relative_dates

#: (sentence, the identifier in it, recognizer, gate kind)
PLANTED = [
    ("His RiO ID 1048823 was not linked.", "1048823", RecordNumberRecognizer, "LABELLED_ID"),
    ("The GP should have flagged EMIS number 5512093.", "5512093", RecordNumberRecognizer, "LABELLED_ID"),
    ("Adult social care (Mosaic ID 774411) did not share it.", "774411", RecordNumberRecognizer, "LABELLED_ID"),
    ("Police crime reference 13/88120/21 was raised.", "13/88120/21", RecordNumberRecognizer, "LABELLED_ID"),
    ("His prison number A4821CK was not passed on.", "A4821CK", RecordNumberRecognizer, "LABELLED_ID"),
    # public-service labels are uk_reference_number's (one owner per label: identifier_labels.yaml)
    ("His blue badge number 1234 5678 9012 was cancelled.", "1234 5678 9012", ReferenceNumberRecognizer, "LABELLED_ID"),
    ("The property (UPRN 100023336956) had no ramp.", "100023336956", RecordNumberRecognizer, "LABELLED_ID"),
    ("It was logged on STEIS as 2021/18834 with no learning.", "2021/18834", RecordNumberRecognizer, "LABELLED_ID"),
    ("The referral quoted local ID 7310557 but nobody opened it.", "7310557", RecordNumberRecognizer, "LABELLED_ID"),
    ("The referral quoted S1 ID 7310571 but nobody opened it.", "7310571", RecordNumberRecognizer, "LABELLED_ID"),
    ("The letter quoted council tax account 7310613 in full.", "7310613", ReferenceNumberRecognizer, "LABELLED_ID"),
    ("The family gave ///filled.count.soap too late.", "///filled.count.soap", LocationCodeRecognizer, "LOCATION_CODE"),
    ("Crew sent to grid reference SE 29885 34231 instead.", "SE 29885 34231", LocationCodeRecognizer, "LOCATION_CODE"),
    ("The app showed him at 53.80084, -1.54912 at night.", "53.80084, -1.54912", LocationCodeRecognizer, "LOCATION_CODE"),
    ("The provider's CQC location 1-1092345678 was rated.", "1-1092345678", ProviderCodeRecognizer, "PROVIDER_CODE"),
    ("Practice M85001 did not offer a health check.", "M85001", ProviderCodeRecognizer, "PROVIDER_CODE"),
    ("The camera at 2001:db8:85a3::8a2e:370:7334 was off.", "2001:db8:85a3::8a2e:370:7334", IpAddressRecognizer, "IP_ADDRESS"),
]

#: must stay: years, small counts, times, scores, clinical numbers, labels without a number
KEPT = [
    # a public web address is not a what3words address ("//www.nhs.uk" after "https:")
    "See https://www.nhs.uk/conditions/epilepsy/ for advice.",
    "The RiO notes from 2019 were not read.", "Police attended in 2020 and again in 2021.",
    "He was patient number 3 of 4 on the list.", "Seen at 06:12:30 by the crew.",
    "NEWS2 score 7, then 5.", "Scores were 0.9842, 0.9717 and 0.95.", "The case number 2019 was closed.",
    "Section 3 of the Mental Health Act 1983.", "Blood glucose 12.5, 3.25 mmol/L.",
    "The prison number was not recorded.", "Ratio 1:2:3:4 was used.", "Regulation 28 report sent.",
]


def _found(recognizer, text):
    return [text[r.start:r.end] for r in recognizer().analyze(text, [recognizer.ENTITY])]


@pytest.mark.parametrize("text,value,recognizer,_kind", PLANTED, ids=[p[1] for p in PLANTED])
def test_recognizer_finds_the_whole_identifier(text, value, recognizer, _kind):
    assert value in _found(recognizer, text)


@pytest.mark.parametrize("text,value,_recognizer,kind", PLANTED, ids=[p[1] for p in PLANTED])
def test_gate_refuses_the_identifier_as_direct(text, value, _recognizer, kind):
    found = ResidualRiskScanner(use_ner=False).direct_identifiers(text)
    assert kind in DIRECT_KINDS
    assert [(c.kind, text[c.start:c.end]) for c in found] == [(kind, value)]


@pytest.mark.parametrize("text", KEPT)
def test_numbers_that_are_not_identifiers_stay(text):
    for recognizer in (RecordNumberRecognizer, ReferenceNumberRecognizer, LocationCodeRecognizer,
                       ProviderCodeRecognizer, IpAddressRecognizer):
        assert _found(recognizer, text) == [], recognizer.__name__
    assert ResidualRiskScanner(use_ner=False).direct_identifiers(text) == []


def test_gate_ignores_a_masked_number():
    assert ResidualRiskScanner(use_ner=False).direct_identifiers("His RiO ID [ID_1] was not linked.") == []


@pytest.mark.parametrize("text", ["logged on STEIS as 2021/18834 but", "camera at 2001:db8:85a3::8a2e:370:7334"])
def test_a_year_inside_a_code_is_not_made_a_relative_date(text):
    """Left whole for the gate (a direct identifier), not cut into "[1 year before death]/18834"."""
    assert relative_dates(text, [], date(2022, 3, 6))[0] == text


def test_year_spans_still_become_relative_dates():
    out = relative_dates("in 2019/20 and 2019/2020 and ref 13/2019", [], date(2022, 3, 6))[0]
    assert "2019" not in out and "2020" not in out
