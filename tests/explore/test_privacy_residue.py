"""Residue: learning points that may still name a person are counted and never shown."""
from __future__ import annotations

import numpy as np
import openpyxl
import pytest

from leder_insights.errors import InputError
from leder_insights.explore import ExplorerState, export_xlsx, residue_kinds, withheld

from _explore_fixtures import TAXONOMY, make_frames

NAMED = {
    "R00001-0": "Frank was not told about the DNACPR decision until [PERSON_1] was dying.",
    "R00002-0": "[PERSON_2] only found out about the DNACPR decision until AM was dying.",
    "R00003-0": "Sunil (her nephew) helped write her hospital passport, which was excellent practice.",
    "R00004-0": "Dr [PERSON_3] visited AS at [ORGANIZATION_4] the same day and recognised sepsis.",
}
CLEAN = ["St James's University Hospital did not send the discharge summary to [ORGANIZATION_1].",
         "A BI meeting was held with the GP and the LD nurse at 10 AM; the NHS, CQC and ICB were told.",
         "Staff noted the swallowing assessment for [PERSON_7] and the SALT referral in the ED."]


def test_residue_kinds_finds_names_and_initials_not_acronyms_or_hospitals():
    kinds = residue_kinds(list(NAMED.values()) + CLEAN)
    flagged = withheld(kinds)
    assert flagged.tolist() == [True] * len(NAMED) + [False] * len(CLEAN)
    assert "NER_PERSON" in kinds[0] and kinds[1] == ["INITIALS"] and "NAME_KINSHIP" in kinds[2]


def _state_with_names():
    rv, lp = make_frames(60)
    lp = lp.set_index("lp_id")
    for lp_id, text in NAMED.items():
        lp.loc[lp_id, "text"] = text
    lp = lp.reset_index().drop(columns=["residue"])  # scanned at build
    return ExplorerState.from_frames(rv, lp, taxonomy=TAXONOMY, threshold=5, deidentified=True), lp


@pytest.mark.slow
def test_residue_withheld_points_are_never_listed_searched_or_opened(tmp_path):
    st, lp = _state_with_names()
    assert st.data.meta["withheld_learning_points"] == len(NAMED)
    assert int(st.data.withheld.sum()) == len(NAMED)
    listed = []
    for page in range(st.n_pages):
        st.set_page(page)
        listed += st.lp_page()["text"].tolist()
    assert len(listed) == len(lp) - len(NAMED)
    assert not any(t in listed for t in NAMED.values())
    summary = st.listing_summary()
    assert summary["withheld"] == len(NAMED) and "Some learning points here are not shown" in summary["notice"]
    assert not any(ch.isdigit() for ch in summary["notice"])  # no count that narrows with filters
    # search cannot find them either (a count would confirm the name is there)
    st.set_filter("search", "Frank")
    assert st.views().n_learning_points == 0 and st.views().n_selected == 0
    st.set_filter("search", None)
    # nor can "Open": a position of a withheld point raises
    pos = int(np.flatnonzero(st.data.withheld)[0])
    from leder_insights.explore import excerpt

    with pytest.raises(InputError):
        excerpt(st.data, pos)
    # nor an export
    wb = openpyxl.load_workbook(export_xlsx(st, tmp_path / "p.xlsx"))
    cells = " ".join(str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row)
    for text in NAMED.values():
        assert text not in cells
    assert "Frank" not in cells and "Sunil" not in cells


def test_residue_points_still_count_in_theme_totals():
    st, lp = _state_with_names()
    exploded = lp.explode("themes")
    expected = exploded.groupby("themes")["review_id"].nunique()
    got = st.views().theme_counts.set_index("theme")["_n"]
    assert all(got[t] == n for t, n in expected.items())
