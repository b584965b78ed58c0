"""Column matching and mapping files."""
from __future__ import annotations

import pytest

from leder_insights.errors import InputError
from leder_insights.io import load_mapping
from leder_insights.io._columns import resolve_columns, squash


@pytest.mark.parametrize("name", ["review_id", "Review ID", "REVIEW_ID", " review-id ", "ReviewId"])
def test_columns_review_id_variants_match(name):
    names, problems = resolve_columns([name, "Other"], {}, "f.csv")
    assert names == ["review_id", "Other"] and problems == []


def test_columns_squash_ignores_bom_and_punctuation():
    assert squash("\ufeffCare_Grade ") == squash("care grade") == "caregrade"


def test_columns_duplicate_unknown_names_made_unique():
    names, _ = resolve_columns(["review_id", "Notes", "Notes"], {}, "f.csv")
    assert names == ["review_id", "Notes", "Notes.2"]


def test_columns_mapping_dict_takes_precedence_over_schema_match():
    names, _ = resolve_columns(["ICB", "Local ICB name"], {"Local ICB name": "icb", "ICB": "region"},
                               "f.csv")
    assert names == ["region", "icb"]


def test_columns_mapping_rejects_unknown_target():
    with pytest.raises(InputError, match=r"\[E108\].*'reviewer'"):
        load_mapping({"Case Ref": "reviewer"})


def test_columns_mapping_missing_file(tmp_path):
    with pytest.raises(InputError, match=r"\[E108\].*does not exist"):
        load_mapping(tmp_path / "nope.yaml")
