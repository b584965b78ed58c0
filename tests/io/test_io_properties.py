"""Property tests: whatever the rows hold, nothing is lost and text survives the round trip."""
from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leder_insights.io import read_reviews

# printable text with the characters real exports carry: quotes, delimiters, line breaks, £ é ’ –
_TEXT = st.text(alphabet=st.sampled_from(list("abcXYZ 019,;\"'\r\n\t£éë’–-/")), max_size=30)
_ROW = st.fixed_dictionaries({
    "review_id": st.sampled_from(["", "R1", "R2", "R3", " R4 ", "R5"]),
    "care_grade": st.sampled_from(["", "1", "6", "3.0", "0", "7", "x"]),
    "death_date": st.sampled_from(["", "2024-02-29", "29/02/2024", "31/02/2024", "soon"]),
    "learning": _TEXT,
})


def _blank(row: dict) -> bool:
    return all(not v.strip() for v in row.values())


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(_ROW, max_size=12), encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
def test_properties_every_row_accounted_and_text_intact(tmp_path, rows, encoding):
    buf = io.StringIO(newline="")
    writer = csv.DictWriter(buf, fieldnames=["review_id", "care_grade", "death_date", "learning"])
    writer.writeheader()
    writer.writerows(rows)
    path = tmp_path / f"p-{encoding}.csv"
    path.write_bytes(buf.getvalue().encode(encoding))

    res = read_reviews(path)

    kept = [r for r in rows if not _blank(r)]
    assert res.n_rows == len(kept)
    assert len(res.valid) + len(res.quarantine) == res.n_rows
    assert sorted(list(res.valid["_row"]) + list(res.quarantine["_row"])) == sorted(
        i for i, r in enumerate(rows, start=1) if not _blank(r))
    ids = list(res.valid["review_id"])
    assert len(ids) == len(set(ids)) and all(ids)
    for rec in res.valid.to_dict("records"):
        source = rows[rec["_row"] - 1]
        assert rec["learning"] == source["learning"]
        assert rec["review_id"] == source["review_id"].strip()
        assert pd.isna(rec["care_grade"]) or 1 <= rec["care_grade"] <= 6
        assert rec["death_date"] in (None, "2024-02-29")
