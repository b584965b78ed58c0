"""``submit`` compares released learning points with a public corpus (attacker 6's F10): a point
that repeats a public report is withheld (or refuses the release), the bundle says how many,
never which, and a bundle made without a corpus says it was not checked. Invented public text."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd
import pytest

from leder_insights.config import load_config
from leder_insights.corpus import synthesize
from leder_insights.deid import Deidentifier, ResidualRiskScanner
from leder_insights.jobs import build_submission, refusal_error

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "deid"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "release"))
from _gate_aware_fake import GateAwareFake  # noqa: E402
from test_release_public_text import CONCERNS, PREAMBLE  # noqa: E402

# each test reads bundles built by a module fixture (seconds of CPU): make test runs them
pytestmark = pytest.mark.slow

KEY = b"public-text-test-key-0123456789abcdefgh"


def _corpus(tmp: Path) -> Path:
    lines = [json.dumps({"ref": f"2099-{i:04d}", "inquest": PREAMBLE, "circumstances": "",
                         "concerns": c}) for i, c in enumerate(CONCERNS)]
    lines += [json.dumps({"ref": f"2099-9{j:03d}", "inquest": PREAMBLE, "circumstances": "",
                          "concerns": f"Filler paragraph number {j} about a different service entirely."})
              for j in range(10)]
    path = tmp / "pfd_invented.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _input(tmp: Path) -> Path:
    reviews = synthesize(n_reviews=15, seed=41).reviews.copy()
    for i, concern in enumerate(CONCERNS):  # four reviews repeat a public report's concern
        reviews.loc[i, "learning"] = concern
    reviews.loc[4, "learning"] = PREAMBLE  # one repeats only the boilerplate every report shares
    src = tmp / "reviews.csv"
    reviews.to_csv(src, index=False)
    return src


def _build(tmp: Path, name: str, **public):
    cfg = load_config(submit={"residual_risk_threshold_per_1k_words": 100.0},
                      release={"accept_weakened": True, "public_text": public})
    deid = Deidentifier(profile="national", key=KEY, detector=GateAwareFake())
    # each bundle in a folder of its own: bundles side by side with one key are successive
    # releases to `submit` (E613 refuses two 1..k-1 reviews apart unless named with --after)
    return build_submission(_input(tmp), tmp / name / "bundle", key=KEY, deidentifier=deid, n_process=1,
                            config=cfg, scanner=ResidualRiskScanner(use_ner=False), sample_size=3)


@pytest.fixture(scope="module")
def bundles(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("public_text")
    corpus = _corpus(tmp)
    return {"withhold": _build(tmp, "withhold", paths=[str(corpus)]),
            "refuse": _build(tmp, "refuse", paths=[str(corpus)], policy="refuse"),
            "none": _build(tmp, "none"), "corpus": corpus}


def _released_text(bundle: Path) -> str:
    return " ".join(p.read_text(encoding="utf-8", errors="replace") if p.suffix != ".parquet"
                    else pd.read_parquet(p).to_csv() for p in bundle.iterdir() if p.is_file())


def test_submission_public_text_repeated_concerns_are_withheld_and_counted(bundles):
    res = bundles["withhold"]
    pub = res.manifest["public_text"]
    assert res.releasable and pub["checked"] and not pub["refused"]
    assert pub["n_withheld"] == pub["n_withheld_learning_points"] == 4
    lps = pd.read_csv(res.out_dir / "learning_points.csv")
    text = " ".join(lps["text"].astype(str))
    for concern in CONCERNS:
        assert concern[:40] not in text
    # the preamble alone is shared by every report: boilerplate, kept
    assert "asks each recipient to reply" in text
    # the control: without a corpus the concerns are released
    plain = pd.read_csv(bundles["none"].out_dir / "learning_points.csv")
    assert sum(c[:40] in " ".join(plain["text"].astype(str)) for c in CONCERNS) == 4
    assert len(plain) - len(lps) == 4  # exactly the four points, nothing else


def test_submission_public_text_bundle_names_no_document_and_no_value(bundles):
    res = bundles["withhold"]
    shown = _released_text(res.out_dir)
    assert "2099-" not in shown and "pfd_invented.jsonl:" not in shown and "PUBLIC_TEXT" not in shown
    assert str(bundles["corpus"].parent) not in shown  # the corpus's path is not published either
    assert "Public text" in (res.out_dir / "qa_report.html").read_text()
    # which point matched which report is kept beside the bundle, owner-only
    local = res.out_dir.with_name(res.out_dir.name + ".local") / "public_text_matches.csv"
    matches = pd.read_csv(local)
    assert sorted(matches["document"]) == [f"pfd_invented.jsonl:2099-{i:04d}" for i in range(4)]
    assert set(matches["reason_code"]) == {"PUBLIC_TEXT"} and (local.stat().st_mode & 0o077) == 0


def test_submission_public_text_refuse_policy_refuses_with_e711(bundles):
    res = bundles["refuse"]
    assert not res.releasable and res.manifest["public_text"]["refused"]
    assert not (res.out_dir / "learning_points.csv").exists()
    err = refusal_error(res.manifest["residual_risk"], res.manifest["release"],
                        res.out_dir / "qa_report.html", res.manifest["public_text"])
    assert str(err).startswith("[E711]") and err.exit_code == 3


def test_submission_public_text_not_configured_is_said_in_manifest_and_report(bundles):
    res = bundles["none"]
    assert res.manifest["public_text"]["checked"] is False
    assert "not checked" in res.manifest["public_text"]["status"]
    qa = (res.out_dir / "qa_report.html").read_text()
    assert "not checked: no public corpus configured" in qa
