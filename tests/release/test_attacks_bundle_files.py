"""Attacker 3's F8, F12 and F13: what the files around the data gave away.

* F8: ``residual_risk_candidates.csv`` (pseudonym, field, offsets and kind of every soft
  candidate) was in the releasable bundle: a map that pointed at a leftover first name.
* F12: a column the schema does not know was dropped, but its header text was published in
  ``manifest.json`` and ``qa_report.html``, and a refused bundle kept both files.
* F13: ``<bundle>.work/parts`` held every finished chunk at the narrowest quasi-identifier
  levels, world-readable under umask 022.

The intruder reads every file a bundle directory holds (and, for F13, what another user of the
machine can list and open).
"""
from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

import pandas as pd
import pytest

from leder_insights.config import load_config
from leder_insights.corpus import synthesize
from leder_insights.deid import Deidentifier, ResidualRiskScanner
from leder_insights.jobs import _submission, build_submission
from leder_insights.release import Release

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "jobs"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "deid"))
from _gate_aware_fake import GateAwareFake  # noqa: E402

# Every test here reads a bundle built by a module fixture (seconds of CPU): make test runs them.
pytestmark = pytest.mark.slow

KEY = b"bundle-files-attack-key-0123456789abcdef"
# invented identifiers in column headers (F12)
HEADER_SOFT = "Reviewer Quenby Zarathustra notes"
HEADER_DIRECT = "NHS 943 476 5919 - Quenby Zarathustra, BS35 4QX"


def _build(tmp: Path, name: str, headers: list[str], n: int = 30, **kw):
    reviews = synthesize(n_reviews=n, seed=41).reviews.copy()
    for h in headers:
        reviews[h] = "x"
    src = tmp / f"{name}.csv"
    reviews.to_csv(src, index=False)
    deid = Deidentifier(profile="national", key=KEY, detector=GateAwareFake())
    # the soft-candidate rate is not under test (the fake detector leaves titles and ages)
    cfg = load_config(submit={"residual_risk_threshold_per_1k_words": 100.0}, release={"accept_weakened": True})
    return build_submission(src, tmp / name, key=KEY, deidentifier=deid, n_process=1, config=cfg,
                            scanner=ResidualRiskScanner(use_ner=False), sample_size=3, **kw)


def _bundle_text(bundle: Path) -> str:
    return " ".join(p.read_text(encoding="utf-8", errors="replace") if p.suffix != ".parquet"
                    else pd.read_parquet(p).to_csv() for p in bundle.iterdir() if p.is_file())


@pytest.fixture(scope="module")
def soft(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("bundle_files")
    return _build(tmp, "soft", [HEADER_SOFT])


def test_attack_f8_candidates_file_is_not_in_the_bundle(soft):
    out = soft.out_dir
    assert soft.releasable
    assert "residual_risk_candidates.csv" not in {p.name for p in out.iterdir()}
    assert "residual_risk_candidates.csv" not in soft.manifest["files"]
    # the locations stay local, owner-only, beside the bundle; the bundle carries counts only
    local = _submission.local_dir_for(out) / "residual_risk_candidates.csv"
    cands = pd.read_csv(local)
    assert stat.S_IMODE(os.stat(local.parent).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(local).st_mode) == 0o600
    rr = soft.manifest["residual_risk"]
    assert sum(rr["candidates_by_field"].values()) == len(cands) == rr["n_candidates"]
    # no released file holds a candidate's offsets next to its pseudonym
    text = _bundle_text(out)
    for _, c in cands.head(20).iterrows():
        assert f"{c.review_id},{c.field},{c.start},{c.end}" not in text


def test_attack_f12_unknown_header_text_is_never_published(soft, tmp_path):
    text = _bundle_text(soft.out_dir)
    assert "Zarathustra" not in text and "Quenby" not in text
    dropped = soft.manifest["release"]["dropped_columns"]
    digest = Release(key=KEY).column_digest(HEADER_SOFT)
    assert [d for d in dropped if d.get("digest") == digest and d["position"] > 0]
    assert f"digest {digest}" in (soft.out_dir / "qa_report.html").read_text(encoding="utf-8")
    # a header holding direct identifiers: the refused bundle's two files do not hold them either
    refused = _build(tmp_path, "direct", [HEADER_DIRECT], n=12)
    left = _bundle_text(refused.out_dir)
    for value in ("943 476 5919", "9434765919", "Zarathustra", "BS35 4QX"):
        assert value not in left, value


def test_attack_f13_work_directory_is_owner_only(tmp_path, monkeypatch):
    seen = {}
    real = _submission._finalise

    def spy(out_dir, *a, **kw):  # the work directory as another user sees it mid-run
        work = _submission.work_dir_for(out_dir)
        seen.update({p.name: stat.S_IMODE(os.stat(p).st_mode)
                     for p in (work, work / _submission.PARTS_DIR)})
        seen["listing"] = sorted(q.name for q in (work / _submission.PARTS_DIR).iterdir())
        return real(out_dir, *a, **kw)

    monkeypatch.setattr(_submission, "_finalise", spy)
    old = os.umask(0o022)
    try:
        _build(tmp_path, "umask", [], n=12)
    finally:
        os.umask(old)
    assert seen["listing"], seen  # the parts existed (at the narrowest levels) when looked at
    work_name = "umask" + _submission.WORK_SUFFIX
    assert seen[work_name] == 0o700 and seen[_submission.PARTS_DIR] == 0o700, seen
    # no other user can list or read them: no group/other permission bits at all
    assert not seen[work_name] & 0o077 and not seen[_submission.PARTS_DIR] & 0o077
    json.dumps(seen)
