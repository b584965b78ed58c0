"""Zero tolerance for direct identifiers: one refuses the release, whatever the soft rate."""
from __future__ import annotations

import pytest

from leder_insights.deid._gate import (DIRECT_KINDS, Candidate, GateResult, ResidualRiskScanner,
                                       gate_verdict, scan_released_file)


@pytest.mark.parametrize("text,kind", [
    ("NHS no 943 476 5919 on file", "NHS_NUMBER"),
    ("NI number JK 12 34 56 C", "NI_NUMBER"),
    ("ring 07700 900123", "PHONE"),
    ("mail ann.smith@example.org", "EMAIL"),
    ("lived at SW1A 1AA", "POSTCODE"),
    ("DOB 10.03.78 noted", "DATE_OF_BIRTH"),
    ("she was born on 3 June 1950 in", "DATE_OF_BIRTH"),
])
def test_gate_direct_identifiers_found_by_kind(text, kind):
    found = ResidualRiskScanner(use_ner=False).direct_identifiers(text)
    assert [c.kind for c in found] == [kind]


@pytest.mark.parametrize("text", [
    "ref 943 476 5918 (bad checksum, no NHS cue)", "[UK_NHS_12] and [PHONE_3]", "died 22.07.18",
    "aged 60\u201369", "Rbcdfghjkmnpqrs", "2019", None, float("nan")])
def test_gate_direct_identifiers_ignore_non_identifiers(text):
    assert ResidualRiskScanner(use_ner=False).direct_identifiers(text) == []


def test_gate_direct_identifiers_skip_the_deidentifiers_replacements():
    text = "DOB 22.11.77 (shifted)"
    assert ResidualRiskScanner(use_ner=False).direct_identifiers(text, [(4, 12)]) == []


def test_gate_one_direct_identifier_refuses_below_the_rate():
    one = [[Candidate(0, 12, "NHS_NUMBER")]]
    verdict = gate_verdict(one, n_words=1_000_000, threshold_per_1k_words=0.5)
    assert verdict.rate_per_1k_words == 0.0  # the rate counts soft candidates only
    assert verdict.n_direct == 1 and not verdict.releasable
    assert verdict.to_dict()["direct_per_kind"] == {"NHS_NUMBER": 1}
    soft = gate_verdict([[Candidate(0, 3, "NER_PERSON")]], n_words=1_000_000, threshold_per_1k_words=0.5)
    assert soft.releasable
    elsewhere = GateResult(0, 1000, {}, 0.5, direct_elsewhere={"quarantine.csv": 1})
    assert not elsewhere.releasable and elsewhere.n_direct == 1
    assert DIRECT_KINDS == {"NHS_NUMBER", "NI_NUMBER", "PHONE", "EMAIL", "POSTCODE", "DATE_OF_BIRTH",
                            "EMAIL_OBFUSCATED", "SOCIAL_PROFILE",
                            # ATTACK_REPORT3 F4: identifying numbers that had no rule
                            "BANK_ACCOUNT", "PASSPORT", "DRIVING_LICENCE", "IP_ADDRESS",
                            # ATTACK_REPORT5 F1: labelled record numbers, exact-location and provider codes
                            "LABELLED_ID", "LOCATION_CODE", "PROVIDER_CODE"}


def test_gate_scan_released_file_reads_any_format(tmp_path):
    path = tmp_path / "qa_report.html"
    path.write_text("<td>R1</td><td>call 07700&nbsp;900123 or 943 476 5919</td><td>DOB 10.03.78</td>",
                    encoding="utf-8")
    assert scan_released_file(path) == {"PHONE": 1, "NHS_NUMBER": 1}


def test_gate_scan_released_file_ignores_digit_runs_inside_ids(tmp_path):
    """A run id (hex) or a hash can hold ten digits with a valid checksum; a seed printed with
    separators cannot be read as one."""
    path = tmp_path / "qa_report.html"
    path.write_text("<title>QA report \u2014 ab9434765919cd</title><p>seed 9,434,765,919</p>"
                    "<td>NHS 943 476 5919</td>", encoding="utf-8")
    assert scan_released_file(path) == {"NHS_NUMBER": 1}
