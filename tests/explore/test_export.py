"""Steering-group exports: XLSX sheets, PNG charts, PPTX slides; only suppressed values leave."""
from __future__ import annotations

import openpyxl
from pptx import Presentation

from leder_insights import registry
from leder_insights.explore import ExplorerState, export_png, export_pptx, export_xlsx

from _explore_fixtures import TAXONOMY, make_frames


def _state(threshold=5):
    rv, lp = make_frames(60)
    return ExplorerState.from_frames(rv, lp, taxonomy=TAXONOMY, threshold=threshold,
                                     meta={"model_versions": {"themes": "themes-v1-abc"}})


def test_export_xlsx_has_data_and_about_sheets(tmp_path):
    st = _state()
    st.set_filter("sex", "Female")
    path = export_xlsx(st, tmp_path / "pack.xlsx")
    wb = openpyxl.load_workbook(path)
    assert {"theme_counts", "trends", "cooccurrence", "areas", "about"} <= set(wb.sheetnames)
    about = {r[0]: r[1] for r in wb["about"].iter_rows(min_row=2, values_only=True)}
    assert about["suppression_threshold"] == 5
    assert "sex" in about["filters"] and "Female" in about["filters"]
    assert "themes-v1-abc" in about["model_versions"]
    header = [c.value for c in wb["theme_counts"][1]]
    assert header[:5] == ["theme", "label", "group", "reviews", "pct_of_reviews"]
    assert wb["theme_counts"].max_row == len(TAXONOMY["ids"]) + 1


def test_export_xlsx_never_contains_small_raw_counts(tmp_path):
    st = _state()
    st.set_filters(region="London", year_from="2019", year_to="2019")
    wb = openpyxl.load_workbook(export_xlsx(st, tmp_path / "p.xlsx"))
    small = st.views().trends_table.counts
    small_present = ((small > 0) & (small < 5)).to_numpy().any()
    values = [c for ws in wb.worksheets if ws.title != "about"
              for row in ws.iter_rows(min_row=2, values_only=True) for c in row]
    assert small_present and "<5" in values
    for v in values:
        if isinstance(v, str) and v.isdigit():
            assert not 0 < int(v) < 5


def test_export_png_writes_real_pngs(tmp_path):
    paths = export_png(_state(), tmp_path)
    assert set(paths) == {"theme_counts", "trends", "cooccurrence", "areas"}
    for p in paths.values():
        assert p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and p.stat().st_size > 5000


def test_export_pptx_title_chart_and_table_slides(tmp_path):
    prs = Presentation(export_pptx(_state(), tmp_path / "pack.pptx", title="Steering group"))
    slides = list(prs.slides)
    assert slides[0].shapes.title.text == "Steering group"
    pics = [s for s in slides if any(sh.shape_type == 13 for sh in s.shapes)]
    assert len(pics) == 4
    tables = [sh for s in slides for sh in s.shapes if sh.has_table]
    assert len(tables) == 1 and tables[0].table.cell(0, 0).text == "theme"
    assert len(tables[0].table.rows) == len(TAXONOMY["ids"]) + 1


def test_export_registered_as_exporters():
    names = set(registry.exporters.get_all())
    assert {"explorer_xlsx", "explorer_pptx", "explorer_png"} <= names
