"""An intruder in the workshop: what two shown selections give away by differencing.

Used by the attack tests and ``benchmarks/workshop_differencing.py``; it reads only what the room
sees (display strings of every view and findings table), never the counts behind them.

For a wider selection (the *parent*) and a filter whose choices split it (sex, year, area ...),
the intruder:

* subtracts a choice's shown cell from the parent's shown cell (a difference of 1..T-1 is the
  count of the other choices together: a leak);
* sets the choices' cells against the parent's cell (they add up to it) and works out every
  hidden cell that has one possible value (``"<T"`` is 1..T-1, ``"*"`` any number): a hidden
  cell pinned to a value under T is a leak. A cell a choice does not show is 0 when the choice
  shows that column for other rows (no reviews in that year or area), else unknown (a theme
  outside a choice's "themes together" grid may still occur there).

>>> pinned(["3", "<5", "<5"], 11, 5)   # 3 + 4 + 4
{1: 4, 2: 4}
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

_COUNT_COLUMNS = ("Reviews",)


def _exact(s) -> int | None:
    s = str(s).strip().replace(",", "")
    if " (" in s:
        s = s.split(" (")[0]
    return int(s) if s.isdigit() else None


def pinned(shown: list[str], total: int, t: int) -> dict[int, int]:
    """Hidden entries of ``shown`` (adding up to ``total``) with exactly one possible value."""
    known = sum(_exact(s) or 0 for s in shown)
    rest = total - known
    doms = {}
    for i, s in enumerate(shown):
        if _exact(s) is not None:
            continue
        doms[i] = list(range(1, t)) if str(s).startswith("<") else list(range(0, max(0, rest) + 1))
    if not doms or rest < 0:
        return {}
    out = {}
    keys = list(doms)
    for i in keys:
        reach = {0}
        for j in keys:
            if j != i:
                reach = {a + b for a in reach for b in doms[j] if a + b <= rest}
        vals = [v for v in doms[i] if rest - v in reach]
        if len(vals) == 1:
            out[i] = vals[0]
    return out


def shown_cells(state) -> dict[tuple, str]:
    """Every count the room sees for the state's selection: ``{(view, row, column): text}``."""
    from ._findings import findings_tables

    v = state.views()
    cells: dict[tuple, str] = {("match", "", "reviews"): v.denominator_display,
                               ("match", "", "learning_points"): v.learning_points_display}
    if v.selected_display != v.denominator_display:
        cells[("match", "", "selected")] = v.selected_display
    for _i, r in v.theme_counts.iterrows():
        cells[("themes", r["theme"], "reviews")] = r["reviews"]
        cells[("themes", r["theme"], "learning_points")] = r["learning_points"]
    for y, row in v.trends.iterrows():
        for c, s in row.items():
            cells[("trends", int(y), c)] = s
    for a, row in v.areas.iterrows():
        for c, s in row.items():
            cells[("areas", a, c)] = s
    co = v.cooc.display()
    for a in co.index:
        for b in co.columns:
            cells[("cooc", a, b)] = co.loc[a, b]
    for name, df in findings_tables(state).items():
        if name == "Key findings" or not len(df.columns):
            continue
        key = df.columns[0]
        if name == "Findings over time":  # "% died in hospital" beside an exact count is a count too
            for _i, r in df.iterrows():
                k, pct = _exact(r["Reviews"]), str(r["% died in hospital"]).rstrip("%")
                hosp = round(k * float(pct) / 100) if k is not None and pct.replace(".", "").isdigit() else None
                cells[("Died in hospital", r[key], "Reviews")] = "*" if hosp is None else str(hosp)
        for _i, r in df.iterrows():
            for c in df.columns[1:]:
                if c in _COUNT_COLUMNS or str(c).startswith("Aged "):
                    cells[(name, r[key], c)] = str(r[c])
    return cells


@dataclass
class Leak:
    """A count under the threshold worked out from two or more shown selections."""

    parent: dict
    key: str
    choice: str
    cell: tuple
    value: int
    how: str


def differencing_leaks(state, parent: dict, key: str, choices=None, additive: bool = True) -> list[Leak]:
    """Leaks from comparing ``parent`` with each choice of ``key`` (see the module docstring).

    ``additive``: the choices split the parent (review-level filters), so their cells add up to
    the parent's. The state is left reset to ``parent``.
    """
    t = state.threshold
    choices = list(choices if choices is not None else state.data.options(key))
    state.reset().set_filters(**parent)
    pc = shown_cells(state)
    kids = {}
    for c in choices:
        state.reset().set_filters(**parent, **{key: c})
        kids[c] = shown_cells(state)
    state.reset().set_filters(**parent)
    cols = {c: {(k[0], k[2]) for k in kid} for c, kid in kids.items()}
    leaks: list[Leak] = []
    for cell, ptext in pc.items():
        p = _exact(ptext)
        if p is None:
            continue
        vals = [kids[c].get(cell, "0" if cell[0] != "cooc" and (cell[0], cell[2]) in cols[c] else "*")
                for c in choices]
        for c, s in zip(choices, vals):
            x = _exact(s)
            if x is not None and 0 < p - x < t:
                leaks.append(Leak(parent, key, c, cell, p - x, "parent minus this choice"))
        if additive:
            for i, val in pinned(vals, p, t).items():
                if 0 < val < t:
                    leaks.append(Leak(parent, key, choices[i], cell, val, "parent minus the other choices"))
    return leaks


def leak_table(leaks: list[Leak]) -> pd.DataFrame:
    return pd.DataFrame([{"parent": str(x.parent), "filter": x.key, "choice": x.choice, "view": x.cell[0],
                          "row": x.cell[1], "column": x.cell[2], "value": x.value, "how": x.how}
                         for x in leaks])


__all__ = ["pinned", "shown_cells", "differencing_leaks", "leak_table", "Leak"]
