"""A title line above the header (faults7 F8): the header is the first of the first rows that names
review_id, with an [E132] warning saying which row was used."""
from __future__ import annotations

import openpyxl
import pytest

from leder_insights.errors import InputError
from leder_insights.io import read_reviews


def _xlsx(path, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def test_csv_title_line_above_the_header_is_skipped_with_a_warning(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("Invented export - quarter 3 - OFFICIAL\n\nReview ID,Care grade\nR1,3\nR2,9\n")
    res = read_reviews(path)
    assert list(res.valid["review_id"]) == ["R1"] and len(res.quarantine) == 1
    warns = [p for p in res.warnings if p.code == "E132"]
    assert len(warns) == 1 and "line 3" in warns[0].message and "1 non-blank row" in warns[0].message


def test_xlsx_title_rows_above_the_header_are_skipped_with_the_sheet_row(tmp_path):
    path = _xlsx(tmp_path / "r.xlsx", [["Invented title"], ["Run on 01/02/2024"], [],
                                       ["review_id", "care_grade"], ["R1", 3], ["R2", 2]])
    res = read_reviews(path)
    assert list(res.valid["review_id"]) == ["R1", "R2"]
    (warn,) = [p for p in res.warnings if p.code == "E132"]
    assert "sheet row 4" in warn.message and "2 non-blank row" in warn.message


def test_header_named_through_the_mapping_is_found_below_a_title(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("Invented title\nCase Ref,Care grade\nR1,3\n")
    res = read_reviews(path, mapping={"Case Ref": "review_id"})
    assert list(res.valid["review_id"]) == ["R1"]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_no_row_naming_review_id_is_still_e104(tmp_path, suffix):
    rows = [["Invented title"], ["Case", "Grade"], ["R1", "3"]]
    path = tmp_path / f"r{suffix}"
    if suffix == ".csv":
        path.write_text("\n".join(",".join(r) for r in rows) + "\n")
    else:
        _xlsx(path, rows)
    with pytest.raises(InputError, match=r"\[E104\].*'Invented title'"):
        read_reviews(path)


def test_header_on_the_first_row_gives_no_warning(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("review_id,care_grade\nR1,3\n")
    assert not [p for p in read_reviews(path).problems if p.code == "E132"]
