"""The submission refuses a release that cannot be made k-anonymous, and says which combination."""
import json
import os
import secrets
from pathlib import Path

import pytest

import pandas as pd
import yaml

from leder_insights.cli import main
from leder_insights.release import load_release_schema


def _capped_schema(tmp_path: Path) -> Path:
    """The national schema with no room to generalise (every hierarchy capped at level 0)."""
    source = Path(load_release_schema().source)
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    for h in data["hierarchies"].values():
        h["max_level"] = 0
    (tmp_path / "icb_regions.yaml").write_text((source.parent / "icb_regions.yaml").read_text())
    path = tmp_path / "capped.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


@pytest.mark.slow
def test_submit_refuses_when_k_cannot_be_met_and_names_the_combination(tmp_path, capsys):
    n = 12
    pd.DataFrame({
        "review_id": [f"R{i}" for i in range(n)],
        "sex": ["male", "female"] * (n // 2),
        "age_at_death": [20 + 5 * i for i in range(n)],
        "care_grade": [2] * n,
        "pen_portrait": ["She liked music and walks."] * n,
    }).to_csv(tmp_path / "reviews.csv", index=False)
    cfg = tmp_path / "config.yaml"
    cfg.write_text(yaml.safe_dump({"release": {"schema": str(_capped_schema(tmp_path)), "k": 5,
                                               "max_suppressed_share": 0.0}}))
    key = tmp_path / "deid.key"
    key.write_text(secrets.token_hex(32))
    os.chmod(key, 0o600)
    out = tmp_path / "bundle"
    code = main(["submit", str(tmp_path / "reviews.csv"), "-o", str(out), "--key-file", str(key),
                 "--config", str(cfg), "--n-process", "1"])
    assert code == 3
    assert "[E703]" in capsys.readouterr().err
    manifest = json.loads((out / "manifest.json").read_text())
    release = manifest["release"]
    assert manifest["releasable"] is False and release["releasable"] is False
    assert release["plan"]["meets_k"] is False and release["risk"]["k"] == "<5"  # a count below k (F11)
    assert manifest["residual_risk"]["n_direct"] == 0  # refused for k alone
    qa = (out / "qa_report.html").read_text()
    assert "Failing combinations" in qa and "age_band" in qa
    failing = release["risk"]["failing"]
    assert failing and set(failing[0]["values"]) == {"age_band", "sex"}
