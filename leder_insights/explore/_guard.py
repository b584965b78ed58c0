"""Differencing guard for every cell of every view (trends, areas, themes together, theme counts,
findings tables): which cells of a selection must be hidden because a wider selection gives them
away.

For each active filter the selection without it is the *parent*. Every view of the parent and of
each choice of that filter is laid out as one vector of cells (the same cells for all of them).

* Filters whose choices split the parent (year, area, sex, age band, ethnic group, LD severity,
  place of death, care grade, type of learning): the choices' cells add up to the parent's cell,
  and within one choice the cells of a column (years, areas, bands) add up to its total. Cells are
  hidden - counts of 1..T-1 first, then the smallest shown cell of a line that would let a hidden
  one be worked out, else the whole line - until no line (across choices, or within a choice's
  column) gives a hidden cell away; where the parent hides a cell, every choice hides it. The
  choices' hidden cells are the same whichever choice is on screen, because each choice solves
  the same table.
* In both cases, and for filters that narrow the parent without splitting it (theme, theme
  group, search), a cell that differs from the parent's by 1..T-1 is hidden (the type of learning
  splits learning points, but a review can have several types, so its review counts do not add up).

The cells hidden here are passed to :func:`~._queries.suppress` as ``force``, which then adds the
complementary cells within the selection's own tables.

>>> from dataclasses import dataclass

import numpy as np
>>> solve(np.array([[2, 6], [10, 0], [5, 1]]), None, [], 5)[0][:, 0].tolist()   # 2 + 10 + 5 = 17 shown
[True, False, True]
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import _queries as q


def _line_safe(vals: np.ndarray, hid: np.ndarray, obs: np.ndarray, t: int, pos: np.ndarray | None = None) -> bool:
    """Can no hidden cell of a line with a shown total be worked out, nor their sum be small?

    A reader knows ``"<T"`` is 1..T-1 and ``"*"`` is any number (0 included), or at least 1 where
    ``pos`` (its row is on screen only when it is not 0).
    """
    v = vals[hid]
    tot = int(v.sum())
    if tot == 0:
        return True
    if tot < t:
        return False
    small = (v > 0) & (v < t) & ~obs[hid]
    lo = np.where(small | (pos[hid] if pos is not None else False), 1, 0)
    hi = np.where(small, t - 1, 0)  # finite part; "*" cells have no upper bound
    free = ~small
    n_free = int(free.sum())
    others_free = n_free - free.astype(int) > 0
    others_hi = np.where(others_free, np.inf, hi.sum() - hi)
    a = np.maximum(lo, tot - others_hi)
    b = np.minimum(np.where(small, t - 1, np.inf), tot - (lo.sum() - lo))
    return not bool((a >= b).any())


def solve(m: np.ndarray, p_hidden: np.ndarray | None, groups: list[np.ndarray], t: int,
          force: np.ndarray | None = None, stack: bool = True,
          margins: list[tuple[np.ndarray, np.ndarray | None]] | None = None,
          supers: list[tuple[list[int], np.ndarray, np.ndarray]] | None = None,
          public=None) -> tuple[np.ndarray, np.ndarray]:
    """``(hidden, obscured)`` cells of ``m`` (choices x cells).

    Lines: each column across choices (``stack``; its total, the parent's cell, is shown unless
    ``p_hidden``, in which case the whole column is hidden), and within each choice each index
    array of ``groups`` (cells adding up to a shown total). ``margins`` replaces the one stack of
    all choices by several: ``(rows, hidden)`` - the choices ``rows`` add up to a wider selection
    whose cells are shown but for ``hidden`` (a two-way table has one per row and per column). A
    line still unsafe when all its cells are hidden shows its small cells as ``"*"`` instead of
    ``"<T"`` (``obscured``). ``supers``: ``(margin indices, total, shown)`` - those margins add up
    to a wider total still (a two-way table's rows add up to the whole). ``public(cells)``:
    ``(fixed, pos)`` - cells the screen shows as 0 whatever is hidden (a row shown only when it has
    reviews) and cells whose row on screen says they are at least 1 (:meth:`Layout.public`).
    """
    m = np.asarray(m, dtype=np.int64)
    h = (m > 0) & (m < t)
    obs = np.zeros_like(h)
    fixed, pos = public(m) if public is not None else (np.zeros_like(h), np.zeros_like(h))
    if force is not None:
        h |= force
    if margins is None:
        margins = [(np.arange(m.shape[0]), p_hidden)] if stack else []
    margins = [(np.asarray(r), mh) for r, mh in margins if len(r) > 1 or mh is not None]
    for rows, mh in margins:  # a cell a wider selection hides is hidden in every part of it
        if mh is not None and mh.any():
            h[np.ix_(rows, np.flatnonzero(mh & ~_zeros_may_show(m[rows], t)))] = True
    h &= ~fixed
    totals = {id(g): m[:, g].sum(axis=1) for g in groups}
    # a total shown as "<T" over T-1 parts that are not 0 pins each to 1: show them as "*"
    for rows, _mh in margins:
        sub = m[rows]
        tot = sub.sum(axis=0)
        many = ((sub > 0).sum(axis=0) >= t - 1) & (tot > 0) & (tot < t)
        if many.any():
            blk = (sub > 0) & many[None, :]
            h[rows] |= blk
            obs[rows] |= blk
    for g in groups:
        sub = m[:, g]
        tot = totals[id(g)]
        many = ((sub > 0).sum(axis=1) >= t - 1) & (tot > 0) & (tot < t)
        if many.any():
            blk = (sub > 0) & many[:, None]
            h[:, g] |= blk
            obs[:, g] |= blk
    changed = True
    nr, nc = m.shape
    pad = nr * nc  # a cell that is always 0 and shown: the padding of shorter lines
    vf, pf = np.append(m.ravel(), 0), np.append(pos.ravel(), False)
    g_idx, g_ok = _padded(groups, nc) if groups else (np.zeros((0, 0), np.int64), np.zeros((0, 0), bool))
    g_small = np.column_stack([(totals[id(g)] > 0) & (totals[id(g)] < t) for g in groups]).T if groups \
        else np.zeros((0, nr), bool)
    # a line's safety depends only on which of its cells are hidden and obscured: it is kept from
    # one pass to the next (by line number: margin k's column j, group g's row i) until one of
    # its cells changes
    mn = len(margins) * nc
    n_lines = mn + len(groups) * nr
    known = np.zeros(n_lines, dtype=bool)
    safe_of = np.zeros(n_lines, dtype=bool)
    at_of = np.full(n_lines, -1, dtype=np.int64)
    in_margin = np.zeros((len(margins), nr), dtype=bool)
    for k, (rows, _mh) in enumerate(margins):
        if len(rows) > 1:
            in_margin[k, rows] = True
    group_of = np.full(nc, -1, dtype=np.int64)
    for k, g in enumerate(groups):
        group_of[g] = k

    def through(cells: np.ndarray) -> np.ndarray:  # the lines through these flat cells
        r, c = np.divmod(cells, nc)
        ks, w = np.nonzero(in_margin[:, r])
        g = group_of[c]
        return np.concatenate([ks * nc + c[w], mn + g[g >= 0] * nr + r[g >= 0]])

    h_was, o_was = h.copy(), obs.copy()
    while changed:
        changed = False
        known[through(np.flatnonzero((h != h_was).ravel() | (obs != o_was).ravel()))] = False
        h_was, o_was = h.copy(), obs.copy()
        lines = _solve_lines(h, margins, groups, g_idx, g_ok, g_small)
        kind, src, at_ = lines
        ids = np.where(kind == 0, src * nc + at_, mn + src * nr + at_)
        new_ids = ~known[ids]
        if new_ids.any():  # the lines not known yet, all at once
            cells = _line_cells((kind[new_ids], src[new_ids], at_[new_ids]), margins, groups, nc, pad)
            hf, of = np.append(h.ravel(), False), np.append(obs.ravel(), False)
            safe_of[ids[new_ids]] = _lines_safe(vf[cells], hf[cells], of[cells], pf[cells], t)
            known[ids[new_ids]] = True
        # a line is looked at again, one at a time as before, only where a line before it in this
        # pass hid more of its cells
        todo = ~safe_of[ids]
        again = np.zeros(len(ids), dtype=bool)
        at_of[ids] = np.arange(len(ids))
        k = 0
        while True:
            nxt = np.flatnonzero(todo[k:])
            if not len(nxt):
                break
            k += int(nxt[0])
            i, j = _line_ij(lines, k, margins, groups)
            vals, hid, ob = m[i, j], h[i, j], obs[i, j]
            if again[k] and (not hid.any() or _line_safe(vals, hid, ob, t, pos[i, j])):
                k += 1
                continue
            cand = np.flatnonzero(~hid & (vals > 0))
            mutated = False
            hid0, ob0 = hid.copy(), ob.copy()
            if len(cand):
                sub = h[i, j]
                sub[cand[np.argmin(vals[cand])]] = True
                h[i, j] = sub
                mutated = True
            else:
                sub, osub, fx = h[i, j], obs[i, j], fixed[i, j]
                new = (~sub & ~fx) | (~osub & (vals > 0) & (vals < t))
                if new.any():
                    sub |= ~fx
                    osub[(vals > 0) & (vals < t)] = True
                    h[i, j], obs[i, j] = sub, osub
                    mutated = True
            if mutated:
                changed = True
                rr, cc = (x.ravel() for x in np.broadcast_arrays(np.asarray(i), np.asarray(j)))
                moved = (h[i, j] != hid0) | (obs[i, j] != ob0)
                hit = through(rr[moved] * nc + cc[moved])
                known[hit] = False
                later = at_of[hit]
                later = later[later > k]
                again[later] = True
                todo[later] = True
            k += 1
        at_of[ids] = -1
        if not changed and margins:  # the lines one at a time are safe: now all of them together
            changed = _audit(m, h, obs, margins, groups, totals, t, supers or [], fixed, pos, public)
    return h, obs



def _lines_safe(v: np.ndarray, hid: np.ndarray, obs: np.ndarray, pos: np.ndarray, t: int) -> np.ndarray:
    """:func:`_line_safe` of many lines at once (one per row of the arrays; cells not hidden, the
    padding included, play no part): the same bounds, the same answer.

    >>> v, h, o = np.array([[2, 6, 0], [2, 6, 4]]), np.array([[True, False, False], [True, True, False]]), np.zeros((2, 3), bool)
    >>> _lines_safe(v, h, o, o, 5).tolist(), [_line_safe(v[k], h[k], o[k], 5, o[k]) for k in range(2)]
    ([False, True], [False, True])
    """
    vv = np.where(hid, v, 0)
    tot = vv.sum(axis=1)
    small = hid & (v > 0) & (v < t) & ~obs
    lo = np.where(small | (pos & hid), 1, 0)
    hi = np.where(small, t - 1, 0)
    free = hid & ~small
    others_free = (free.sum(axis=1)[:, None] - free) > 0
    others_hi = np.where(others_free, np.inf, hi.sum(axis=1)[:, None] - hi)
    a = np.maximum(lo, tot[:, None] - others_hi)
    b = np.minimum(np.where(small, t - 1, np.inf), tot[:, None] - (lo.sum(axis=1)[:, None] - lo))
    bad = (hid & (a >= b)).any(axis=1)
    return (tot == 0) | ((tot >= t) & ~bad)


def _solve_lines(h, margins, groups, g_idx, g_ok, g_small) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The lines :func:`solve` checks in one pass, in its order: ``(kind, source, at)`` - kind 0, a
    column ``at`` across margin ``source``'s rows (where a cell is hidden and the margin's total
    is shown); kind 1, row ``at`` of group ``source`` (where a cell is hidden and its total is not
    "<T")."""
    kind, src, at = [], [], []
    for k, (rows, mh) in enumerate(margins):
        if len(rows) > 1:
            cols = np.flatnonzero(h[rows].any(axis=0) & ~(mh if mh is not None else False))
            kind.append(np.zeros(len(cols), np.int64))
            src.append(np.full(len(cols), k, np.int64))
            at.append(cols)
    if len(groups):
        any_h = (h[:, np.minimum(g_idx, h.shape[1] - 1)] & g_ok[None, :, :]).any(axis=2).T & ~g_small
        gk, gi = np.nonzero(any_h)  # group by group, rows in order
        kind.append(np.ones(len(gk), np.int64))
        src.append(gk.astype(np.int64))
        at.append(gi.astype(np.int64))
    if not kind:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(kind), np.concatenate(src), np.concatenate(at).astype(np.int64)


def _line_cells(lines, margins, groups, nc: int, pad: int) -> np.ndarray:
    """The flat cell indices of each line of :func:`_solve_lines` (lines x longest; ``pad`` after
    a short line's cells)."""
    kind, src, at = lines
    width = max([len(r) for r, _mh in margins] + [len(g) for g in groups] + [0])
    out = np.full((len(kind), width), pad, dtype=np.int64)
    for k in np.unique(src[kind == 0]).tolist():
        sel = np.flatnonzero((kind == 0) & (src == k))
        rows = np.asarray(margins[k][0], dtype=np.int64)
        out[sel[:, None], np.arange(len(rows))[None, :]] = rows[None, :] * nc + at[sel][:, None]
    for k in np.unique(src[kind == 1]).tolist():
        sel = np.flatnonzero((kind == 1) & (src == k))
        g = np.asarray(groups[k], dtype=np.int64)
        out[sel[:, None], np.arange(len(g))[None, :]] = at[sel][:, None] * nc + g[None, :]
    return out


def _line_ij(lines, k: int, margins, groups):
    """Line ``k`` of :func:`_solve_lines` as ``(rows, column)`` or ``(row, cells)`` for indexing."""
    kind, src, at = lines
    if kind[k] == 0:
        return margins[int(src[k])][0], int(at[k])
    return int(at[k]), groups[int(src[k])]


def _zeros_may_show(parts: np.ndarray, t: int) -> np.ndarray:
    """Columns whose wider cell is 1..T-1 (``"<T"``) with fewer than T-1 parts not 0: their parts
    that are 0 may show 0 (the others are small, so hidden anyway). A shown 0 leaves the others
    adding up to a "<T" that stays 1..T-1; with T-1 parts not 0 it would pin each to 1.

    >>> _zeros_may_show(np.array([[0, 0, 1], [3, 1, 1], [0, 1, 1], [0, 0, 1]]), 5).tolist()
    [True, True, False]
    """
    tot = parts.sum(axis=0)
    return (tot > 0) & (tot < t) & ((parts > 0).sum(axis=0) < t - 1)


def _line_update(lo, hi, tl, th, axis):
    """One pass of bounds along lines (parts ``lo``/``hi`` summing along ``axis`` to ``tl``/``th``).

    >>> [x.tolist() for x in _line_update(np.array([[1., 0.]]), np.array([[4., np.inf]]), np.array([6.]), np.array([6.]), 1)]
    [[[1.0, 2.0]], [[4.0, 5.0]], [6.0], [6.0]]
    """
    inf = np.isinf(hi)
    finite_hi = np.where(inf, 0, hi)
    sl = lo.sum(axis=axis)
    n_inf = inf.sum(axis=axis)
    sh = finite_hi.sum(axis=axis)
    tl2 = np.maximum(tl, sl)
    th2 = np.minimum(th, np.where(n_inf > 0, np.inf, sh))
    shape = lo.shape[:axis] + (1,) + lo.shape[axis + 1:]

    def e(a):  # the line's value beside each of its parts (np.expand_dims, without its overhead)
        return a.reshape(shape)

    # the others' highest sum: unbounded where another part is; each step as before, fewer copies
    others_hi = np.subtract(e(sh), finite_hi, out=finite_hi)
    others_hi[e(n_inf) > inf] = np.inf
    lo2 = np.maximum(lo, np.subtract(e(tl2), others_hi, out=others_hi))
    hi2 = np.minimum(hi, e(th2) - (e(sl) - lo))
    bad = lo2 > hi2  # an inconsistent bound means the reader's model is wrong there: keep the old one
    if bad.any():
        lo2[bad], hi2[bad] = lo[bad], hi[bad]
    return lo2, hi2, tl2, th2


def _disjoint_runs(sets: list) -> list[list[int]]:
    """Consecutive runs of index arrays that share no index: updating the lines of one run one after
    another gives what updating them all at once gives (each reads and writes only its own cells).

    >>> _disjoint_runs([np.array([0, 1]), np.array([2]), np.array([1, 3]), np.array([0])])
    [[0, 1], [2, 3]]
    """
    runs: list[list[int]] = []
    seen: set[int] = set()
    for k, s in enumerate(sets):
        ids = set(np.asarray(s).ravel().tolist())
        if not runs or ids & seen:
            runs.append([])
            seen = set()
        runs[-1].append(k)
        seen |= ids
    return runs


def _padded(sets: list, pad: int) -> tuple[np.ndarray, np.ndarray]:
    """``(index, valid)``: the index arrays ``sets`` as rows of one matrix, short rows filled with
    ``pad`` (an index whose cell is always 0)."""
    width = max((len(s) for s in sets), default=0)
    idx = np.full((len(sets), width), pad, dtype=np.int64)
    for k, s in enumerate(sets):
        idx[k, :len(s)] = np.asarray(s, dtype=np.int64)
    return idx, idx != pad


def _bounds(m, h, obs, margins, groups, totals, t, supers=(), pos=None, public=None, m_obs=None, rounds=50):
    """What a reader knows of every cell and of every margin's total: ``(lo, hi, mt)``, narrowed
    along every line (see :func:`_audit`); ``mt[k]`` is ``[lo, hi, shown]`` of margin ``k``'s
    total. ``m_obs``: per margin, its small cells shown as ``"*"`` (any number)."""
    pos = np.zeros_like(h) if pos is None else pos
    small = (m > 0) & (m < t)
    lo = np.where(~h, m, np.where((small & ~obs) | pos, 1, 0)).astype(float)
    hi = np.where(~h, m, np.where(small & ~obs, t - 1, np.inf)).astype(float)
    mt = []
    for rows, mh in margins:
        tot = m[rows].sum(axis=0)
        shown = ~mh if mh is not None else np.ones(m.shape[1], bool)
        tsmall = (tot > 0) & (tot < t)
        tpos = public(tot[None, :])[1][0] if public is not None else np.zeros(len(tot), bool)
        if m_obs is not None:  # a margin's small cell shown as "*" says nothing of its size
            tsmall = tsmall & ~m_obs[len(mt)]
        mt.append([np.where(shown, tot, np.where(tsmall | tpos, 1, 0)).astype(float),
                   np.where(shown, tot, np.where(tsmall, t - 1, np.inf)).astype(float), shown])
    gt = []
    for g in groups:
        tot = totals[id(g)]
        tsmall = (tot > 0) & (tot < t)
        gt.append([np.where(tsmall, 1, tot).astype(float), np.where(tsmall, t - 1, tot).astype(float)])
    # every line of a run of margins (or of all the groups) at once, over arrays with one more row
    # and column that stay 0 (the padding of shorter lines); see _disjoint_runs
    nr, nc = h.shape
    lo = np.pad(lo, ((0, 1), (0, 1)))
    hi = np.pad(hi, ((0, 1), (0, 1)))
    mrow = [np.asarray(r) for r, _mh in margins]
    m_runs = [(ks, *_padded([mrow[k] for k in ks], nr)) for ks in _disjoint_runs(mrow)]
    mt_lo = np.zeros((len(mt), nc + 1))
    mt_hi = np.zeros((len(mt), nc + 1))
    for k, b in enumerate(mt):
        mt_lo[k, :nc], mt_hi[k, :nc] = b[0], b[1]
    g_runs = [(ks, *_padded([groups[k] for k in ks], nc)) for ks in _disjoint_runs(groups)]
    g_lo = np.zeros((nr + 1, len(groups)))
    g_hi = np.zeros((nr + 1, len(groups)))
    for k, b in enumerate(gt):
        g_lo[:nr, k], g_hi[:nr, k] = b[0], b[1]
    for _ in range(rounds):
        before = (lo.copy(), hi.copy())
        mt_before = (mt_lo.copy(), mt_hi.copy())
        for ks, idx, ok in m_runs:
            nl, nh, mt_lo[ks], mt_hi[ks] = _line_update(lo[idx], hi[idx], mt_lo[ks], mt_hi[ks], 1)
            lo[idx[ok]], hi[idx[ok]] = nl[ok], nh[ok]
        for ks, idx, ok in g_runs:
            nl, nh, g_lo[:, ks], g_hi[:, ks] = _line_update(lo[:, idx], hi[:, idx], g_lo[:, ks], g_hi[:, ks], 2)
            lo[:nr, idx[ok]], hi[:nr, idx[ok]] = nl[:nr][:, ok], nh[:nr][:, ok]
        for idx_s, tot, shown in supers:  # the margins' own totals add up to a wider one
            tsmall = (tot > 0) & (tot < t)
            sl_ = np.where(shown, tot, np.where(tsmall, 1, 0)).astype(float)
            sh_ = np.where(shown, tot, np.where(tsmall, t - 1, np.inf)).astype(float)
            pl, ph, _a, _b = _line_update(mt_lo[idx_s, :nc], mt_hi[idx_s, :nc], sl_, sh_, 0)
            mt_lo[idx_s, :nc], mt_hi[idx_s, :nc] = pl, ph
        if np.array_equal(before[0], lo) and np.array_equal(before[1], hi) and not supers:
            break
        if m_obs is not None and np.array_equal(before[0], lo) and np.array_equal(before[1], hi) \
                and np.array_equal(mt_before[0], mt_lo) and np.array_equal(mt_before[1], mt_hi):
            break
        if supers and np.array_equal(before[0], lo) and np.array_equal(before[1], hi) and _ > 3:
            break
    lo, hi = lo[:nr, :nc], hi[:nr, :nc]
    for k, b in enumerate(mt):
        b[0], b[1] = mt_lo[k, :nc], mt_hi[k, :nc]
    return lo, hi, mt


def _audit(m, h, obs, margins, groups, totals, t, supers=(), fixed=None, pos=None, public=None) -> bool:
    """Narrow what a reader knows of every cell (shown: exact; ``"<T"``: 1..T-1; ``"*"``: any) along
    every line at once, as :func:`~._attack.propagate` does. Where a hidden count under T (or a
    wider selection's ``"<T"``) is pinned, the small cells of its lines become ``"*"`` (or, with
    none left, the smallest shown cell is hidden; where only zeros the screen always shows are left,
    the lines through the line's pinned hidden cells). Returns whether anything changed."""
    fixed = np.zeros_like(h) if fixed is None else fixed
    pos = np.zeros_like(h) if pos is None else pos
    lo, hi, mt = _bounds(m, h, obs, margins, groups, totals, t, supers, pos, public)
    pinned = h & (lo == hi) & (lo > 0) & (lo < t)
    nr, nc = h.shape
    lines = _AuditLines(margins, groups, nr, nc)
    first = []  # the lines with a pinned cell: margin by margin, then group by group
    for k, ((rows, _mh), b) in enumerate(zip(margins, mt)):
        cols = pinned[rows].any(axis=0) | (~b[2] & (b[0] == b[1]) & (b[0] > 0) & (b[0] < t))
        first.append(lines.margin_line(k, np.flatnonzero(cols)))
    if groups:
        g_idx, g_ok = _padded(groups, nc)
        gk, gi = np.nonzero((pinned[:, np.minimum(g_idx, nc - 1)] & g_ok[None, :, :]).any(axis=2).T)
        first.append(lines.group_line(gi, gk))
    bad = np.concatenate(first) if first else np.zeros(0, np.int64)
    changed = False
    seen = np.zeros(lines.n, dtype=bool)
    expanded = np.zeros(nr * nc, dtype=bool)  # cells whose lines were added (so are seen)
    pad = nr * nc
    vf, ff = np.append(m.ravel(), 0), np.append(fixed.ravel(), True)
    pinf = np.append((lo == hi).ravel(), False)
    while len(bad):
        _u, at = np.unique(bad, return_index=True)  # each line once, where it first comes, if not seen
        todo = bad[np.sort(at)]
        todo = todo[~seen[todo]]
        seen[todo] = True
        if not len(todo):
            break
        cells = lines.cells(todo, pad)
        hf, of = np.append(h.ravel(), True), np.append(obs.ravel(), True)
        vals, sub, osub, fx = vf[cells], hf[cells], of[cells], ff[cells]
        acts = ((sub & ~osub & (vals > 0) & (vals < t)) | (~sub & (vals > 0)) | (~sub & ~fx)).any(axis=1)
        if acts.any():  # from the first line that hides something on, one at a time, as before
            dirty = np.zeros(pad + 1, dtype=bool)
            for k in range(int(np.argmax(acts)), len(todo)):
                if not acts[k] and not dirty[cells[k]].any():
                    continue  # nothing to hide in it, and nothing in it changed since
                i, j = lines.ij(int(todo[k]))
                vals_, sub_, osub_, fx_ = m[i, j], h[i, j], obs[i, j], fixed[i, j]
                soft = sub_ & ~osub_ & (vals_ > 0) & (vals_ < t)
                if soft.any():
                    osub_[soft] = True
                else:
                    cand = np.flatnonzero(~sub_ & (vals_ > 0))
                    if len(cand):
                        sub_[cand[np.argmin(vals_[cand])]] = True
                    elif (~sub_ & ~fx_).any():  # only zeros shown: they tell how many parts are not 0
                        sub_ |= ~fx_
                    else:
                        continue
                h[i, j], obs[i, j] = sub_, osub_
                changed = True
                dirty[cells[k]] = True
                dirty[pad] = False
            break
        # nothing left to hide in these lines: hide more in the lines that pin their hidden cells
        # (each such cell once, in the order of the lines and of their cells)
        keep = np.append(h.ravel(), False)[cells] & pinf[cells]
        seq = cells[keep]
        _u, at = np.unique(seq, return_index=True)
        seq = seq[np.sort(at)]
        seq = seq[~expanded[seq]]
        expanded[seq] = True
        bad = lines.through(seq)
    return changed


class _AuditLines:
    """The lines of :func:`_audit` as integers: a column across a margin's rows, or a row across a
    group's cells. Margins (groups) holding the same indices are one line, as their bytes were.

    >>> ls = _AuditLines([(np.array([0, 1]), None), (np.array([0, 1]), None)], [np.array([0, 2])], 2, 3)
    >>> ls.margin_line(1, np.array([2])).tolist(), ls.cells(ls.group_line(np.array([1]), np.array([0])), 6).tolist()
    ([2], [[3, 5]])
    """

    def __init__(self, margins, groups, nr: int, nc: int):
        self.margins, self.groups, self.nc = margins, groups, nc

        def canon(arrays):
            first: dict[bytes, int] = {}
            return np.array([first.setdefault(np.asarray(a).tobytes(), k) for k, a in enumerate(arrays)],
                            dtype=np.int64)

        self.m_canon = canon([r for r, _mh in margins])
        self.g_canon = canon(groups)
        self.M, self.G = len(margins), len(groups)
        self.n = self.M * nc + nr * self.G
        self.m_idx, self.m_ok = _padded([np.asarray(r) for r, _mh in margins], -1)
        self.g_idx, self.g_ok = _padded(groups, -1)
        # which margins hold each row (margins x rows) and which groups each column (columns x groups
        # it is in, -1 after), for the lines through a cell
        self.in_m = np.zeros((self.M, nr), dtype=bool)
        for k, (rows, _mh) in enumerate(margins):
            self.in_m[k, np.asarray(rows, dtype=np.int64)] = True
        of_c: list[list[int]] = [[] for _ in range(nc)]
        for k, g in enumerate(groups):
            for c in np.unique(np.asarray(g)).tolist():
                of_c[int(c)].append(int(self.g_canon[k]))
        self.col_g, _ok = _padded(of_c, -1)

    def margin_line(self, k: int, cols: np.ndarray) -> np.ndarray:
        return self.m_canon[k] * self.nc + np.asarray(cols, dtype=np.int64)

    def group_line(self, rows: np.ndarray, ks: np.ndarray) -> np.ndarray:
        return self.M * self.nc + np.asarray(rows, dtype=np.int64) * self.G + self.g_canon[ks]

    def ij(self, line: int):
        """``(rows, column)`` or ``(row, cells)`` of ``line``, for indexing."""
        if line < self.M * self.nc:
            return self.margins[line // self.nc][0], line % self.nc
        r, g = divmod(line - self.M * self.nc, self.G)
        return r, self.groups[g]

    def cells(self, lines: np.ndarray, pad: int) -> np.ndarray:
        """Flat cell indices of ``lines`` (one row each, ``pad`` after a short line's cells)."""
        width = max(self.m_idx.shape[1] if self.M else 0, self.g_idx.shape[1] if self.G else 0)
        out = np.full((len(lines), width), pad, dtype=np.int64)
        mm = lines < self.M * self.nc
        if mm.any():
            k, c = np.divmod(lines[mm], self.nc)
            w = self.m_idx.shape[1]
            out[mm, :w] = np.where(self.m_ok[k], self.m_idx[k] * self.nc + c[:, None], pad)
        if (~mm).any():
            r, g = np.divmod(lines[~mm] - self.M * self.nc, self.G)
            w = self.g_idx.shape[1]
            out[~mm, :w] = np.where(self.g_ok[g], r[:, None] * self.nc + self.g_idx[g], pad)
        return out

    def through(self, cells: np.ndarray) -> np.ndarray:
        """The lines through each cell, cell by cell: its margins' (in order), then its groups'."""
        r, c = np.divmod(np.asarray(cells, dtype=np.int64), self.nc)
        ml = self.m_canon[None, :] * self.nc + c[:, None]  # cells x margins
        gc = self.col_g[c] if self.col_g.size else np.zeros((len(c), 0), np.int64)
        gl = self.M * self.nc + r[:, None] * self.G + gc  # cells x groups
        both = np.concatenate([ml, gl], axis=1)
        keep = np.concatenate([self.in_m[:, r].T, gc >= 0], axis=1)
        return both[keep]


def _review_codes(data: q.ExplorerData) -> tuple:
    """``(settings, place, causes, cause, grades, grade, bands, band)``: the findings' rows and each
    review's row in them (the same for every layout of ``data``; worked out once, kept on ``data``)."""
    got = data.__dict__.get("_guard_review_codes")
    if got is not None and got[0] is data.reviews:
        return got[1]
    rv = data.reviews
    from ._findings import SETTINGS

    settings = list(dict.fromkeys(list(SETTINGS.values()) + ["Other or not recorded"]))
    place = np.array([settings.index(SETTINGS.get(p, "Other or not recorded")) for p in rv["place_of_death"]])
    causes = sorted(set(rv["cause_group"].astype(str))) if "cause_group" in rv else ["unknown"]
    cause = np.array([causes.index(c) for c in rv["cause_group"].astype(str)]) \
        if "cause_group" in rv else np.zeros(len(rv), int)
    grades = sorted(set(rv["care_grade"].astype(str)))
    grade = np.array([grades.index(g) for g in rv["care_grade"].astype(str)])
    bands = [b for _lo, _hi, b in q.AGE_BANDS]
    band_of = rv["age_band"].astype(str).to_numpy()
    band = np.array([bands.index(b) if b in bands else -1 for b in band_of])
    out = (settings, place, causes, cause, grades, grade, bands, band)
    data.__dict__["_guard_review_codes"] = (data.reviews, out)
    return out


class Layout:
    """The cells of every view for one selection, in a fixed order (``keys``)."""

    def __init__(self, data: q.ExplorerData, themes: list[str], years: list[int], area_level: str,
                 areas: list[str], focus: list[str], heat: list[str]):
        ids = data.themes.ids
        self.data = data
        self.themes, self.tidx = list(themes), [ids.index(x) for x in themes]
        self.years = [int(y) for y in years]
        self.area_level, self.areas = area_level, list(areas)
        self.focus, self.fidx = list(focus), [ids.index(x) for x in focus]
        self.heat, self.hidx = list(heat), [ids.index(x) for x in heat]
        (self.settings, self.place, self.causes, self.cause, self.grades, self.grade, self.bands,
         self.band) = _review_codes(data)
        self.sexes, self.sex = list(data.rev_cats["sex"]), data.rev_codes["sex"]
        self.lds, self.ld = list(data.rev_cats["ld_severity"]), data.rev_codes["ld_severity"]
        ymap = {y: i for i, y in enumerate(self.years)}
        self.yi = np.array([ymap.get(int(y), -1) for y in data.years])
        amap = {a: i for i, a in enumerate(self.areas)}
        cats = data.rev_cats[area_level]
        self.ai = np.array([amap.get(cats[c], -1) for c in data.rev_codes[area_level]])
        # the blocks of the cell vector: name -> (shape, row labels, column labels, additive rows?)
        T, Y, A, F, H = len(self.themes), len(self.years), len(self.areas), len(self.focus), len(self.heat)
        B, S, L = len(self.bands), len(self.sexes), len(self.lds)
        self.blocks = {
            "themes": (T, 2), "trends": (Y, T), "denoms": (Y, 1), "areas": (A, 1 + F), "cooc": (H, H),
            "place": (len(self.settings), 1), "causes": (len(self.causes), 1), "grades": (len(self.grades), 1),
            "agesex": (B, S), "sexsize": (S, 1), "ageld": (B, L), "ldsize": (L, 1), "overtime": (Y, 1),
            "hospyear": (Y, 1), "match": (1, 3)}
        self.offset, n = {}, 0
        for name, (r, c) in self.blocks.items():
            self.offset[name] = n
            n += r * c
        self.n = n
        # within one choice, the rows of these blocks add up to a shown total (one line per column)
        self.groups = []
        for name in ("trends", "denoms", "areas", "place", "causes", "grades", "agesex", "sexsize", "ageld",
                     "ldsize", "overtime", "hospyear"):
            r, c = self.blocks[name]
            base = self.offset[name]
            for j in range(c):
                if r > 1:
                    self.groups.append(base + np.arange(r) * c + j)
        # rows on screen only when not 0 (areas; years and findings rows are all shown): ``pres`` the
        # cell that decides a cell's row (-1: none), ``src`` the match cell of the reviews behind it
        # (a selection of fewer than T shows no such rows)
        self.pres = np.full(n, -1, dtype=np.int64)
        self.src = np.full(n, self.offset["match"], dtype=np.int64)
        ix = np.arange(self.offset["areas"], self.offset["areas"] + A * (1 + F)).reshape(A, 1 + F)
        self.pres[ix] = ix[:, :1]

    def public(self, m: np.ndarray, t: int) -> tuple[np.ndarray, np.ndarray]:
        """``(fixed, pos)`` for cells ``m`` (selections x cells): a row of the area table is on
        screen only when it has reviews, so a cell of a row not shown is a public 0 (``fixed``) and
        the cell deciding a row that is shown is at least 1 (``pos``). Selections of 1..T-1
        reviews show no such rows; an empty selection shows 0 everywhere (its match line says so).

        >>> import numpy as np
        >>> lay = Layout.__new__(Layout)
        >>> lay.n, lay.pres, lay.src, lay.offset = 3, np.array([1, 1, -1]), np.array([2, 2, 2]), {"match": 2}
        >>> [x.tolist() for x in lay.public(np.array([[0, 0, 9], [3, 3, 9], [3, 3, 4]]), 5)]
        [[[True, True, False], [False, False, False], [False, False, False]], [[False, False, False], [False, True, False], [False, False, False]]]
        """
        m = np.atleast_2d(m)
        has = self.pres >= 0
        p = np.where(has, self.pres, 0)
        big = m[:, self.src] >= t
        row_on = m[:, p] > 0
        fixed = (has[None, :] & big & ~row_on) | (m[:, [self.offset["match"]]] == 0)
        pos = has[None, :] & (self.pres == np.arange(self.n))[None, :] & big & row_on
        return fixed, pos

    def block(self, vec: np.ndarray, name: str) -> np.ndarray:
        r, c = self.blocks[name]
        o = self.offset[name]
        return vec[..., o:o + r * c].reshape(vec.shape[:-1] + (r, c))

    def counts(self, pr: np.ndarray, plm: np.ndarray, fmask: np.ndarray, group: np.ndarray | None = None,
               k: int = 1) -> np.ndarray:
        """Cells (``k`` x ``n``) of the selection ``pr``/``plm`` (findings over ``fmask``), split by
        ``group`` (a code per review, -1 for none; all in group 0 when ``None``)."""
        d = self.data
        g = np.zeros(len(d.reviews), dtype=np.int64) if group is None else np.asarray(group, dtype=np.int64)
        out = np.zeros((k, self.n), dtype=np.int64)
        rt = q.review_theme_matrix(d, plm).astype(np.int64)
        s = pr & (g >= 0)
        gs = g[s]

        def put(name, rows, vals):  # rows: the block row of each selected review (-1: none)
            r, c = self.blocks[name]
            blk = np.zeros((k, r, c), dtype=np.int64)
            ok = rows >= 0
            np.add.at(blk, (gs[ok], rows[ok]), vals[ok])
            out[:, self.offset[name]:self.offset[name] + r * c] += blk.reshape(k, -1)

        T = len(self.tidx)
        blk = np.zeros((k, T, 2), dtype=np.int64)
        ls = q.listable(d, plm) & (g[d.lp_rev] >= 0)  # learning points counted as shown: withheld ones out
        if T:
            np.add.at(blk[:, :, 0], gs, rt[s][:, self.tidx])
            np.add.at(blk[:, :, 1], g[d.lp_rev][ls], d.theme_mat[ls][:, self.tidx].astype(np.int64))
        out[:, self.offset["themes"]:self.offset["themes"] + 2 * T] = blk.reshape(k, -1)
        yi = self.yi[s]
        if T:
            put("trends", yi, rt[s][:, self.tidx])
        put("denoms", yi, np.ones((len(yi), 1), np.int64))
        ai = self.ai[s]
        put("areas", ai, np.column_stack([np.ones(len(ai), np.int64)] + [rt[s][:, i] for i in self.fidx]))
        if self.hidx:
            hh = rt[s][:, self.hidx]
            blk = np.zeros((k, len(self.hidx), len(self.hidx)), dtype=np.int64)
            np.add.at(blk, gs, hh[:, :, None] * hh[:, None, :])
            o = self.offset["cooc"]
            out[:, o:o + blk[0].size] += blk.reshape(k, -1)
        fs = fmask & (g >= 0)
        gf = g[fs]
        one = np.ones((int(fs.sum()), 1), np.int64)
        for name, codes in (("place", self.place), ("causes", self.cause), ("grades", self.grade),
                            ("sexsize", self.sex), ("ldsize", self.ld), ("overtime", self.yi)):
            r, c = self.blocks[name]
            blk = np.zeros((k, r, 1), dtype=np.int64)
            cf = np.asarray(codes)[fs]
            ok = cf >= 0
            np.add.at(blk, (gf[ok], cf[ok]), one[ok])
            out[:, self.offset[name]:self.offset[name] + r] += blk.reshape(k, -1)
        o = self.offset["match"]  # the match line: reviews, learning points, reviews with a matching one
        np.add.at(out[:, o], gs, 1)
        np.add.at(out[:, o + 1], g[d.lp_rev][ls], 1)
        np.add.at(out[:, o + 2], gf, 1)
        hosp = self.place[fs] == self.settings.index("Hospital")  # "% died in hospital" per year
        blk = np.zeros((k, len(self.years), 1), dtype=np.int64)
        yf = self.yi[fs]
        ok = (yf >= 0) & hosp
        np.add.at(blk, (gf[ok], yf[ok]), one[ok])
        out[:, self.offset["hospyear"]:self.offset["hospyear"] + len(self.years)] += blk.reshape(k, -1)
        for name, codes in (("agesex", self.sex), ("ageld", self.ld)):
            r, c = self.blocks[name]
            blk = np.zeros((k, r, c), dtype=np.int64)
            b, cc = self.band[fs], np.asarray(codes)[fs]
            ok = b >= 0
            np.add.at(blk, (gf[ok], b[ok], cc[ok]), 1)
            out[:, self.offset[name]:self.offset[name] + r * c] += blk.reshape(k, -1)
        return out


def _public(lay: Layout, t: int):
    """:meth:`Layout.public` at threshold ``t``, as :func:`solve` takes it."""
    return lambda cells: lay.public(cells, t)


def _findings_mask(data, filters, r, lm) -> np.ndarray:
    return q.findings_reviews(data, filters, r, lm)


def forced_cells(data: q.ExplorerData, filters: dict, threshold: int, layout_of):
    """The cells of this selection a wider one would give away: ``(layout, hidden, obscured)``
    over ``layout.n`` cells (obscured: show ``"*"``, not ``"<T"``), or ``None`` without filters.

    ``layout_of(parent_filters)`` returns the :class:`Layout` to solve in (the parent's rows, the
    selection's themes).
    """
    if not any(v not in (None, "") for v in filters.values()):
        return None
    filters = q.canonical(data, filters)
    r, lm = q._measures(data, filters)
    child_layout = layout_of(filters)
    hidden = np.zeros(child_layout.n, dtype=bool)
    obscured = np.zeros(child_layout.n, dtype=bool)
    seen_lp: set[bytes] = set()
    for key, value, parent in q._parents(filters):
        pr, plm = q._measures(data, parent)
        if key == "search":  # shorter searches often match the same learning points: once each
            sig = np.packbits(plm).tobytes()
            if sig in seen_lp or np.array_equal(plm, lm):
                continue
            seen_lp.add(sig)
        lay = layout_of(parent)
        pf = _findings_mask(data, parent, pr, plm)
        pc = lay.counts(pr, plm, pf)
        pub = _public(lay, threshold)
        p_hid = solve(pc, None, lay.groups, threshold, stack=False, public=pub)[0][0]
        if key in q._PARTITION_KEYS and value is not None:
            codes, cats, per_lp = q._split_codes(data, key)
            if str(value) not in cats:
                continue
            row = cats.index(str(value))
            if per_lp:
                m = np.vstack([lay.counts(pr, plm & (codes == i),
                                          _findings_mask(data, parent | {key: c}, pr, plm & (codes == i)))[0]
                               for i, c in enumerate(cats)])
            else:
                m = lay.counts(pr, plm, pf, group=codes, k=len(cats))
            d = pc[0][None, :] - m  # a choice 1..T-1 short of the parent gives the others away
            extra = [] if per_lp else _region_lines(data, key, pr, plm, pf, lay, pc[0], p_hid, threshold)
            force = (d > 0) & (d < threshold)
            if not per_lp:
                force |= _nested(data, key, filters, pr, plm, pf, lay, m, codes, threshold)
            hh, oo = solve(m, p_hid, lay.groups, threshold, force=force,
                           margins=[(np.arange(len(m)), p_hid)] + extra, supers=_regions_add_up(m, extra, pc[0], p_hid),
                           public=pub)
            h, o = hh[row], oo[row]
        else:  # a narrower selection inside the parent: a small difference would be the others
            mine_l = lay.counts(r, lm, _findings_mask(data, filters, r, lm))[0]
            d = pc[0] - mine_l
            h = (d > 0) & (d < threshold)  # even where the parent's own tables hide it: they may not
            h &= pc[0] >= threshold  # under a "<T": a 0 shows 0, the rest is "<T" anyway
            o = np.zeros_like(h)
        hidden |= _to_child(lay, h, child_layout)
        obscured |= _to_child(lay, o, child_layout)
    for h, o, lay in _two_way(data, filters, threshold, layout_of):
        hidden |= _to_child(lay, h, child_layout)
        obscured |= _to_child(lay, o, child_layout)
    for o, lay in _margin_obscured(data, filters, threshold, layout_of):
        obscured |= _to_child(lay, o, child_layout)
    return child_layout, hidden, obscured


def _nested(data: q.ExplorerData, key: str, filters: dict, pr, plm, pf, lay: Layout, m: np.ndarray,
            codes: np.ndarray, t: int) -> np.ndarray:
    """Cells of the choices ``m`` of ``key`` to hide because a choice lies wholly inside a choice of
    another filter (every home death in the selection was of someone with a mild learning
    disability): that wider selection is on screen too, and the two differ by the choice's
    neighbours. Cells 1..T-1 short of it are hidden, as against a parent."""
    out = np.zeros(m.shape, dtype=bool)
    active = {k for k, _v, _p in q._parents(filters)}
    n_a = np.bincount(codes[pr & (codes >= 0)], minlength=len(m))[:len(m)]
    for g in q._PARTITION_KEYS:
        if g in active or g == "polarity" or {key, g} == {"region", "icb"}:  # ICBs: _region_lines
            continue
        cg, cats, _per_lp = q._split_codes(data, g)
        sel = pr & (codes >= 0) & (cg >= 0)
        tab = np.zeros((len(m), len(cats)), dtype=np.int64)
        np.add.at(tab, (codes[sel], cg[sel]), 1)
        inside = [(a, int(np.argmax(tab[a]))) for a in range(len(m))
                  if n_a[a] > 0 and (tab[a] > 0).sum() == 1 and tab[a].max() == n_a[a]]
        if not inside:
            continue
        cols = lay.counts(pr, plm, pf, group=cg, k=len(cats))
        for a, b in inside:
            d = cols[b] - m[a]
            out[a] |= (d > 0) & (d < t)
    return out


def _choices_hidden(lay: Layout, pc: np.ndarray, p_hid: np.ndarray, mm: np.ndarray, t: int,
                    extra: list | None = None) -> np.ndarray:
    """The cells each choice ``mm`` of one filter hides, as it does on screen: set against the wider
    selection ``pc`` (hiding ``p_hid``) and in its own tables."""
    d = pc[None, :] - mm
    margins = [(np.arange(len(mm)), p_hid)] + list(extra or [])
    pub = _public(lay, t)
    hh = solve(mm, p_hid, lay.groups, t, force=(d > 0) & (d < t), margins=margins,
               supers=_regions_add_up(mm, list(extra or []), pc, p_hid), public=pub)[0]
    # each choice in its own tables: rows share no line, so one solve of all rows hides what one
    # solve per row does (a pass leaves a row whose lines are safe as it is)
    own = solve(mm, None, lay.groups, t, stack=False, public=pub)[0]
    return hh | own


def _regions_add_up(m: np.ndarray, extra: list, pc: np.ndarray, p_hid: np.ndarray) -> list:
    """The regions' lines (margins 1.. of :func:`solve`) add up to the whole when they hold every
    ICB with reviews here: a line over their totals (``supers``)."""
    if not extra:
        return []
    held = set(np.concatenate([r for r, _h in extra]).tolist())
    if not set(np.flatnonzero(m.sum(axis=1) > 0).tolist()) <= held:
        return []
    return [(list(range(1, 1 + len(extra))), pc, ~p_hid)]


def _region_lines(data: q.ExplorerData, key: str, pr, plm, pf, lay: Layout, pc: np.ndarray, p_hid: np.ndarray,
                  t: int) -> list:
    """For the ICB filter: the ICBs of each region add up to that region's selection, a line of its
    own beside the whole (``(rows, hidden)`` margins for :func:`solve`); none for other filters."""
    if key != "icb" or "region" not in data.rev_cats:
        return []
    icb, reg = data.rev_codes["icb"], data.rev_codes["region"]
    k_icb, k_reg = len(data.rev_cats["icb"]), len(data.rev_cats["region"])
    pairs = {(int(i), int(r)) for i, r in zip(icb, reg) if i >= 0 and r >= 0}
    of: dict[int, set[int]] = {}
    for i, r in pairs:
        of.setdefault(r, set()).add(i)
    split = {i for i, _r in pairs if sum(1 for j, _ in pairs if j == i) > 1}  # an ICB in two regions
    regs = lay.counts(pr, plm, pf, group=reg, k=k_reg)
    r_hid = _choices_hidden(lay, pc, p_hid, regs, t)
    return [(np.array(sorted(of[r])), r_hid[r]) for r in sorted(of) if not (of[r] & split) and r < k_reg
            and max(of[r]) < k_icb]


def _two_way(data: q.ExplorerData, filters: dict, threshold: int, layout_of):
    """For every two filters whose choices split a wider selection (sex and region, year and age
    band, ...): the two-way table of their choices within the selection without both, solved with
    all its lines at once (each row adds up to a choice of one filter, each column to a choice of
    the other). Solving the lines of one filter at a time lets a chain through both give a hidden
    count away: a row total minus a shown cell is a cell the column hid, and then the column pins
    its small cell. Yields ``(hidden, obscured, layout)`` of this selection's cells."""
    parts = _partition_parts(data, filters)
    for x in range(len(parts)):
        for y in range(x + 1, len(parts)):
            (_f, a, _cf, _kf, drop_f), (_g, b, _cg, kg, drop_g) = parts[x], parts[y]
            if {_f, _g} == {"region", "icb"}:  # an ICB lies in one region: handled by _region_lines
                continue
            base = {k: v for k, v in filters.items() if k not in drop_f | drop_g and v not in (None, "")}
            tab = _table(data, base, _f, _g, threshold, layout_of)
            yield tab["hidden"][a * kg + b], tab["obscured"][a * kg + b], tab["layout"]


def _partition_parts(data: q.ExplorerData, filters: dict) -> list[tuple]:
    """``(key, choice index, codes, number of choices, filter keys it sets)`` of every active filter
    whose choices split its wider selection (the type of learning aside)."""
    parts = []
    for key, value, parent in q._parents(filters):
        if key in q._PARTITION_KEYS and key != "polarity" and value is not None:
            codes, cats, _per_lp = q._split_codes(data, key)
            if str(value) in cats:
                parts.append((key, cats.index(str(value)), codes, len(cats), set(filters) - set(parent)))
    return parts


@dataclass
class _TwoWayCounts:
    """The counts of a two-way table of the choices of ``f`` by those of ``g`` within a selection:
    ``pc`` the selection's own cells, ``rows`` (``kf`` x cells), ``cols`` (``kg`` x cells),
    ``cells`` (``kf * kg`` x cells) and each cell's shortfall from its row (``d_r``) and column
    (``d_c``)."""

    kf: int
    kg: int
    pr: np.ndarray
    plm: np.ndarray
    pf: np.ndarray
    pc: np.ndarray
    rows: np.ndarray
    cols: np.ndarray
    cells: np.ndarray
    d_r: np.ndarray
    d_c: np.ndarray


def _two_way_counts(data: q.ExplorerData, base: dict, f: str, g: str, lay: Layout) -> _TwoWayCounts:
    """Count the two-way table of ``f`` by ``g`` within ``base`` on layout ``lay``."""
    cf, cats_f, _pf = q._split_codes(data, f)
    cg, cats_g, _pg = q._split_codes(data, g)
    kf, kg = len(cats_f), len(cats_g)
    pr, plm = q._measures(data, base)
    pf = _findings_mask(data, base, pr, plm)
    pc = lay.counts(pr, plm, pf)[0]
    rows = lay.counts(pr, plm, pf, group=cf, k=kf)
    cols = lay.counts(pr, plm, pf, group=cg, k=kg)
    both = np.where((cf >= 0) & (cg >= 0), cf * kg + cg, -1)
    cells = lay.counts(pr, plm, pf, group=both, k=kf * kg)
    return _TwoWayCounts(kf, kg, pr, plm, pf, pc, rows, cols, cells, np.repeat(rows, kg, axis=0) - cells,
                         np.tile(cols, (kf, 1)) - cells)


def _cached_table(data: q.ExplorerData, kind: str, base: dict, f: str, g: str, threshold: int, layout_of,
                  build) -> dict:
    """``build(layout)`` for this selection, pair of filters and layout, cached on ``data`` (at most
    256 tables; the cache is emptied when full). The result is a dict that also holds ``layout``."""
    lay = layout_of(base)
    key = (kind, threshold, f, g, tuple(sorted((k, str(v)) for k, v in base.items())), tuple(lay.themes),
           tuple(lay.years), lay.area_level, tuple(lay.areas), tuple(lay.focus), tuple(lay.heat))
    cache = data.__dict__.setdefault("_guard_tables", {})
    if key not in cache:
        if len(cache) >= 256:
            cache.clear()
        cache[key] = {"layout": lay, **build(lay)}
    return cache[key]


def _table(data: q.ExplorerData, base: dict, f: str, g: str, threshold: int, layout_of) -> dict:
    """The two-way table of the choices of ``f`` by those of ``g`` within ``base``, solved (cached
    on ``data`` per selection, pair of filters and layout): ``layout``, ``hidden`` and ``obscured``
    of its cells (``kf * kg`` rows)."""

    def build(lay: Layout) -> dict:
        tw = _two_way_counts(data, base, f, g, lay)
        kf, kg, pc = tw.kf, tw.kg, tw.pc
        pub = _public(lay, threshold)
        p_hid = solve(pc[None, :], None, lay.groups, threshold, stack=False, public=pub)[0][0]
        h_rows = _choices_hidden(lay, pc, p_hid, tw.rows, threshold,
                                 _region_lines(data, f, tw.pr, tw.plm, tw.pf, lay, pc, p_hid, threshold))
        h_cols = _choices_hidden(lay, pc, p_hid, tw.cols, threshold,
                                 _region_lines(data, g, tw.pr, tw.plm, tw.pf, lay, pc, p_hid, threshold))
        grid = np.arange(kf * kg).reshape(kf, kg)
        margins = [(grid[i], h_rows[i]) for i in range(kf)] + [(grid[:, j], h_cols[j]) for j in range(kg)]
        force = ((tw.d_r > 0) & (tw.d_r < threshold)) | ((tw.d_c > 0) & (tw.d_c < threshold))
        supers = [(list(range(kf)), pc, ~p_hid), (list(range(kf, kf + kg)), pc, ~p_hid)]
        hh, oo = solve(tw.cells, None, lay.groups, threshold, force=force, margins=margins, supers=supers,
                       public=pub)
        return {"hidden": hh, "obscured": oo}

    return _cached_table(data, "table", base, f, g, threshold, layout_of, build)


def _obscure_margins(cells: np.ndarray, h: np.ndarray, kf: int, kg: int, rows: np.ndarray, cols: np.ndarray,
                     h_rows: np.ndarray, h_cols: np.ndarray, pc: np.ndarray, p_hid: np.ndarray, groups: list, t: int,
                     public=None, rounds: int = 50) -> tuple[np.ndarray, np.ndarray]:
    """The small cells of each row margin (``kf`` x cells) and column margin (``kg`` x cells) of a
    two-way table to show as ``"*"`` (not ``"<T"``).

    The table's cells can hide only what lies in it; a margin (one filter's choice, on its own
    screen) can still be pinned through cells that are empty selections, which every reader knows
    are 0 (London holds every home death: a region's "<5" is then pinned by the hospital column
    and another region's total). A reader's bounds are narrowed along every row, column, the
    margins' totals (the whole) and the lines within each screen, all rows at once; a pinned "<T"
    margin cell becomes "*", until none is. A margin already "*" and still pinned is left.
    ``h`` (``kf * kg`` x cells): the table cells hidden; ``h_rows``/``h_cols``: the margins'.
    """
    n = cells.shape[1]
    small = (cells > 0) & (cells < t)
    lo0 = np.where(~h, cells, np.where(small, 1, 0)).astype(float)
    hi0 = np.where(~h, cells, np.where(small, t - 1, np.inf)).astype(float)
    if public is not None:
        lo0 = np.maximum(lo0, public(cells)[1].astype(float))
    pos_r = public(rows)[1] if public is not None else np.zeros(rows.shape, bool)
    pos_c = public(cols)[1] if public is not None else np.zeros(cols.shape, bool)
    o_r, o_c = np.zeros(rows.shape, bool), np.zeros(cols.shape, bool)
    ws = (pc > 0) & (pc < t)
    w_lo0 = np.where(~p_hid, pc, np.where(ws, 1, 0)).astype(float)
    w_hi0 = np.where(~p_hid, pc, np.where(ws, t - 1, np.inf)).astype(float)

    def margin(vals, hid, obs, pos):
        sm = (vals > 0) & (vals < t) & ~obs
        return (np.where(~hid, vals, np.where(sm | pos, 1, 0)).astype(float),
                np.where(~hid, vals, np.where(sm, t - 1, np.inf)).astype(float))

    gt = [m_[:, g].sum(axis=1) for m_ in (cells,) for g in groups]
    g_runs = []  # the groups' lines, a run of disjoint groups at once (see _bounds)
    for ks in _disjoint_runs(groups):
        idx, ok = _padded([groups[k] for k in ks], n)
        tot = np.column_stack([gt[k] for k in ks])
        ts = (tot > 0) & (tot < t)
        g_runs.append((np.minimum(idx, n - 1), ok, idx[ok], np.where(ts, 1, tot).astype(float),
                       np.where(ts, t - 1, tot).astype(float)))
    for _round in range(20):
        lo, hi = lo0.reshape(kf, kg, n).copy(), hi0.reshape(kf, kg, n).copy()
        rl, rh = margin(rows, h_rows, o_r, pos_r)
        cl, ch = margin(cols, h_cols, o_c, pos_c)
        wl, wh = w_lo0.copy(), w_hi0.copy()
        for _ in range(rounds):
            before = (lo.copy(), hi.copy(), rl.copy(), rh.copy(), cl.copy(), ch.copy())
            lo, hi, rl, rh = _line_update(lo, hi, rl, rh, 1)
            lo, hi, cl, ch = _line_update(lo, hi, cl, ch, 0)
            rl, rh, wl, wh = _line_update(rl, rh, wl, wh, 0)
            cl, ch, wl, wh = _line_update(cl, ch, wl, wh, 0)
            flo, fhi = lo.reshape(kf * kg, n), hi.reshape(kf * kg, n)
            for ci, ok, cols_ok, tl, th in g_runs:
                nl, nh, _a, _b = _line_update(np.where(ok, flo[:, ci], 0.0), np.where(ok, fhi[:, ci], 0.0), tl, th, 2)
                flo[:, cols_ok], fhi[:, cols_ok] = nl[:, ok], nh[:, ok]
            lo, hi = flo.reshape(kf, kg, n), fhi.reshape(kf, kg, n)
            after = (lo, hi, rl, rh, cl, ch)
            if all(np.array_equal(a, b) for a, b in zip(before, after)):
                break
        pin_r = h_rows & (rows > 0) & (rows < t) & ~o_r & (rl == rh)
        pin_c = h_cols & (cols > 0) & (cols < t) & ~o_c & (cl == ch)
        if not (pin_r.any() or pin_c.any()):
            break
        o_r |= pin_r
        o_c |= pin_c
    return o_r, o_c


def _margin_obscured(data: q.ExplorerData, filters: dict, threshold: int, layout_of):
    """For every active filter whose choices split its wider selection, and every other such filter
    not set: the two-way table of both within that wider selection, whose margins are this
    selection's cells; yields ``(obscured, layout)``: the small cells it would pin (show ``"*"``)."""
    from ._privacy import privacy_rules

    if not privacy_rules().get("two_way_margins", True):
        return
    parts = _partition_parts(data, filters)
    active = {k for k, _v, _p in q._parents(filters)}
    for f, a, _cf, _kf, drop_f in parts:
        base = {k: v for k, v in filters.items() if k not in drop_f and v not in (None, "")}
        for g in q._PARTITION_KEYS:
            if g in active or g == "polarity" or {f, g} == {"region", "icb"}:
                continue
            tab = _margin_table(data, base, f, g, threshold, layout_of)
            yield tab["rows_obscured"][a], tab["layout"]


def _margin_table(data: q.ExplorerData, base: dict, f: str, g: str, threshold: int, layout_of) -> dict:
    """:func:`_table`'s margins to show as ``"*"``, cheaply and on the safe side: the reader is taken
    to know every cell of the table the guard does not surely hide (a count of 1..T-1, a cell 1..T-1
    short of its row or column) and every margin but the small ones exactly (the screens hide more,
    so a margin found safe here is safe there). Cached on ``data`` like :func:`_table`."""

    def build(lay: Layout) -> dict:
        tw = _two_way_counts(data, base, f, g, lay)
        t = threshold
        pub = _public(lay, t)
        p_hid = (tw.pc > 0) & (tw.pc < t)
        small_r, small_c = (tw.rows > 0) & (tw.rows < t), (tw.cols > 0) & (tw.cols < t)
        h = ((tw.cells > 0) & (tw.cells < t)) | ((tw.d_r > 0) & (tw.d_r < t)) | ((tw.d_c > 0) & (tw.d_c < t))
        h &= ~pub(tw.cells)[0]
        o_r, o_c = _obscure_margins(tw.cells, h, tw.kf, tw.kg, tw.rows, tw.cols, small_r, small_c, tw.pc, p_hid,
                                    lay.groups, t, pub)
        return {"rows_obscured": o_r, "cols_obscured": o_c}

    return _cached_table(data, "margins", base, f, g, threshold, layout_of, build)


def _to_child(lay: Layout, h: np.ndarray, child: Layout) -> np.ndarray:
    """Map hidden cells of a parent's layout onto the child's (rows matched by label)."""
    if lay is child or (lay.years == child.years and lay.areas == child.areas and lay.themes == child.themes
                        and lay.focus == child.focus and lay.heat == child.heat):
        return h
    out = np.zeros(child.n, dtype=bool)
    rows: dict[str, tuple[list, list]] = {"trends": (lay.years, child.years), "denoms": (lay.years, child.years),
            "overtime": (lay.years, child.years), "hospyear": (lay.years, child.years),
            "areas": (lay.areas, child.areas)}
    for name in child.blocks:
        src = lay.block(h, name)
        dst = child.block(out, name)
        if name in rows:
            a, b = rows[name]
            for i, lab in enumerate(b):
                if lab in a:
                    dst[i] = src[a.index(lab)]
        else:
            dst[...] = src
    return out


__all__ = ["Layout", "solve", "forced_cells"]
