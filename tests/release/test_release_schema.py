"""The release schema: every review column has one declared action; bad schemas fail with E701."""
from __future__ import annotations

import pytest

from leder_insights.errors import ConfigError
from leder_insights.release import ACTIONS, load_release_schema
from leder_insights.schema import FREE_TEXT_COLUMNS, REVIEW_COLUMNS


def test_release_schema_national_declares_every_review_column():
    schema = load_release_schema("national")
    assert set(schema.columns) == set(REVIEW_COLUMNS)
    assert all(rule.action in ACTIONS for rule in schema.columns.values())
    assert schema.columns["review_id"].action == "pseudonymise"
    # every free-text column is de-identified as text, nothing else is -- except the cause of
    # death, whose text made records unique (F3): only its group is released
    assert {c for c, r in schema.columns.items() if r.action == "deidentify_text"} == (
        set(FREE_TEXT_COLUMNS) - {"cause_of_death"})
    assert schema.columns["cause_of_death"].output == "cause_group"
    # structured dates are shifted (the text's offset), never kept as they are
    assert {r.action for c, r in schema.columns.items() if REVIEW_COLUMNS[c] == "date"} <= {"shift", "drop"}
    assert schema.sensitive == ("care_grade",)
    assert "care_grade" not in {h.source for h in schema.hierarchies.values()}
    assert {h.source for h in schema.hierarchies.values()} == {
        "icb", "death_date", "age_at_death", "sex", "ethnic_group", "ld_severity", "place_of_death",
        "review_type", "autistic", "living_arrangement", "cause_of_death"}
    # every released structured column but the id and the sensitive attribute is a quasi-identifier
    structured = {r.output for c, r in schema.columns.items()
                  if r.action not in ("drop", "deidentify_text", "pseudonymise")}
    assert structured - {r.output for r in schema.columns.values() if r.hierarchy} == {"care_grade"}


def test_release_schema_table_lists_each_column_once():
    table = load_release_schema().table()
    assert [row["column"] for row in table] == list(REVIEW_COLUMNS)
    assert {row["column"]: row["released_as"] for row in table}["death_date"] == "death_year"
    assert {row["column"]: row["released_as"] for row in table}["notification_date"] == ""


@pytest.mark.parametrize("body,fragment", [
    ("columns: {review_id: {action: publish}}", "no valid action"),
    ("columns: {review_id: {action: keep}}", "must be pseudonymised"),
    ("columns: {review_id: {action: pseudonymise}, sex: {action: generalise, hierarchy: nope}}",
     "undeclared hierarchy"),
    ("columns: {review_id: {action: pseudonymise}}\nunknown_columns: keep", "unknown_columns"),
    ("columns: {review_id: {action: pseudonymise}}\nhierarchies: {geo: {source: icb, levels: "
     "[{kind: value}]}}", "does not declare"),
    ("columns: {review_id: {action: pseudonymise}, death_date: {action: shift, precision: hour}}",
     "precision"),
    ("nothing: here", "columns"),
])
def test_release_schema_rejects_bad_files_with_e701(tmp_path, body, fragment):
    path = tmp_path / "bad.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[E701\]") as info:
        load_release_schema(path)
    assert fragment in str(info.value)


def test_release_schema_missing_names_the_shipped_ones(tmp_path):
    with pytest.raises(ConfigError, match="national"):
        load_release_schema("no_such_schema")
