"""Attacks from the independent attacker's report (F1, F6, F7 ...): what the gate must refuse.

Each test plants what an attacker found released, and checks the release is now refused (or the
identifier gone), for ``deid run --profile national`` as well as ``submit``.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd
import pytest

from leder_insights.config import load_config
from leder_insights.deid import ResidualRiskScanner
from leder_insights.jobs import refusal_error, run_deid
from leder_insights.corpus import synthesize

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "deid"))
from test_deidentifier_fake import FakeDetector  # noqa: E402

KEY = b"5d2c8e1f0a9b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d"
SCANNER = ResidualRiskScanner(use_ner=False)


def _corpus(n: int = 12, plant: str = "") -> pd.DataFrame:
    reviews = synthesize(n_reviews=n, seed=11).reviews.copy()
    if plant:
        reviews["pen_portrait"] = reviews["pen_portrait"].astype(str) + " " + plant
    return reviews


# --- F6: deid run --profile national passes the same gate as submit --------------------------------

@pytest.mark.slow
def test_attack_f6_deid_run_national_refuses_a_direct_identifier(tmp_path):
    src = tmp_path / "reviews.csv"
    _corpus(plant="Call her sister on +44 7700 900 123.").to_csv(src, index=False)
    out = tmp_path / "out"
    out.mkdir()
    (out / "reviews.csv").write_text("an earlier run's data\n")  # must not pass for this run's
    summary = run_deid(src, out, profile="national", key=KEY, detector=FakeDetector(),
                       scanner=SCANNER)
    assert summary["releasable"] is False
    assert summary["residual_risk"]["n_direct"] >= 12
    assert summary["withheld"] == ["reviews.csv", "audit.jsonl", "quarantine.csv"]
    assert sorted(p.name for p in out.iterdir()) == ["run.json"]  # no data, no staging left
    run = json.loads((out / "run.json").read_text())
    assert run["releasable"] is False and "7700" not in (out / "run.json").read_text()
    err = refusal_error(run["residual_risk"], run.get("release"), out / "run.json")
    assert str(err).startswith("[E704]") and err.exit_code == 3
    assert "residual_risk_candidates.csv" not in str(err)  # F7: no file a refusal withholds


def test_attack_f6_deid_run_national_clean_release_is_published(tmp_path):
    src = tmp_path / "reviews.csv"
    n = 12
    pd.DataFrame({"review_id": [f"R{i}" for i in range(n)], "death_date": ["2020-03-01"] * n,
                  "age_at_death": [50] * n, "sex": ["male"] * n, "care_grade": [2] * n,
                  "pen_portrait": ["She liked music and walks."] * n}).to_csv(src, index=False)
    out = tmp_path / "out"
    summary = run_deid(src, out, profile="national", key=KEY, detector=FakeDetector(),
                       scanner=SCANNER)
    assert summary["releasable"] is True and "withheld" not in summary
    assert sorted(p.name for p in out.iterdir()) == ["audit.jsonl", "quarantine.csv",
                                                     "reviews.csv", "run.json"]


@pytest.mark.slow
def test_attack_f6_deid_run_cli_exits_3(tmp_path, monkeypatch, capsys):
    from leder_insights.cli import main
    import leder_insights.jobs as jobs

    src = tmp_path / "reviews.csv"
    _corpus(plant="Call her sister on +44 7700 900 123.").to_csv(src, index=False)
    key_file = tmp_path / "key"
    key_file.write_bytes(KEY)
    key_file.chmod(0o600)
    real = jobs.run_deid
    monkeypatch.setattr(jobs, "run_deid", lambda *a, **kw: real(
        *a, **{**kw, "detector": FakeDetector(), "scanner": SCANNER}))
    rc = main(["deid", "run", str(src), "-o", str(tmp_path / "out"), "--profile", "national",
               "--key-file", str(key_file)])
    assert rc == 3
    assert "[E704]" in capsys.readouterr().err
    assert not (tmp_path / "out" / "reviews.csv").exists()


# --- F1: the gate sees through formatting ----------------------------------------------------------

#: what the attacker got released verbatim (p3b, g_thin, g_odd), and the kind the gate must see
F1_PLANTS = [
    ("NHS number 943 476 5918 (as typed on the referral).", "NHS_NUMBER"),   # wrong check digit
    ("NHS: \u0669\u0664\u0663\u0664\u0667\u0666\u0665\u0669\u0661\u0669.", "NHS_NUMBER"),  # Arabic-Indic
    ("NHS \uff19\uff14\uff13\uff14\uff17\uff16\uff15\uff19\uff11\uff19", "NHS_NUMBER"),      # full-width
    ("Her NHS number is nine four three four seven six five nine one nine.", "NHS_NUMBER"),
    ("His NHS number was 9\u20094\u20093\u20094\u20097\u20096\u20095\u20099\u20091\u20099.", "NHS_NUMBER"),
    ("Ref 9\u00a04\u00a03\u00a04\u00a07\u00a06\u00a05\u00a09\u00a01\u00a09 on file.", "NHS_NUMBER"),
    ("Ref 943\u200b476\u200b5919.", "NHS_NUMBER"),                           # zero-width spaces
    ("Ref 943\n476\n5919 on file.", "NHS_NUMBER"),
    ("N.H.S. no 943-476-591-9.", "NHS_NUMBER"),                               # 3-3-3-1
    ("Number 943.476.5919 held.", "NHS_NUMBER"),
    ("Ref &lt;b&gt;943&lt;/b&gt; 476 5919.", "NHS_NUMBER"),                  # HTML-escaped
    ("Ref <span>943</span>&nbsp;476&#160;5919.", "NHS_NUMBER"),
    ("DOB: 14031952.", "DATE_OF_BIRTH"),
    ("born 140352 in Leeds", "DATE_OF_BIRTH"),
    ("Email her sister at ottoline [at] pemberton-family [dot] co [dot] uk", "EMAIL_OBFUSCATED"),
    ("write to ottoline (at) pemberton.org", "EMAIL_OBFUSCATED"),
    ("see facebook.com/ottoline.pemberton", "SOCIAL_PROFILE"),
    ("her page instagram.com/otto_p and x.com/ottop", "SOCIAL_PROFILE"),
    ("on twitter as @ottoline_p", "SOCIAL_PROFILE"),
]


@pytest.mark.parametrize("text,kind", F1_PLANTS)
def test_attack_f1_gate_sees_through_formatting(text, kind):
    found = SCANNER.direct_identifiers(text)
    assert kind in {c.kind for c in found}, text
    c = next(c for c in found if c.kind == kind)
    # offsets are into the original text: the span holds the planted digits / address / profile
    span = text[c.start:c.end]
    assert span and span == span.strip() and (set("0123456789") & set(
        "".join(str(__import__("unicodedata").digit(ch, "")) for ch in span))
        or kind in {"EMAIL_OBFUSCATED", "SOCIAL_PROFILE"} or "nine" in span)


@pytest.mark.parametrize("text", [
    "Seen on 12.03.2021 14:00 and again on 12/03/2021 at 10 am.",
    "She was at home. Then at 3pm the nurse came.",
    "NEWS2 of 5, 2 litres of oxygen, 1 2 3 steps.",
    "ref 943 476 5918 had no NHS cue and a bad checksum",
    "Follow the [PERSON_1] page; [EMAIL_2]; [UK_NHS_3].",
])
def test_attack_f1_gate_normalising_keeps_clean_text_clean(text):
    assert SCANNER.direct_identifiers(text) == []


@pytest.mark.slow
def test_attack_f1_submit_refuses_formatted_identifiers(tmp_path):
    """Every F1 plant, missed by a blind de-identifier, makes ``submit`` refuse (exit 3)."""
    from leder_insights.jobs import build_submission
    from test_attacks import _BlindDeidentifier

    reviews = synthesize(n_reviews=len(F1_PLANTS), seed=12).reviews.copy()
    reviews["pen_portrait"] = [p for p, _ in F1_PLANTS]
    for col in ("timeline", "good_practice", "areas_for_improvement", "learning", "recommendations"):
        if col in reviews.columns:
            reviews[col] = "Staff knew her well."
    src = tmp_path / "reviews.csv"
    reviews.to_csv(src, index=False)
    res = build_submission(src, tmp_path / "b", key=KEY, n_process=1, scanner=SCANNER,
                           deidentifier=_BlindDeidentifier())
    gate = res.manifest["residual_risk"]
    assert res.manifest["releasable"] is False
    # dates of birth are masked by the release's text rules before the gate (F2); every other
    # plant is a direct identifier the gate counts
    assert gate["n_direct"] >= len([p for p in F1_PLANTS if p[1] != "DATE_OF_BIRTH"])
    err = refusal_error(gate, res.manifest.get("release"), tmp_path / "b" / "qa_report.html")
    assert str(err).startswith("[E704]") and (tmp_path / "b" / "qa_report.html").exists()
    assert not (tmp_path / "b" / "reviews.csv").exists()
    # F7: a refused release's QA report quotes no text (its sample would show the identifiers)
    qa = (tmp_path / "b" / "qa_report.html").read_text(encoding="utf-8")
    assert "pemberton" not in qa and "\u0669" not in qa and "5919" not in qa
    assert not any(k.startswith("qa_report") for k in gate["direct_elsewhere"])


# --- F2: no date of birth, no named-day or public-listing anchor for the date shift ----------------

F2_TEXT = ("DOB 14/03/1952. On 25/12/2019 (Christmas Day) she was admitted; on New Year's Day "
           "she was home. Death confirmed at inquest on 12/05/2021. She died on 02/03/2021.")


def test_attack_f2_holiday_anchor_and_dob_are_masked_in_a_release(tmp_path):
    src = tmp_path / "reviews.csv"
    n = 12
    pd.DataFrame({"review_id": [f"R{i}" for i in range(n)], "death_date": ["2021-03-02"] * n,
                  "age_at_death": [68] * n, "sex": ["female"] * n, "care_grade": [2] * n,
                  "pen_portrait": [F2_TEXT] * n}).to_csv(src, index=False)
    out = tmp_path / "out"
    summary = run_deid(src, out, profile="national", key=KEY, detector=FakeDetector(),
                       scanner=SCANNER, config=load_config(release={"text": "full"}))
    assert summary["releasable"] is True, summary["residual_risk"]
    texts = pd.read_csv(out / "reviews.csv", dtype=str)["pen_portrait"]
    for text in texts:
        # the DOB is masked, never shifted: no date follows the cue, so no gap to the death date
        assert "DOB [DATE_OF_BIRTH]." in text
        # no named day beside a shifted date: the holiday anchor cannot give the offset
        assert "Christmas" not in text and "New Year" not in text and "[NAMED_DAY]" in text
        # the inquest date (public listings give the true one) is masked, not shifted
        assert "inquest on [DATE]" in text
        assert "14/03/1952" not in text and "25/12/2019" not in text
    # the death date stays shifted (day precision) and differs from the structured input
    assert all("02/03/2021" not in t for t in texts)


@pytest.mark.parametrize("text,masked", [
    ("Her date of birth was 14 March 1952.", "Her date of birth was [DATE_OF_BIRTH]."),
    ("DOB: 14031952.", "DOB: [DATE_OF_BIRTH]."),
    ("born on 3rd June 1950 in Leeds", "born on [DATE_OF_BIRTH] in Leeds"),
    ("On 17/07/2020 (Boxing Day) and the August bank holiday", "On 17/07/2020 ([NAMED_DAY]) and the [NAMED_DAY]"),
    ("on his 60th birthday", "on his [NAMED_DAY]"),
    ("the coroner's inquest concluded on 4 May 2021", "the coroner's inquest concluded on [DATE]"),
    ("seen on 12/03/2021 by the GP", "seen on 12/03/2021 by the GP"),
])
def test_attack_f2_release_text_rules(text, masked):
    from leder_insights.jobs._release_text import release_text

    assert release_text(text)[0] == masked


# --- F5: a tiny corpus, and records whose quasi-identifiers are all suppressed ---------------------

def test_attack_f5_corpus_smaller_than_k_is_refused(tmp_path):
    src = tmp_path / "reviews.csv"
    pd.DataFrame({"review_id": ["R1", "R2", "R3"], "death_date": ["2020-03-01"] * 3,
                  "age_at_death": [50, 61, 72], "sex": ["male", "female", "male"],
                  "care_grade": [1, 3, 5], "cause_of_death": ["1a: Sepsis", "1a: Pneumonia", "1a: Cancer"],
                  "pen_portrait": ["She liked music and walks."] * 3}).to_csv(src, index=False)
    out = tmp_path / "out"
    summary = run_deid(src, out, profile="national", key=KEY, detector=FakeDetector(),
                       scanner=SCANNER)
    assert summary["releasable"] is False and summary["release"]["releasable"] is False
    assert sorted(p.name for p in out.iterdir()) == ["run.json"]
    err = refusal_error(summary["residual_risk"], summary["release"], out / "run.json")
    assert str(err).startswith("[E705]") and err.exit_code == 3


def test_attack_f5_suppressed_records_lose_the_columns_that_single_them_out():
    from leder_insights.jobs._refusal import REST_COLUMNS, suppress_rest

    df = pd.DataFrame({"sex": ["*", "*", "male"], "age_band": ["*", "*", "50\u201359"],
                       "autistic": [True, False, True], "living_arrangement": ["alone", "family", "alone"],
                       "review_type": ["focused", "initial", "initial"],
                       "cause_of_death": ["1a: Sepsis", "1a: Cancer", "1a: Sepsis"], "care_grade": [1, 5, 2]})
    out = suppress_rest(df, ["sex", "age_band"])
    assert (out.loc[[0, 1], list(REST_COLUMNS)] == "*").all().all()
    assert out.loc[2, "autistic"] == "True" and out.loc[2, "cause_of_death"] == "1a: Sepsis"
    # the suppressed records are no longer unique on what is left (care grade is the sensitive
    # attribute, reported as l-diversity)
    rest = out.loc[[0, 1], ["sex", "age_band", *REST_COLUMNS]]
    assert len(rest.drop_duplicates()) == 1


# --- F8: an obviously weak key is refused ----------------------------------------------------------

@pytest.mark.parametrize("weak", ["a" * 32, "ab" * 16, "12345678" * 4, "aaaabbbbaaaabbbbaaaabbbb"])
def test_attack_f8_low_entropy_key_is_refused(tmp_path, monkeypatch, weak):
    from leder_insights.deid import load_key
    from leder_insights.errors import ConfigError

    monkeypatch.setenv("LEDER_DEID_KEY", weak)
    with pytest.raises(ConfigError, match=r"\[E311\]") as info:
        load_key(None)
    assert weak not in str(info.value)
    key_file = tmp_path / "key"
    key_file.write_text(weak)
    key_file.chmod(0o600)
    with pytest.raises(ConfigError, match=r"\[E311\]"):
        load_key(key_file)


def test_attack_f8_random_key_is_accepted(tmp_path, monkeypatch):
    from leder_insights.deid import generate_key, load_key

    monkeypatch.setenv("LEDER_DEID_KEY", generate_key())
    assert load_key(None) is not None


# --- F3 (part): placeholders do not link reviews in the national release ---------------------------

def test_attack_f3_national_placeholders_are_numbered_per_review():
    from leder_insights.deid import Deidentifier

    deid = Deidentifier(profile="national", key=KEY, detector=FakeDetector())
    df = pd.DataFrame({"review_id": ["A", "B"],
                       "pen_portrait": ["Mrs Jones at Leicester General Hospital.",
                                        "Seen at Bristol General Hospital by Dr Patel."],
                       "timeline": ["Mrs Jones visited.", "Bristol General Hospital again."]})
    out = deid.deidentify_frame(df, text_columns=["pen_portrait", "timeline"])[0]
    a, b = out.iloc[0], out.iloc[1]
    # two different hospitals get the same token in different reviews: a token cannot link them
    assert "[ORGANIZATION_1]" in a["pen_portrait"] and "[ORGANIZATION_1]" in b["pen_portrait"]
    # within a review the same person keeps one token across fields
    assert "[PERSON_1]" in a["pen_portrait"] and "[PERSON_1]" in a["timeline"]
    # the local profile keeps keyed, corpus-wide numbering
    local = Deidentifier(profile="local", key=KEY, detector=FakeDetector())
    text = local.deidentify_frame(df, text_columns=["pen_portrait"])[0].iloc[0]["pen_portrait"]
    assert "[PERSON_1]" not in text
