"""Review ids that differ only by case or an invisible character are one review (faults7 F11);
schema columns missing from a file are named in one warning (faults7 F12)."""
from __future__ import annotations

import pytest

from leder_insights.io import read_reviews
from leder_insights.io._reviews import clean_id
from leder_insights.schema import REVIEW_COLUMNS


def _csv(tmp_path, text: str):
    path = tmp_path / "r.csv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("invisible", ["\ufeff", "\u200b", "\u200d", "\u2060", "\u00ad", "\x00"])
def test_invisible_character_in_an_id_is_removed_so_the_repeat_is_caught(tmp_path, invisible):
    res = read_reviews(_csv(tmp_path, f"review_id,care_grade\nLDR-1,3\n{invisible}LDR-1,2\n"))
    assert list(res.valid["review_id"]) == ["LDR-1"]
    assert list(res.quarantine["reason_code"]) == ["E111"]


def test_id_differing_only_in_case_is_quarantined_as_the_same_review(tmp_path):
    res = read_reviews(_csv(tmp_path, "review_id,care_grade\nLDR-1,3\nldr-1,2\nLDR-2,2\n"))
    assert list(res.valid["review_id"]) == ["LDR-1", "LDR-2"]
    (q,) = res.quarantine.to_dict("records")
    assert q["reason_code"] == "E134" and q["_row"] == 2 and "row 1" in q["reason"]


def test_clean_id_keeps_visible_text():
    assert clean_id(" LD-2024\u20130001 ") == "LD-2024\u20130001"  # an en dash is visible
    assert clean_id("\u200b") is None


def test_missing_schema_columns_are_named_in_one_warning(tmp_path):
    res = read_reviews(_csv(tmp_path, "review_id,Date of death,care_grade\nR1,2024-01-02,3\n"))
    (warn,) = [p for p in res.warnings if p.code == "E133"]
    for col in ("death_date", "pen_portrait", "timeline"):
        assert col in warn.message
    assert "care_grade" not in warn.message.split("--mapping")[0]
    assert "de-identify" in warn.message  # free-text columns are among them


def test_file_with_every_schema_column_has_no_missing_column_warning(tmp_path):
    res = read_reviews(_csv(tmp_path, ",".join(REVIEW_COLUMNS) + "\n" + "R1" + "," * (len(REVIEW_COLUMNS) - 1) + "\n"))
    assert not [p for p in res.problems if p.code == "E133"]
