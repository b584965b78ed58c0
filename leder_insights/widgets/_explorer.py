"""ThemeExplorer: the ipywidgets view over :class:`ExplorerState`.

Every control is a real button/select/text box with a visible description (keyboard operable,
announced by screen readers); every chart has a table beside it; cells carry their values.
Callbacks never swallow errors: they are shown in an error box and appended to a log ``Output``.

>>> from leder_insights.widgets import ThemeExplorer  # doctest: +SKIP
>>> ThemeExplorer.from_project("demo_output")          # doctest: +SKIP
"""
from __future__ import annotations

import base64
import functools
import tempfile
from html import escape
from pathlib import Path

import ipywidgets as W
import numpy as np

from . import _render as R
from ..explore import ExplorerState

_FILTER_LABELS = {
    "year_from": "Year from", "year_to": "Year to", "region": "Region", "icb": "ICB",
    "age_band": "Age band", "sex": "Sex", "ethnic_group": "Ethnic group",
    "ld_severity": "LD severity", "place_of_death": "Place of death", "care_grade": "Care grade",
    "theme_group": "Theme group", "theme": "Theme", "polarity": "Polarity",
}
_STYLE = {"description_width": "110px"}
_MAX_HEAT = 8


def _mime(name: str) -> str:
    return {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "zip": "application/zip"}[name.rsplit(".", 1)[-1]]


class ThemeExplorer:
    """Filter, chart, drill into and export themed learning points.

    Parameters
    ----------
    state : ExplorerState
    title : str

    Attributes
    ----------
    widget : ipywidgets.VBox
        The whole app (display it, or let the notebook show ``explorer``).
    errors : list
        Exceptions raised inside callbacks (also shown in the error box).
    """

    def __init__(self, state: ExplorerState, title: str = "LeDeR learning explorer"):
        self.state = state
        self._syncing = False
        self.errors: list[BaseException] = []
        self.last_exports: dict[str, Path] = {}
        self._export_dir = Path(tempfile.mkdtemp(prefix="leder-export-"))
        d = state.data
        self.error_box = W.HTML("", layout=W.Layout(width="100%"))
        self.log = W.Output(layout=W.Layout(max_height="8em", overflow="auto"))
        banner = ""
        if d.meta.get("banner"):
            banner = f'<p class="li-banner" role="note">{escape(d.meta["banner"])}</p>'
        self.header = W.HTML(R.CSS + f"<h2>{escape(title)}</h2>{banner}")

        # ---- filters
        self.controls: dict[str, W.Widget] = {}
        for key, label in _FILTER_LABELS.items():
            opts = [("All", "")] + [(self._opt_label(key, o), o) for o in d.options(key)]
            dd = W.Dropdown(options=opts, value="", description=label, style=_STYLE,
                            layout=W.Layout(width="300px"))
            dd.observe(self._guard(functools.partial(self._on_filter, key)), names="value")
            self.controls[key] = dd
        self.search = W.Text(value="", placeholder="words in the learning point",
                             description="Search text", style=_STYLE, continuous_update=False,
                             layout=W.Layout(width="300px"))
        self.search.observe(self._guard(functools.partial(self._on_filter, "search")), names="value")
        self.controls["search"] = self.search
        self.area_level = W.Dropdown(options=[("Region", "region"), ("ICB", "icb")],
                                     value=state.area_level, description="Compare by", style=_STYLE,
                                     layout=W.Layout(width="300px"))
        self.area_level.observe(self._guard(self._on_area_level), names="value")
        self.reset_btn = W.Button(description="Reset filters", icon="undo",
                                  tooltip="Clear every filter and the drill-down")
        self.reset_btn.on_click(self._guard(self._on_reset))
        filt = W.GridBox(list(self.controls.values()) + [self.area_level, self.reset_btn],
                         layout=W.Layout(grid_template_columns="repeat(3, 310px)", grid_gap="4px"))
        self.summary = W.HTML()

        # ---- reviews per theme (a row per theme: button + bar + value)
        self._theme_rows = {}
        for t in d.themes.ids:
            b = W.Button(description=d.themes.labels[t][:52], tooltip=f"Show learning points: {d.themes.labels[t]}",
                         layout=W.Layout(width="380px"))
            b.on_click(self._guard(functools.partial(self._on_theme, t)))
            self._theme_rows[t] = (W.HBox([b, W.HTML(), W.HTML()]), b)
        self.theme_box = W.VBox()
        self.theme_table = W.HTML()

        # ---- trends
        self.trend_chart = W.HTML()
        self.trend_table = W.HTML()
        self.year_buttons = W.HBox()
        self._year_key = None

        # ---- co-occurrence grid (values on the cells, shading only as extra cue)
        self._heat_cells = []
        for i in range(_MAX_HEAT):
            row = []
            for j in range(_MAX_HEAT):
                c = W.Button(description="", layout=W.Layout(width="64px", height="30px"))
                c.on_click(self._guard(functools.partial(self._on_cell, i, j)))
                row.append(c)
            self._heat_cells.append(row)
        self._heat_rowlabels = [W.HTML(layout=W.Layout(width="190px")) for _ in range(_MAX_HEAT)]
        self._heat_collabels = [W.HTML(layout=W.Layout(width="64px")) for _ in range(_MAX_HEAT)]
        self.heat_box = W.VBox()
        self.heat_table = W.HTML()

        # ---- areas
        self.area_table = W.HTML()
        self.area_buttons = W.Box(layout=W.Layout(flex_flow="row wrap"))
        self._area_key = None

        # ---- learning points and excerpt
        self.lp_caption = W.HTML()
        self.lp_table = W.HTML()
        self.open_buttons = []
        for k in range(state.page_size):
            b = W.Button(description="Open", layout=W.Layout(width="auto"))
            b.on_click(self._guard(functools.partial(self._on_open, k)))
            self.open_buttons.append(b)
        self.open_box = W.Box(layout=W.Layout(flex_flow="row wrap"))
        self.prev_btn = W.Button(description="Previous page", icon="arrow-left")
        self.next_btn = W.Button(description="Next page", icon="arrow-right")
        self.clear_drill_btn = W.Button(description="Clear drill-down")
        self.prev_btn.on_click(self._guard(lambda _b: self._page(-1)))
        self.next_btn.on_click(self._guard(lambda _b: self._page(+1)))
        self.clear_drill_btn.on_click(self._guard(self._on_clear_drill))
        self.page_label = W.HTML()
        self.excerpt = W.HTML()

        # ---- export
        self.export_btns = {}
        for kind, label in (("xlsx", "Export XLSX"), ("png", "Export PNG charts"), ("pptx", "Export PPTX")):
            b = W.Button(description=label, icon="download", tooltip=f"{label} for a steering-group pack")
            b.on_click(self._guard(functools.partial(self._on_export, kind)))
            self.export_btns[kind] = b
        self.download = W.HTML()

        def sec(title, *kids):
            return W.VBox([W.HTML(f"<h3>{escape(title)}</h3>"), *kids])

        self.widget = W.VBox([
            self.header, self.error_box, sec("Filters", filt), self.summary,
            sec("Reviews per theme", W.HTML('<p class="li-note">Choose a theme to list its learning '
                                            'points. Bars show reviews; the table gives the same numbers.</p>'),
                self.theme_box, W.Accordion([self.theme_table], titles=("Table: reviews per theme",))),
            sec("Trends over time", self.trend_chart, self.trend_table,
                W.HBox([W.HTML("Learning points for year: "), self.year_buttons])),
            sec("Themes that occur together", W.HTML('<p class="li-note">Each cell: reviews with both '
                                                     'themes. Choose a cell to list their learning points.</p>'),
                self.heat_box, W.Accordion([self.heat_table], titles=("Table: co-occurrence",))),
            sec("Area comparison", self.area_table, self.area_buttons),
            sec("Learning points", self.lp_caption, W.HBox([self.prev_btn, self.page_label, self.next_btn,
                                                             self.clear_drill_btn]),
                self.lp_table, self.open_box, self.excerpt),
            sec("Export for a steering-group pack", W.HBox(list(self.export_btns.values())), self.download),
            W.Accordion([self.log], titles=("Messages",)),
        ], layout=W.Layout(padding="4px"))
        self.refresh()

    # ------------------------------------------------------------------ construction helpers
    @classmethod
    def from_frames(cls, reviews, lps, taxonomy=None, meta=None, title="LeDeR learning explorer", **kw):
        """Explorer over a reviews frame and a learning-points frame."""
        return cls(ExplorerState.from_frames(reviews, lps, taxonomy=taxonomy, meta=meta, **kw), title=title)

    @classmethod
    def from_project(cls, path, title="LeDeR learning explorer", **kw):
        """Explorer over a project directory (``project.duckdb``) or exported frames."""
        from ..explore import load_explorer_data

        return cls(ExplorerState(load_explorer_data(path), **kw), title=title)

    def _opt_label(self, key, value):
        if key == "theme":
            return self.state.data.themes.labels.get(value, value)
        return str(value).replace("_", " ")

    def _ipython_display_(self):  # pragma: no cover - notebook display
        from IPython.display import display

        display(self.widget)

    # ------------------------------------------------------------------ error capture
    def _guard(self, fn):
        return R.guarded(self, fn)

    # ------------------------------------------------------------------ callbacks
    def _on_filter(self, key, change):
        if self._syncing:
            return
        self.state.set_filter(key, change["new"] or None)
        if key == "theme_group":
            self._sync_theme_options()
        self.refresh()

    def _sync_theme_options(self):
        d, grp = self.state.data, self.state.filters.get("theme_group")
        dd = self.controls["theme"]
        opts = [("All", "")] + [(d.themes.labels[t], t) for t in d.themes.in_group(grp)]
        current = self.state.filters.get("theme") or ""
        self._syncing = True
        try:
            dd.options = opts
            dd.value = current if current in [v for _l, v in opts] else ""
        finally:
            self._syncing = False

    def _on_area_level(self, change):
        self.state.set_area_level(change["new"])
        self.refresh()

    def _on_reset(self, _b=None):
        self.state.reset()
        self._syncing = True
        try:
            for c in self.controls.values():
                c.value = ""
        finally:
            self._syncing = False
        self._sync_theme_options()
        self.refresh()

    def _open_first(self):
        page = self.state.lp_page()
        if len(page):
            self.state.select(page["ref"].iloc[0])

    def _on_theme(self, theme, _b=None):
        self.state.drill_down(theme=theme)
        self._open_first()
        self.refresh_listing()

    def _on_cell(self, i, j, _b=None):
        heat = self.state.views().heat_themes
        self.state.drill_down(theme=heat[i], theme2=heat[j] if i != j else None)
        self._open_first()
        self.refresh_listing()

    def _on_year(self, year, _b=None):
        self.state.drill_down(year=year)
        self._open_first()
        self.refresh_listing()

    def _on_area(self, area, _b=None):
        self.state.drill_down(area=area)
        self._open_first()
        self.refresh_listing()

    def _on_clear_drill(self, _b=None):
        self.state.drill_down()
        self.refresh_listing()

    def _page(self, step):
        self.state.set_page(self.state.page + step)
        self.state.selected = None
        self.refresh_listing()

    def _on_open(self, k, _b=None):
        self.state.select_row(k)
        self.excerpt.value = R.excerpt_html(self.state.excerpt(), self.state.data.themes.labels)

    def _on_export(self, kind, _b=None):
        from ..explore import export

        path = export(self.state, kind, self._export_dir)
        self.last_exports[kind] = path
        data = base64.b64encode(path.read_bytes()).decode()
        self.download.value = (f'<p>Ready: <a download="{escape(path.name)}" '
                               f'href="data:{_mime(path.name)};base64,{data}">Download {escape(path.name)}'
                               f'</a> ({path.stat().st_size // 1024 + 1} KB)</p>')
        self.log.append_stdout(f"exported {path}\n")

    # ------------------------------------------------------------------ rendering
    def refresh(self):
        """Re-render every view from the state (called after each filter change)."""
        st, d = self.state, self.state.data
        v = st.views()
        labels = d.themes.labels
        m = st.match_summary()
        den = f'<strong id="li-denominator">{escape(m["reviews"])}</strong>'
        line = m["text"].replace(f'{m["reviews"]} reviews', f'{den} reviews', 1) if m["text"].startswith(
            m["reviews"]) else escape(m["text"]).replace(f'of {escape(m["reviews"])} reviews', f'of {den} reviews', 1)
        self.summary.value = (f'<p role="status" aria-live="polite">{line}. '
                              f'{escape(v.captions["suppression"])}</p>')
        # theme rows
        tc = v.theme_counts
        vmax = float(max(1, tc.loc[~tc["_hidden"], "_n"].max() if (~tc["_hidden"]).any() else 1))
        rows = []
        for theme, label, nrev, pct, n, hidden in zip(tc["theme"], tc["label"], tc["reviews"],
                                                      tc["pct_of_reviews"], tc["_n"], tc["_hidden"]):
            box, btn = self._theme_rows[theme]
            val = None if hidden else float(n)
            desc = f"{label}: {nrev} reviews ({pct})"
            box.children[1].value = R.bar_html(val, vmax, desc)
            box.children[2].value = f'<span class="li-value">{escape(nrev)} ({escape(pct)})</span>'
            btn.tooltip = f"{desc}. Show its learning points."
            rows.append(box)
        self.theme_box.children = rows
        self.theme_table.value = R.table_html(
            tc.set_index("label")[["reviews", "pct_of_reviews", "denominator", "learning_points"]],
            "Reviews per theme", "theme")
        # trends
        vals = v.trends_table.safe_values()
        self.trend_chart.value = R.trend_svg(vals[v.focus_themes] if v.focus_themes else vals.iloc[:, :0], labels)
        nonzero = ["reviews"] + [t for t in v.shown_themes if v.trends_table.counts[t].sum() > 0]
        self.trend_table.value = R.table_html(v.trends[nonzero].rename(columns=labels),
                                              "Reviews per year (themes with any review)", "year")
        years = [int(y) for y in v.trends.index]
        if years != self._year_key:
            bs = []
            for y in years:
                b = W.Button(description=str(y), layout=W.Layout(width="70px"),
                             tooltip=f"Learning points of reviews of deaths in {y}")
                b.on_click(self._guard(functools.partial(self._on_year, y)))
                bs.append(b)
            self.year_buttons.children, self._year_key = bs, years
        # co-occurrence
        heat, disp = v.heat_themes[:_MAX_HEAT], v.cooc.display().to_numpy()
        safe = v.cooc.safe_values().to_numpy()
        top = float(np.nanmax(safe)) if np.isfinite(safe).any() else 1.0
        grid_rows = [W.HBox([W.HTML(layout=W.Layout(width="190px"))] + self._heat_collabels[:len(heat)])]
        for j, t in enumerate(heat):
            self._heat_collabels[j].value = (f'<div style="font-size:10px;overflow-wrap:anywhere" '
                                             f'title="{escape(labels[t])}">{escape(labels[t][:18])}</div>')
        for i, ti in enumerate(heat):
            self._heat_rowlabels[i].value = f'<span style="font-size:12px">{escape(labels[ti])}</span>'
            cells = []
            for j, tj in enumerate(heat):
                c = self._heat_cells[i][j]
                s = disp[i, j]
                c.description = s
                c.tooltip = f"{labels[ti]} & {labels[tj]}: {s} reviews"
                shade = 0 if np.isnan(safe[i, j]) else safe[i, j] / max(top, 1)
                grey = int(245 - 120 * shade)
                c.style.button_color = f"rgb({grey},{grey},{min(255, grey + 10)})"
                c.style.font_weight = "bold" if i == j else "normal"
                cells.append(c)
            grid_rows.append(W.HBox([self._heat_rowlabels[i]] + cells))
        self.heat_box.children = grid_rows
        self.heat_table.value = R.table_html(v.cooc.display().rename(index=labels, columns=labels),
                                             "Reviews with both themes", "theme")
        # areas
        self.area_table.value = R.table_html(v.areas.rename(columns=labels),
                                             f"Reviews by {v.area_level}: count (% of the area's reviews)",
                                             v.area_level)
        key = (v.area_level, tuple(v.areas.index))
        if key != self._area_key:
            bs = []
            for a in v.areas.index:
                b = W.Button(description=str(a)[:30], tooltip=f"Learning points from {a}",
                             layout=W.Layout(width="auto"))
                b.on_click(self._guard(functools.partial(self._on_area, a)))
                bs.append(b)
            self.area_buttons.children, self._area_key = bs, key
        self.refresh_listing()

    def refresh_listing(self):
        """Re-render the learning-point table, paging and the excerpt."""
        st, d = self.state, self.state.data
        summ = st.listing_summary()
        notice = f' <em>{escape(summ["notice"])}</em>' if summ["notice"] else ""
        self.lp_caption.value = (f'<p role="status" id="li-listing">{escape(summ["text"])}{notice}</p>')
        page = st.lp_page()
        self.page_label.value = f"<span>Page {st.page + 1} of {st.n_pages}</span>"
        self.prev_btn.disabled = st.page == 0
        self.next_btn.disabled = st.page >= st.n_pages - 1
        self.clear_drill_btn.disabled = st.drill is None
        show = page.drop(columns=["_pos"]).set_index("ref")
        self.lp_table.value = R.table_html(show, f"Page {st.page + 1}: de-identified learning points", "learning point")
        btns = []
        for k, ref in enumerate(page["ref"]):
            b = self.open_buttons[k]
            b.description = f"Open {k + 1}"
            b.tooltip = f"Read learning point {k + 1} of this page with its evidence highlighted"
            btns.append(b)
        self.open_box.children = btns
        self.excerpt.value = R.excerpt_html(st.excerpt(), d.themes.labels)


__all__ = ["ThemeExplorer"]
