"""``deid run --profile national`` compares released free text with a public corpus, as ``submit``
does: a text cell repeating a public report is emptied (or refuses the release), ``run.json`` says
how many, and which one goes only to ``<OUT>.local/``. Invented public text."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd

from leder_insights.cli import main
from leder_insights.config import load_config
from leder_insights.jobs import run_deid
from test_deidentifier_fake import FakeDetector

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "release"))
from test_release_public_text import CONCERNS, PREAMBLE  # noqa: E402

KEY = b"5d2c8e1f0a9b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d"


def _public(tmp: Path) -> Path:
    docs = [{"ref": f"2099-{i:04d}", "inquest": PREAMBLE, "concerns": c} for i, c in enumerate(CONCERNS)]
    docs += [{"ref": f"2099-9{j:03d}", "inquest": PREAMBLE,
              "concerns": f"Filler paragraph number {j} about a different service entirely."}
             for j in range(10)]
    path = tmp / "pfd_invented.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return path


def _reviews(tmp: Path, n: int = 12) -> Path:
    df = pd.DataFrame({"review_id": [f"R{i:03d}" for i in range(n)],
                       "death_date": ["2020-03-01"] * n, "age_at_death": [50] * n,
                       "sex": ["male"] * n, "care_grade": [2] * n,
                       "pen_portrait": ["She liked music and long walks by the canal."] * n})
    for i, concern in enumerate(CONCERNS):  # these reviews repeat a public report's concern
        df.loc[i, "pen_portrait"] = concern
    src = tmp / "reviews.csv"
    df.to_csv(src, index=False)
    return src


def _run(tmp: Path, name: str, **public):
    cfg = load_config(submit={"residual_risk_threshold_per_1k_words": 1000.0},
                      release={"text": "full", "accept_weakened": True, "public_text": public})
    return run_deid(_reviews(tmp), tmp / name, profile="national", key=KEY, config=cfg,
                    detector=FakeDetector())


def test_deid_run_public_text_repeated_text_is_withheld_and_counted(tmp_path):
    summary = _run(tmp_path, "out", paths=[str(_public(tmp_path))])
    pub = summary["public_text"]
    assert summary["releasable"] and pub["checked"] and not pub["refused"]
    assert pub["n_withheld_text_cells"] == len(CONCERNS) and pub["n_checked"] == 12
    out = pd.read_csv(tmp_path / "out" / "reviews.csv", dtype=str)
    released = " ".join(out["pen_portrait"].dropna())
    assert "long walks by the canal" in released  # ordinary text is kept
    for concern in CONCERNS:
        assert concern[:40] not in released
    matches = pd.read_csv(tmp_path / "out.local" / "public_text_matches.csv")
    assert len(matches) == len(CONCERNS) and set(matches["document"]) == {f"pfd_invented.jsonl:2099-{i:04d}" for i in range(4)}
    run_json = (tmp_path / "out" / "run.json").read_text()
    assert "2099-0" not in run_json and "public_text_matches" in run_json
    assert not any(p.name == "public_text_matches.csv" for p in (tmp_path / "out").iterdir())


def test_deid_run_public_text_refuse_policy_withholds_every_file(tmp_path):
    summary = _run(tmp_path, "out", paths=[str(_public(tmp_path))], policy="refuse")
    assert summary["public_text"]["refused"] and summary["releasable"] is False
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["run.json"]


def test_deid_run_public_text_without_corpus_says_not_checked(tmp_path):
    summary = _run(tmp_path, "out")
    assert summary["public_text"]["checked"] is False
    assert "not checked" in summary["public_text"]["status"]


def test_deid_run_cli_public_text_needs_a_release_profile(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("LEDER_DEID_KEY", KEY.hex())
    src = _reviews(tmp_path)
    code = main(["deid", "run", str(src), "-o", str(tmp_path / "out"), "--profile", "local",
                 "--public-text", str(_public(tmp_path))])
    err = capsys.readouterr().err
    assert code == 2 and "[E006]" in err and "--profile national" in err
    assert not (tmp_path / "out").exists()
