"""Steering-group packs: XLSX (data + filters/threshold/model versions), PNG charts, PPTX slides.

Only suppressed display values are exported, never raw small counts.

>>> import tempfile, pathlib
>>> from leder_insights.explore import figure_theme_counts  # doctest: +SKIP
"""
from __future__ import annotations

import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from .. import registry  # noqa: E402
from ._state import ExplorerState  # noqa: E402

_HATCH = "///"


def _note(state: ExplorerState) -> str:
    f = state.active_filters()
    filt = "; ".join(f"{k}={v}" for k, v in f.items()) or "no filters"
    return (f"{filt}. Counts 1-{state.threshold - 1} shown as <{state.threshold}; * hidden to protect "
            "a small number.")


def figure_theme_counts(state: ExplorerState):
    """Horizontal bars: reviews per theme (suppressed bars hatched and labelled)."""
    v = state.views()
    tc = v.theme_counts.iloc[::-1]
    fig, ax = plt.subplots(figsize=(9, max(3, 0.32 * len(tc) + 1.2)), dpi=100)
    vals = np.where(tc["_hidden"], 0, tc["_n"]).astype(float)
    ax.barh(tc["label"], vals, color="#1f4e79")
    for i, (n, pct, hid) in enumerate(zip(tc["reviews"], tc["pct_of_reviews"], tc["_hidden"])):
        if hid:
            ax.barh(i, max(vals.max() * 0.03, 0.5), color="white", edgecolor="#333", hatch=_HATCH)
        ax.text(vals[i] + max(vals.max(), 1) * 0.01, i, f"{n} ({pct})" if pct != "*" else n,
                va="center", fontsize=8)
    ax.set_xlabel(f"reviews (of {v.denominator_display} reviews matching the filters)")
    ax.set_title("Reviews with each theme")
    fig.text(0.01, 0.01, _note(state), fontsize=7)
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    return fig


def figure_trends(state: ExplorerState):
    """Reviews per year for the focus themes (line styles and markers differ, not just colour)."""
    v = state.views()
    vals = v.trends_table.safe_values()[v.focus_themes] if v.focus_themes else pd.DataFrame()
    fig, ax = plt.subplots(figsize=(9, 4), dpi=100)
    styles = ["-", "--", ":", "-.", (0, (1, 4))]
    marks = ["o", "s", "^", "D", "x"]
    for k, t in enumerate(vals.columns):
        ax.plot(vals.index.astype(int), vals[t], linestyle=styles[k % 5], marker=marks[k % 5],
                color="black", label=state.data.themes.labels.get(t, t))
    ax.set_xlabel("year of death")
    ax.set_ylabel("reviews")
    ax.set_title("Reviews per year (gaps: suppressed)")
    if len(vals.columns):
        ax.legend(fontsize=8)
        ax.set_xticks(vals.index.astype(int))
    fig.text(0.01, 0.01, _note(state), fontsize=7)
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    return fig


def figure_cooccurrence(state: ExplorerState):
    """Heatmap with the (suppressed) value written in each cell; hidden cells hatched."""
    v = state.views()
    co = v.cooc
    disp = co.display()
    vals = co.safe_values().to_numpy()
    n = len(v.heat_themes)
    fig, ax = plt.subplots(figsize=(max(5, 0.7 * n + 3), max(4, 0.6 * n + 2)), dpi=100)
    if n:
        ax.imshow(np.nan_to_num(vals), cmap="Greys", vmin=0, vmax=max(1, np.nanmax(vals) if
                                                                      np.isfinite(vals).any() else 1) * 1.6)
        for i in range(n):
            for j in range(n):
                if co.hidden.iat[i, j]:
                    ax.add_patch(plt.Rectangle((j - .5, i - .5), 1, 1, fill=False, hatch=_HATCH,
                                               edgecolor="#555"))
                ax.text(j, i, disp.iat[i, j], ha="center", va="center", fontsize=8,
                        bbox={"facecolor": "white", "alpha": .8, "pad": 1, "edgecolor": "none"})
        labels = [state.data.themes.labels.get(t, t)[:22] for t in v.heat_themes]
        ax.set_xticks(range(n), labels, rotation=45, ha="right", fontsize=8)
        ax.set_yticks(range(n), labels, fontsize=8)
    ax.set_title("Reviews with both themes")
    fig.text(0.01, 0.01, _note(state), fontsize=7)
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    return fig


def figure_areas(state: ExplorerState):
    """Reviews per area for the focus themes, as grouped bars with hatching per theme."""
    v = state.views()
    at = v.areas_table
    vals = at.safe_values()
    fig, ax = plt.subplots(figsize=(9, 4), dpi=100)
    themes = v.focus_themes
    x = np.arange(len(vals))
    w = 0.8 / max(1, len(themes))
    hatches = ["", "//", "..", "xx", "\\\\"]
    for k, t in enumerate(themes):
        ax.bar(x + k * w, vals[t].fillna(0), w, label=state.data.themes.labels.get(t, t),
               color="white" if k else "#555", edgecolor="black", hatch=hatches[k % 5])
        for i, s in enumerate(at.display()[t]):
            ax.text(x[i] + k * w, (0 if pd.isna(vals[t].iat[i]) else vals[t].iat[i]) + .2, s,
                    ha="center", fontsize=7)
    ax.set_xticks(x + 0.4 - w / 2, [str(a)[:18] for a in vals.index], rotation=30, ha="right", fontsize=8)
    ax.set_ylabel("reviews")
    ax.set_title(f"Reviews by {v.area_level}")
    if themes:
        ax.legend(fontsize=8)
    fig.text(0.01, 0.01, _note(state), fontsize=7)
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    return fig


FIGURES = {"theme_counts": figure_theme_counts, "trends": figure_trends,
           "cooccurrence": figure_cooccurrence, "areas": figure_areas}


def export_png(state: ExplorerState, out_dir) -> dict[str, Path]:
    """Write one PNG per chart; returns ``{name: path}``."""
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


def export_tables(state: ExplorerState) -> dict[str, pd.DataFrame]:
    v = state.views()
    labels = state.data.themes.labels
    tc = v.theme_counts[["theme", "label", "group", "reviews", "pct_of_reviews", "denominator",
                         "learning_points"]]
    tr = v.trends.rename(columns=labels).reset_index()
    co = v.cooc.display().rename(index=labels, columns=labels)
    co.index.name = "theme"
    ar = v.areas.rename(columns=labels).reset_index()
    return {"theme_counts": tc, "trends": tr, "cooccurrence": co.reset_index(), "areas": ar}


def export_xlsx(state: ExplorerState, path) -> Path:
    """Workbook: one sheet per view (suppressed values) + ``about`` (filters, threshold, models)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    prov = state.provenance()
    about = pd.DataFrame({"setting": list(prov),
                          "value": [v if isinstance(v, (str, int, float)) else json.dumps(v, default=str)
                                    for v in prov.values()]})
    with pd.ExcelWriter(path, engine="openpyxl") as xw:
        for name, df in export_tables(state).items():
            df.to_excel(xw, sheet_name=name, index=False)
        about.to_excel(xw, sheet_name="about", index=False)
    return path


def export_pptx(state: ExplorerState, path, title: str = "LeDeR learning: themes") -> Path:
    """Slide pack: a title slide, one slide per chart, one table slide (reviews per theme)."""
    import tempfile

    from pptx import Presentation
    from pptx.util import Inches, Pt

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    s = prs.slides.add_slide(prs.slide_layouts[0])
    s.shapes.title.text = title
    prov = state.provenance()
    s.placeholders[1].text = (f"{_note(state)}\nModel versions: {json.dumps(prov['model_versions'], default=str)}"
                              f"\nGenerated {prov['generated_at']}")
    with tempfile.TemporaryDirectory() as tmp:
        pngs = export_png(state, tmp)
        for name, png in pngs.items():
            sl = prs.slides.add_slide(prs.slide_layouts[5])
            sl.shapes.title.text = name.replace("_", " ").capitalize()
            sl.shapes.add_picture(str(png), Inches(0.8), Inches(1.4), height=Inches(5.6))
    tc = export_tables(state)["theme_counts"][["label", "reviews", "pct_of_reviews", "learning_points"]]
    sl = prs.slides.add_slide(prs.slide_layouts[5])
    sl.shapes.title.text = "Reviews per theme (table)"
    rows, cols = len(tc) + 1, tc.shape[1]
    table = sl.shapes.add_table(rows, cols, Inches(0.5), Inches(1.3), Inches(12),
                                Inches(0.3 * rows)).table
    for j, c in enumerate(["theme", "reviews", "% of reviews", "learning points"]):
        table.cell(0, j).text = c
    for i, r in enumerate(tc.itertuples(index=False), start=1):
        for j, val in enumerate(r):
            table.cell(i, j).text = str(val)
            table.cell(i, j).text_frame.paragraphs[0].font.size = Pt(11)
    prs.save(path)
    return path


@registry.exporters.register("explorer_xlsx")
def _xlsx(state, path):
    return export_xlsx(state, path)


@registry.exporters.register("explorer_pptx")
def _pptx(state, path):
    return export_pptx(state, path)


@registry.exporters.register("explorer_png")
def _png(state, path):
    return export_png(state, path)


__all__ = ["export_xlsx", "export_png", "export_pptx", "FIGURES", "figure_theme_counts",
           "figure_trends", "figure_cooccurrence", "figure_areas", "export_tables"]
