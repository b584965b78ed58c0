"""k-anonymity planning and measurement, checked against pyCANON's own results."""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from leder_insights.release import Release, load_release_schema, measure_risk

DATA = Path(__file__).parent / "data"
QI = ["icb", "region", "death_year", "age_band", "sex", "ethnic_group", "ld_severity", "place_of_death"]
KEY = b"release-test-key-0123456789abcdef"


@pytest.mark.parametrize("name", ["released_level0.csv", "released_k2.csv", "released_k5.csv"])
def test_release_measure_risk_matches_pycanon(name):
    """k and l-diversity equal what pyCANON 1.3.5 computed on the same rows
    (tools/release_pycanon_reference.py, run in pyCANON's own environment)."""
    ref = json.loads((DATA / "pycanon_reference.json").read_text())["fixtures"][name]
    df = pd.read_csv(DATA / name, dtype=str, keep_default_na=False)
    risk = measure_risk(df[QI], k=5, sensitive=df["care_grade"])
    assert risk["k"] == ref["k"]
    assert risk["l_diversity"] == ref["l_diversity"]
    assert risk["n_records"] - risk["n_suppressed"] == ref["rows_measured"]


@pytest.mark.skipif(not os.environ.get("LEDER_PYCANON_PYTHON"),
                    reason="set LEDER_PYCANON_PYTHON to an interpreter with pycanon installed "
                           "(it pins pandas 2.3.3, so it cannot share the toolkit's environment)")
def test_release_pycanon_reference_is_current(tmp_path):
    out = tmp_path / "ref.json"
    subprocess.run([os.environ["LEDER_PYCANON_PYTHON"],
                    str(DATA.parents[2] / "tools" / "release_pycanon_reference.py"), str(out)],
                   check=True, capture_output=True)
    live = json.loads(out.read_text())["fixtures"]
    stored = json.loads((DATA / "pycanon_reference.json").read_text())["fixtures"]
    assert {n: (v["k"], v["l_diversity"]) for n, v in live.items()} == {
        n: (v["k"], v["l_diversity"]) for n, v in stored.items()}


def test_release_measure_risk_counts_uniques_and_names_failing_classes():
    qi = pd.DataFrame({"sex": ["m", "m", "m", "f", "*"], "band": ["50", "50", "50", "60", "*"]})
    risk = measure_risk(qi, k=3, sensitive=pd.Series([1, 1, 2, 3, 4]))
    # the one fully suppressed record is a class of its own (attacker 5's F11): unique too
    assert risk["k"] == 1 and risk["n_unique"] == 2 and risk["n_suppressed"] == 1
    assert risk["share_below_k"] == pytest.approx(2 / 5)
    assert risk["failing"] == [{"values": {"sex": "*", "band": "*"}, "size": 1},
                               {"values": {"sex": "f", "band": "60"}, "size": 1}]
    assert risk["l_diversity"] == 1


@pytest.mark.slow
def test_release_plan_meets_k_and_generalises_along_hierarchies():
    from leder_insights.corpus import synthesize

    reviews = synthesize(n_reviews=300, seed=11).reviews
    rel = Release(key=KEY)
    before = rel.measure(rel.transform(reviews, rel.plan(reviews, k=1)), k=5)
    assert before["share_below_k"] > 0.5  # as published before: most records are rare
    plan = rel.plan(reviews, k=5, max_suppressed_share=0.05)
    assert plan.meets_k and plan.n_suppressed <= 0.05 * 300
    released = rel.transform(reviews, plan)
    after = rel.measure(released, k=5)
    assert after["k"] >= 5 and after["n_unique"] == 0 and after["share_below_k"] == 0.0
    record = plan.to_dict()
    assert set(record["levels"]) == set(load_release_schema().hierarchies)
    assert record["share_generalised"] + record["share_suppressed"] <= 1.0
    # the region column is always the ICB's region (or wider): generalisations nest
    geo = plan.levels["geo"]
    if geo == 1:
        assert (released["icb"] == released["region"]).all()


def test_release_plan_fails_when_levels_are_capped(tmp_path):
    """Without room to generalise, the plan says it cannot meet k and names the rare combinations."""
    from leder_insights.corpus import synthesize

    import yaml

    data = yaml.safe_load(Path(load_release_schema().source).read_text(encoding="utf-8"))
    for h in data["hierarchies"].values():
        h["max_level"] = 0
    capped = yaml.safe_dump(data)
    path = tmp_path / "capped.yaml"
    path.write_text(capped, encoding="utf-8")
    (tmp_path / "icb_regions.yaml").write_text(
        (Path(load_release_schema().source).parent / "icb_regions.yaml").read_text(), encoding="utf-8")
    schema = load_release_schema(path)
    assert all(h.max_level == 0 for h in schema.hierarchies.values())
    reviews = synthesize(n_reviews=100, seed=2).reviews
    plan = Release(schema, key=KEY).plan(reviews, k=5, max_suppressed_share=0.05)
    assert not plan.meets_k and plan.failing and plan.failing[0]["size"] < 5
    assert set(plan.failing[0]["values"]) == set(plan.columns)


def test_release_fewer_records_than_k_are_released_with_every_quasi_identifier_suppressed():
    df = pd.DataFrame({"review_id": ["a", "b", "c"], "sex": ["male", "female", "male"],
                       "age_at_death": [40, 50, 60]})
    rel = Release(key=KEY)
    # sex is never generalised (the text gives it away): k can only be met by suppression here
    assert not rel.plan(df, k=5, max_suppressed_share=0.0).meets_k
    # nor by suppression: the 3 suppressed records, kept with their text, are a class of 3 < k
    # (attacker 5's F11; such a release is refused earlier anyway, [E705])
    plan = rel.plan(df, k=5, max_suppressed_share=1.0)
    assert not plan.meets_k
    out = rel.transform(df, plan)
    out[["sex", "age_band"]] = "*"
    risk = rel.measure(out, k=5)
    assert risk["k"] == 3 and risk["n_suppressed"] == 3 and risk["share_below_k"] == 1.0
    # no quasi-identifier column at all: nothing can single a record out
    assert measure_risk(pd.DataFrame(index=range(3)), k=5)["k"] is None
