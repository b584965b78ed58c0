"""The logic behind the explorers and the workshop, without any widget: pure pandas, testable.

* :class:`ExplorerData` / :class:`ExplorerState` - prepared data, filters, drill-down, paging,
  small-number suppression (what every view shows);
* :func:`load_explorer_data`, :func:`demo_frames`, :func:`demo_project`,
  :func:`save_frames_project` - where explorer data comes from;
* :func:`export_xlsx`, :func:`export_png`, :func:`export_pptx` - steering-group packs (loaded on
  first use: they import matplotlib / python-pptx).

``leder_insights.widgets`` draws these with ipywidgets; the report (``leder_insights.jobs``) uses
them headless. Nothing here imports ipywidgets.

>>> from leder_insights.explore import suppress_value
>>> suppress_value(3, 5), suppress_value(7, 5)
('<5', '7')
"""
from __future__ import annotations

from ._project import demo_frames, demo_project, find_store, is_project, load_explorer_data, save_frames_project
from ._queries import (AGE_BANDS, FILTER_KEYS, REVIEW_FILTERS, CountTable, ExplorerData, ThemeInfo, Views,
                       drill_mask, excerpt, page_of, suppress, suppress_value, theme_info)
from ._state import ExplorerState, workshop_mode

_EXPORTS = ("export_xlsx", "export_png", "export_pptx", "FIGURES", "figure_theme_counts", "figure_trends",
            "figure_cooccurrence", "figure_areas", "export_tables")


def __getattr__(name):  # exports import matplotlib and python-pptx: load them only when asked for
    if name in _EXPORTS:
        from . import _export

        return getattr(_export, name)
    raise AttributeError(name)


__all__ = ["ExplorerData", "ExplorerState", "ThemeInfo", "CountTable", "Views", "AGE_BANDS", "FILTER_KEYS",
           "REVIEW_FILTERS", "theme_info", "suppress", "suppress_value", "drill_mask", "page_of", "excerpt",
           "workshop_mode", "load_explorer_data", "save_frames_project", "demo_frames", "demo_project",
           "find_store", "is_project", *_EXPORTS]
