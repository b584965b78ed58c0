"""Workbook rows as Excel shows them (faults7 F9) and hidden rows named (faults7 F10)."""
from __future__ import annotations

import openpyxl

from leder_insights.io import read_reviews
from leder_insights.io._readers import _row_ranges


def _book(path, rows, hidden=()):
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    for r in hidden:
        ws.row_dimensions[r].hidden = True
    wb.save(path)
    return path


def test_xlsx_problem_names_the_sheet_row_below_blank_rows(tmp_path):
    path = _book(tmp_path / "r.xlsx", [[], [], ["review_id", "age_at_death"], ["R1", "sixty"]])
    res = read_reviews(path)
    (err,) = res.errors
    assert err.row == 4 and " sheet row 4 " in str(err)
    assert list(res.quarantine["_row"]) == [4]


def test_xlsx_repeat_names_the_first_sheet_row(tmp_path):
    path = _book(tmp_path / "r.xlsx", [["review_id"], ["R1"], ["R1"]])
    (err,) = read_reviews(path).errors
    assert err.code == "E111" and err.row == 3 and "row 2" in err.message


def test_csv_rows_stay_data_rows(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("review_id,age_at_death\nR1,sixty\n")
    (err,) = read_reviews(path).errors
    assert err.row == 1 and " row 1 " in str(err) and "sheet" not in str(err)


def test_xlsx_hidden_rows_are_read_and_named(tmp_path):
    rows = [["review_id", "care_grade"]] + [[f"R{i}", 3] for i in range(1, 6)]
    res = read_reviews(_book(tmp_path / "r.xlsx", rows, hidden=(3, 4, 6)))
    assert len(res.valid) == 5  # read, not left out
    (warn,) = [p for p in res.warnings if p.code == "E135"]
    assert "3 row(s)" in warn.message and "sheet rows 3-4, 6" in warn.message


def test_xlsx_without_hidden_rows_has_no_warning(tmp_path):
    res = read_reviews(_book(tmp_path / "r.xlsx", [["review_id"], ["R1"]]))
    assert not [p for p in res.problems if p.code == "E135"]


def test_row_ranges():
    assert _row_ranges([9, 3, 4, 5]) == "3-5, 9" and _row_ranges([]) == ""
