"""``submit --after``: a release of overlapping reviews is composed with the earlier bundle."""
import json
import os
import secrets

import pandas as pd
import pytest
import yaml

from leder_insights.cli import main

pytestmark = pytest.mark.slow  # three small submissions (the spaCy pipeline loads in each)


def _reviews(n: int) -> pd.DataFrame:
    return pd.DataFrame({
        "review_id": [f"LDR-{i:03d}" for i in range(n)],
        "sex": ["male", "female"] * (n // 2),
        "age_at_death": [25 + (i * 7) % 60 for i in range(n)],
        "ethnicity": ["White British", "Indian", "White British", "Black Caribbean", "White British"] * (n // 5),
        "care_grade": [2, 3] * (n // 2),
        "pen_portrait": ["She liked music and walks."] * n,
    })


def _key(path, name):
    p = path / name
    p.write_text(secrets.token_hex(32))
    os.chmod(p, 0o600)
    return p


@pytest.fixture(scope="module")
def bundles(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("compose")
    _reviews(30).iloc[:20].to_csv(tmp / "quarter.csv", index=False)
    _reviews(30).to_csv(tmp / "year.csv", index=False)
    cfg = tmp / "config.yaml"
    cfg.write_text(yaml.safe_dump({"release": {"k": 3, "max_suppressed_share": 0.5, "accept_weakened": True}}))
    key = _key(tmp, "deid.key")
    common = ["--key-file", str(key), "--config", str(cfg), "--n-process", "1"]
    assert main(["submit", str(tmp / "quarter.csv"), "-o", str(tmp / "q"), *common]) == 0
    assert main(["submit", str(tmp / "year.csv"), "-o", str(tmp / "y"), "--after", str(tmp / "q"), *common]) == 0
    return tmp, common


def test_submit_after_keeps_the_earlier_levels_and_suppressions(bundles):
    tmp, _ = bundles
    first = json.loads((tmp / "q" / "manifest.json").read_text())["release"]
    second = json.loads((tmp / "y" / "manifest.json").read_text())["release"]
    assert [r["run_id"] for r in second["composed_after"]] == [
        json.loads((tmp / "q" / "manifest.json").read_text())["run_id"]]
    for h, spec in first["plan"]["levels"].items():
        assert second["plan"]["levels"][h]["level"] >= spec["level"]
    q = pd.read_csv(tmp / "q" / "reviews.csv", dtype=str, keep_default_na=False)
    y = pd.read_csv(tmp / "y" / "reviews.csv", dtype=str, keep_default_na=False)
    qi = [c for c in ("age_band", "sex", "ethnic_group") if c in q.columns]
    gone = set(q.loc[(q[qi] == "*").all(axis=1), "review_id"])
    assert gone                                    # the quarter suppressed some reviews
    again = y[y["review_id"].isin(gone)]
    assert len(again) == len(gone) and (again[qi] == "*").all().all()


def test_submit_after_refuses_a_bundle_made_with_another_key(bundles, capsys):
    tmp, common = bundles
    other = _key(tmp, "other.key")
    args = [a if a != common[1] else str(other) for a in common]
    code = main(["submit", str(tmp / "year.csv"), "-o", str(tmp / "y2"), "--after", str(tmp / "q"), *args])
    assert code == 1 and "[E609]" in capsys.readouterr().err
    assert not (tmp / "y2" / "manifest.json").exists()


def test_submit_after_a_folder_that_is_not_a_bundle_is_a_numbered_error(bundles, capsys):
    tmp, common = bundles
    code = main(["submit", str(tmp / "year.csv"), "-o", str(tmp / "y3"), "--after", str(tmp), *common])
    assert code == 1 and "[E608]" in capsys.readouterr().err
