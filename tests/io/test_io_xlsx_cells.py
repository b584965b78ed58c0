"""Excel shapes that lost values silently (faults6 F06): a formula cell with no saved result
quarantines its row with [E130] naming the cell; a cell merged down over data rows gives each row
its value, with an [E131] warning naming the range. A saved formula result is read as it is."""
from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import openpyxl

from leder_insights.io import read_reviews

HEADER = ["review_id", "icb", "age_at_death", "pen_portrait"]


def _book(path: Path, rows, merge=None, top_blank_rows=0) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    for _ in range(top_blank_rows):
        ws.append([])
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    if merge:
        ws.merge_cells(merge)
    wb.save(path)
    return path


def _rewrite_sheet(path: Path, old: str, new: str) -> Path:
    """Change the sheet's XML (to give a formula the saved result Excel would have written)."""
    tmp = path.with_suffix(".tmp.xlsx")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                assert old.encode() in data
                data = data.replace(old.encode(), new.encode())
            dst.writestr(item, data)
    shutil.move(tmp, path)
    return path


def test_io_xlsx_formula_without_saved_result_is_quarantined_naming_the_cell(tmp_path):
    path = _book(tmp_path / "f.xlsx", [["R-1", "NHS A ICB", "=40+2", "Text one."],
                                        ["R-2", "NHS A ICB", 51, "Text two."]], top_blank_rows=2)
    res = read_reviews(path)
    assert list(res.valid["review_id"]) == ["R-2"] and list(res.quarantine["review_id"]) == ["R-1"]
    assert list(res.quarantine["reason_code"]) == ["E130"]
    [problem] = [p for p in res.problems if p.code == "E130"]
    assert problem.column == "age_at_death" and "cell C4" in problem.message and "40+2" not in problem.message
    assert res.n_rows == len(res.valid) + len(res.quarantine)


def test_io_xlsx_formula_with_saved_result_is_read(tmp_path):
    path = _book(tmp_path / "f.xlsx", [["R-1", "NHS A ICB", "=40+2", "Text one."]])
    _rewrite_sheet(path, "<f>40+2</f><v></v>", "<f>40+2</f><v>42</v>")
    res = read_reviews(path)
    assert list(res.valid["age_at_death"].astype(int)) == [42] and not any(p.code == "E130" for p in res.problems)


def test_io_xlsx_formula_with_an_empty_text_result_is_not_unknown(tmp_path):
    path = _book(tmp_path / "f.xlsx", [["R-1", "NHS A ICB", 50, '=IF(1=2,"x","")']])
    _rewrite_sheet(path, '<c r="D2"><f>IF(1=2,"x","")</f><v></v></c>',
                   '<c r="D2" t="str"><f>IF(1=2,"x","")</f><v></v></c>')
    res = read_reviews(path)
    assert not any(p.code == "E130" for p in res.problems) and len(res.valid) == 1


def test_io_xlsx_merged_cell_fills_each_row_it_covers(tmp_path):
    rows = [[f"R-{i}", "NHS A ICB", 50 + i, "Text."] for i in range(3)] + [["R-9", "NHS B ICB", 60, "Text."]]
    res = read_reviews(_book(tmp_path / "m.xlsx", rows, merge="B2:B4"))
    assert list(res.valid["icb"]) == ["NHS A ICB"] * 3 + ["NHS B ICB"]
    [warning] = [p for p in res.problems if p.code == "E131"]
    assert warning.severity == "warning" and "B2:B4" in warning.message and "2 rows" in warning.message


def test_io_xlsx_merge_over_blank_rows_makes_no_rows(tmp_path):
    path = tmp_path / "b.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER)
    ws.append(["R-1", "NHS A ICB", 50, "Text."])
    ws.merge_cells("B2:B4")                   # rows 3 and 4 hold nothing else
    ws.append(["R-2", "NHS A ICB", 51, "Text."])
    wb.save(path)
    res = read_reviews(path)
    assert list(res.valid["review_id"]) == ["R-1", "R-2"] and len(res.quarantine) == 0
