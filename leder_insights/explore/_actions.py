"""From learning to action: the action plan and the recurring themes that have no open action.

Actions live in the project store (``ProjectStore.add_action`` / ``update_action`` /
``actions``) and survive re-imports of reviews. Here they are read and set against the theme
counts, for the explorer, its exports and the report.

>>> import pandas as pd
>>> acts = pd.DataFrame({"action_id": ["a1"], "theme": ["epilepsy"], "lp_ids": [[]], "action": ["Audit"],
...                      "owner": ["ICB"], "due_date": ["2026-03-31"], "status": ["open"], "impact": [None]})
>>> sorted(open_action_themes(acts, {}))
['epilepsy']
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..store import ACTION_STATUSES, OPEN_ACTION_STATUSES

STATUS_LABELS = {"open": "Open", "in_progress": "In progress", "done": "Done", "dropped": "Dropped"}


def read_actions(store) -> pd.DataFrame:
    """The actions of an open :class:`~leder_insights.store.ProjectStore`."""
    return store.actions()


def add_action(project, action: str, **fields) -> str:
    """Add an action to the store of ``project`` (a directory or ``.duckdb`` path); return its id.

    ``fields``: ``theme``, ``lp_ids``, ``owner``, ``due_date``, ``status``, ``impact``.
    """
    from ..store import ProjectStore

    with ProjectStore(_store_path(project)) as store:
        return store.add_action(action, **fields)


def update_action(project, action_id: str, **fields) -> None:
    """Change an action of the store of ``project`` (status, owner, due date, evidence of impact ...)."""
    from ..store import ProjectStore

    with ProjectStore(_store_path(project)) as store:
        store.update_action(action_id, **fields)


def _store_path(project) -> Path:
    p = Path(project)
    return p if p.suffix == ".duckdb" else p / "project.duckdb"


def open_action_themes(actions: pd.DataFrame | None, lp_themes: dict[str, list[str]]) -> set[str]:
    """Themes with at least one open action: on the theme, or on learning points carrying it."""
    if actions is None or not len(actions):
        return set()
    out = set()
    for _, a in actions[actions["status"].isin(OPEN_ACTION_STATUSES)].iterrows():
        if a.get("theme"):
            out.add(str(a["theme"]))
        for lp in a.get("lp_ids") or []:
            out.update(lp_themes.get(str(lp), []))
    return out


def _lp_themes(data) -> dict[str, list[str]]:
    return dict(zip(data.lps["lp_id"], data.lps["themes"]))


def themes_without_action(state, min_reviews: int | None = None) -> pd.DataFrame:
    """Recurring themes (in at least ``min_reviews`` reviews of the current selection; default the
    suppression threshold) with no open action, most reviews first.

    Columns: ``Theme``, ``Reviews`` (suppressed display), ``% of reviews``, ``Actions so far``
    (closed actions on the theme), plus ``theme`` (id, for the view's "add action" button).
    """
    v = state.views()
    min_reviews = int(min_reviews or state.threshold)
    acts = state.data.actions
    covered = open_action_themes(acts, _lp_themes(state.data))
    tc = v.theme_counts
    rows = tc[(tc["_n"] >= min_reviews) & ~tc["_hidden"] & ~tc["theme"].isin(covered)]
    closed: dict[str, int] = {}
    if acts is not None and len(acts):
        for t in acts.loc[~acts["status"].isin(OPEN_ACTION_STATUSES), "theme"].dropna():
            closed[t] = closed.get(t, 0) + 1
    return pd.DataFrame({"Theme": rows["label"].to_numpy(), "Reviews": rows["reviews"].to_numpy(),
                         "% of reviews": rows["pct_of_reviews"].to_numpy(),
                         "Actions so far": [closed.get(t, 0) for t in rows["theme"]],
                         "theme": rows["theme"].to_numpy()})


def action_plan(state) -> pd.DataFrame:
    """The action plan as a steering pack shows it: theme, action, owner, due date, status,
    evidence of impact, how many learning points it responds to (never their ids), and the
    reviews with the theme in the current selection."""
    acts = state.data.actions
    cols = ["Theme", "Action", "Owner", "Due", "Status", "Evidence of impact", "Learning points",
            "Reviews with the theme"]
    if acts is None or not len(acts):
        return pd.DataFrame(columns=cols)
    labels = state.data.themes.labels
    counts = state.views().theme_counts.set_index("theme")["reviews"]
    lp_themes = _lp_themes(state.data)
    rows = []
    order = {s: i for i, s in enumerate(ACTION_STATUSES)}
    for _, a in acts.sort_values(["status", "due_date"], key=lambda c: c.map(order) if c.name == "status"
                                 else c.fillna("9999")).iterrows():
        theme = a["theme"]
        if not theme and a["lp_ids"]:
            ts = {t for lp in a["lp_ids"] for t in lp_themes.get(str(lp), [])}
            theme = sorted(ts)[0] if len(ts) == 1 else None
        rows.append({"Theme": labels.get(theme, theme) if theme else "(learning points)",
                     "Action": a["action"], "Owner": a["owner"] or "", "Due": a["due_date"] or "",
                     "Status": STATUS_LABELS.get(a["status"], a["status"]),
                     "Evidence of impact": a["impact"] or "", "Learning points": len(a["lp_ids"] or []),
                     "Reviews with the theme": counts.get(theme, "") if theme else ""})
    return pd.DataFrame(rows, columns=cols)


__all__ = ["add_action", "update_action", "read_actions", "themes_without_action", "action_plan",
           "open_action_themes", "STATUS_LABELS"]
