"""Identifiers written in pieces with words between (attacker 7's F1): the recognizer
``uk_split_identifier`` masks every piece after a label, and the gate joins the pieces it finds
after its own cues. Invented values only (the NHS numbers below have valid check digits)."""
from __future__ import annotations

import pytest

from leder_insights import registry
from leder_insights.deid._gate import DIRECT_KINDS, ResidualRiskScanner, split_identifiers
from leder_insights.deid.recognizers.uk.split_identifier import (SplitIdentifierRecognizer, label_pattern,
                                                                 split_identifier_spans, split_kinds)
from leder_insights.nhs_number import nhs_checksum_ok

ENTITIES = ["UK_NHS", "UK_PHONE", "UK_NINO", "UK_POSTCODE"]

SPLIT = [
    # (text, pieces that must each be masked)
    ("Her NHS number starts 665 425 but finishes (9874) on the old form.", ["665 425", "9874"]),
    ("NHS no. first half 53268, then the rest 08617, was typed twice.", ["53268", "08617"]),
    ("The NHS ID read 937-541 with 8820 after the stroke.", ["937-541", "8820"]),
    ("His NHS number was 420 705 \u2026 7862 on the discharge note.", ["420 705", "7862"]),
    ("Her landline was 0113 then 496 0457, written on the fridge.", ["0113", "496 0457"]),
    ("Text 07700 and after that 900 718 if she is unwell.", ["07700", "900 718"]),
    ("National insurance number TW 98, 76 and 54 then B on the claim.", ["TW", "98", "76", "54", "B"]),
    ("Her post code was LS12, and then 4PQ, on the referral.", ["LS12", "4PQ"]),
    ("She lived in the BD7 district, street part 2JH.", ["BD7", "2JH"]),
]


@pytest.mark.parametrize("text,pieces", SPLIT, ids=[t[:30] for t, _ in SPLIT])
def test_split_identifier_masks_every_piece(text, pieces):
    found = [text[r.start:r.end] for r in SplitIdentifierRecognizer().analyze(text, ENTITIES)]
    assert found == pieces


KEPT = [
    "The NHS number was checked 3 times and again 2 days later.",
    "NHS 111 advised her to call 999 at 0200.",
    "The NHS number was changed on 12/03/2021 and on 4 May 2022.",
    "Call the ward at 0930 or 1400 about her mobile phone.",
    "The number of falls rose from 2 to 6 in 3 months.",
    "Postcode checks took 10 minutes; the area had 4 GP practices.",
    "NI guidance (2019) applies; staff rang 4 people.",
]


@pytest.mark.parametrize("text", KEPT, ids=[t[:30] for t in KEPT])
def test_split_identifier_leaves_counts_dates_and_times(text):
    assert SplitIdentifierRecognizer().analyze(text, ENTITIES) == []


def test_split_identifier_stops_at_the_sentence_end():
    text = "Her NHS number begins 665 425. Later 9874 beds were counted."
    assert [text[s:e] for s, e, _ in split_identifier_spans(text)] == ["665 425"]


def test_split_identifier_stops_at_ten_nhs_digits():
    text = "Her NHS number 665 425 9874 was seen by 2 nurses and 3415 others."
    assert [text[s:e] for s, e, _ in split_identifier_spans(text)] == ["665 425 9874"]


def test_split_identifier_phone_needs_ten_or_eleven_digits():
    assert split_identifier_spans("Ring 0113 then 496 at the office.") == []
    assert split_identifier_spans("Ring 0113 then 496 0457 for the office.") != []


def test_split_labels_are_data_and_registered():
    kinds = split_kinds()["kinds"]
    assert set(kinds) == {"nhs", "phone", "ni", "postcode"}
    assert all(kinds[k]["labels"] for k in kinds)
    assert "uk_split_identifier" in registry.recognizers.get_all()
    assert label_pattern("nhs").search("nhs NO. 1") and not label_pattern("nhs").search("NHS England")


GATE_SPLIT = [
    ("Her NHS number starts 665 425 but finishes (9874) on the old form.", "NHS_NUMBER"),
    ("NHS no: 16337 and later 41702 on the letter.", "NHS_NUMBER"),
    ("Her landline was 0113 then 496 0457, written on the fridge.", "PHONE"),
    ("National insurance number TW 98, 76 and 54 then B on the claim.", "NI_NUMBER"),
    ("Her post code was LS12, and then 4PQ, on the referral.", "POSTCODE"),
]


@pytest.mark.parametrize("text,kind", GATE_SPLIT, ids=[k for _, k in GATE_SPLIT])
def test_gate_joins_pieces_into_a_direct_identifier(text, kind):
    assert kind in DIRECT_KINDS
    found = ResidualRiskScanner(use_ner=False).direct_identifiers(text)
    assert kind in {c.kind for c in found}, text


def test_gate_needs_the_nhs_check_digit():
    for digits in ("6654259874", "8303950673"):
        assert nhs_checksum_ok(digits)
        text = f"Her NHS number begins {digits[:4]} and ends {digits[4:]}."
        assert [k for *_, k in split_identifiers(text)] == ["NHS_NUMBER"]
        bad = digits[:9] + str((int(digits[9]) + 1) % 10)
        assert split_identifiers(f"Her NHS number begins {bad[:4]} and ends {bad[4:]}.") == []


@pytest.mark.parametrize("text", [
    "The ambulance was called at 0348 on 4 November 2022 and coded as Category 2.",
    "NHS 111 was rung 3 times; the NHS number was confirmed on 12 May 2020.",
    "Her number of seizures fell from 12 to 4 over 6 months.",
    "His NHS number begins [ID_1] and ends [ID_2].",
])
def test_gate_reads_no_split_identifier_in_ordinary_text(text):
    assert split_identifiers(text) == []


def test_a_serial_after_a_self_label_and_type_word_is_whole():
    """"StEIS reference 2021/18833" is one number (before, "reference 2021" was read as the number and
    the serial stayed); the gate refuses a serial left glued to an identifier's placeholder."""
    from leder_insights.deid.recognizers.uk.record_number import RecordNumberRecognizer

    text = "The StEIS reference 2020/40417 was never followed up."
    assert [text[r.start:r.end] for r in RecordNumberRecognizer().analyze(text, ["RECORD_NUMBER"])] == ["2020/40417"]
    scanner = ResidualRiskScanner(use_ner=False)
    assert [c.kind for c in scanner.direct_identifiers("The StEIS reference [ID_1]/40417 was open.")] == ["LABELLED_ID"]
    assert scanner.direct_identifiers("Seen [DATE_1]/2020 by [PERSON_1]/1234 and [ID_2] then 2/3 of staff.") == []
