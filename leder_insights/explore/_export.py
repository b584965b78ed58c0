"""Steering-group packs: XLSX (numbers as numbers), PNG charts, PPTX slides.

Only suppressed values leave: a shown count is a number, a hidden one the text ``"<5"`` or
``"*"``. Every pack honours the filters *and* the drill-down (its learning points sheet lists what
the drill-down lists, withheld points excluded), and describes both in words, never as JSON or a
server path. File names say what is inside (:func:`export_name`). Formats are registered by name
in ``leder_insights.registry.exporters`` (``explorer_xlsx``, ``explorer_pptx``, ``explorer_png``)
and written by :func:`leder_insights.explore.export`.

>>> from leder_insights.explore import export_tables   # doctest: +SKIP
"""
from __future__ import annotations

import re
import zipfile
from datetime import datetime
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from . import _queries as q  # noqa: E402
from ._labels import column_label, filter_label, ui_data, ui_text  # noqa: E402
from ._state import ExplorerState  # noqa: E402

_HATCH = "///"
#: a hidden bar's hatched stub, as a share of the longest bar
_STUB = 0.03
#: the white box behind a value drawn near hatching (facil7 F13: "<5" over hatched bars)
_LABEL_BOX = {"facecolor": "white", "edgecolor": "none", "pad": 1.5}
#: most learning points a pack lists (the drill-down narrows it)
MAX_LISTED = 2000


def _note(state: ExplorerState) -> str:
    v = state.views()
    return (f"Filters: {state.describe_filters()}. {ui_data('about_rows')['drill']}: {state.describe_drill()}. "
            f"{v.blocked or v.captions.get('counted', '')} {v.captions['suppression']}")


def _number(value):
    """A display string as a number when it is one ("1,234" -> 1234, "12.5%" -> 12.5, "1.8x" -> 1.8)."""
    if not isinstance(value, str):
        return value
    s = value.strip().replace(",", "")
    m = re.fullmatch(r"(-?\d+(?:\.\d+)?)\s*[%x]?", s)
    if not m:
        return value
    return float(m.group(1)) if "." in m.group(1) else int(m.group(1))


def _numeric(df: pd.DataFrame) -> pd.DataFrame:
    return df.apply(lambda col: col.map(_number)).astype(object)


def export_tables(state: ExplorerState) -> dict[str, pd.DataFrame]:
    """Every table of a pack, keyed by sheet name, with human column names and numbers as numbers."""
    v = state.views()
    labels = state.data.themes.labels
    tc = v.theme_counts
    themes = pd.DataFrame({column_label("label"): tc["label"], column_label("group"): tc["group_label"],
                           column_label("reviews"): tc["reviews"],
                           column_label("pct_of_reviews"): tc["pct_of_reviews"],
                           column_label("learning_points"): tc["learning_points"]})
    nonzero = v.trend_themes  # from what the table shows (a true 0 left out would say so)
    assert v.trend_rates_display is not None and v.lift_display is not None  # set by compute_views
    rates = v.trend_rates_display[nonzero].rename(columns=labels)
    rates.insert(0, "Reviews that year", v.trends["reviews"])
    rates = rates.reset_index().rename(columns={"year": filter_label("year")})
    counts = v.trends[["reviews"] + nonzero].rename(columns=labels | {"reviews": "Reviews that year"})
    counts = counts.reset_index().rename(columns={"year": filter_label("year")})
    lift = v.lift_display.rename(index=labels, columns=labels)
    lift.index.name = column_label("theme")
    out = {"Themes": themes, "Trends per 100 reviews": rates, "Trends (reviews)": counts,
           ui_text("heat_sheet"): lift.reset_index()}
    at = v.areas_table
    adisp = at.display()
    ar = pd.DataFrame({filter_label(v.area_level): list(adisp.index), column_label("reviews"): adisp["reviews"]})
    den = at.counts["reviews"].to_numpy(dtype=float)
    for t in v.focus_themes:
        ar[labels[t]] = adisp[t].to_numpy()
        with np.errstate(divide="ignore", invalid="ignore"):
            p = 100.0 * at.counts[t].to_numpy(dtype=float) / den
        hid = at.hidden[t].to_numpy() | at.hidden["reviews"].to_numpy()
        ar[f"{labels[t]} (% of the area's reviews)"] = [("*" if h else round(x, 1)) for h, x in zip(hid, p)]
    out["Areas"] = ar.reset_index(drop=True)
    out["Learning points"] = listing_table(state)
    from ._findings import findings_tables

    for name, df in findings_tables(state).items():
        out[name] = df
    if state.data.actions is not None:
        from ._actions import action_plan

        out["Action plan"] = action_plan(state)
    return {k: _numeric(df) if k not in ("Learning points", "Action plan") else df for k, df in out.items()}


def listing_table(state: ExplorerState, limit: int = MAX_LISTED) -> pd.DataFrame:
    """The learning points of the current filters and drill-down, as a pack lists them."""
    cols = [filter_label("year"), ui_text("listing_section"), "Themes", "Learning point"]
    if state.listing_restricted is not None:
        return pd.DataFrame({cols[0]: [f"Not listed. {state.listing_restricted}"]})
    if state.listing_hidden:
        why = state.listing_hidden_reason()
        return pd.DataFrame({cols[0]: [why[:1].upper() + why[1:]]})
    page = q.page_of(state.data, state._mask(), 0, limit, state.threshold)
    return pd.DataFrame({cols[0]: [_number(y) for y in page["year"]], cols[1]: page["section"], cols[2]: page["themes"],
                         cols[3]: page["text"]})


def about_table(state: ExplorerState) -> pd.DataFrame:
    prov = state.provenance()
    return pd.DataFrame({"Setting": list(prov), "Value": list(prov.values())})


# --------------------------------------------------------------------------- charts
def figure_theme_counts(state: ExplorerState):
    """Horizontal bars: reviews per theme (suppressed bars hatched and labelled)."""
    v = state.views()
    tc = v.theme_counts.iloc[::-1]
    fig, ax = plt.subplots(figsize=(10, max(3, 0.36 * len(tc) + 1.4)), dpi=100)
    vals = np.where(tc["_hidden"], 0, tc["_n"]).astype(float)
    ax.barh(tc["label"], vals, color="#1f4e79")
    top = max(vals.max() if len(vals) else 1, 1)
    for i, (n, pct, hid) in enumerate(zip(tc["reviews"], tc["pct_of_reviews"], tc["_hidden"])):
        end = vals[i]
        if hid:  # a short hatched stub; its mark ("<5", "*") stands after it on white, never over it
            ax.barh(i, top * _STUB, color="white", edgecolor="#333", hatch=_HATCH)
            end = top * _STUB
        ax.text(end + top * 0.01, i, f"{n} ({pct})" if pct != "*" else n, va="center", fontsize=9,
                bbox=_LABEL_BOX)
    ax.set_xlim(0, top * 1.2)
    ax.set_xlabel(f"reviews (of {v.denominator_display} reviews matching the filters)")
    ax.set_title(v.captions["theme_counts"], fontsize=10)
    fig.text(0.01, 0.01, _note(state), fontsize=7, wrap=True)
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    return fig


def figure_trends(state: ExplorerState):
    """Reviews with each focus theme per 100 reviews of that year (y from 0; legend outside)."""
    v = state.views()
    assert v.trend_rates is not None
    vals = v.trend_rates[v.focus_themes] if v.focus_themes else pd.DataFrame()
    fig, ax = plt.subplots(figsize=(10, 4.2), dpi=100)
    styles = ["-", "--", ":", "-.", (0, (1, 4))]
    marks = ["o", "s", "^", "D", "x"]
    for k, t in enumerate(vals.columns):
        ax.plot(vals.index.astype(int), vals[t], linestyle=styles[k % 5], marker=marks[k % 5],
                color="black", label=state.data.themes.labels.get(t, t))
    ax.set_xlabel("year of death")
    ax.set_ylabel("reviews per 100 reviews that year")
    ax.set_ylim(bottom=0, top=max(10.0, float(np.nanmax(vals.to_numpy())) * 1.15) if
                len(vals.columns) and np.isfinite(vals.to_numpy()).any() else 10.0)
    ax.set_title("Trends per 100 reviews (gaps: suppressed)", fontsize=10)
    if len(vals.columns):
        ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
        ax.set_xticks(vals.index.astype(int))
    fig.text(0.01, 0.01, _note(state), fontsize=7, wrap=True)
    fig.tight_layout(rect=(0, 0.06, 1, 1))
    return fig


def figure_cooccurrence(state: ExplorerState):
    """How many times as often as chance each pair of themes comes up in the same review (the lift;
    above 1.0x: together more often than chance); hidden cells hatched."""
    v = state.views()
    assert v.lift is not None and v.lift_display is not None
    disp, vals = v.lift_display.to_numpy(), v.lift.to_numpy(dtype=float)
    n = len(v.heat_themes)
    fig, ax = plt.subplots(figsize=(max(6, 0.8 * n + 3.5), max(4.5, 0.65 * n + 2.2)), dpi=100)
    if n:
        logl = np.log2(np.where(np.isfinite(vals) & (vals > 0), vals, 1.0))
        ax.imshow(logl, cmap="RdBu_r", vmin=-2, vmax=2)
        for i in range(n):
            for j in range(n):
                if i != j and not np.isfinite(vals[i, j]):
                    ax.add_patch(plt.Rectangle((j - .5, i - .5), 1, 1, fill=False, hatch=_HATCH,
                                               edgecolor="#555"))
                ax.text(j, i, disp[i, j], ha="center", va="center", fontsize=9,
                        bbox={"facecolor": "white", "alpha": .8, "pad": 1, "edgecolor": "none"} if disp[i, j] else None)
        labels = [state.data.themes.labels.get(t, t) for t in v.heat_themes]
        ax.set_xticks(range(n), labels, rotation=40, ha="right", fontsize=8)
        ax.set_yticks(range(n), labels, fontsize=8)
    ax.set_title(ui_text("heat_chart_title"), fontsize=10)
    fig.text(0.01, 0.01, _note(state), fontsize=7, wrap=True)
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    return fig


def figure_areas(state: ExplorerState):
    """Share of each area's reviews with the focus themes (grouped bars, hatching per theme)."""
    v = state.views()
    at = v.areas_table
    vals = at.safe_values()
    den = vals["reviews"].to_numpy(dtype=float)
    fig, ax = plt.subplots(figsize=(10, 4.2), dpi=100)
    themes = v.focus_themes
    x = np.arange(len(vals))
    w = 0.8 / max(1, len(themes))
    hatches = ["", "//", "..", "xx", "\\\\"]
    for k, t in enumerate(themes):
        with np.errstate(divide="ignore", invalid="ignore"):
            pct = 100.0 * vals[t].to_numpy(dtype=float) / den
        ax.bar(x + k * w, np.nan_to_num(pct), w, label=state.data.themes.labels.get(t, t),
               color="white" if k else "#555", edgecolor="black", hatch=hatches[k % 5])
        for i, s in enumerate(at.display()[t]):
            if not np.isfinite(pct[i]):  # hidden: the mark stands upright over its own bar
                ax.text(x[i] + k * w, 1, s, ha="center", va="bottom", fontsize=8, rotation=90, bbox=_LABEL_BOX)
    names = [str(a) if len(str(a)) <= 30 else str(a)[:29] + "…" for a in vals.index]
    ax.set_xticks(x + 0.4 - w / 2, names, rotation=30, ha="right", rotation_mode="anchor", fontsize=8)
    ax.set_xlim(-0.6, len(x) - 0.2)
    ax.set_ylabel("% of the area's reviews")
    ax.set_ylim(bottom=0)
    ax.set_title(v.captions["areas"], fontsize=10)
    if themes:
        ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    fig.text(0.01, 0.01, _note(state), fontsize=7, wrap=True)
    fig.tight_layout(rect=(0.04, 0.06, 1, 1))  # room on the left for the first slanted label
    return fig


FIGURES = {"theme_counts": figure_theme_counts, "trends": figure_trends,
           "cooccurrence": figure_cooccurrence, "areas": figure_areas}
FIGURE_TITLES = {"theme_counts": "Reviews with each theme", "trends": "Trends per 100 reviews",
                 "cooccurrence": "Themes that occur together", "areas": "Comparison by area"}


# --------------------------------------------------------------------------- names and writers
def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


def area_short(state: ExplorerState) -> str:
    """The chosen area (ICB, else region) in a few safe characters for a file name: lower case,
    words such as "NHS" and "ICB" left out (``labels.yaml``, ``text: export_file``), cut at a word
    within ``max_area_chars``; "all-areas" without one.

    >>> class S: filters = {"icb": "NHS Bath and North East Somerset, Swindon and Wiltshire ICB"}
    >>> area_short(S())
    'bath-north-east-somerset'
    """
    conf = ui_data("export_file")
    area = state.filters.get("icb") or state.filters.get("region")
    if not area:
        return str(conf["all_areas"])
    drop = {str(w).lower() for w in conf["drop_words"]}
    words = [w for w in re.split(r"[^a-z0-9]+", str(area).lower()) if w and w not in drop]
    out = ""
    for w in words:
        if len(out) + len(w) + (1 if out else 0) > int(conf["max_area_chars"]):
            break
        out = f"{out}-{w}" if out else w
    return out or (words[0][:int(conf["max_area_chars"])] if words else str(conf["all_areas"]))


def export_name(state: ExplorerState, kind: str, ext: str, when: datetime | None = None) -> str:
    """A short file name, safe on Windows: kind, the chosen area and the time (facil7 F13: names of
    120+ characters). Every filter and the chosen theme, year or area are written inside the file
    (the About sheet, the title slide, ``about.txt``), not in its name.

    >>> class S: filters = {"icb": "NHS Bath and North East Somerset, Swindon and Wiltshire ICB", "sex": "Female"}
    >>> export_name(S(), "workshop", "xlsx", datetime(2026, 12, 7, 9, 12))
    'leder-workshop_bath-north-east-somerset_2026-12-07_0912.xlsx'
    """
    when = when or datetime.now()
    return f"leder-{_slug(kind)}_{area_short(state)}_{when.strftime('%Y-%m-%d_%H%M')}.{ext}"


def export_png(state: ExplorerState, out_dir) -> dict[str, Path]:
    """Write one PNG per chart into ``out_dir``; returns ``{name: path}``."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, make in FIGURES.items():
        fig = make(state)
        try:
            paths[name] = out / f"{name}.png"
            fig.savefig(paths[name])
        finally:
            plt.close(fig)
    return paths


def export_png_zip(state: ExplorerState, path) -> Path:
    """The charts as PNGs in one zip file (with the about sheet as text)."""
    import tempfile

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp_path = path.with_name(path.name + ".part")
    with tempfile.TemporaryDirectory() as tmp:
        pngs = export_png(state, tmp)
        with zipfile.ZipFile(tmp_path, "w") as z:
            for name, p in pngs.items():
                z.write(p, f"{name}.png")
            z.writestr("about.txt", "\n".join(f"{k}: {v}" for k, v in state.provenance().items()))
    tmp_path.replace(path)
    return path


def export_xlsx(state: ExplorerState, path) -> Path:
    """Workbook: one sheet per view (suppressed; numbers as numbers), the learning points of the
    drill-down, findings, the action plan (when the project has actions) and ``About``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp_path = path.with_name(path.name + ".part")
    with pd.ExcelWriter(tmp_path, engine="openpyxl") as xw:
        for name, df in export_tables(state).items():
            df.to_excel(xw, sheet_name=name[:31], index=False)
        about_table(state).to_excel(xw, sheet_name="About", index=False)
    tmp_path.replace(path)
    return path


def _table_slide(prs, title: str, df: pd.DataFrame, max_rows: int = 16):
    from pptx.util import Inches, Pt

    df = df.head(max_rows)
    sl = prs.slides.add_slide(prs.slide_layouts[5])
    sl.shapes.title.text = title
    rows, cols = len(df) + 1, df.shape[1]
    table = sl.shapes.add_table(rows, cols, Inches(0.5), Inches(1.3), Inches(12.3),
                                Inches(0.34 * rows)).table
    for j, c in enumerate(df.columns):
        table.cell(0, j).text = str(c)
    for i, r in enumerate(df.itertuples(index=False), start=1):
        for j, val in enumerate(r):
            table.cell(i, j).text = "" if val is None or (isinstance(val, float) and np.isnan(val)) else str(val)
            table.cell(i, j).text_frame.paragraphs[0].font.size = Pt(12)
    return sl


def _set_core_properties(prs, title: str, state: ExplorerState) -> None:
    """The pack's own document properties, not python-pptx's template ones (a person's name as
    author, 2013 dates, "generated using python-pptx"; FACIL6 F5): the tool as author, now as the
    dates, the title and the filters in words.

    >>> from pptx import Presentation                       # doctest: +SKIP
    >>> _set_core_properties(prs, "Steering group", state)  # doctest: +SKIP
    """
    from datetime import timezone

    now = datetime.now(timezone.utc).replace(microsecond=0, tzinfo=None)  # core.xml is UTC ("Z")
    cp = prs.core_properties
    cp.author = cp.last_modified_by = "leder-insights"
    cp.created = cp.modified = now
    cp.revision = 1
    cp.title = title
    cp.subject = "LeDeR steering-group pack"
    cp.keywords = "LeDeR"
    cp.comments = f"Made with leder-insights. Filters: {state.describe_filters()}."
    cp.category = ""


def export_pptx(state: ExplorerState, path, title: str = "LeDeR learning: themes") -> Path:
    """Slide pack: a title slide (data, filters, drill-down in words), one slide per chart, the
    theme table, key findings and the action plan (when the project has actions)."""
    import tempfile

    from pptx import Presentation
    from pptx.util import Inches

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    s = prs.slides.add_slide(prs.slide_layouts[0])
    s.shapes.title.text = title
    prov = state.provenance()
    s.placeholders[1].text = "\n".join(f"{k}: {prov[k]}" for k in
                                       ("Data", "Filters", ui_data("about_rows")["drill"], "Small-number threshold",
                                        "Generated"))
    with tempfile.TemporaryDirectory() as tmp:
        pngs = export_png(state, tmp)
        for name, png in pngs.items():
            sl = prs.slides.add_slide(prs.slide_layouts[5])
            sl.shapes.title.text = FIGURE_TITLES[name]
            sl.shapes.add_picture(str(png), Inches(0.8), Inches(1.4), height=Inches(5.6))
    tables = export_tables(state)
    _table_slide(prs, "Reviews per theme (table)", tables["Themes"][[column_label("label"), column_label("reviews"),
                                                                  column_label("pct_of_reviews"),
                                                                  column_label("learning_points")]], max_rows=20)
    if "Key findings" in tables:
        _table_slide(prs, "Key findings (indicative)", tables["Key findings"])
    if "Action plan" in tables and len(tables["Action plan"]):
        plan = tables["Action plan"]
        _table_slide(prs, "Action plan", plan[[c for c in ("Theme", "Action", "Owner", "Due", "Status")
                                               if c in plan.columns]])
    _set_core_properties(prs, title, state)
    tmp_path = path.with_name(path.name + ".part")
    prs.save(tmp_path)
    tmp_path.replace(path)
    return path


__all__ = ["export_xlsx", "export_png", "export_png_zip", "export_pptx", "export_tables", "export_name",
           "listing_table", "FIGURES", "figure_theme_counts", "figure_trends", "figure_cooccurrence",
           "figure_areas", "area_short"]
