"""Interactive explorers for JupyterLab and the Voilà workshop app.

The logic (queries, state, exports, project loading) lives in :mod:`leder_insights.explore`;
this package holds only the ipywidgets views and re-exports the explorer names it draws.

* :class:`ThemeExplorer` - the ipywidgets view (charts as small HTML/SVG, tables for every chart);
* :class:`LabelReviewer` / :class:`LabelState` - confirm or correct themes, retrain, Cohen's κ;
* :class:`DeidReviewer` / :class:`DeidReviewState` - local-only de-identification QA;
* :func:`workshop_app` - what ``notebooks/03_workshop_explorer.ipynb`` shows under Voilà.

>>> from leder_insights.widgets import ExplorerState, suppress_value
>>> suppress_value(3, 5), suppress_value(7, 5)
('<5', '7')
"""
from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from ..explore import (ExplorerData, ExplorerState, demo_frames, demo_project, is_project, load_explorer_data,
                       save_frames_project, suppress, suppress_value, workshop_mode)
from ._deid_review import DeidReviewState, DeidReviewer, wilson_interval
from ._labels import LabelReviewer, LabelState, cohen_kappa


def __getattr__(name):  # the view imports ipywidgets: load it only when asked for
    if name == "ThemeExplorer":
        from ._explorer import ThemeExplorer

        return ThemeExplorer
    if name in ("export_xlsx", "export_png", "export_pptx"):
        from .. import explore

        return getattr(explore, name)
    raise AttributeError(name)


def workshop_notebook() -> Path:
    """Path of the workshop notebook shipped inside the package (for Voilà)."""
    return Path(str(resources.files(__name__) / "notebooks" / "workshop_explorer.ipynb"))


def workshop_app(project=None, title: str = "LeDeR learning explorer", n_demo_reviews: int = 80):
    """The workshop explorer over ``project`` (default ``$LEDER_PROJECT``, else a demo project).

    Only de-identified text is read; small groups are never listed.
    """
    from ._explorer import ThemeExplorer

    project = project or os.environ.get("LEDER_PROJECT") or None
    if project is None:
        import shutil

        tmp = demo_project(n_reviews=n_demo_reviews)
        try:
            data = load_explorer_data(tmp)  # held in memory; the temporary project is removed
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    else:
        data = load_explorer_data(project)
        data.meta.update(_project_context(project))
    return ThemeExplorer(ExplorerState(data, protect_small_groups=True), title=title)


def _project_context(project) -> dict:
    """The project's name (its directory, never a full path) and whether it holds the synthetic
    demo corpus (``leder-insights demo`` leaves the generator's manifest in ``corpus/``)."""
    import json

    p = Path(project)
    root = p.parent if p.suffix == ".duckdb" else p
    out: dict = {"project": root.resolve().name}
    man = root / "corpus" / "manifest.json"
    try:
        if man.is_file() and "generator_version" in json.loads(man.read_text()):
            out["synthetic"] = True
    except (OSError, ValueError):
        pass
    return out


def workshop_page(project=None, **kw):
    """What the Voilà page shows: :func:`workshop_app`'s widget, or a short message (never a
    traceback) when the project cannot be opened.
    """
    import ipywidgets as W

    from ..errors import LederError
    from ._render import CSS, error_html, user_message

    try:
        return workshop_app(project, **kw).widget
    except LederError as exc:
        return W.HTML(CSS + error_html(user_message(exc)))


__all__ = ["ExplorerData", "workshop_page", "ExplorerState", "ThemeExplorer", "LabelState", "LabelReviewer",
           "DeidReviewState", "DeidReviewer", "cohen_kappa", "wilson_interval", "suppress",
           "suppress_value", "workshop_mode", "workshop_app", "workshop_notebook", "load_explorer_data",
           "save_frames_project", "demo_frames", "demo_project", "is_project", "export_xlsx",
           "export_png", "export_pptx"]
