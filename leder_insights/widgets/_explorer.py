"""ThemeExplorer: the ipywidgets view over :class:`ExplorerState`.

Built for a projector at 1280×720: 18 px text, one tab per question (themes, trends, themes
together, areas, learning points, filters, export), each fitting one screen; a context line says
which project, period and data source are shown. Every control is a real button/select/text box
with a visible description (keyboard operable, announced by screen readers); every chart has a
table beside it; cells carry their values. Callbacks never swallow errors: a short message is
shown and the details go to the server log (never a traceback on the page).

>>> from leder_insights.widgets import ThemeExplorer  # doctest: +SKIP
>>> ThemeExplorer.from_project("demo_output")          # doctest: +SKIP
"""
from __future__ import annotations

import base64
import functools
import re
import shutil
import tempfile
import weakref
from html import escape
from pathlib import Path

import ipywidgets as W
import numpy as np

from . import _render as R
from ..explore import ExplorerState

#: the filters, in the order they are shown (labels from the explorer's ``conf/labels.yaml``; the one
#: year dropdown sets a single year of death). They wrap in rows of three 400 px boxes; the wide
#: ICB box comes second, so it fills the rest of the first row (facil6 F1, facil7 F6)
_FILTER_KEYS = ("region", "icb", "year_from", "age_band", "sex", "ethnic_group", "ld_severity",
                "place_of_death", "care_grade", "theme_group", "theme", "polarity", "search")
#: dropdowns whose option labels are long (ICB names): they span two columns of the filter grid
_WIDE_FILTERS = ("icb",)
#: filters whose choices are checked on their own when the page opens (a theme group nearly every
#: review has is blocked alone; facil7 F4)
_ALONE_CHECKED = ("theme_group",)
_STYLE = {"description_width": "172px"}
_MAX_HEAT = 8
#: tab order (one question per screen)
TABS = ("Key findings", "Themes", "Trends", "Themes together", "Areas", "Learning points", "Actions", "Filters",
        "Export")


def _filter_label(key: str) -> str:
    """A filter's label as the rest of the app words it (``ld_severity`` -> ``Learning disability``).

    >>> _filter_label("ld_severity"), _filter_label("polarity"), _filter_label("year_from")
    ('Learning disability', 'Kind of point', 'Year of death')
    """
    from ..explore import filter_label

    return filter_label("year" if key in ("year_from", "year_to") else key)


def blocked_key(state) -> str | None:
    """The filter a blocked selection's reason names (``None`` when not blocked or none is named).

    The reason says "without the <label> filter" or "the other <label> choices"; the labels are
    those of ``labels.yaml``, so the key is found by its label.
    """
    why = (state.blocked or "").lower()
    keys = ["year" if k in ("year_from", "year_to") else k for k, v in state.filters.items() if v not in (None, "")]
    for key in dict.fromkeys(keys):
        label = _filter_label(key).lower()
        if f"without the {label} filter" in why or f"other {label} choices" in why:
            return key
    return None


def blocked_advice(state, value_label=None) -> str:
    """What to do when every number of the selection is hidden, for the filter the block names
    (facil7 F4: a theme group on its own cannot be widened to a region; the room is told to choose
    one theme). Sentences from ``labels.yaml`` (``text: blocked_advice``); ``""`` when not blocked.

    ``value_label(key, value)`` words the chosen value (the explorer's option labels).
    """
    from ..explore import ui_text

    if not state.blocked:
        return ""
    key = blocked_key(state)
    if key is None:            # the reason names no filter (ICB with Sex): name the ones set (facil8 F5)
        keys = ["year" if k in ("year_from", "year_to") else k for k, v in state.filters.items()
                if v not in (None, "") and k != "search"]
        labels = list(dict.fromkeys(_filter_label(k) for k in keys))
        if not labels:
            return ui_text("blocked_advice", "default", label="a filter")
        return ui_text("blocked_advice", "named",
                       labels=" or ".join(labels) if len(labels) < 3 else ", ".join(labels[:-1]) + " or " + labels[-1])
    value = state.filters.get("year_from" if key == "year" else key)
    shown = value_label(key, value) if value_label and value not in (None, "") else str(value or "")
    # "almost all ... have one" holds when the choice leaves out fewer than the threshold, not
    # when the choice is itself small beside the other choices (the partition reason)
    almost_all = "without the" in (state.blocked or "")
    advice_key = key if almost_all or key not in ("theme_group", "theme", "polarity") else "default"
    return ui_text("blocked_advice", advice_key, value=shown, label=_filter_label(key),
                   threshold=state.threshold)


def blocked_alone(data, key: str, threshold: int) -> list[str]:
    """The values of filter ``key`` that, chosen on their own, hide every number (facil7 F4: almost
    every review has a Clinical learning point). The explorer does not offer them and says why.

    Cheap on the demo (4 theme groups: 0.3 s CPU); the block itself is unchanged.
    """
    out = []
    for value in data.options(key):
        st = ExplorerState(data, threshold=threshold)
        st.set_filter(key, value)
        if st.blocked:
            out.append(str(value))
    return out


def icbs_in_region(data, region: str | None) -> list[str]:
    """The ICBs the data has in ``region`` (every ICB when no region is chosen), in option order."""
    icbs = [str(x) for x in data.options("icb")]
    if not region:
        return icbs
    rv = data.reviews
    inside = set(rv.loc[rv["region"].astype(str) == str(region), "icb"].astype(str))
    return [x for x in icbs if x in inside]


def heat_words(disp, lift: bool = True) -> str:
    """The Themes together grid in words: what the "1.0x" cells mean, and - when every pair shown
    is within 0.9x-1.1x - that no pair stands out (facil7 F13). Reads the shown cells only.

    >>> "no pair of themes stands out" in heat_words([["12", "1.0x"], ["0.9x", "9"]])
    True
    """
    from ..explore import ui_text

    text = ui_text("heat_explain")
    if not lift:
        return text
    n = len(disp)
    vals = [float(str(disp[i][j])[:-1]) for i in range(n) for j in range(n)
            if i != j and re.fullmatch(r"\d+(\.\d+)?x", str(disp[i][j]))]
    if vals and 0.9 <= min(vals) and max(vals) <= 1.1:
        text += " " + ui_text("heat_flat", low=f"{min(vals):.1f}x", high=f"{max(vals):.1f}x")
    return text


def filter_help_html(data) -> str:
    """What the filters a steering group may not know mean ("Group of themes", "Kind of learning
    point"), once, under the filters; sentences from ``labels.yaml`` (``text: filter_help``).

    >>> from leder_insights.explore import ExplorerData   # doctest: +SKIP
    >>> "broad groups" in filter_help_html(data)           # doctest: +SKIP
    True
    """
    from ..explore import ui_data

    names = [data.themes.group_label(g) for g in data.themes.group_names]
    items = []
    for key, text in ui_data("filter_help").items():
        items.append(f'<li>{escape(" ".join(str(text).format(label=_filter_label(key), n=len(names), groups=", ".join(names)).split()))}</li>')
    return f'<ul class="li-note" id="li-filter-help">{"".join(items)}</ul>'


def page_lost_html() -> str:
    """The words the workshop template shows when this page's connection to the app ends (a newer
    page took its slot after this one was quiet, or the app stopped): a hidden element the page's
    script reads, so the sentences stay in ``labels.yaml`` (``text: page_lost``).

    >>> 'id="li-page-lost" hidden' in page_lost_html()
    True
    """
    from ..explore import ui_data

    words = ui_data("page_lost")
    attrs = "".join(f' data-{k}="{escape(" ".join(str(v).split()))}"' for k, v in words.items())
    return f'<span id="li-page-lost" hidden{attrs}></span>'


def _mime(name: str) -> str:
    return {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "zip": "application/zip"}[name.rsplit(".", 1)[-1]]


def humanise(value) -> str:
    """A code as people read it: ``area_for_improvement`` -> ``Area for improvement``.

    >>> humanise("area_for_improvement"), humanise("London")
    ('Area for improvement', 'London')
    """
    from ..explore import value_label

    v = str(value)
    if v in ("good_practice", "area_for_improvement", "recommendation"):
        return value_label("polarity", v)
    if "_" in v and v.lower() == v:
        v = v.replace("_", " ")
        return v[:1].upper() + v[1:]
    return v


def context_line(data) -> str:
    """Which project, period and data source the page shows (HTML; no server path).

    The project is the directory name only; the demo says "synthetic demo data".
    """
    meta = data.meta or {}
    src = str(meta.get("source", ""))
    demo = bool(meta.get("synthetic")) or "synthetic" in src.lower() or \
        "synthetic demo" in str(meta.get("banner", "")).lower()
    if meta.get("project"):
        project = str(meta["project"])
    elif demo and "synthetic demo corpus" in src:
        project = "Demo project"
    elif src:
        from pathlib import PurePath

        pp = PurePath(src)
        project = pp.parent.name if pp.suffix == ".duckdb" else pp.name
    else:
        project = "unnamed"
    years = [int(y) for y in np.unique(data.years) if int(y) >= 0]
    period = f"deaths {years[0]}–{years[-1]}" if len(years) > 1 else (f"deaths in {years[0]}" if years else
                                                                        "period unknown")
    if demo:
        source = "synthetic demo data"
    else:
        source = "de-identified project data" if str(meta.get("text", "de-identified")) == "de-identified" \
            else str(meta.get("text"))
    badge = ""
    if demo:
        badge = (f'<span class="li-badge" title="{escape(str(meta.get("banner", "")))}">'
                 'no real people</span>')
    return (f'<p class="li-context" id="li-context">Project <b>{escape(project)}</b> · {escape(period)} · '
            f'{len(data.reviews):,} reviews · source: {escape(source)}{badge}</p>')


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
    tabs : ipywidgets.Tab
        One screen per question (see :data:`TABS`).
    errors : list
        Exceptions raised inside callbacks (a short message is shown in the error box).
    """

    def __init__(self, state: ExplorerState, title: str = "LeDeR learning explorer"):
        self.state = state
        self._syncing = False
        self.errors: list[BaseException] = []
        self.last_exports: dict[str, Path] = {}
        self._links: dict[str, str] = {}  # one download link per kind: a new XLSX keeps the PPTX link
        self._export_dir: Path | None = None  # made on the first export, removed with the explorer
        d = state.data
        self.error_box = W.HTML("", layout=W.Layout(width="100%"))
        self.header = W.HTML(R.CSS + f'<h1>{escape(title)}</h1>{context_line(d)}{page_lost_html()}')

        # ---- filters (their own tab; the status line says which are set)
        self.controls: dict[str, W.Widget] = {}
        #: choices that hide every number on their own are not offered (the note says which)
        self.not_offered = {key: blocked_alone(d, key, state.threshold) for key in _ALONE_CHECKED}
        for key in _FILTER_KEYS:
            if key == "search":
                continue
            opts = [("All", "")] + [(self._opt_label(key, o), o) for o in d.options(key)
                                    if str(o) not in self.not_offered.get(key, ())]
            wide = key in _WIDE_FILTERS
            dd = W.Dropdown(options=opts, value="", description=_filter_label(key), style=_STYLE,
                            layout=W.Layout(width="814px" if wide else "400px", flex="0 0 auto"))
            dd.observe(self._guard(functools.partial(self._on_filter, key)), names="value")
            self.controls[key] = dd
        self.search = W.Text(value="", placeholder="words to find",
                             description=_filter_label("search"), style=_STYLE, continuous_update=False,
                             layout=W.Layout(width="400px"))
        self.search.observe(self._guard(functools.partial(self._on_filter, "search")), names="value")
        self.controls["search"] = self.search
        self.area_level = W.Dropdown(options=[("Region", "region"), ("ICB", "icb")],
                                     value=state.area_level, description="Compare areas by", style=_STYLE,
                                     layout=W.Layout(width="400px"))
        self.area_level.observe(self._guard(self._on_area_level), names="value")
        self.reset_btn = W.Button(description="Reset filters", icon="undo",
                                  layout=W.Layout(width="auto", flex="0 0 auto"),
                                  tooltip="Clear every filter and the chosen theme, year or area")
        self.reset_btn.on_click(self._guard(self._on_reset))
        # come back later (facil6 F7): a reloaded page offers the room's last selection
        self.restore_btn = W.Button(description="Restore last selection", icon="history",
                                    layout=W.Layout(width="auto", flex="0 0 auto", display="none"))
        self.restore_btn.on_click(self._guard(self._on_restore))
        # rows that wrap (not a grid): a control never runs under its neighbour, whatever its width
        # (facil7 F6: the two-column ICB box lay under "Year of death" in a three-column grid)
        filt = W.Box(list(self.controls.values()),
                     layout=W.Layout(display="flex", flex_flow="row wrap", grid_gap="6px 4px", width="100%"))
        from ..explore import ui_text

        self.filter_help = W.HTML(filter_help_html(d))
        self.not_offered_note = W.HTML("".join(
            f'<p class="li-note" id="li-not-offered">{escape(ui_text("blocked_alone", label=_filter_label(k), values=", ".join(self._opt_label(k, x) for x in vals)))}</p>'
            for k, vals in self.not_offered.items() if vals))
        self.summary = W.HTML(layout=W.Layout(flex="1 1 auto", min_width="0"))
        self.summary.add_class("li-summary")
        self.blocked_box = W.HTML(layout=W.Layout(width="100%"))

        # ---- reviews per theme: two columns of rows (theme button, bar, value)
        self._theme_rows = {}
        for t in d.themes.ids:
            b = W.Button(description=d.themes.labels[t], tooltip=f"Show learning points: {d.themes.labels[t]}",
                         layout=W.Layout(width="330px"))
            b.add_class("li-theme-btn")
            b.on_click(self._guard(functools.partial(self._on_theme, t)))
            row = W.HBox([b, W.HTML(layout=W.Layout(width="150px")), W.HTML(layout=W.Layout(width="125px"))],
                         layout=W.Layout(align_items="center"))
            self._theme_rows[t] = (row, b)
        self.theme_box = W.GridBox(layout=W.Layout(grid_template_columns="repeat(2, 620px)", grid_gap="2px 12px"))
        self.theme_note = W.HTML()
        self.theme_table = W.HTML()

        # ---- trends
        self.trend_note = W.HTML()
        self.trend_chart = W.HTML()
        self.trend_table = W.HTML()
        self.year_buttons = W.HBox(layout=W.Layout(flex_flow="row wrap"))
        self.year_row = W.HBox([W.HTML("Read the learning points of one year:"), self.year_buttons],
                               layout=W.Layout(align_items="center"))
        self.year_note = W.HTML()
        self._year_key = None

        # ---- co-occurrence grid: numbered rows, numbers as column heads (no clipped labels)
        self._heat_cells = []
        for i in range(_MAX_HEAT):
            row = []
            for j in range(_MAX_HEAT):
                c = W.Button(description="", layout=W.Layout(width="72px", height="40px"))
                c.add_class("li-cell")
                c.on_click(self._guard(functools.partial(self._on_cell, i, j)))
                row.append(c)
            self._heat_cells.append(row)
        self._heat_rowlabels = [W.HTML(layout=W.Layout(width="470px")) for _ in range(_MAX_HEAT)]
        self._heat_collabels = [W.HTML(layout=W.Layout(width="72px")) for _ in range(_MAX_HEAT)]
        self.heat_box = W.VBox()
        self.heat_note = W.HTML()
        self.heat_table = W.HTML()

        # ---- areas
        self.area_note = W.HTML()
        self.area_table = W.HTML()
        self.area_buttons = W.Box(layout=W.Layout(flex_flow="row wrap"))
        self._area_key = None

        # ---- learning points and excerpt
        self.lp_caption = W.HTML()
        self.lp_table = W.HTML()
        self.open_buttons = []
        for k in range(state.page_size):
            b = W.Button(description="Open", layout=W.Layout(width="auto", min_width="44px"))
            b.on_click(self._guard(functools.partial(self._on_open, k)))
            self.open_buttons.append(b)
        self.open_box = W.Box(layout=W.Layout(flex_flow="row wrap", align_items="center"))
        self.prev_btn = W.Button(description="Previous page", icon="arrow-left", layout=W.Layout(width="auto"))
        self.next_btn = W.Button(description="Next page", icon="arrow-right", layout=W.Layout(width="auto"))
        from ..explore import ui_text

        self.clear_drill_btn = W.Button(description=ui_text("show_all"), layout=W.Layout(width="auto"),
                                        tooltip="Back from one theme, year or area to every learning point "
                                                "that matches the filters")
        self.prev_btn.on_click(self._guard(lambda _b: self._page(-1)))
        self.next_btn.on_click(self._guard(lambda _b: self._page(+1)))
        self.clear_drill_btn.on_click(self._guard(self._on_clear_drill))
        self.page_label = W.HTML()
        self.excerpt = W.HTML()

        # ---- export
        self.export_btns = {}
        for kind, label in (("xlsx", "Export XLSX"), ("png", "Export PNG charts"), ("pptx", "Export PPTX")):
            b = W.Button(description=label, icon="download", tooltip=f"{label} for a steering-group pack",
                         layout=W.Layout(width="auto"))
            b.on_click(self._guard(functools.partial(self._on_export, kind)))
            self.export_btns[kind] = b
        self.download = W.HTML()

        def note(text):
            return W.HTML(f'<p class="li-note">{text}</p>')

        from ._panels import ActionsPanel, FindingsPanel

        self.findings = FindingsPanel(state, self._guard)
        self.actions = ActionsPanel(state, self._guard, show=self._show_actions)
        pages = {
            "Key findings": self.findings.widget,
            "Actions": self.actions.widget,
            "Themes": W.VBox([self.theme_note, self.theme_box,
                              W.Accordion([self.theme_table], titles=("Table: reviews per theme",))]),
            "Trends": W.VBox([self.trend_note, self.trend_chart,
                              self.year_row, self.year_note,
                              W.Accordion([self.trend_table], titles=("Table: reviews per year",))]),
            "Themes together": W.VBox([self.heat_note,
                                       self.heat_box,
                                       W.Accordion([self.heat_table], titles=("Table: themes together",))]),
            "Areas": W.VBox([self.area_level, self.area_note, self.area_table, W.HTML("Read the learning points of one area:"),
                             self.area_buttons]),
            "Learning points": W.VBox([self.lp_caption,
                                       W.HBox([self.prev_btn, self.page_label, self.next_btn, self.clear_drill_btn],
                                              layout=W.Layout(align_items="center", grid_gap="8px")),
                                       self.excerpt, self.actions.lp_btn, self.open_box, self.lp_table]),
            "Filters": W.VBox([note("Every view counts only the reviews that match these filters."), filt,
                               self.filter_help, self.not_offered_note]),
            "Export": W.VBox([note("A pack for the steering group: the numbers as shown here (small numbers "
                                   "suppressed), with the filters and the data source."),
                              W.HBox(list(self.export_btns.values())), self.download]),
        }
        self.tabs = W.Tab(children=[pages[t] for t in TABS], titles=TABS)
        self.actions.watch_tab(self.tabs, TABS.index("Actions"))  # re-read what other pages saved
        self.widget = W.VBox([
            self.header,
            W.HBox([self.summary, self.restore_btn, self.reset_btn],
                   layout=W.Layout(align_items="center", width="100%")),
            self.blocked_box, self.error_box, self.tabs,
        ], layout=W.Layout(padding="0 4px", max_width="1272px"))
        self.widget.add_class("li-app")
        self._offer_restore()
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
        if key == "theme_group":
            return self.state.data.themes.group_label(value)
        from ..explore import value_label

        return value_label(key, value)  # "female" -> "Female", care grade "4" -> "4 Fell short, ..."

    def _repr_mimebundle_(self, **kwargs):
        """The live widget, plus a static HTML picture for viewers without a kernel."""
        return R.widget_bundle(self.widget, self.static_html(),
                               f"LeDeR learning explorer ({self.state.views().denominator_display} reviews match)",
                               **kwargs)

    def static_html(self) -> str:
        """Header, reviews per theme and the trend chart as plain HTML (saved notebooks, reports)."""
        return (self.header.value + self.summary.value + self.theme_table.value + self.trend_chart.value)

    # ------------------------------------------------------------------ error capture
    def _guard(self, fn):
        return R.guarded(self, fn)

    # ------------------------------------------------------------------ callbacks
    def _working(self) -> None:
        """Say at once that the numbers are being worked out (a guarded view can take seconds; the
        room must not read the last selection's numbers as this one's). Sent before the work."""
        self.summary.value = ('<p class="li-status" role="status" aria-live="polite"><strong>Working out '
                              'the numbers for this selection…</strong> the screens below still show the '
                              'last one.</p>')

    def _on_filter(self, key, change):
        if self._syncing:
            return
        self._working()
        if key == "year_from":
            self.state.set_year(change["new"] or None)
        else:
            self.state.set_filter(key, change["new"] or None)
        if key == "theme_group":
            self._sync_theme_options()
        if key == "region":
            self._sync_icb_options()
        self._keep_selection()
        self.refresh()

    def _sync_icb_options(self):
        """Offer only the chosen region's ICBs (facil7 F11); an ICB outside a newly chosen region
        is cleared (an empty selection would read as "*")."""
        d, region = self.state.data, self.state.filters.get("region")
        icbs = icbs_in_region(d, region)
        current = self.state.filters.get("icb") or ""
        if current and current not in icbs:
            self.state.set_filter("icb", None)
            current = ""
        dd = self.controls["icb"]
        self._syncing = True
        try:
            dd.options = [("All", "")] + [(self._opt_label("icb", o), o) for o in icbs]
            dd.value = current
        finally:
            self._syncing = False

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
        self._keep_selection()
        self.refresh()

    def _on_reset(self, _b=None):
        self._working()
        self.state.reset()
        self._sync_controls()
        self._keep_selection()
        self.refresh()

    def _sync_controls(self):
        """Set every control to the state's filters without firing their callbacks."""
        self._syncing = True
        try:
            for key, c in self.controls.items():
                value = str(self.state.filters.get(key) or "") if key != "theme" else c.value
                if isinstance(c, W.Dropdown) and value not in [v for _l, v in c.options]:
                    c.options = list(c.options) + [(self._opt_label(key, value), value)]  # a restored choice
                c.value = value
            self.area_level.value = self.state.area_level
        finally:
            self._syncing = False
        self._sync_theme_options()
        self._sync_icb_options()

    def _keep_selection(self):
        """Keep the selection for a later page (after the first change: a fresh page keeps the
        last one on offer until the room sets its own)."""
        self.state.save_selection()
        self.restore_btn.layout.display = "none"

    def _offer_restore(self):
        """Show "Restore last selection" when a saved one exists and nothing is set yet."""
        words = "" if self.state.active_filters() else self.state.describe_last_selection()
        self.restore_btn.layout.display = None if words else "none"
        self.restore_btn.tooltip = f"Set the filters used last time: {words}" if words else ""

    def _on_restore(self, _b=None):
        self._working()
        self.state.restore_selection()
        self._sync_controls()
        self.restore_btn.layout.display = "none"
        self.refresh()

    def _open_first(self):
        page = self.state.lp_page()
        if len(page):
            self.state.select(page["ref"].iloc[0])

    def _show_listing(self):
        self._drilled()
        self._open_first()
        self.refresh_listing()
        self.tabs.selected_index = TABS.index("Learning points")

    def _on_theme(self, theme, _b=None):
        self.state.drill_down(theme=theme)
        self.actions.evidence_opened(theme)
        self._show_listing()

    def _on_cell(self, i, j, _b=None):
        heat = self.state.views().heat_themes
        self.state.drill_down(theme=heat[i], theme2=heat[j] if i != j else None)
        self.actions.evidence_opened(heat[i])
        self._show_listing()

    def _on_year(self, year, _b=None):
        self.state.drill_down(year=year)
        self._show_listing()

    def _on_area(self, area, _b=None):
        self.state.drill_down(area=area)
        self._show_listing()

    def _show_actions(self):
        self.tabs.selected_index = TABS.index("Actions")

    def _on_clear_drill(self, _b=None):
        self.state.drill_down()
        self._drilled()
        self.refresh_listing()

    def _page(self, step):
        self.state.set_page(self.state.page + step)
        self.state.selected = None
        self.refresh_listing()

    def _on_open(self, k, _b=None):
        self.state.select_row(k)
        self.excerpt.value = R.excerpt_html(self.state.excerpt(), self.state.data.themes.labels,
                                            title=f"Learning point {k + 1} of page {self.state.page + 1}")
        self.actions.listing_shown(self.state.selected_ref())

    def close(self):
        """Close the app's widgets and delete its export files (also done when the kernel exits)."""
        if self._export_dir is not None:
            self._remove_exports()
        self.widget.close()

    def _on_export(self, kind, _b=None):
        from ..explore import export

        if self._export_dir is None:
            self._export_dir = Path(tempfile.mkdtemp(prefix="leder-export-"))  # 0700
            self._remove_exports = weakref.finalize(self, shutil.rmtree, self._export_dir, ignore_errors=True)
        path = export(self.state, kind, self._export_dir)
        self.last_exports[kind] = path
        data = base64.b64encode(path.read_bytes()).decode()
        self._links[kind] = (f'<li><a download="{escape(path.name)}" href="data:{_mime(path.name)};base64,{data}">'
                             f'Download {escape(path.name)}</a> ({path.stat().st_size // 1024 + 1} KB)</li>')
        self.download.value = ('<p>Ready to save (your browser asks where, or saves to Downloads): the latest '
                               f'pack of each kind, for the filters shown when it was made.</p>'
                               f'<ul>{"".join(self._links.values())}</ul>')

    # ------------------------------------------------------------------ rendering
    def _filters_text(self) -> str:
        f = self.state.active_filters()
        if not f:
            return "no filters (set them on the Filters tab)"
        return "; ".join(f"{_filter_label(k)}: {self._opt_label(k, x) if k != 'search' else repr(x)}"
                         for k, x in f.items())

    def _status_html(self, m: dict | None = None) -> str:
        """The status line: matching reviews, filters and the drill-down (a theme chosen), as the
        exports name them."""
        st = self.state
        m = st.match_summary() if m is None else m
        sel = (f'{escape(m["selected"])} with a matching learning point · '
               if m["selected"] != m["reviews"] else "")
        filt = st.describe_filters()
        drill = f' · Drill-down: {escape(st.describe_drill())}' if st.drill else ""
        return (f'<p class="li-status" role="status" aria-live="polite"><strong id="li-denominator">'
                f'{escape(m["reviews"])}</strong> reviews match · {sel}{escape(m["learning_points"])} '
                f'learning points · {escape(filt)}'
                f'{" (set them on the Filters tab)" if filt == "no filters" else ""}{drill}</p>')

    def _drilled(self) -> None:
        """After a drill-down changed: the status line names it and the selection keeps it."""
        self.summary.value = self._status_html()
        self._keep_selection()

    def refresh(self):
        """Re-render every view from the state (called after each filter change)."""
        st, d = self.state, self.state.data
        v = st.views()
        labels = d.themes.labels
        status = self._status_html(st.match_summary())
        self.blocked_box.value = R.blocked_html(v.blocked, blocked_advice(st, self._opt_label))
        # theme rows
        tc = v.theme_counts
        vmax = float(max(1, tc.loc[~tc["_hidden"], "_n"].max() if (~tc["_hidden"]).any() else 1))
        rows = []
        for theme, label, nrev, pct, n, hidden in zip(tc["theme"], tc["label"], tc["reviews"],
                                                      tc["pct_of_reviews"], tc["_n"], tc["_hidden"]):
            box, btn = self._theme_rows[theme]
            val = None if hidden else float(n)
            shown = f"{nrev} ({pct})" if pct not in ("*", "-") and nrev not in ("*",) and not nrev.startswith("<") \
                else nrev
            desc = f"{label}: {nrev} reviews" + (f" ({pct} of matching reviews)" if shown != nrev else "")
            box.children[1].value = R.bar_html(val, vmax, desc, width=140)
            box.children[2].value = f'<span class="li-value">{escape(shown)}</span>'
            btn.tooltip = f"{desc}. Show its learning points."
            rows.append(box)
        half = (len(rows) + 1) // 2            # column-major: the top themes run down the left column
        order = [r for pair in zip(rows[:half], rows[half:] + [None]) for r in pair if r is not None]
        self.theme_box.children = order
        caps = getattr(v, "captions", None) or {}
        what = caps.get("theme_counts", "Reviews with each theme")
        self.theme_note.value = (f'<p class="li-note">{escape(what)}: number of reviews (% of '
                                 f'{escape(v.denominator_display)} matching reviews), most frequent first; read '
                                 f'down the left column, then the right. A review counts once per theme, however '
                                 f'many of its learning points carry it. Choose a theme to read its learning '
                                 f'points. {escape(caps.get("suppression", ""))}</p>')
        self.trend_note.value = (f'<p class="li-note">{escape(caps.get("trends", ""))}. A * on the axis: that '
                                 f'year is hidden. {escape(caps.get("suppression", ""))}</p>')
        self.area_note.value = f'<p class="li-note">{escape(caps.get("suppression", ""))}</p>'
        self.theme_table.value = R.table_html(
            tc.set_index("label")[["reviews", "pct_of_reviews", "learning_points"]].rename(
                columns={"reviews": "Reviews", "pct_of_reviews": "% of matching reviews",
                         "learning_points": "Learning points"}),
            f"Reviews per theme (out of {v.denominator_display} matching reviews)", "Theme")
        # trends: share of each year's reviews (years differ in size)
        share, ylabel = self._trend_shares(v)
        self.trend_chart.value = R.trend_svg(share, labels, ylabel=ylabel)
        nonzero = v.trend_themes  # from what the table shows (a true 0 left out would say so)
        tt = v.trends[["reviews"] + nonzero].rename(columns=labels).T
        tt.index = ["All reviews"] + [labels.get(t, t) for t in nonzero]
        tt.columns = [str(c) for c in tt.columns]
        self.trend_table.value = R.table_html(tt, "Reviews per year of death (themes with any review)", "Theme")
        years = self.state.listable_years()  # only years whose learning points can be listed (F10)
        note = self.state.year_listing_note()
        self.year_note.value = f'<p class="li-note">{escape(note)}</p>' if note else ""
        self.year_row.layout.display = "flex" if years else "none"
        if years != self._year_key:
            bs = []
            for y in years:
                b = W.Button(description=str(y), layout=W.Layout(width="80px"),
                             tooltip=f"Learning points of reviews of deaths in {y}")
                b.on_click(self._guard(functools.partial(self._on_year, y)))
                bs.append(b)
            self.year_buttons.children, self._year_key = bs, years
        # co-occurrence
        heat, disp = v.heat_themes[:_MAX_HEAT], v.cooc.display().to_numpy()
        safe = v.cooc.safe_values().to_numpy()
        lift = getattr(v, "lift", None)
        if lift is not None:  # off the diagonal: lift (how much more often together than by chance)
            ldisp = v.lift_display.to_numpy()
            lv = lift.to_numpy(dtype=float)
            disp = np.where(np.eye(len(heat), dtype=bool), disp, ldisp)
            safe = np.where(np.eye(len(heat), dtype=bool), np.nan, lv)
        top = float(np.nanmax(safe)) if np.isfinite(safe).any() else 1.0
        grid_rows = [W.HBox([W.HTML(layout=W.Layout(width="470px"))] + self._heat_collabels[:len(heat)])]
        for j, t in enumerate(heat):
            self._heat_collabels[j].value = (f'<div style="text-align:center;font-weight:600" '
                                             f'title="{escape(labels[t])}">{j + 1}</div>')
        for i, ti in enumerate(heat):
            self._heat_rowlabels[i].value = f'<span><b>{i + 1}</b> {escape(labels[ti])}</span>'
            cells = []
            for j, tj in enumerate(heat):
                c = self._heat_cells[i][j]
                s = disp[i, j]
                c.description = s
                c.tooltip = (f"{labels[ti]}: {s} reviews" if i == j or lift is None else
                             f"{labels[ti]} & {labels[tj]}: together {s} as often as chance")
                shade = 0 if np.isnan(safe[i, j]) else safe[i, j] / max(top, 1)
                grey = int(245 - 120 * shade)
                c.style.button_color = f"rgb({grey},{grey},{min(255, grey + 10)})"
                c.style.font_weight = "bold" if i == j else "normal"
                cells.append(c)
            grid_rows.append(W.HBox([self._heat_rowlabels[i]] + cells, layout=W.Layout(align_items="center")))
        self.heat_box.children = grid_rows
        # plain words (facil7 F13), with the count as the status line shows it (never the caption's)
        self.heat_note.value = (f'<p class="li-note">Themes together in the {escape(v.denominator_display)} '
                                f'matching reviews. {escape(heat_words(disp, lift is not None))}</p>')
        self.heat_table.value = R.table_html(v.cooc.display().rename(index=labels, columns=labels),
                                             "Reviews with both themes", "Theme")
        # areas
        area_name = "Region" if v.area_level == "region" else "ICB"
        self.area_table.value = R.table_html(
            v.areas.rename(columns={**labels, "reviews": "Reviews"}),
            f"Reviews by {area_name}: count (% of the area's reviews), for the most frequent themes", area_name)
        key = (v.area_level, tuple(v.areas.index))
        if key != self._area_key:
            bs = []
            for a in v.areas.index:
                b = W.Button(description=str(a), tooltip=f"Learning points from {a}",
                             layout=W.Layout(width="auto"))
                b.on_click(self._guard(functools.partial(self._on_area, a)))
                bs.append(b)
            self.area_buttons.children, self._area_key = bs, key
        self.findings.refresh()
        self.actions.refresh()
        self.refresh_listing()
        # last, after every panel: "Working out" stays until the screens below show this selection
        self.summary.value = status

    def _trend_shares(self, v):
        """(reviews with each focus theme per 100 reviews of that year, y-axis label)."""
        cols = v.focus_themes if v.focus_themes else []
        if getattr(v, "trend_rates", None) is not None:
            return v.trend_rates[cols], "per 100 reviews of that year"
        counts = v.trends_table.safe_values()
        den = v.trend_denoms.safe_values()["reviews"]
        cols = v.focus_themes if v.focus_themes else []
        share = counts[cols].div(den.where(den > 0), axis=0) * 100.0
        return share, "per 100 reviews of that year"

    def refresh_listing(self):
        """Re-render the learning-point table, paging and the excerpt."""
        st, d = self.state, self.state.data
        summ = st.listing_summary()
        notice = f' <em>{escape(summ["notice"])}</em>' if summ["notice"] else ""
        year_note = st.listing_year_note()  # what the Year column's "-" means, or why it is left out
        year_note = f'<br><span class="li-note">{escape(year_note)}</span>' if year_note else ""
        self.lp_caption.value = (f'<p role="status" id="li-listing">{escape(summ["text"])}{notice}{year_note}</p>')
        page = st.lp_page()
        self.page_label.value = f"<span>Page {st.page + 1} of {st.n_pages}</span>"
        self.prev_btn.disabled = st.page == 0
        self.next_btn.disabled = st.page >= st.n_pages - 1
        self.clear_drill_btn.disabled = st.drill is None
        show = page.drop(columns=["_pos", "ref"] + ([] if st.listing_shows_year() else ["year"]))
        show.insert(0, "#", [str(k + 1) for k in range(len(show))])
        show = show.set_index("#")
        from ..explore import ui_text

        show = show.rename(columns={c: ui_text("listing_section") if c == "section" else
                                    humanise(c)[:1].upper() + humanise(c)[1:] for c in show.columns})
        self.lp_table.value = R.table_html(show, f"Page {st.page + 1}: de-identified learning points", "#") \
            if len(page) else ""
        btns = [W.HTML("Read learning point:", layout=W.Layout(margin="0 6px 0 0"))] if len(page) else []
        for k in range(len(page)):
            b = self.open_buttons[k]
            b.description = f"{k + 1}"
            b.tooltip = f"Read learning point {k + 1} of this page with its evidence highlighted"
            btns.append(b)
        self.open_box.children = btns
        rows = page["_pos"].tolist()
        k = rows.index(st.selected) if st.selected in rows else None
        self.excerpt.value = R.excerpt_html(st.excerpt(), d.themes.labels,
                                            title=None if k is None else f"Learning point {k + 1} of page {st.page + 1}")
        self.actions.listing_shown(st.selected_ref())


__all__ = ["ThemeExplorer", "TABS", "context_line", "humanise", "blocked_advice", "blocked_key", "blocked_alone", "icbs_in_region", "heat_words", "filter_help_html", "page_lost_html"]
