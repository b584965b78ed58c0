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
    assert str(out / "run.json") in str(err)  # F7: it names a file that exists


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
