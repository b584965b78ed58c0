"""Review and case references in any spelling (attacker 8's F2); invented references only."""
from __future__ import annotations

import pytest

from leder_insights.deid._engine import build_detector
from leder_insights.deid.recognizers.uk import CaseReferenceRecognizer
from tests.deid.test_engine import fake_nlp


def _found(text):
    r = CaseReferenceRecognizer()
    return [text[x.start:x.end] for x in r.analyze(text, ["REFERENCE_NUMBER"])]


@pytest.mark.parametrize("ref", ["LDR/2019/00512", "LDR2018-00417", "ldr 2020 00921", "Ldr.2017.00064",
                                 "LeDeR_2022_01239", "LDR\u20132016\u201300802", "LDR 00733", "ldr201900118",
                                 "LDR-19-00456", "LDR 2021/00991", "SAR/2018/0442", "QRS/2020/0812"])
def test_case_reference_found_whole(ref):
    assert _found(f"The panel compared it with {ref}, which named the same home.") == [ref]


@pytest.mark.parametrize("text", ["The LDR 2021 annual report was read.", "FR 100 patients were seen.",
                                  "In 2021 there were 00120 returns.", "LD 1200 mg", "NEWS 2021 0012",
                                  "The LDR programme in 2020 found 300 deaths."])
def test_case_reference_leaves_other_numbers(text):
    assert _found(text) == []


def test_case_reference_wins_over_the_year_a_date_recognizer_takes():
    det = build_detector(nlp=fake_nlp())
    text = "Compare with LDR 2019 00713 for the same provider."
    spans = [(text[e.start:e.end], e.category) for e in det.analyze(text)]
    assert ("LDR 2019 00713", "ID") in spans
    assert not any("00713" in s and c != "ID" for s, c in spans)
