"""read_reviews: formats, encodings, column matching, row checks and the quarantine."""
from __future__ import annotations

import json

import openpyxl
import pandas as pd
import pytest

from leder_insights.errors import InputError
from leder_insights.io import LoadResult, read_reviews

HEADER = "review_id,icb,death_date,age_at_death,care_grade,place_of_death,pen_portrait\n"


def _but_missing_columns(res):
    """The problems, without the [E133] warning listing schema columns absent from these small
    files (tested in tests/io/test_io_review_ids_and_columns.py)."""
    return [p for p in res.problems if p.code != "E133"]


def _csv(tmp_path, body: str, name="reviews.csv", encoding="utf-8", header=HEADER):
    path = tmp_path / name
    path.write_bytes((header + body).encode(encoding))
    return path


def _accounts(res: LoadResult) -> None:
    assert len(res.valid) + len(res.quarantine) == res.n_rows


def _reason(res: LoadResult, row: int) -> str:
    q = res.quarantine.set_index("_row")
    return q.loc[row, "reason_code"]


def test_read_reviews_windows1252_keeps_non_ascii(tmp_path):
    path = _csv(tmp_path, "R1,North,01/02/2024,45,3,hospital,Zoë paid £5 for the ‘tea’ – it’s fine\n",
                encoding="cp1252")
    res = read_reviews(path)
    assert res.encoding == "cp1252"
    assert res.valid.loc[0, "pen_portrait"] == "Zoë paid £5 for the ‘tea’ – it’s fine"
    warn = [p for p in res.problems if p.code == "E120"]
    assert warn and warn[0].severity == "warning" and "cp1252" in warn[0].message
    _accounts(res)


def test_read_reviews_utf8_bom(tmp_path):
    path = _csv(tmp_path, "R1,North,2024-02-01,45,3,hospital,Zoë’s £\n", encoding="utf-8-sig")
    res = read_reviews(path)
    assert res.encoding == "utf-8-sig"
    assert list(res.valid.columns)[0] == "review_id"  # BOM not glued to the first header
    assert res.valid.loc[0, "pen_portrait"] == "Zoë’s £"
    assert not [p for p in res.problems if p.code == "E120"]


def test_read_reviews_plain_utf8_has_no_encoding_warning(tmp_path):
    res = read_reviews(_csv(tmp_path, "R1,North,2024-02-01,45,3,hospital,é\n"))
    assert res.encoding == "utf-8" and _but_missing_columns(res) == []


def test_read_reviews_undecodable_bytes_e105(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(HEADER.encode() + b"R1,North,,,,,abc\x81\x8d\n")
    with pytest.raises(InputError, match=r"\[E105\].*offset \d+") as exc:
        read_reviews(path)
    assert exc.value.fields["offset"] == len(HEADER) + len("R1,North,,,,,abc")


@pytest.mark.parametrize("sep,hint", [(";", "semicolon"), ("\t", "tab")])
def test_read_reviews_wrong_delimiter_e106(tmp_path, sep, hint):
    path = tmp_path / "semi.csv"
    path.write_text(f"review_id{sep}icb\nR1{sep}North\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"\[E106\].*" + hint):
        read_reviews(path)
    res = read_reviews(path, delimiter=sep)
    assert res.valid.loc[0, "icb"] == "North"


def test_read_reviews_semicolon_file_with_commas_in_header_e106(tmp_path):
    path = tmp_path / "semi.csv"
    path.write_text("Review ID;Area, ICB;Care grade;Notes\nR1;North, Leeds;3;x\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"\[E106\].*semicolon"):
        read_reviews(path)


def test_read_reviews_comma_file_with_semicolons_in_text_is_fine(tmp_path):
    res = read_reviews(_csv(tmp_path, 'R1,North,,,,,"a; b; c; d; e; f; g; h"\n'))
    assert res.valid.loc[0, "pen_portrait"] == "a; b; c; d; e; f; g; h"


def test_read_reviews_quoted_multiline_text_and_crlf(tmp_path):
    path = tmp_path / "crlf.csv"
    path.write_bytes(b'review_id,learning\r\nR1,"line one\r\nline two, with comma"\r\nR2,x\r\n')
    res = read_reviews(path)
    assert list(res.valid["_row"]) == [1, 2]
    assert res.valid.loc[0, "learning"] == "line one\r\nline two, with comma"


def test_read_reviews_csv_problem_names_the_file_line_after_text_with_line_breaks(tmp_path):
    # row 2's pen portrait spans three lines, so row 3 starts on line 6 of the file, not line 4
    body = ('R1,North,2024-02-03,45,3,hospital,fine\n'
            'R2,North,2024-02-03,45,3,hospital,"first line\nsecond line\nthird line"\n'
            'R3,North,2024-02-03,130,3,hospital,age out of range\n')
    res = read_reviews(_csv(tmp_path, body))
    _accounts(res)
    (problem,) = [p for p in res.errors if p.row == 3]
    assert problem.line == 6
    assert "row 3 (file line 6, review_id R3)" in str(problem)
    assert list(res.quarantine["_row"]) == [3]  # the quarantine keeps the data row


def test_read_reviews_csv_problem_without_line_breaks_gives_the_row_only(tmp_path):
    res = read_reviews(_csv(tmp_path, "R1,North,2024-02-03,130,3,hospital,age\n"))
    (problem,) = res.errors
    assert problem.line is None and "file line" not in str(problem)
    assert "row 1 (review_id R1)" in str(problem)


def test_read_reviews_csv_file_line_counts_the_excel_sep_line(tmp_path):
    path = tmp_path / "sep.csv"
    path.write_text('sep=,\n' + HEADER + 'R1,North,2024-02-03,45,3,hospital,"a\nb"\n'
                    'R2,North,2024-02-03,130,3,hospital,age\n', encoding="utf-8")
    (problem,) = read_reviews(path).errors
    assert problem.row == 2 and problem.line == 5  # sep, header, two lines of R1, then R2


@pytest.mark.parametrize("content", [b"", b"\n\n  \n", b"\xef\xbb\xbf"])
def test_read_reviews_empty_file_e103(tmp_path, content):
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    with pytest.raises(InputError, match=r"\[E103\]"):
        read_reviews(path)


def test_read_reviews_no_review_id_e104(tmp_path):
    path = _csv(tmp_path, "North,3\n", header="icb,care_grade\n")
    with pytest.raises(InputError, match=r"\[E104\].*'icb', 'care_grade'"):
        read_reviews(path)


def test_read_reviews_missing_file_and_suffix(tmp_path):
    with pytest.raises(InputError, match=r"\[E101\]"):
        read_reviews(tmp_path / "nope.csv")
    other = tmp_path / "reviews.txt"
    other.write_text("review_id\nR1\n")
    with pytest.raises(InputError, match=r"\[E102\].*\.txt"):
        read_reviews(other)


def test_read_reviews_row_problems_quarantined_with_row_and_reason(tmp_path):
    body = ("R1,North,01/02/2024,45,3,hospital,ok\n"      # row 1 valid
            ",North,01/02/2024,45,3,hospital,no id\n"     # row 2 missing id
            "R1,South,2024-02-03,50,2,home,dup\n"         # row 3 duplicate of row 1
            "R4,East,2024-02-03,50,9,home,grade\n"        # row 4 care grade 9
            "R5,East,32/13/2024,50,2,home,date\n"         # row 5 bad date
            "R6,East,2024-02-03,130,2,home,age\n"         # row 6 age out of range
            "R7,East,2024-02-03,50,2.5,home,grade\n"      # row 7 grade not integer
            "R8,West,5th March 2024,50,6,Care Home,fine\n")  # row 8 valid (normalised)
    res = read_reviews(_csv(tmp_path, body))
    _accounts(res)
    assert res.n_rows == 8
    assert list(res.valid["review_id"]) == ["R1", "R8"]
    assert list(res.valid["_row"]) == [1, 8]
    assert {r: _reason(res, r) for r in res.quarantine["_row"]} == {
        2: "E110", 3: "E111", 4: "E113", 5: "E112", 6: "E114", 7: "E113"}
    dup = res.quarantine.set_index("_row").loc[3]
    assert dup["review_id"] == "R1" and "row 1" in dup["reason"]
    # raw values are kept in the quarantine so the row can be fixed and reloaded
    assert res.quarantine.set_index("_row").loc[4, "care_grade"] == "9"
    assert res.quarantine.set_index("_row").loc[5, "death_date"] == "32/13/2024"
    errs = {(p.row, p.column, p.code) for p in res.errors}
    assert {(2, "review_id", "E110"), (3, "review_id", "E111"), (4, "care_grade", "E113"),
            (5, "death_date", "E112"), (6, "age_at_death", "E114")} <= errs
    assert all(p.file == str(tmp_path / "reviews.csv") for p in res.problems)
    row8 = res.valid.set_index("review_id").loc["R8"]
    assert row8["death_date"] == "2024-03-05" and row8["place_of_death"] == "care_home"


def test_read_reviews_types_and_dates(tmp_path):
    res = read_reviews(_csv(tmp_path, "R1,North,2024-02-01,45.0,3,hospital,\n"
                                      "R2,North,01/02/2024,,,hospital,\n"))
    assert str(res.valid["age_at_death"].dtype) == "Int64"
    assert res.valid.loc[0, "age_at_death"] == 45
    assert list(res.valid["death_date"]) == ["2024-02-01", "2024-02-01"]
    assert pd.isna(res.valid.loc[1, "care_grade"])
    assert res.valid.loc[0, "pen_portrait"] == ""  # empty text is fine


def test_read_reviews_unlisted_value_is_a_warning(tmp_path):
    res = read_reviews(_csv(tmp_path, "R1,North,,,,castle,\n"))
    assert len(res.valid) == 1 and res.valid.loc[0, "place_of_death"] == "castle"
    (p,) = [p for p in res.problems if p.code == "E115"]
    assert p.severity == "warning" and p.row == 1 and p.column == "place_of_death"


def test_read_reviews_nul_bytes_stripped_with_warning(tmp_path):
    path = tmp_path / "nul.csv"
    path.write_bytes(HEADER.encode() + b"R1,North,,,,,ab\x00cd\n")
    res = read_reviews(path)
    assert res.valid.loc[0, "pen_portrait"] == "abcd"
    assert [(p.code, p.severity, p.row) for p in _but_missing_columns(res)] == [("E116", "warning", 1)]


def test_read_reviews_text_over_limit_quarantined(tmp_path):
    from leder_insights.config import load_config

    cfg = load_config(io={"max_text_chars": 10})
    res = read_reviews(_csv(tmp_path, "R1,North,,,,,short\nR2,North,,,,,this one is too long\n"),
                       config=cfg)
    assert list(res.valid["review_id"]) == ["R1"]
    assert _reason(res, 2) == "E117"
    _accounts(res)


def test_read_reviews_wrong_field_count_quarantined(tmp_path):
    res = read_reviews(_csv(tmp_path, "R1,North,,,,,a,EXTRA\nR2,North\nR3,North,,,,,c\n"))
    assert list(res.valid["review_id"]) == ["R3"]
    assert _reason(res, 1) == "E118" and _reason(res, 2) == "E118"
    assert json.loads(res.quarantine.set_index("_row").loc[1, "_overflow"]) == ["EXTRA"]
    _accounts(res)


def test_read_reviews_case_insensitive_headers(tmp_path):
    path = _csv(tmp_path, "R1,North,3,x\n", header="REVIEW_ID, Icb ,Care Grade,Local Note\n")
    res = read_reviews(path)
    assert list(res.valid.columns) == ["review_id", "icb", "care_grade", "Local Note", "_row"]
    assert [p.code for p in _but_missing_columns(res)] == ["E119"]  # unknown column kept, with a warning


def test_read_reviews_two_columns_for_one_field_e122(tmp_path):
    path = _csv(tmp_path, "R1,R1\n", header="Review ID,review_id\n")
    with pytest.raises(InputError, match=r"\[E122\]"):
        read_reviews(path)


def test_read_reviews_mapping_file(tmp_path):
    path = _csv(tmp_path, "C-1,North,2\n", header="Case Ref,Area,Grade of care\n")
    mapping = tmp_path / "map.yaml"
    mapping.write_text("Case Ref: review_id\nArea: icb\nGrade of care: care_grade\nGone: sex\n")
    res = read_reviews(path, mapping=mapping)
    assert res.valid.loc[0, "review_id"] == "C-1" and res.valid.loc[0, "care_grade"] == 2
    assert [(p.code, p.column) for p in _but_missing_columns(res)] == [("E125", "Gone")]
    as_json = tmp_path / "map.json"
    as_json.write_text(json.dumps({"case ref": "Review ID"}))
    assert read_reviews(path, mapping=as_json).valid.loc[0, "review_id"] == "C-1"


@pytest.mark.parametrize("content", ["Case Ref: not_a_column\n", "- a\n- b\n", "{broken: [\n",
                                     "A: review_id\nB: review_id\n"])
def test_read_reviews_invalid_mapping_e108(tmp_path, content):
    path = _csv(tmp_path, "C-1\n", header="Case Ref\n")
    mapping = tmp_path / "map.yaml"
    mapping.write_text(content)
    with pytest.raises(InputError, match=r"\[E108\]"):
        read_reviews(path, mapping=mapping)


def test_read_reviews_xlsx_two_sheets_merged_cells(tmp_path):
    path = tmp_path / "reviews.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Reviews"
    ws.append(["Review ID", "ICB", "Care grade", "Death date", "Pen portrait"])
    ws.append([1001, "North", 3, __import__("datetime").datetime(2024, 2, 1), "Zoë £"])
    ws.append(["R2", "North", 2.0, "01/03/2024", "text"])
    ws.append([None, None, None, None, None])
    ws.append(["R4", "South", 9, None, "x"])
    ws.merge_cells("B2:B3")
    ws.merge_cells("E4:E5")
    other = wb.create_sheet("Notes")
    other.append(["review_id", "icb"])
    other.append(["N1", "East"])
    wb.save(path)
    res = read_reviews(path)
    _accounts(res)
    assert res.n_rows == 3  # the blank row is skipped
    assert list(res.valid["review_id"]) == ["1001", "R2"]
    assert res.valid.loc[0, "death_date"] == "2024-02-01"
    assert res.valid.loc[1, "death_date"] == "2024-03-01"
    assert res.valid.loc[0, "pen_portrait"] == "Zoë £"
    # merged cell: every row it covers reads its value, as Excel shows it, with a warning (F06)
    assert res.valid.loc[1, "icb"] == "North"
    assert [p.code for p in res.problems if p.code == "E131"] == ["E131"]
    # numbered by the sheet row, as Excel shows it (faults7 F9): R4 is on sheet row 5
    assert list(res.quarantine["_row"]) == [5] and _reason(res, 5) == "E113"
    assert "E124" in [p.code for p in res.problems]
    res2 = read_reviews(path, sheet="Notes")
    assert list(res2.valid["review_id"]) == ["N1"]
    with pytest.raises(InputError, match=r"\[E123\]"):
        read_reviews(path, sheet="Missing")


def test_read_reviews_malformed_xlsx_e107(tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 this is not really a workbook")
    with pytest.raises(InputError, match=r"\[E107\].*Excel"):
        read_reviews(path)


def test_read_reviews_parquet_round_trip_and_truncated_e107(tmp_path):
    df = pd.DataFrame({"review_id": ["R1", "R2"], "care_grade": [3, 7],
                       "death_date": pd.to_datetime(["2024-01-02", "2024-03-04"]),
                       "learning": ["Zoë’s care", None]})
    path = tmp_path / "reviews.parquet"
    df.to_parquet(path)
    res = read_reviews(path)
    assert list(res.valid["review_id"]) == ["R1"] and res.valid.loc[0, "death_date"] == "2024-01-02"
    assert _reason(res, 2) == "E113"
    truncated = tmp_path / "truncated.parquet"
    truncated.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(InputError, match=r"\[E107\].*Parquet"):
        read_reviews(truncated)


def test_read_reviews_jsonl_bad_line_quarantined(tmp_path):
    path = tmp_path / "reviews.jsonl"
    path.write_text('{"review_id": "R1", "care_grade": 2, "autistic": true}\n'
                    '{"review_id": "R2", "care_grade": \n'
                    '\n'
                    '["not", "an", "object"]\n'
                    '{"review_id": "R5", "autistic": "maybe"}\n', encoding="utf-8")
    res = read_reviews(path)
    _accounts(res)
    assert res.n_rows == 4
    assert list(res.valid["review_id"]) == ["R1"] and res.valid.loc[0, "autistic"] == True  # noqa: E712
    assert {r: _reason(res, r) for r in res.quarantine["_row"]} == {2: "E107", 4: "E107", 5: "E121"}
    assert "line 2" in res.quarantine.set_index("_row").loc[2, "reason"]
    assert res.quarantine.set_index("_row").loc[2, "_raw"].startswith('{"review_id": "R2"')


def test_read_reviews_jsonl_not_json_at_all_e107(tmp_path):
    path = tmp_path / "reviews.jsonl"
    path.write_text("review_id,icb\nR1,North\n")
    with pytest.raises(InputError, match=r"\[E107\].*line 1"):
        read_reviews(path)


def test_read_reviews_header_only_has_zero_rows(tmp_path):
    res = read_reviews(_csv(tmp_path, ""))
    assert res.n_rows == 0 and len(res.valid) == 0 and not res.usable


@pytest.mark.shared_data
def test_read_reviews_real_pfd_export_with_mapping(pfd_reports_path, tmp_path):
    """The coroners' reports read as a 'local export': UK dates, long real text, messy values."""
    mapping = {"ref": "review_id", "date_of_report": "notification_date", "coroner_area": "icb",
               "inquest": "timeline", "circumstances": "pen_portrait",
               "concerns": "areas_for_improvement"}
    source = {}
    for line in pfd_reports_path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            obj = json.loads(line)
            source[obj["ref"]] = obj
    res = read_reviews(pfd_reports_path, mapping=mapping)
    _accounts(res)
    assert res.n_rows == len(source)
    assert len(res.valid) >= 0.99 * res.n_rows
    # what is quarantined is a date the export really got wrong, with the value as published
    for rec in res.quarantine.to_dict("records"):
        assert rec["reason_code"] == "E112"
        assert rec["notification_date"] == source[rec["review_id"]]["date_of_report"]
    assert res.valid["notification_date"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()
    for rec in res.valid.to_dict("records"):  # every text intact, non-ASCII included
        assert rec["pen_portrait"] == (source[rec["review_id"]]["circumstances"] or "")
    # the same rows written as a UTF-8-with-BOM CSV export read back identically
    csv_path = tmp_path / "pfd.csv"
    res.valid.drop(columns=["_row"]).to_csv(csv_path, index=False, encoding="utf-8-sig")
    back = read_reviews(csv_path)
    assert back.encoding == "utf-8-sig" and len(back.valid) == len(res.valid)
    assert back.valid["pen_portrait"].tolist() == res.valid["pen_portrait"].tolist()


def test_read_reviews_fixed_quarantine_file_reads_back(tmp_path):
    res = read_reviews(_csv(tmp_path, "R1,North,,,9,,a\nR2,North,,,2,,b\n"))
    fixed = res.quarantine.assign(care_grade="4")
    path = tmp_path / "quarantine_fixed.csv"
    fixed.to_csv(path, index=False)
    back = read_reviews(path)
    assert list(back.valid["review_id"]) == ["R1"] and back.valid.loc[0, "care_grade"] == 4
    assert back.valid.loc[0, "_row"] == 1  # our row number, not the file's _row column
    assert back.valid.loc[0, "_row_in_file"] == "1" and back.valid.loc[0, "reason_code_in_file"] == "E113"


def test_read_reviews_xlsx_with_wrong_stored_dimension(tmp_path):
    """Some exporters write <dimension ref="A1"/>; every row and column must still be read."""
    import re
    import zipfile

    good = tmp_path / "good.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["review_id", "icb", "care_grade"])
    for i in range(1, 4):
        wb.active.append([f"R{i}", "North", i])
    wb.save(good)
    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(bad, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data, n = re.subn(rb'<dimension ref="[^"]+"', b'<dimension ref="A1"', data)
                assert n == 1
            zout.writestr(item, data)
    res = read_reviews(bad)
    assert list(res.valid["review_id"]) == ["R1", "R2", "R3"]
    assert list(res.valid["care_grade"]) == [1, 2, 3]


def test_read_reviews_excel_sep_line_names_the_delimiter(tmp_path):
    """faults F9: Excel's "sep=;" first line was read as the header (E104 'sep=')."""
    path = tmp_path / "excel.csv"
    path.write_bytes(b'\xef\xbb\xbfsep=;\r\nreview_id;death_date;pen_portrait\r\n'
                     b'T-1;2024-03-01;"Invented;\r\nportrait."\r\nT-2;2024-03-02;Fine.\r\n')
    for delimiter in (None, ";"):
        res = read_reviews(path, delimiter=delimiter)
        assert res.n_rows == 2 and len(res.valid) == 2, [str(p) for p in res.problems]
        assert list(res.valid["review_id"]) == ["T-1", "T-2"]
        assert res.valid.loc[0, "pen_portrait"] == "Invented;\r\nportrait."


def test_xlsx_without_review_id_on_the_first_sheet_names_the_other_sheets(tmp_path):
    """faults6 F10: data behind a cover sheet gave E104 with no word of the other sheets."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "Notes"
    wb.active.append(["Exported for the steering group"])
    data = wb.create_sheet("Data")
    data.append(["review_id", "pen_portrait"])
    data.append(["R-1", "Invented text."])
    path = tmp_path / "wb.xlsx"
    wb.save(path)
    with pytest.raises(InputError, match=r"\[E104\]") as info:
        read_reviews(path)
    assert "'Data'" in str(info.value) and "--sheet" in str(info.value)
    assert list(read_reviews(path, sheet="Data").valid["review_id"]) == ["R-1"]


@pytest.mark.parametrize("serial", [45300, 45300.0, "45300"])
def test_date_kept_as_an_excel_serial_number_says_so(tmp_path, serial):
    """faults6 F11: 45300 in a date column was quarantined as 'not a date … use YYYY-MM-DD'."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["review_id", "death_date", "pen_portrait"])
    wb.active.append(["R-1", serial, "Invented text."])
    wb.active.append(["R-2", "2024-01-08", "Invented text."])
    path = tmp_path / "wb.xlsx"
    wb.save(path)
    res = read_reviews(path)
    assert list(res.valid["review_id"]) == ["R-2"]
    assert res.quarantine["reason_code"].tolist() == ["E129"]
    reason = res.quarantine["reason"].iloc[0]
    assert "Excel" in reason and "serial" in reason and "45300" not in reason
