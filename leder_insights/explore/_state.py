"""Explorer state: filters, drill-down, paging and selection in a plain object (no ipywidgets).

The view (:class:`leder_insights.widgets.ThemeExplorer`) only forwards control changes here and
renders what :meth:`ExplorerState.views`, :meth:`ExplorerState.lp_page` and
:meth:`ExplorerState.excerpt` return, so everything can be tested without a browser.

>>> from leder_insights.explore import ExplorerState
>>> import pandas as pd
>>> rv = pd.DataFrame({"review_id": [f"r{i}" for i in range(6)], "death_date": ["2021-01-01"] * 6,
...                    "region": ["London"] * 6})
>>> lp = pd.DataFrame({"lp_id": [f"l{i}" for i in range(6)], "review_id": rv.review_id,
...                    "polarity": ["good_practice"] * 6, "text": ["SALT seen"] * 6,
...                    "themes": [["aspiration_pneumonia"]] * 6})
>>> st = ExplorerState.from_frames(rv, lp, threshold=5, deidentified=True)
>>> st.views().theme_counts.loc[0, "reviews"]
'6'
>>> st.set_filter("region", "London").views().denominator
6
"""
from __future__ import annotations

import functools
import math
import os
import re
from datetime import datetime, timezone

import numpy as np
import pandas as pd

from ..errors import Errors, InputError, UsageError
from . import _queries as q
from ._labels import describe_filters, filter_label, ui_data, ui_text
from ._privacy import privacy_rules

#: filters that narrow the reviews by a quasi-identifier (see :attr:`ExplorerState.listing_restricted`)
_QI_FILTERS: tuple[str, ...] = ("year_from", "year_to") + q.REVIEW_FILTERS


@functools.lru_cache(maxsize=1)
def listing_filters() -> tuple[str, ...]:
    """Quasi-identifier filters under which learning-point text may still be listed
    (``listing_filters`` in ``conf/privacy.yaml``; the area by default).

    >>> "sex" in listing_filters()
    False
    """
    return tuple(privacy_rules().get("listing_filters", ["icb", "region"]))


def _dimension(name: str) -> str:
    """The dimension of a quasi-identifier filter: ``icb`` and ``region`` are one (the area)."""
    return "area" if name in ("icb", "region") else name


def _mostly_hidden_years(page: pd.DataFrame) -> bool:
    """True when more than half the rows of a listing page show the year as ``"-"``."""
    return bool(len(page)) and "year" in page.columns and float((page["year"].astype(str) == "-").mean()) > 0.5


def workshop_mode(flag: bool | None = None) -> bool:
    """True when running as a workshop app: ``flag`` if given, else env ``LEDER_WORKSHOP=1``."""
    if flag is not None:
        return bool(flag)
    return os.environ.get("LEDER_WORKSHOP", "").strip().lower() in ("1", "true", "yes")


class ExplorerState:
    """Filters, drill-down, page and selection over an :class:`~._queries.ExplorerData`.

    Parameters
    ----------
    data : ExplorerData
    threshold : int, optional
        Small-number suppression threshold (default ``config.widgets.suppression_threshold``).
    page_size : int, optional
        Learning points per page (default ``config.widgets.page_size``).
    protect_small_groups : bool
        Do not list learning points when fewer than ``threshold`` reviews are behind them (a listing
        would reveal a suppressed count).
    area_level : {"region", "icb"}
    """

    def __init__(self, data: q.ExplorerData, threshold: int | None = None, page_size: int | None = None,
                 protect_small_groups: bool = True, area_level: str = "region"):
        from ..config import load_config

        cfg = load_config().widgets
        self.data = data
        self.threshold = int(threshold if threshold is not None else cfg.suppression_threshold)
        if self.threshold < 1:
            raise UsageError(Errors.E005, value=threshold, option="threshold", allowed="an integer >= 1")
        self.page_size = int(page_size or cfg.page_size)
        self.protect_small_groups = protect_small_groups
        self.filters: dict = {k: None for k in q.FILTER_KEYS}
        self.drill: dict | None = None
        self.page = 0
        self.selected: int | None = None
        self.area_level = "region"
        self.set_area_level(area_level)
        self._views_key: tuple | None = None
        self._views: q.Views | None = None
        self._drill_key: tuple | None = None
        self._drill_mask: np.ndarray = np.zeros(0, dtype=bool)

    @classmethod
    def from_frames(cls, reviews: pd.DataFrame, lps: pd.DataFrame, taxonomy=None, meta=None, *,
                    deidentified: bool = False, **kw):
        """Build from a reviews frame and a de-identified learning-points frame.

        ``deidentified=True`` must be passed explicitly, for the output of de-identification only
        (else ``[E510]``); see :meth:`ExplorerData.build`.
        """
        return cls(q.ExplorerData.build(reviews, lps, taxonomy=taxonomy, meta=meta,
                                        deidentified=deidentified), **kw)

    # ------------------------------------------------------------------ filters
    def set_filter(self, key: str, value) -> "ExplorerState":
        """Set one filter (``None`` or ``""`` clears it); resets drill-down, page and selection."""
        if key not in q.FILTER_KEYS:
            raise UsageError(Errors.E005, value=key, option="filter", allowed=", ".join(q.FILTER_KEYS))
        if value == "" or (isinstance(value, str) and key != "search" and value.lower() == "all"):
            value = None
        if value is not None and key != "search":
            allowed = self.data.options(key)
            value = str(value) if key in ("year_from", "year_to", "care_grade") else value
            if value not in allowed:
                raise UsageError(Errors.E005, value=value, option=key, allowed=", ".join(allowed))
        if key in ("year_from", "year_to"):  # single years or the whole period (ranges can be differenced)
            self.filters["year_from"] = self.filters["year_to"] = value
            self.drill, self.page, self.selected = None, 0, None
            return self
        if key == "theme_group" and value is not None and self.filters.get("theme") is not None \
                and self.data.themes.groups[self.filters["theme"]] != value:
            self.filters["theme"] = None
        self.filters[key] = value
        self.drill, self.page, self.selected = None, 0, None
        return self

    def set_filters(self, **filters) -> "ExplorerState":
        for k, v in filters.items():
            self.set_filter(k, v)
        return self

    def reset(self) -> "ExplorerState":
        """Clear every filter, the drill-down and the selection."""
        self.filters = {k: None for k in q.FILTER_KEYS}
        self.drill, self.page, self.selected = None, 0, None
        return self

    def set_area_level(self, level: str) -> "ExplorerState":
        if level not in ("region", "icb"):
            raise UsageError(Errors.E005, value=level, option="area level", allowed="region, icb")
        self.area_level = level
        return self

    def active_filters(self) -> dict:
        """The filters that are set (for captions and the export's filter sheet)."""
        return {k: v for k, v in self.filters.items() if v not in (None, "")}

    def set_year(self, year) -> "ExplorerState":
        """Choose one year of death (``None`` for the whole period).

        Years are offered as single years or the whole period only: two overlapping ranges
        ("from 2019" and "from 2020") differ by one year, whose small count they would give away.
        Setting ``year_from`` or ``year_to`` does the same.
        """
        return self.set_filter("year_from", year)

    @property
    def blocked(self) -> str | None:
        """Why every count of the current selection is hidden (it could be worked out as the
        difference of two shown selections), or ``None``; see :func:`differencing_block`."""
        return self.views().blocked

    # ------------------------------------------------------------------ views
    def views(self) -> q.Views:
        """Every summary for the current filters (cached until a filter changes)."""
        key = (tuple(sorted((k, str(v)) for k, v in self.active_filters().items())), self.area_level,
               self.threshold)
        if key != self._views_key:
            self._views = q.compute_views(self.data, self.filters, self.threshold, self.area_level)
            self._views_key = key
        assert self._views is not None
        return self._views

    # ------------------------------------------------------------------ drill-down and paging
    def drill_down(self, theme: str | None = None, theme2: str | None = None, year=None,
                   area: str | None = None) -> "ExplorerState":
        """Focus the learning-point table on one bar or cell; ``drill_down()`` clears it."""
        for t in (theme, theme2):
            if t is not None and t not in self.data.themes.ids:
                raise InputError(Errors.E401, theme=t, valid=", ".join(self.data.themes.ids))
        d = {k: v for k, v in (("theme", theme), ("theme2", theme2), ("year", year), ("area", area))
             if v is not None}
        if area is not None:
            d["area_level"] = self.area_level
        self.drill = d or None
        self.page, self.selected = 0, None
        return self

    def _mask(self) -> np.ndarray:
        """Learning points behind the listing (current filters and drill-down), withheld ones
        excluded."""
        key = (tuple(sorted((k, str(v)) for k, v in self.active_filters().items())),
               tuple(sorted((self.drill or {}).items())))
        if key != self._drill_key:
            self._drill_mask = q.drill_mask(self.data, self.filters, self.drill)
            self._drill_key = key
        return self._drill_mask & ~self.data.withheld

    def _within(self) -> np.ndarray:
        return q.listed_reviews(self.data, self._mask())

    def n_listed(self) -> tuple[int, int]:
        """(learning points, distinct reviews) behind the current table (internal: show
        :meth:`listing_summary` instead, which is suppressed)."""
        m = self._mask()
        return int(m.sum()), int(len(np.unique(self.data.lp_rev[m])))

    def n_withheld(self) -> int:
        """Learning points of the current listing withheld because they may still name a person."""
        self._mask()
        return int((self._drill_mask & self.data.withheld).sum())

    @property
    def listing_restricted(self) -> str | None:
        """Why learning-point text is not listed under this selection (in words), or ``None``.

        A learning point's text is almost always unique, so the filters under which it is listed
        would, put together, give its review's combination (ICB, year, age band, ..., care grade).
        Text is therefore listed only while no quasi-identifier filter or drill-down is set other
        than the one dimension of ``listing_filters`` in ``conf/privacy.yaml`` (the area).

        >>> from leder_insights.explore import ExplorerState
        >>> import pandas as pd
        >>> rv = pd.DataFrame({"review_id": ["r1"], "death_date": ["2021-01-01"], "sex": ["Female"]})
        >>> lp = pd.DataFrame({"lp_id": ["l1"], "review_id": ["r1"], "polarity": ["good_practice"],
        ...                    "text": ["SALT seen"], "themes": [["aspiration_pneumonia"]]})
        >>> st = ExplorerState.from_frames(rv, lp, threshold=1, deidentified=True)
        >>> st.listing_restricted is None, st.set_filter("sex", "Female").listing_restricted is None
        (True, False)
        """
        if not self.protect_small_groups:
            return None
        set_keys = [k for k in self.active_filters() if k in _QI_FILTERS]
        filter_names = {("year" if k in ("year_from", "year_to") else k) for k in set_keys}
        d = self.drill or {}
        drill_names = set()
        if d.get("year") is not None:
            drill_names.add("year")
        if d.get("area") is not None:
            drill_names.add(d.get("area_level", "region"))
        names = filter_names | drill_names
        other = sorted(n for n in names if n not in listing_filters())
        # ONE dimension (icb and region are one): even if privacy.yaml named two, never both at once
        dims = {_dimension(n) for n in names}
        if not other and len(dims) <= 1:
            return None
        if not other:
            other = sorted(n for n in names if _dimension(n) != "area")
        clear = [filter_label(n) for n in other if n in filter_names]
        if any(n in drill_names and n not in filter_names for n in other):
            clear.append("the chosen theme, year or area (Show all learning points)")
        return ("Learning points are listed only with theme, type, search or area filters: a learning "
                "point's wording is unique enough that listings under several filters could be put "
                "together to pick out one person's review. Clear "
                + ", ".join(clear) + " to read them; counts and charts stay.")

    def listable_years(self) -> list[int]:
        """The years of the trends whose drill-down would list learning points under the current
        filters (the Trends tab offers a "read one year" button only for these).

        Empty unless ``year`` is the listing dimension in ``conf/privacy.yaml`` (``listing_filters``):
        by default the area is, and a listing by year next to listings by area would give a text's
        area and year together (FACIL6 F10).

        >>> from leder_insights.explore import ExplorerState
        >>> import pandas as pd
        >>> rv = pd.DataFrame({"review_id": [f"r{i}" for i in range(6)], "death_date": ["2021-01-01"] * 6})
        >>> lp = pd.DataFrame({"lp_id": [f"l{i}" for i in range(6)], "review_id": rv.review_id,
        ...                    "polarity": ["good_practice"] * 6, "text": ["SALT seen"] * 6,
        ...                    "themes": [["aspiration_pneumonia"]] * 6})
        >>> ExplorerState.from_frames(rv, lp, threshold=5, deidentified=True).listable_years()
        []
        """
        if self.protect_small_groups and "year" not in listing_filters():
            return []
        saved = (self.drill, self.page, self.selected)
        years = []
        try:
            for y in self.views().trends.index:
                self.drill = {"year": int(y)}
                if not self.listing_hidden:
                    years.append(int(y))
        finally:
            self.drill, self.page, self.selected = saved
        return years

    def year_listing_note(self) -> str:
        """Why the Trends tab offers no "read one year" buttons (``""`` when it offers some)."""
        if self.listable_years():
            return ""
        if self.protect_small_groups and "year" not in listing_filters():
            return ("Learning points are not listed by year: they are listed by area, and a listing by "
                    "year as well could be set against it to tell a learning point's area and year "
                    "together. To read learning points, choose a theme, or an area on the Areas tab.")
        return "No year here can be listed under the current filters (its number is small or hidden)."

    @property
    def listing_hidden(self) -> bool:
        """True when the table is withheld: fewer than ``threshold`` reviews are behind it, the
        selection is blocked (:attr:`blocked`), or a filter restricts listing text
        (:attr:`listing_restricted`)."""
        if self.listing_restricted is not None:
            return True
        _n, n_rev = self.n_listed()
        return self.protect_small_groups and (0 < n_rev < self.threshold or self.blocked is not None
                                              or self._drill_cell_hidden())

    def listing_hidden_reason(self) -> str:
        """Why the learning points of a small or hidden cell are not listed, in words that are true
        and say no more than the views do (FACIL F5): "fewer than 5 reviews" only where the cell
        opened shows "<5"; a cell shown as "*" (any number, 0 included) is "hidden"."""
        if self.blocked:
            return "not listed, numbers hidden for this selection."
        shown = self._listing_cell_shown()
        if shown.startswith("<"):
            return f"fewer than {self.threshold} reviews - not listed, to protect privacy."
        if shown == "*":
            return "its number is hidden (*) - not listed, to protect privacy."
        return f"fewer than {self.threshold} reviews with learning points that can be shown - not listed, to protect privacy."

    def _listing_cell_shown(self) -> str:
        """How the views show the reviews behind the listing: the cell the drill-down opened
        (theme bar, heat-grid cell, year, area), else the match line."""
        v = self.views()
        d = self.drill or {}
        t, t2 = d.get("theme"), d.get("theme2")
        try:
            if t is not None and t2 is not None:
                return str(v.cooc.display().loc[t, t2])
            col = t if t is not None else "reviews"
            if d.get("year") is not None:
                return str(v.trends.loc[int(d["year"]), col])
            if d.get("area") is not None and d.get("area_level", "region") == v.area_level:
                return str(v.areas.loc[d["area"], col]).split(" (")[0]
            if t is not None:
                return str(v.theme_counts.set_index("theme").loc[t, "reviews"])
        except (KeyError, ValueError):
            return "*"
        return v.selected_display if q.filters_select_lps(self.filters) else v.denominator_display

    def _drill_cell_hidden(self) -> bool:
        """True when the drill-down opens a cell the views hide (a listing would count it)."""
        d = self.drill or {}
        if not d:
            return False
        v = self.views()
        t, t2 = d.get("theme"), d.get("theme2")
        try:
            if t is not None and t2 is not None:
                return bool(v.cooc.hidden.loc[t, t2]) if t in v.cooc.hidden.index and t2 in v.cooc.hidden.columns else False
            col = t if t is not None else "reviews"
            if d.get("year") is not None:
                tab = v.trends_table if t is not None else v.trend_denoms
                y = int(d["year"])
                return bool(tab.hidden.loc[y, col]) if y in tab.hidden.index and col in tab.hidden.columns else False
            if d.get("area") is not None and d.get("area_level", "region") == v.area_level:
                h = v.areas_table.hidden
                return bool(h.loc[d["area"], col]) if d["area"] in h.index and col in h.columns else False
            if t is not None:
                tc = v.theme_counts.set_index("theme")
                return bool(tc.loc[t, "_hidden"]) if t in tc.index else False
        except (KeyError, ValueError):
            return True
        return False

    @property
    def n_pages(self) -> int:
        if self.listing_hidden:
            return 1
        n, _ = self.n_listed()
        return max(1, math.ceil(n / self.page_size))

    def set_page(self, page: int) -> "ExplorerState":
        self.page = int(min(max(0, page), self.n_pages - 1))
        return self

    def next_page(self) -> "ExplorerState":
        return self.set_page(self.page + 1)

    def prev_page(self) -> "ExplorerState":
        return self.set_page(self.page - 1)

    def lp_page(self) -> pd.DataFrame:
        """The current page of learning points (empty while :attr:`listing_hidden`).

        Columns: ``ref`` (pass it to :meth:`select`), ``year`` (``"-"`` where it would single out a
        small group; a view leaves the column out unless :meth:`listing_shows_year`, and says why
        with :meth:`listing_year_note`), ``type``, ``themes``, ``text``; ``_pos`` is internal. No
        learning-point or review id is ever included.
        """
        if self.listing_hidden:
            return q.page_of(self.data, np.zeros(len(self.data.lps), bool), 0, self.page_size, self.threshold)
        return q.page_of(self.data, self._mask(), self.page, self.page_size, self.threshold)

    def listing_shows_year(self) -> bool:
        """False when more than half the rows of the current page show the year as ``"-"``: a
        column of dashes tells the room nothing, so the view leaves it out (FACIL6 F4)."""
        return not _mostly_hidden_years(self.lp_page())

    def listing_year_note(self) -> str:
        """A line under the learning-point table saying what its Year column shows: why it is left
        out, or what ``"-"`` means (``""`` when every row shows its year or nothing is listed).

        >>> state.listing_year_note()   # doctest: +SKIP
        'Year of death "-": not shown, ...'
        """
        page = self.lp_page()
        if not len(page):
            return ""
        why = (f"fewer than {self.threshold} reviews in this listing share it with the learning "
               "point's other details, so it could point to one review")
        if _mostly_hidden_years(page):
            return f"Year of death is left out of this page: for most of its learning points {why}."
        if (page["year"].astype(str) == "-").any():
            return f'Year of death "-": not shown, because {why}.'
        return ""

    def select(self, ref: str) -> "ExplorerState":
        """Open one learning point of the current listing by its ``ref`` (from :meth:`lp_page`)."""
        hits: list[int] = []
        if not self.listing_hidden:
            page = self.lp_page()  # the page on screen first; then the whole listing
            hits = page.loc[page["ref"] == str(ref), "_pos"].tolist()
            if not hits:
                pos = np.flatnonzero(self._mask())
                ids = self.data.lps["lp_id"].to_numpy()[pos]
                hits = [int(p) for p, i in zip(pos, ids) if q.opaque_ref(i) == str(ref)][:1]
        if not len(hits):
            raise InputError(Errors.E005, value=ref, option="learning point",
                             allowed="a learning point listed in the current table")
        self.selected = int(hits[0])
        return self

    def select_row(self, k: int) -> "ExplorerState":
        """Open row ``k`` (0-based) of the current page."""
        page = self.lp_page()
        if not 0 <= int(k) < len(page):
            raise InputError(Errors.E005, value=k, option="row", allowed=f"0 to {len(page) - 1}")
        self.selected = int(page["_pos"].iloc[int(k)])
        return self

    def excerpt(self) -> dict | None:
        """The selected learning point: text, evidence spans and generalised metadata (no review
        id; quasi-identifiers only as far as ``threshold`` reviews of the listing share them)."""
        if self.selected is None:
            return None
        theme = (self.drill or {}).get("theme") or self.filters.get("theme")
        return q.excerpt(self.data, self.selected, theme, self._within(), self.threshold)

    # ------------------------------------------------------------------ words for the view
    def describe_filters(self) -> str:
        """The filters that are set, in words (``"no filters"`` when none)."""
        return describe_filters(self.active_filters(), self.data.themes.labels,
                                self.data.themes.group_labels) or "no filters"

    def describe_drill(self) -> str:
        """The drill-down, in words (``"all matching"`` when none)."""
        d = self.drill or {}
        return self._drill_words(d, d.get("area_level", "region")) or "all matching"

    def _drill_words(self, d: dict, level: str) -> str:
        labels = self.data.themes.labels
        parts = []
        if d.get("theme") and d.get("theme2"):
            parts.append(f"Themes: {labels[d['theme']]} with {labels[d['theme2']]}")
        elif d.get("theme"):
            parts.append(f"Theme: {labels[d['theme']]}")
        if d.get("year") is not None:
            parts.append(f"{filter_label('year')}: {d['year']}")
        if d.get("area") is not None:
            parts.append(f"{filter_label(level)}: {d['area']}")
        return "; ".join(parts)

    def match_summary(self) -> dict:
        """The match line, suppressed: ``reviews`` (matching the review filters), ``selected``
        (of those, reviews with a matching learning point), ``learning_points`` and ``text``.

        A learning-point count is shown only when the reviews behind it are not suppressed.
        """
        v = self.views()
        sel = q.filters_select_lps(self.filters)
        if sel:
            what = v.captions.get("counted", "").replace("Counted: reviews with ", "").split(", out of")[0]
            text = (f"{v.selected_display} of {v.denominator_display} reviews have {what or 'a matching learning point'} "
                    f"({v.learning_points_display} learning points); percentages are of all "
                    f"{v.denominator_display} reviews")
        else:
            text = (f"{v.denominator_display} reviews match ({v.learning_points_display} learning "
                    "points)")
        f = self.describe_filters()
        if v.blocked:
            text = f"Numbers hidden for this selection. {v.blocked}"
        if f != "no filters":
            text += f" · {f}"
        return {"reviews": v.denominator_display, "selected": v.selected_display,
                "learning_points": v.learning_points_display, "text": text, "blocked": v.blocked,
                "counted": v.captions.get("counted", "")}

    def listing_summary(self) -> dict:
        """The caption of the learning-point table, suppressed, with the withheld notice."""
        what = self.describe_drill()
        n_hold = self.n_withheld()
        # no number: an exact withheld count would narrow with every filter
        notice = ui_text("withheld_notice") if n_hold else ""
        if self.listing_restricted is not None:
            text = f"Learning points ({what}): not listed. {self.listing_restricted}"
            shown_lp, shown_rev = "*", "*"
            notice = ""
        elif self.listing_hidden and self.blocked:
            text = f"Learning points ({what}): not listed, numbers hidden for this selection. {self.blocked}"
            shown_lp, shown_rev = "*", "*"
            notice = ""
        elif self.listing_hidden:
            text = f"Learning points ({what}): {self.listing_hidden_reason()}"
            shown = self._listing_cell_shown()
            shown_lp, shown_rev = "*", shown if shown.startswith("<") else "*"
            notice = ""  # a count here could be set against the hidden one
        else:
            # no count of its own: set against the counts of the charts and the match line, it
            # would give the number withheld (FACIL F6)
            shown_lp, shown_rev = "", ""
            text = f"Learning points ({what}), in a shuffled order (not grouped by review)."
        return {"learning_points": shown_lp, "reviews": shown_rev, "withheld": n_hold if notice else None,
                "notice": notice, "text": text}

    # ------------------------------------------------------------------ the room's last selection
    #: where a project keeps the workshop's last selection (beside ``project.duckdb``)
    SELECTION_FILE = "workshop_selection.json"

    @property
    def selection_path(self):
        """The file keeping this project's last selection (``None`` without a project store)."""
        return None if self.store_path is None else self.store_path.parent / self.SELECTION_FILE

    def save_selection(self) -> bool:
        """Keep the filters, the area level and the drill-down (a theme chosen, facil8 F5), so a
        reloaded page can offer them again (facil6 F7). Written atomically; ``False`` (and nothing written) without a project store
        or when the folder cannot be written -- the workshop goes on either way.

        >>> state.set_filter("sex", "female").save_selection()   # doctest: +SKIP
        True
        """
        import json
        import logging

        from .._files import write_text_atomic

        path = self.selection_path
        if path is None:
            return False
        record = {"filters": self.active_filters(), "area_level": self.area_level,
                  "drill": {k: v for k, v in (self.drill or {}).items() if k != "area_level"}}
        try:
            write_text_atomic(path, json.dumps(record, sort_keys=True, ensure_ascii=False))
        except OSError as exc:  # a read-only project: the room loses only this convenience
            logging.getLogger(__name__).warning("could not keep the selection in %s: %s", path, exc)
            return False
        return True

    def last_selection(self) -> dict | None:
        """The saved selection, ``{"filters": {...}, "area_level": ..., "drill": {...}}``, keeping
        only filters and a drill-down that still name an option of this data (``None`` if nothing,
        or nothing usable, was saved).
        """
        import json

        path = self.selection_path
        if path is None or not path.is_file():
            return None
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
            saved = dict(record.get("filters") or {})
            level = record.get("area_level", "region")
            drill = dict(record.get("drill") or {})
        except (OSError, ValueError, AttributeError, TypeError):
            return None
        filters = {}
        for key, value in saved.items():
            if key not in q.FILTER_KEYS or value in (None, ""):
                continue
            if key == "search":
                filters[key] = str(value)
            elif str(value) in self.data.options(key):
                filters[key] = str(value)
        level = level if level in ("region", "icb") else "region"
        drill = self._usable_drill(drill, level)
        if not filters and level == "region" and not drill:
            return None
        return {"filters": filters, "area_level": level, "drill": drill}

    def _usable_drill(self, drill: dict, level: str) -> dict:
        """The parts of a saved drill-down that still name a theme, year or area of this data."""
        out: dict = {}
        for key in ("theme", "theme2"):
            if drill.get(key) in self.data.themes.ids:
                out[key] = str(drill[key])
        if "theme2" in out and "theme" not in out:
            out.pop("theme2")
        year = drill.get("year")
        if isinstance(year, (int, str)) and str(year).isdigit():
            out["year"] = int(year)
        area = drill.get("area")
        if area is not None and str(area) in self.data.options(level):
            out["area"] = str(area)
        return out

    def describe_last_selection(self) -> str:
        """:meth:`last_selection` in words (``""`` when there is none)."""
        saved = self.last_selection()
        if saved is None:
            return ""
        words = describe_filters(saved["filters"], self.data.themes.labels, self.data.themes.group_labels)
        if saved["area_level"] != "region":
            words = (words + " · " if words else "") + "areas compared by ICB"
        if saved["drill"]:
            words = (words + " · " if words else "") + "Drill-down: " + self._drill_words(saved["drill"], saved["area_level"])
        return words

    def restore_selection(self) -> bool:
        """Apply :meth:`last_selection` (through the same checks as setting each filter);
        ``False`` when there was nothing to restore."""
        saved = self.last_selection()
        if saved is None:
            return False
        self.reset().set_area_level(saved["area_level"])
        filters = dict(saved["filters"])
        group = filters.pop("theme_group", None)
        if group is not None:  # the group first: setting it clears a theme of another group
            self.set_filter("theme_group", group)
        self.set_filters(**filters)
        if saved["drill"]:              # last: setting a filter clears the drill-down
            self.drill_down(**saved["drill"])
        return True

    # ------------------------------------------------------------------ actions
    @property
    def store_path(self):
        """The project store the data came from (``None`` for frames or in-memory data)."""
        from pathlib import Path

        src = self.data.meta.get("store_path")
        return Path(src) if src and Path(src).is_file() else None

    @property
    def can_record_actions(self) -> bool:
        """True when actions can be kept (the data came from a project store)."""
        return self.store_path is not None

    def add_action(self, action: str, lp_refs=(), **fields) -> str:
        """Record a steering-group action in the project store and refresh ``data.actions``.

        ``fields``: ``theme``, ``lp_ids``, ``owner``, ``due_date``, ``status``, ``impact``, ``if_new``
        (refuse, E207, what another page saved already). ``lp_refs``: learning points by the ``ref``
        the listing gives them (:meth:`selected_ref`), added to ``lp_ids``. Text that looks like a
        name or an identifier is refused (E208): nothing is stored.
        """
        from ._actions import add_action

        where = self._actions_store()
        if lp_refs:
            fields["lp_ids"] = list(fields.get("lp_ids") or []) + [self.learning_point(r)["lp_id"] for r in lp_refs]
        try:
            return add_action(where, action, **fields)
        finally:
            self._reload_actions()          # what another page saved meanwhile shows too

    def selected_ref(self) -> str | None:
        """The ``ref`` of the open learning point (:meth:`select`), ``None`` when none is open:
        what "Add an action for this learning point" binds the action to."""
        if self.selected is None:
            return None
        return q.opaque_ref(self.data.lps["lp_id"].iat[int(self.selected)])

    def learning_point(self, ref: str) -> dict:
        """A learning point by its ``ref`` (any filter): ``lp_id``, ``text`` (placeholders as plain
        role words), ``themes``. A withheld one raises ``[E005]``.

        The ``ref`` of a page shown earlier still finds its learning point after paging or a
        filter change, so an action is bound to the one that was on screen."""
        from ._privacy import plain_placeholders

        ids = self.data.lps["lp_id"].to_numpy()
        hits = [p for p in np.flatnonzero(~np.asarray(self.data.withheld, dtype=bool))
                if q.opaque_ref(ids[p]) == str(ref)][:1]
        if not hits:
            raise InputError(Errors.E005, value=ref, option="learning point",
                             allowed="a learning point listed in the workshop")
        row = self.data.lps.iloc[int(hits[0])]
        return {"lp_id": str(row["lp_id"]), "text": plain_placeholders(str(row["text"]))[0],
                "themes": [] if row["themes"] is None else [str(t) for t in row["themes"]]}

    def update_action(self, action_id: str, **fields) -> "ExplorerState":
        """Change an action (status, owner, due date, evidence of impact ...) and refresh.

        Every edit carries the version it is based on: ``expected_updated_at`` (the action's
        ``updated_at`` when the form read it), else the version this state last read
        (``data.actions``). If someone saved the action since, the store refuses inside its write
        transaction (E206), nothing is written and ``data.actions`` is reloaded, so reading the
        action again gives the saved version.
        """
        from ._actions import update_action

        if fields.get("expected_updated_at") is None:
            acts = self.data.actions
            mine = acts[acts["action_id"] == str(action_id)] if acts is not None and len(acts) else acts
            if mine is not None and len(mine):
                fields["expected_updated_at"] = mine["updated_at"].iloc[0]
        try:
            update_action(self._actions_store(), action_id, **fields)
        finally:
            self._reload_actions()
        return self

    def reload_actions(self) -> "ExplorerState":
        """Read the actions again from the project store (another tab or person may have saved)."""
        if self.store_path is not None:
            self._reload_actions()
        return self

    def _actions_store(self):
        if self.store_path is None:
            raise UsageError(Errors.E005, value="data without a project store", option="where actions are kept",
                             allowed="a project made with leder-insights (project.duckdb)")
        return self.store_path

    def _reload_actions(self) -> None:
        from ._actions import open_store

        with open_store(self.store_path, read_only=True) as store:
            self.data.actions = store.actions()

    # ------------------------------------------------------------------ provenance
    def provenance(self) -> dict:
        """What an export records, in words: ``{label: text}`` (no JSON, no server path).

        >>> state.provenance()["Filters"]    # doctest: +SKIP
        'no filters'
        """
        mv = self.data.meta.get("model_versions") or {}
        models = _model_line(mv)
        rows = ui_data("about_rows")
        n_held = int(np.asarray(self.data.withheld).sum())
        n_shown = len(self.data.lps) - n_held
        years = sorted(int(y) for y in set(self.data.years.tolist()) if y >= 0)
        period = (f"deaths {years[0]}-{years[-1]}" if len(years) > 1 else f"deaths in {years[0]}") if years \
            else "not recorded"
        return {"Generated": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
                "Data": _source_label(self.data.meta.get("source")),
                "Period": period,
                "Text": "de-identified; learning points that may still name a person are withheld",
                "Filters": self.describe_filters(),
                rows["drill"]: self.describe_drill(),
                "Small-number threshold": f"counts 1-{self.threshold - 1} shown as <{self.threshold}",
                "Compare areas by": filter_label(self.area_level),
                "Reviews in the data": f"{len(self.data.reviews):,}",
                # the count the app's match line shows with no filters (withheld ones left out;
                # FACIL6 F6), and how many more are withheld, in the same words
                "Learning points in the data": f"{n_shown:,} ({n_held:,} more withheld: they may still "
                                               "name a person)" if n_held else f"{n_shown:,}",
                rows["models_words"]: _model_words(mv) or "not recorded",
                rows["models_technical"]: models or "not recorded"}


#: provenance keys kept from a run's model versions (no hashes, keys or recognizer lists)
_MODEL_KEYS = ("model", "model_version", "theme_model", "package_version", "version", "name")
_HEX = re.compile(r"[-_ ]?\b[0-9a-f]{8,}\b")


def _model_line(mv) -> str:
    """The technical line: each kind of run, with its model and software versions named (hashes,
    keys and recognizer lists dropped; names from ``labels.yaml``, ``text: about_model_keys``).

    >>> _model_line({"deid": {"model": "en_core_web_sm", "model_version": "3.8.0", "config_hash": "12f80b32b85015bf",
    ...                       "package_version": "0.2.0", "recognizers": ["uk_nhs_number"]},
    ...              "themes": {"theme_model": "themes-v1-085bcde64a04"}})
    'de-identification: language model en_core_web_sm 3.8.0, leder-insights 0.2.0; themes: theme model themes-v1'
    """
    if not isinstance(mv, dict):
        return _HEX.sub("", _plain_text(mv)).strip()
    names = ui_data("about_model_keys")
    parts = []
    for kind, v in mv.items():
        if isinstance(v, dict):
            vals = []
            for k in _MODEL_KEYS:
                if not v.get(k) or k == "model_version":
                    continue
                text = _HEX.sub("", str(v[k])).strip()
                if k == "model" and v.get("model_version"):
                    text += " " + _HEX.sub("", str(v["model_version"])).strip()
                vals.append(f"{names[k]} {text}" if k in names and text else text)
        else:
            vals = [_HEX.sub("", _plain_text(v)).strip()]
        vals = [x for x in dict.fromkeys(vals) if x]
        if vals:
            parts.append(f"{names.get(str(kind), str(kind))}: {', '.join(vals)}")
    return "; ".join(parts)


def _model_words(mv) -> str:
    """What the recorded runs did, in words a steering group reads (``labels.yaml``,
    ``text: about_models``; one sentence per kind of run, ``""`` when none is recorded).

    >>> _model_words({"themes": {"theme_model": "themes-v1"}}).startswith("A computer model")
    True
    """
    if not isinstance(mv, dict) or not mv:
        return ""
    words = ui_data("about_models")
    return " ".join(dict.fromkeys(words.get(str(kind), words["default"]).strip() for kind in mv))


def _plain_text(v) -> str:
    if isinstance(v, dict):
        return ", ".join(f"{k} {_plain_text(x)}" for k, x in v.items())
    if isinstance(v, (list, tuple)):
        return ", ".join(map(_plain_text, v))
    return str(v)


def _source_label(source) -> str:
    """A data-source line without a server path (the project folder's name at most)."""
    if not source:
        return "not recorded"
    text = str(source)
    if "/" in text or "\\" in text:
        from pathlib import PurePath

        p = PurePath(text.replace("\\", "/"))
        name = p.parent.name if p.suffix else p.name
        return f"project {name}"
    return text


__all__ = ["ExplorerState", "workshop_mode"]
