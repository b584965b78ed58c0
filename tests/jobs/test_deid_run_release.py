"""``deid run --profile national`` applies the release schema to the whole record."""
import json

import pandas as pd

from leder_insights.jobs import run_deid
from leder_insights.release import Release
from test_deidentifier_fake import FakeDetector

KEY = b"5d2c8e1f0a9b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d"


def _corpus(n=12):
    return pd.DataFrame({
        "review_id": [f"943476{5900 + i}" for i in range(n)],
        "death_date": [f"2020-0{1 + i % 9}-1{i % 9}" for i in range(n)],
        "age_at_death": [40 + i for i in range(n)],
        "sex": ["male", "female"] * (n // 2),
        "care_grade": [2] * n,
        "pen_portrait": ["She liked music."] * n,
        "nhs_number": ["9434765919"] * n,
        "Name": ["Quenby Zarathustra"] * n,
        "Learning Points": ["Ring Mrs Oyelaran."] * n,
    })


def test_deid_run_national_releases_the_schema_only(tmp_path):
    src = tmp_path / "reviews.csv"
    _corpus().to_csv(src, index=False)
    summary = run_deid(src, tmp_path / "out", profile="national", key=KEY, detector=FakeDetector())
    out = pd.read_csv(tmp_path / "out" / "reviews.csv", dtype=str)
    rel = Release(key=KEY)
    # every review, in the order of the keyed pseudonym (not the input's order)
    assert list(out["review_id"]) == sorted(rel.pseudonym(r) for r in _corpus()["review_id"])
    assert list(out["review_id"]) != [rel.pseudonym(r) for r in _corpus()["review_id"]]
    assert {"nhs_number", "Name", "Learning Points", "death_date", "age_at_death"}.isdisjoint(out.columns)
    assert {"death_year", "age_band"} <= set(out.columns)
    blob = "".join(p.read_text() for p in (tmp_path / "out").iterdir())
    for raw in ("9434765919", "Zarathustra", "Oyelaran", "2020-01-10", KEY.decode()[:16]):
        assert raw not in blob
    audit = [json.loads(line) for line in (tmp_path / "out" / "audit.jsonl").read_text().splitlines()]
    assert [a["review_id"] for a in audit] == list(out["review_id"])
    release = summary["release"]
    rel = Release(key=KEY)
    assert {d.get("digest") for d in release["dropped_columns"]} >= {
        rel.column_digest(c) for c in ("nhs_number", "Name", "Learning Points")}
    assert release["plan"]["meets_k"] and release["risk"]["k"] >= 5


def test_deid_run_local_profile_keeps_the_record(tmp_path):
    src = tmp_path / "reviews.csv"
    _corpus().to_csv(src, index=False)
    summary = run_deid(src, tmp_path / "out", profile="local", key=KEY, detector=FakeDetector())
    out = pd.read_csv(tmp_path / "out" / "reviews.csv", dtype=str)
    # ids kept unchanged, except those that are valid NHS numbers: their rows are quarantined
    # (E395, faults8 F2), since the local profile would write the id as it is
    from leder_insights.nhs_number import nhs_checksum_ok

    ids = list(_corpus()["review_id"])
    refused = [i for i in ids if nhs_checksum_ok(i)]
    assert refused and len(refused) < len(ids)
    assert "release" not in summary and list(out["review_id"]) == [i for i in ids if i not in refused]
    assert summary["review_ids_refused"] == len(refused)
