"""ATTACK_REPORT3 F3: direct identifiers in forms that passed both the de-identifier and the gate.

Invented values only. Each form is checked in both layers on its own (the gate must find it in
text the recognizers left alone; the recognizers must mask it), then several are planted in a
small synthetic corpus and ``submit`` must release none of them: masked, or the bundle refused.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from leder_insights.corpus import synthesize
from leder_insights.deid import ResidualRiskScanner

sys.path.insert(0, str(Path(__file__).resolve().parent))

KEY = b"3e9a1c7f5b2d4e6a8c0b1d3f5e7a9c2b4d6f8e0a1c3b5d7f9e2a4c6b8d0f1e3a"
SCANNER = ResidualRiskScanner(use_ner=False)

#: (planted sentence, gate kind, a piece of the value that must not be released)
F3_PLANTS = [
    ("Address: 4 Fern Walk, HX3  6AJ.", "POSTCODE", "HX3  6AJ"),
    ("Postcode HX3-6AJ on the letter.", "POSTCODE", "HX3-6AJ"),
    ("postcode hx3-6aj on the letter.", "POSTCODE", "hx3-6aj"),
    ("Postcode HX3.6AJ on file.", "POSTCODE", "HX3.6AJ"),
    ("Postcode HX3/6AJ on file.", "POSTCODE", "HX3/6AJ"),
    ("Postcode HX3_6AJ on file.", "POSTCODE", "HX3_6AJ"),
    ("Postcode HX3 6 AJ on file.", "POSTCODE", "HX3 6 AJ"),
    ("Postcode HX 3 6AJ on file.", "POSTCODE", "HX 3 6AJ"),
    ("See postcodeHX36AJ in the form.", "POSTCODE", "HX36AJ"),
    ("Family e-mail r.quillan@homemail please.", "EMAIL", "quillan"),
    ("Family e-mail r.quillan@ example.org please.", "EMAIL", "quillan"),
    ("Family e-mail r.quillan @ example . org please.", "EMAIL", "quillan"),
    ("Family e-mail rquillan at example.org please.", "EMAIL_OBFUSCATED", "rquillan"),
    ("Link mailto:r.quillan%40example.org sent.", "EMAIL", "quillan"),
    ("Contact r.quillan AT example [ORGANIZATION_2] org.", "EMAIL_OBFUSCATED", "quillan"),
    ("NHS 550,204,1174 on file.", "NHS_NUMBER", "550,204,1174"),
    ("NHS# 550_204_1174 on file.", "NHS_NUMBER", "550_204_1174"),
    ("NHS five five oh 204 1174 on the letter.", "NHS_NUMBER", "204 1174"),
    ("NI HL-58-21-06-D on the form.", "NI_NUMBER", "HL-58-21-06-D"),
    ("NI H L 5 8 2 1 0 6 D on the form.", "NI_NUMBER", "5 8 2 1 0 6"),
    ("Mobile 07700 9OO 264 on the plan.", "PHONE", "9OO 264"),
    ("Mobile 07700 900 2 6 4 on the plan.", "PHONE", "900 2 6 4"),
]


@pytest.mark.parametrize("text,kind,_probe", F3_PLANTS)
def test_attack3_f3_gate_finds_the_form(text, kind, _probe):
    assert [c.kind for c in SCANNER.direct_identifiers(text)] == [kind]


@pytest.mark.parametrize("text", [
    "Paracetamol 5 mg, weight 10 kg, seen at 5pm on the 3rd.",
    "ON 25TH JULY SHE WAS SEEN AT THE A350 JUNCTION.",
    "She was at home. Seen @ home. Met at the day centre.",
    "Scores 1,234,567 and 0 1 2 3 4 5 in the table; 01 2 3 steps.",
    "On 12-03-21 at 10.30 she had 2 x 5 ml; ref 943,476,5918.",
    "CO2 was 6.1 kPa; O2 sats 94% on 2 L.",
    "She read one or two pages, three or four times a day.",
])
def test_attack3_f3_gate_keeps_clean_text_clean(text):
    assert SCANNER.direct_identifiers(text) == []


@pytest.fixture(scope="module")
def deidentifier():
    from leder_insights.deid import Deidentifier

    return Deidentifier(profile="national", key=KEY)


@pytest.mark.slow
@pytest.mark.parametrize("text,_kind,probe", F3_PLANTS)
def test_attack3_f3_deidentifier_masks_the_form(deidentifier, text, _kind, probe):
    if "[ORGANIZATION_2]" in text:  # the masked-word variant only exists after masking
        text = text.replace("[ORGANIZATION_2]", "DOT")
    out = deidentifier.deidentify(text, doc_key="r1").text
    assert probe.lower() not in out.lower(), out


def _planted_corpus(tmp_path, plants, only_plants=False):
    """One plant per review, added to the pen portrait (or, ``only_plants``, as the only text)."""
    reviews = synthesize(n_reviews=len(plants), seed=31).reviews.copy()
    reviews["pen_portrait"] = reviews["pen_portrait"].astype(str) + " " + [p for p, _, _ in plants]
    if only_plants:
        reviews["pen_portrait"] = [p for p, _, _ in plants]
        for col in ("timeline", "good_practice", "areas_for_improvement", "learning", "recommendations"):
            if col in reviews.columns:
                reviews[col] = "Staff knew her well."
    src = tmp_path / "reviews.csv"
    reviews.to_csv(src, index=False)
    return src


def _released_text(out_dir: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace").lower()
                     for p in out_dir.rglob("*") if p.is_file() and p.suffix in (".csv", ".json", ".html",
                                                                                   ".jsonl"))


#: one form of each kind, planted together
E2E_PLANTS = [F3_PLANTS[i] for i in (1, 2, 8, 9, 11, 13, 15, 17, 18, 19, 20, 21)]


@pytest.mark.slow
def test_attack3_f3_submit_releases_none_of_the_forms(tmp_path):
    """With the real de-identifier, every planted form is masked (or the bundle refused).

    The soft-candidate threshold is set out of reach, so only a direct identifier can refuse this
    bundle: a refusal for too many soft candidates must not hide a leak here.
    """
    from leder_insights.config import load_config
    from leder_insights.jobs import build_submission

    src = _planted_corpus(tmp_path, E2E_PLANTS)
    out = tmp_path / "b"
    cfg = load_config(submit={"residual_risk_threshold_per_1k_words": 1e9}, release={"accept_weakened": True})
    res = build_submission(src, out, key=KEY, n_process=1, config=cfg)
    released = _released_text(out)
    assert released  # at least a manifest and a QA report
    if res.releasable:
        assert (out / "reviews.parquet").exists() or (out / "reviews.csv").exists()
    for text, _kind, probe in E2E_PLANTS:
        assert probe.lower() not in released, text


@pytest.mark.slow
def test_attack3_f3_gate_refuses_the_forms_a_blind_deidentifier_leaves(tmp_path):
    """With a de-identifier that masks nothing, the gate alone refuses the release."""
    from leder_insights.jobs import build_submission
    from test_attacks import _BlindDeidentifier

    src = _planted_corpus(tmp_path, E2E_PLANTS, only_plants=True)
    out = tmp_path / "b"
    res = build_submission(src, out, key=KEY, n_process=1, scanner=SCANNER,
                           deidentifier=_BlindDeidentifier())
    assert res.releasable is False
    assert res.manifest["residual_risk"]["n_direct"] >= len(E2E_PLANTS)
    assert not (out / "reviews.csv").exists() and not (out / "reviews.parquet").exists()
    released = _released_text(out)
    for text, _kind, probe in E2E_PLANTS:
        assert probe.lower() not in released, text


# --- F4: direct identifiers that had no recognizer -------------------------------------------------

#: (planted sentence, gate kind, the value that must not be released)
F4_PLANTS = [
    ("Appointee account 40-12-09 / 31926855 for benefits.", "BANK_ACCOUNT", "31926855"),
    ("Sort code 40 12 09, account no 31926855.", "BANK_ACCOUNT", "31926855"),
    ("Passport number 618204937 held by the provider.", "PASSPORT", "618204937"),
    ("Driving licence OKAFO702174AB9XY on file.", "DRIVING_LICENCE", "OKAFO702174AB9XY"),
    ("Telecare hub 10.44.201.17 logged a fall.", "IP_ADDRESS", "10.44.201.17"),
    ("NI number QQ 47 19 83 B on the form.", "NI_NUMBER", "QQ 47 19 83 B"),
    ("NI number qq 47 19 83 b on the form.", "NI_NUMBER", "qq 47 19 83 b"),
]


@pytest.mark.parametrize("text,kind,_value", F4_PLANTS)
def test_attack3_f4_gate_finds_the_identifier(text, kind, _value):
    assert kind in [c.kind for c in SCANNER.direct_identifiers(text)]


@pytest.mark.parametrize("text", [
    "See section 2.1.3.4 and version 1.2.0.1 of the policy.",
    "Seen 12-03-21 and again 14-03-21; her passport had expired.",
    "Her account of events was clear; the licence was renewed.",
])
def test_attack3_f4_gate_keeps_clean_text_clean(text):
    assert SCANNER.direct_identifiers(text) == []


@pytest.mark.slow
@pytest.mark.parametrize("text,_kind,value", F4_PLANTS)
def test_attack3_f4_deidentifier_masks_the_identifier_as_id(deidentifier, text, _kind, value):
    res = deidentifier.deidentify(text, doc_key="r1")
    assert value not in res.text and "[ID_" in res.text, res.text


@pytest.mark.parametrize("text", [
    "See section 2.1.3.4 of the policy.",
    "Her passport had expired and her account was closed.",
    "Seen 12-03-21 and again 14-03-21.",
])
def test_attack3_f4_recognizers_leave_plain_text(text):
    from leder_insights.deid.recognizers.contact import IpAddressRecognizer
    from leder_insights.deid.recognizers.uk import (BankAccountRecognizer, DrivingLicenceRecognizer,
                                                    PassportNumberRecognizer)

    for rec, ent in ((BankAccountRecognizer(), "BANK_ACCOUNT"), (PassportNumberRecognizer(), "PASSPORT_NUMBER"),
                     (DrivingLicenceRecognizer(), "DRIVING_LICENCE"), (IpAddressRecognizer(), "IP_ADDRESS")):
        assert [r for r in rec.analyze(text, [ent]) if r.score >= 0.35] == [], (ent, text)


@pytest.mark.parametrize("text,value", [("Date field 43987 in the export.", "43987"),
                                        ("DOB: 23817 on the form.", "23817")])
def test_attack3_f4_excel_serial_dates(text, value):
    """A spreadsheet date serial is a date: the recognizer finds it, the gate counts it (soft)."""
    from leder_insights.deid.recognizers.dates import ExcelSerialDateRecognizer

    found = [text[r.start:r.end] for r in ExcelSerialDateRecognizer().analyze(text, ["DATE"])]
    assert found == [value]
    assert "DATE" in [c.kind for c in SCANNER.scan(text)]


def test_attack3_f4_excel_serial_needs_a_date_word():
    from leder_insights.deid.recognizers.dates import ExcelSerialDateRecognizer

    assert ExcelSerialDateRecognizer().analyze("She walked 12000 steps; ref 44031.", ["DATE"]) == []
