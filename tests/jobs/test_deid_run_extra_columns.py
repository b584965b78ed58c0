"""faults8 F1/F2: ``deid run`` (local profile) fails closed on columns outside the schema (an
identifier-named header masks every value; a number, a date or a short value is masked whole;
``_``-headed columns are user columns) and on review ids that are a person's identifier."""
import json

import pandas as pd
import pytest

from leder_insights.cli import main
from leder_insights.io import read_reviews
from leder_insights.jobs import EXTRA_MASK
from leder_insights.jobs._deid_run import header_words, mask_extra_columns, names_identifier
from test_deid_run import fake_detector, key_file  # noqa: F401  (fixtures)

# invented identifiers that the fake detector does not know: only the column rules can mask them
IDENTS = ["Quillon Abernethy-Roe", "RX7654321", "K0055123", "Thistlecombe", "Ebbadine",
          "The Old Granary", "7700900456", "4010232137", "A/88/4321"]


def _base(n=4):
    return pd.DataFrame({"review_id": [f"LDR-{i}" for i in range(n)], "care_grade": [2] * n,
                         "learning": ["Staff should offer reasonable adjustments."] * n})


def _run(src, out, key, *extra):
    return main(["deid", "run", str(src), "-o", str(out), "--profile", "local", "--key-file",
                 str(key), "--n-process", "1", *extra])


def _all_text(out):
    return "\n".join(p.read_text(encoding="utf-8", errors="replace")
                     for p in out.rglob("*") if p.is_file())


@pytest.mark.parametrize("header,expected", [
    ("_NHSNo", True), ("Hospital Number", True), ("Local Patient ID", True), ("Forename", True),
    ("Date of birth", True), ("E-mail", True), ("Narrative", False), ("Timeline of events", False)])
def test_identifier_headers_are_read_from_the_word_list(header, expected):
    assert names_identifier(header) is expected, header_words(header)


def test_extra_columns_are_never_written_raw(tmp_path, key_file, fake_detector, capsys):  # noqa: F811
    df = _base()
    df["_patient"] = IDENTS[0]                          # '_' header: a user column like any other
    df["Hospital Number"] = [IDENTS[1], IDENTS[2], None, IDENTS[8]]
    df["Surname"] = IDENTS[3]
    df["Notes"] = [IDENTS[4], IDENTS[5], "", "A much longer note about the family meeting that week."]
    df["Phone"] = float(IDENTS[6])                      # the leading zero lost: 7700900456.0
    df["Ref"] = int(IDENTS[7])                          # an NHS number kept as a number
    df["DOB"] = pd.to_datetime(["1951-04-13"] * 4)
    df["Misc"] = float(IDENTS[6])                       # a number under a header naming nothing
    src = tmp_path / "in.parquet"
    df.to_parquet(src, index=False)
    out = tmp_path / "out"
    assert _run(src, out, key_file) == 0
    err = capsys.readouterr().err
    text = _all_text(out)
    for value in IDENTS + ["1951-04-13", "7700900456.0"]:
        assert value not in text, value
    written = read_reviews(out / "in.parquet").valid
    assert (written["_patient"] == EXTRA_MASK).all() and (written["Phone"] == EXTRA_MASK).all()
    assert written["Notes"].tolist()[:3] == [EXTRA_MASK, EXTRA_MASK, ""]
    assert written["Notes"].iloc[3].startswith("A much longer note")  # long text read as text
    assert written["Hospital Number"].isna().iloc[2]                  # missing stays missing
    run = json.loads((out / "run.json").read_text())
    kinds = {c: r["kind"] for c, r in run["extra_columns"].items()}
    assert kinds == {"_patient": "identifier_header", "Hospital Number": "identifier_header",
                     "Surname": "identifier_header", "Notes": "undeclared",
                     "Phone": "identifier_header", "Ref": "identifier_header",
                     "DOB": "identifier_header", "Misc": "undeclared"}
    assert run["extra_columns"]["Hospital Number"]["cells_masked"] == 3
    assert run["extra_columns"]["Notes"]["cells_masked"] == 2
    assert run["extra_columns"]["Misc"]["cells_masked"] == 4 and (written["Misc"] == EXTRA_MASK).all()
    for col in kinds:  # the end-of-run note names every column
        assert repr(col) in err, col
    assert "were de-identified as free text" not in err


def test_a_file_column_named_row_cannot_pass_for_the_tools_own(tmp_path, key_file, fake_detector):  # noqa: F811
    df = _base()
    df["_row"] = IDENTS[3]
    src = tmp_path / "in.csv"
    df.to_csv(src, index=False)
    out = tmp_path / "out"
    assert _run(src, out, key_file) == 0
    assert IDENTS[3] not in _all_text(out)
    run = json.loads((out / "run.json").read_text())
    assert run["extra_columns"] == {"_row_in_file": {"kind": "undeclared", "cells_masked": 4}}


def test_declared_free_text_column_is_read_as_text_and_long_numbers_masked():
    df = pd.DataFrame({"Comments": ["Ebbadine", 7700900456.0, 12.0, None]})
    out, masks, rec = mask_extra_columns(df, ["Comments"], declared=["comments"])
    assert rec == {"Comments": {"kind": "declared_free_text", "cells_masked": 1}}
    assert out["Comments"].tolist()[:3] == ["Ebbadine", "", "12"]  # read by the de-identifier


def test_review_ids_that_are_identifiers_quarantine_their_rows(tmp_path, key_file, fake_detector,  # noqa: F811
                                                                capsys):
    ids = ["401 023 2137", "Quillon Abernethy", "q.abernethy@example.org", "Ivo Thistlecombe",
           "LDR-1", "LDR-2"]
    grades = ["9", "2", "2", "2", "2", "2"]  # the first is also a bad value (input quarantine)
    src = tmp_path / "in.csv"
    src.write_text("review_id,care_grade,learning\n" + "\n".join(
        f"{i},{g},Staff should offer reasonable adjustments." for i, g in zip(ids, grades))
        + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert _run(src, out, key_file) == 0
    err = capsys.readouterr().err
    text = _all_text(out) + err
    for value in ("401 023 2137", "Abernethy", "q.abernethy@", "Thistlecombe"):
        assert value not in text, value
    quarantine = pd.read_csv(out / "quarantine.csv")
    assert sorted(quarantine["_row"]) == [1, 2, 3, 4]
    assert set(quarantine["review_id"]) == {"(not shown)"}
    assert sorted(quarantine["reason_code"]) == ["E113", "E395", "E395", "E395"]
    run = json.loads((out / "run.json").read_text())
    assert (run["rows_in"], run["rows_out"], run["review_ids_refused"]) == (6, 2, 3)
    assert read_reviews(out / "in.csv").valid["review_id"].tolist() == ["LDR-1", "LDR-2"]
    assert "[E395]" in err
