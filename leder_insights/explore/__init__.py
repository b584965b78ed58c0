"""The logic behind the explorers and the workshop, without any widget: pure pandas, testable.

* :class:`ExplorerData` / :class:`ExplorerState` - prepared data, filters, drill-down, paging,
  small-number suppression, the match line and captions in words (what every view shows);
* :func:`load_explorer_data`, :func:`demo_frames`, :func:`demo_project`,
  :func:`save_frames_project` - where explorer data comes from (de-identified text only, ``[E510]``);
* :func:`residue_kinds`, :func:`safe_metadata` - what the room must not see;
* :func:`findings_tables` - indicative findings (age at death, place and causes of death, care
  grades, over time);
* :func:`themes_without_action`, :func:`action_plan`, :func:`add_action`, :func:`update_action`
  - from learning to action;
* :func:`export` (``xlsx``, ``pptx``, ``png``: the formats registered in
  ``registry.exporters``), :func:`export_xlsx`, :func:`export_png`, :func:`export_pptx` -
  steering-group packs (loaded on first use: they import matplotlib / python-pptx).

``leder_insights.widgets`` draws these with ipywidgets; the report (``leder_insights.jobs``) uses
them headless. Nothing here imports ipywidgets.

>>> from leder_insights.explore import suppress_value
>>> suppress_value(3, 5), suppress_value(7, 5)
('<5', '7')
"""
from __future__ import annotations

from pathlib import Path

from .. import registry
from ._actions import (action_plan, action_text_findings, add_action, check_action_text, describe_findings,
                       open_action_themes, themes_without_action, update_action, withhold_action_text)
from ._findings import cause_groups, cause_labels, findings_tables
from ._labels import column_label, describe_filters, filter_label, ui_data, ui_text, value_label
from ._privacy import opaque_ref, residue_kinds, safe_metadata, withheld
from ._project import demo_frames, demo_project, find_store, is_project, load_explorer_data, save_frames_project
from ._queries import (AGE_BANDS, FILTER_KEYS, REVIEW_FILTERS, CountTable, ExplorerData, ThemeInfo, Views,
                       drill_mask, excerpt, page_of, suppress, suppress_value, theme_info)
from ._state import ExplorerState, workshop_mode

_EXPORTS = ("export_xlsx", "export_png", "export_png_zip", "export_pptx", "FIGURES", "figure_theme_counts",
            "figure_trends", "figure_cooccurrence", "figure_areas", "export_tables", "export_name",
            "listing_table")

#: export format -> (registry name, file extension, kind in the file name)
EXPORT_FORMATS = {"xlsx": ("explorer_xlsx", "xlsx", "workshop"), "pptx": ("explorer_pptx", "pptx", "slides"),
                  "png": ("explorer_png", "zip", "charts")}


def __getattr__(name):  # exports import matplotlib and python-pptx: load them only when asked for
    if name in _EXPORTS:
        from . import _export

        return getattr(_export, name)
    raise AttributeError(name)


@registry.exporters.register("explorer_xlsx")
def _xlsx(state, path):
    from ._export import export_xlsx

    return export_xlsx(state, path)


@registry.exporters.register("explorer_pptx")
def _pptx(state, path):
    from ._export import export_pptx

    return export_pptx(state, path)


@registry.exporters.register("explorer_png")
def _png(state, path):
    from ._export import export_png_zip

    return export_png_zip(state, path)


def export(state: ExplorerState, fmt: str, out_dir) -> Path:
    """Write the steering-group pack of ``state`` as ``fmt`` (``xlsx``, ``pptx`` or ``png``: a zip of
    charts) into ``out_dir``, under a short name (kind, area, time; the filters are written inside);
    return its path.

    The writer is looked up by name in ``registry.exporters`` (a plug-in registers its own
    ``explorer_<fmt>`` there and adds nothing else).

    >>> export(state, "xlsx", "exports/")   # doctest: +SKIP
    PosixPath('exports/leder-workshop_bath-north-east-somerset_2026-12-06_0912.xlsx')
    """
    from ..errors import Errors, UsageError
    from ._export import export_name

    if fmt not in EXPORT_FORMATS:
        raise UsageError(Errors.E005, value=fmt, option="export format", allowed=", ".join(EXPORT_FORMATS))
    reg_name, ext, kind = EXPORT_FORMATS[fmt]
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    path = out / export_name(state, kind, ext)
    k = 2
    while path.exists():  # two exports within a second: never overwrite
        path = out / export_name(state, f"{kind}-{k}", ext)
        k += 1
    return Path(registry.get(registry.exporters, reg_name)(state, path))


__all__ = ["ExplorerData", "ExplorerState", "ThemeInfo", "CountTable", "Views", "AGE_BANDS", "FILTER_KEYS",
           "REVIEW_FILTERS", "theme_info", "suppress", "suppress_value", "drill_mask", "page_of", "excerpt",
           "workshop_mode", "load_explorer_data", "save_frames_project", "demo_frames", "demo_project",
           "find_store", "is_project", "residue_kinds", "withheld", "safe_metadata", "opaque_ref",
           "findings_tables", "cause_groups", "cause_labels", "themes_without_action", "action_plan",
           "add_action", "update_action", "open_action_themes", "action_text_findings", "check_action_text",
           "describe_findings", "withhold_action_text", "filter_label", "value_label", "column_label", "ui_text",
           "ui_data", "describe_filters", "export", "EXPORT_FORMATS", "export_xlsx", "export_png", "export_png_zip",
           "export_pptx", "FIGURES", "figure_theme_counts", "figure_trends", "figure_cooccurrence", "figure_areas",
           "export_tables", "export_name", "listing_table"]
