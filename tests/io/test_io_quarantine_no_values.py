"""The reader's row errors name the row and column but never repeat the cell's value: the
reason text reaches quarantine files, which travel with released bundles."""
from __future__ import annotations

from leder_insights.io import read_reviews

RAW = "47 (First Surname, NHS 943 476 5919)"


def test_io_quarantine_reason_never_repeats_the_value(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("review_id,age_at_death,death_date,care_grade,autistic\n"
                    f"R1,\"{RAW}\",2020-01-01,2,yes\n"
                    f"R2,50,\"{RAW}\",2,yes\n"
                    f"R3,50,2020-01-01,\"{RAW}\",yes\n"
                    f"R4,50,2020-01-01,2,\"{RAW}\"\n"
                    "R1,50,2020-01-01,2,yes\n", encoding="utf-8")
    res = read_reviews(path)
    assert sorted(res.quarantine["reason_code"]) == ["E111", "E112", "E113", "E114", "E121"]
    for reason in res.quarantine["reason"]:
        assert "943" not in reason and "Surname" not in reason and "'R1'" not in reason
    for problem in res.problems:
        assert "943" not in problem.message and "Surname" not in problem.message
    # the column is still named, so the user can find the cell
    assert any("age_at_death" in r for r in res.quarantine["reason"])
