"""The release schema's text policy (``text: full | learning_points | none``): declared, recorded
in the manifest and the QA report, and what each option releases (attacker 2: free text singles
people out and links releases; attacker 3: under ``full`` the text's sentence shapes give living
arrangement and place of death back, so the default is ``learning_points`` and ``full`` is an
explicit choice)."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from leder_insights.config import load_config
from leder_insights.corpus import synthesize
from leder_insights.errors import ConfigError
from leder_insights.jobs import build_submission
from leder_insights.release import Release, load_release_schema
from leder_insights.release._schema import SCHEMA_DIR

KEY = b"text-policy-key-0123456789abcdef0123"
N = 40


def _schema(tmp_path: Path, policy: str) -> Path:
    target = tmp_path / f"schemas-{policy}"
    shutil.copytree(SCHEMA_DIR, target)
    path = target / "national.yaml"
    text = path.read_text(encoding="utf-8")
    new = re.sub(r"\ntext: \w+", f"\ntext: {policy}" if policy else "", text)
    assert new != text or policy == "learning_points"
    path.write_text(new, encoding="utf-8")
    return path


def test_release_text_policy_defaults_to_learning_points_and_rejects_unknown_values(tmp_path):
    assert load_release_schema().text_policy == "learning_points"
    assert Release(key=KEY).text_policy == "learning_points"
    # fail closed: a schema that does not say releases no whole text field
    assert load_release_schema(_schema(tmp_path, "")).text_policy == "learning_points"
    # full only by explicit choice: in the schema, or config release.text (which overrides it)
    assert load_release_schema(_schema(tmp_path, "full")).text_policy == "full"
    assert Release.from_config(load_config(release={"text": "full"}), KEY).text_policy == "full"
    assert Release.from_config(load_config(), KEY).text_policy == "learning_points"
    with pytest.raises(ConfigError, match=r"\[E701\].*text: 'partial'"):
        load_release_schema(_schema(tmp_path, "partial"))
    with pytest.raises(ConfigError):
        load_config(release={"text": "partial"})


def test_release_apply_text_policy_removes_text_by_policy(tmp_path):
    reviews = pd.DataFrame({"review_id": ["R"], "sex": ["male"], "pen_portrait": ["He sang."],
                            "learning": ["Staff should listen."]})
    lps = pd.DataFrame({"lp_id": ["R-learning-1"], "review_id": ["R"], "polarity": ["x"],
                        "start": [0], "end": [20], "text": ["Staff should listen."],
                        "themes": [["communication"]], "evidence": [["listen"]]})
    cols = ["pen_portrait", "learning"]
    for policy, review_cols, lp_cols in (
            ("full", ["review_id", "sex", "pen_portrait", "learning"], list(lps.columns)),
            ("learning_points", ["review_id", "sex"], list(lps.columns)),
            ("none", ["review_id", "sex"], ["lp_id", "review_id", "polarity", "themes"])):
        rel = Release(load_release_schema(_schema(tmp_path, policy)), key=KEY)
        r, lp = rel.apply_text_policy(reviews, lps, cols)
        assert list(r.columns) == review_cols and list(lp.columns) == lp_cols, policy


@pytest.fixture(scope="module")
def bundles(tmp_path_factory):
    root = tmp_path_factory.mktemp("text_policy")
    reviews = synthesize(n_reviews=N, seed=515).reviews
    src = root / "reviews.csv"
    reviews.to_csv(src, index=False)
    out = {}
    for policy in ("full", "learning_points", "none"):
        cfg = load_config(release={"schema": str(_schema(root, policy))})
        out[policy] = build_submission(src, root / f"bundle-{policy}", key=KEY, config=cfg,
                                       n_process=1, sample_size=5)
    return reviews, out


@pytest.mark.slow
@pytest.mark.parametrize("policy", ["learning_points", "none"])
def test_submit_releases_only_the_text_its_policy_allows(bundles, policy):
    reviews, results = bundles
    res = results[policy]
    assert res.releasable
    out = res.out_dir
    assert res.manifest["release"]["text_policy"] == policy
    assert results["full"].manifest["release"]["text_policy"] == "full"
    # the QA report says in words what full text risks (and not for the narrower policies)
    full_qa = (results["full"].out_dir / "qa_report.html").read_text(encoding="utf-8")
    assert "Residual risk of full text" in full_qa and "living arrangement and place of death" in full_qa
    assert "Residual risk of full text" not in (out / "qa_report.html").read_text(encoding="utf-8")
    assert f"free text released: {policy}" in (out / "qa_report.html").read_text(encoding="utf-8")
    released = pd.read_csv(out / "reviews.csv", dtype=str)
    text_cols = Release(key=KEY).text_columns(reviews.columns)
    assert not set(text_cols) & set(released.columns)
    lps = pd.read_csv(out / "learning_points.csv", dtype=str)
    assert len(lps) and set(lps["review_id"]) <= set(released["review_id"])
    assert ("text" in lps.columns) == (policy == "learning_points")
    # the words of the pen portraits and timelines are nowhere in the bundle (learning points
    # come from the learning fields only); with none no sentence of any text field is
    files, full = _files(out), _files(results["full"].out_dir)
    narrative = [s for s in _sentences(reviews["pen_portrait"]) if s in full]
    assert len(narrative) >= N // 2  # control: the full release carries them
    assert not [s for s in narrative if s in files]
    learning = [s for s in _sentences(reviews["learning"]) if s in full]
    assert learning
    assert bool([s for s in learning if s in files]) == (policy == "learning_points")
    # the human QA sample shows what the release carries: learning points, or nothing to read
    qa = (out / "qa_report.html").read_text(encoding="utf-8")
    if policy == "learning_points":
        assert "5 learning points, seed" in qa and qa.count("identifier seen") == 5
        assert sum(t[:40] in qa for t in lps["text"]) >= 3  # (direct identifiers masked)
    else:
        assert "0 reviews, seed" in qa and "identifier seen" not in qa


def _files(bundle: Path) -> str:
    return " ".join(p.read_text(encoding="utf-8", errors="replace") for p in bundle.iterdir()
                    if p.suffix in (".csv", ".jsonl", ".html", ".json"))


def _sentences(texts) -> list[str]:
    return [s.strip() for t in texts.fillna("") for s in t.split(".") if len(s.split()) >= 6]
