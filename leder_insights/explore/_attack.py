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

Chains (:func:`chain_leaks`): the wider selection, every choice of two filters and every pair
of choices are set against each other at once (a choice's cell is the sum of its pairs, the wider
selection's the sum of either filter's choices); bounds are narrowed along every such line until
nothing changes, so a count worked out through two selections (``A - (B - C)``) is found too.
Searches (:func:`search_leaks`): a search for ``"ab"`` matches fewer learning points than one for
``"a"``, so two shown cells of nested searches differ by a count.

>>> pinned(["3", "<5", "<5"], 11, 5)   # 3 + 4 + 4
{1: 4, 2: 4}
>>> d = propagate({"p": (9, 9), "a": (5, 5), "b": (1, 4), "c": (0, INF)}, [("p", ["a", "b"]), ("b", ["c"])])
>>> d["b"], d["c"]
((4, 4), (4, 4))
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

_COUNT_COLUMNS = ("Reviews",)
#: a count of reviews written in a caption ("among the 7 reviews", "(<5 reviews match)")
_CAPTION_COUNT = re.compile(r"(?<![\w<])(?<!per )(?<!than )(\d[\d,]*|<\d+|\*) reviews\b")


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
    for name, text in sorted(v.captions.items()):  # words beside the numbers name counts too (facil7 F0)
        for j, n in enumerate(_CAPTION_COUNT.findall(str(text))):
            cells[("caption", name, f"reviews {j}")] = n
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


INF = float("inf")


#: views whose rows are on screen only when they have reviews (an area), so their ``reviews``
#: cell, hidden, is still at least 1; in the others every row is shown (or none, for 1..T-1 reviews)
_ROWS_WHEN_SOME = ("areas",)


def _on_screen_means_some(cell: tuple) -> bool:
    return cell[0] in _ROWS_WHEN_SOME and str(cell[2]).lower() == "reviews"


def _bounds(s, t: int, some: bool = False) -> tuple[float, float]:
    """What a shown string says of its count; ``some``: the row is on screen only when it is not 0."""
    x = _exact(s)
    if x is not None:
        return (x, x)
    return (1, t - 1) if str(s).startswith("<") else (1 if some else 0, INF)


def propagate(dom: dict, eqs: list[tuple]) -> dict:
    """Narrow the ``(lo, hi)`` bounds of ``dom`` along every ``(total, [parts])`` equation (total =
    sum of parts) until nothing changes; returns the new bounds."""
    dom = dict(dom)
    changed = True
    while changed:
        changed = False
        for tot, parts in eqs:
            los = [dom[p][0] for p in parts]
            his = [dom[p][1] for p in parts]
            sl = sum(los)
            n_inf = sum(h == INF for h in his)
            sh_fin = sum(h for h in his if h != INF)
            tl, th = dom[tot]
            nt = (max(tl, sl), min(th, INF if n_inf else sh_fin))
            if nt != (tl, th):
                dom[tot], changed = nt, True
                tl, th = nt
            for p, lo, hi in zip(parts, los, his):
                rest_hi = INF if n_inf - (hi == INF) else sh_fin - (0 if hi == INF else hi)
                new = (max(lo, tl - rest_hi), min(hi, th - (sl - lo)))
                if new != (lo, hi):
                    if new[0] > new[1]:  # inconsistent (the reader's model is wrong): give up on this line
                        continue
                    dom[p], changed = new, True
                    sl += new[0] - lo
                    if hi == INF and new[1] != INF:
                        n_inf -= 1
                        sh_fin += new[1]
                    elif hi != INF:
                        sh_fin += new[1] - hi
    return dom


def _view(state, filters: dict) -> dict:
    state.reset().set_filters(**filters)
    return shown_cells(state)


def _get(kid: dict, cell: tuple) -> str:
    """A cell a selection does not show: 0 when it shows that column for other rows, else unknown."""
    if cell in kid:
        return kid[cell]
    return "0" if cell[0] != "cooc" and any(k[0] == cell[0] and k[2] == cell[2] for k in kid) else "*"


def chain_leaks(state, parent: dict, f: str, g: str) -> list[Leak]:
    """Hidden counts under T worked out from ``parent``, every choice of ``f``, of ``g`` and of both
    together (a two-way table with its margins), through any chain of the table's lines."""
    t = state.threshold
    fs, gs = state.data.options(f), state.data.options(g)
    views: dict[tuple, dict] = {(): _view(state, parent)}
    for a in fs:
        views[(a, None)] = _view(state, parent | {f: a})
    for b in gs:
        views[(None, b)] = _view(state, parent | {g: b})
    for a in fs:
        for b in gs:
            views[(a, b)] = _view(state, parent | {f: a, g: b})
    state.reset().set_filters(**parent)
    leaks: list[Leak] = []
    for cell in views[()]:
        some = _on_screen_means_some(cell)
        dom = {k: _bounds(_get(v, cell), t, some and cell in v) for k, v in views.items()}
        eqs: list[tuple] = [((), [(a, None) for a in fs]), ((), [(None, b) for b in gs])]
        eqs += [((a, None), [(a, b) for b in gs]) for a in fs]
        eqs += [((None, b), [(a, b) for a in fs]) for b in gs]
        out = propagate(dom, eqs)
        for k, (lo, hi) in out.items():
            if lo == hi and 0 < lo < t and dom[k][0] != dom[k][1]:
                key = "" if not k else (f if k[1] is None else (g if k[0] is None else f"{f}+{g}"))
                choice = " & ".join(str(x) for x in k if x is not None)
                leaks.append(Leak(parent, key, choice, cell, int(lo), "chain through the two-way table"))
    return leaks


def _table_lines(cells: list[tuple], data) -> list[tuple[int, list[int]]]:
    """Lines within one screen, as index ``(total, parts)`` into ``cells``: the years of a column
    of the trends add up to its theme's count (the reviews column to the reviews matching), so do
    the areas; the rows of each findings table add up to the reviews behind the findings; an age
    band row's "Aged ..." cells add up to its "Reviews". Only lines the data keeps: every review has
    a year, an area and an age band (else those lines are left out)."""
    at = {c: i for i, c in enumerate(cells)}
    n = at.get(("match", "", "selected"), at.get(("match", "", "reviews")))
    total = {"reviews": at.get(("match", "", "reviews"))} | {
        c[1]: i for c, i in at.items() if c[0] == "themes" and c[2] == "reviews"}
    rv = data.reviews
    whole = {"trends": bool((data.years >= 0).all()), "Findings over time": bool((data.years >= 0).all()),
             "areas": all((data.rev_codes[k] >= 0).all() for k in ("region", "icb") if k in data.rev_codes),
             "ages": bool(rv["age_band"].notna().all()) if "age_band" in rv else False}
    out: list[tuple[int, list[int]]] = []
    by: dict[tuple, list[int]] = {}
    for c, i in at.items():
        if c[0] in ("trends", "areas") and whole[c[0]]:
            by.setdefault((c[0], c[2]), []).append(i)
        elif c[0] not in ("themes", "match", "cooc", "Died in hospital") and c[2] == "Reviews":
            if c[0] != "Findings over time" or whole[c[0]]:
                by.setdefault((c[0], "Reviews"), []).append(i)
        elif str(c[2]).startswith("Aged ") and whole["ages"]:
            by.setdefault(("ages", c[0], c[1]), []).append(i)
    for k, parts in by.items():
        if k[0] in ("trends", "areas"):
            tot = total.get(k[1])
        elif k[0] == "ages":
            tot = at.get((k[1], k[2], "Reviews"))
        else:
            tot = n
        if tot is not None and len(parts):
            out.append((tot, parts))
    return out


def _narrow(lo: np.ndarray, hi: np.ndarray, tl: np.ndarray, th: np.ndarray, axis: int):
    """Bounds of parts (``lo``/``hi``) adding up along ``axis`` to ``tl``/``th``, narrowed once (as
    :func:`propagate`, vectorised; written apart from the guard's on purpose: the intruder checks it)."""
    inf = np.isinf(hi)
    sl = lo.sum(axis=axis, keepdims=True)
    n_inf = inf.sum(axis=axis, keepdims=True)
    sh = np.where(inf, 0, hi).sum(axis=axis, keepdims=True)
    tl2 = np.maximum(tl, sl)
    th2 = np.minimum(th, np.where(n_inf > 0, INF, sh))
    rest_hi = np.where(n_inf - inf > 0, INF, sh - np.where(inf, 0, hi))
    lo2 = np.maximum(lo, tl2 - rest_hi)
    hi2 = np.minimum(hi, th2 - (sl - lo))
    ok = lo2 <= hi2  # inconsistent: the reader's model is wrong there; keep what was known
    ok_t = tl2 <= th2
    return np.where(ok, lo2, lo), np.where(ok, hi2, hi), np.where(ok_t, tl2, tl), np.where(ok_t, th2, th)


def table_leaks(state, parent: dict, keys: list[str], within: bool = True, choices: dict | None = None,
                max_rounds: int = 500) -> list[Leak]:
    """Hidden counts under T worked out from ``parent``, every choice of each filter in ``keys`` and
    every combination of them (a table of as many ways as ``keys``, with all its margins), with the
    lines within each screen too (``within``: years adding up to a theme's count ...). Region and
    ICB together hold the ICB lines of each region. An empty selection is 0 everywhere (its match
    line says "0"). ``choices``: ``{key: [choices]}`` to use fewer than all."""
    from . import _queries as q

    t, data = state.threshold, state.data
    opts = [list((choices or {}).get(k) or data.options(k)) for k in keys]
    cache: dict[tuple, dict | None] = {}
    views: dict[tuple, dict | None] = {}
    same: dict[tuple, tuple] = {}  # combo -> its selection (an ICB within its region is the ICB)
    for combo in itertools.product(*[[None] + o for o in opts]):
        flt = parent | {k: c for k, c in zip(keys, combo) if c is not None}
        canon = tuple(sorted((k, str(v)) for k, v in q.canonical(data, flt).items()))
        if canon not in cache:
            empty = not q.review_mask(data, flt).any()
            cache[canon] = None if empty else _view(state, flt)
        views[combo], same[combo] = cache[canon], canon
    state.reset().set_filters(**parent)
    top = views[(None,) * len(keys)] or {}
    cells = list(top)
    shape = (len(cells),) + tuple(1 + len(o) for o in opts)
    lo, hi = np.zeros(shape), np.zeros(shape)
    for combo, v in views.items():
        idx = tuple(0 if c is None else opts[i].index(c) + 1 for i, c in enumerate(combo))
        if v is None:
            continue
        for ci, cell in enumerate(cells):
            lo[(ci,) + idx], hi[(ci,) + idx] = _bounds(_get(v, cell), t, _on_screen_means_some(cell) and cell in v)
    known = lo == hi
    lines = _table_lines(cells, data) if within else []
    for _ in range(max_rounds):
        before = (lo.copy(), hi.copy())
        for ax in range(1, len(shape)):
            tl, th = np.take(lo, [0], axis=ax), np.take(hi, [0], axis=ax)
            pl, ph = np.take(lo, range(1, shape[ax]), axis=ax), np.take(hi, range(1, shape[ax]), axis=ax)
            pl, ph, tl, th = _narrow(pl, ph, tl, th, ax)
            lo, hi = np.concatenate([tl, pl], axis=ax), np.concatenate([th, ph], axis=ax)
        for tot, parts in lines:
            pl, ph, tl, th = _narrow(lo[parts], hi[parts], lo[[tot]], hi[[tot]], 0)
            lo[parts], hi[parts], lo[[tot]], hi[[tot]] = pl, ph, tl, th
        if np.array_equal(before[0], lo) and np.array_equal(before[1], hi):
            break
    leaks: list[Leak] = []
    seen: set = set()
    for pos in zip(*np.nonzero((lo == hi) & (lo > 0) & (lo < t) & ~known)):
        combo = tuple(None if i == 0 else opts[a][i - 1] for a, i in enumerate(pos[1:]))
        if (same[combo], pos[0]) in seen:  # the same selection reached two ways: once
            continue
        seen.add((same[combo], pos[0]))
        key = "+".join(k for k, c in zip(keys, combo) if c is not None)
        choice = " & ".join(str(c) for c in combo if c is not None)
        leaks.append(Leak(parent, key, choice, cells[pos[0]], int(lo[pos]),
                          f"table of {' x '.join(keys)}" + (" with the lines within a screen" if within else "")))
    return leaks


def search_leaks(state, filters: dict, terms: list[str]) -> list[Leak]:
    """Hidden counts under T from nested searches within ``filters``: every pair of ``terms`` (and no
    search) where one term contains the other; a shown cell of the wider search minus the narrower's
    is a count of learning points (or reviews) matching one but not the other."""
    t = state.threshold
    terms = sorted({x.strip().lower() for x in terms} | {""}, key=len)
    views = {s: _view(state, filters | ({"search": s} if s else {})) for s in terms}
    state.reset().set_filters(**filters)
    leaks: list[Leak] = []
    for wide in terms:
        for narrow in terms:
            if narrow == wide or wide not in narrow:
                continue
            for cell, ptext in views[wide].items():
                p, x = _exact(ptext), _exact(views[narrow].get(cell, "*"))
                if p is not None and x is not None and 0 < p - x < t:
                    leaks.append(Leak(filters | {"search": wide}, "search", narrow, cell, p - x,
                                      "wider search minus the narrower"))
    return leaks


def leak_table(leaks: list[Leak]) -> pd.DataFrame:
    return pd.DataFrame([{"parent": str(x.parent), "filter": x.key, "choice": x.choice, "view": x.cell[0],
                          "row": x.cell[1], "column": x.cell[2], "value": x.value, "how": x.how}
                         for x in leaks])


__all__ = ["pinned", "shown_cells", "differencing_leaks", "chain_leaks", "table_leaks", "search_leaks", "propagate",
           "leak_table", "Leak"]
