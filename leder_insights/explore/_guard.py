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

>>> import numpy as np
>>> solve(np.array([[2, 6], [10, 0], [5, 1]]), None, [], 5)[0][:, 0].tolist()   # 2 + 10 + 5 = 17 shown
[True, False, True]
"""
from __future__ import annotations

import numpy as np

from . import _queries as q


def _line_safe(vals: np.ndarray, hid: np.ndarray, obs: np.ndarray, t: int) -> bool:
    """Can no hidden cell of a line with a shown total be worked out, nor their sum be small?

    A reader knows ``"<T"`` is 1..T-1 and ``"*"`` is any number (0 included).
    """
    v = vals[hid]
    tot = int(v.sum())
    if tot == 0:
        return True
    if tot < t:
        return False
    small = (v > 0) & (v < t) & ~obs[hid]
    if not small.any():  # every hidden cell may be any number: pinned only when it is alone
        return len(v) > 1
    lo = np.where(small, 1, 0)
    hi = np.where(small, t - 1, 0)  # finite part; "*" cells have no upper bound
    n_free = int((~small).sum())
    others_free = n_free - (~small).astype(int) > 0
    others_hi = np.where(others_free, np.inf, hi.sum() - hi)
    a = np.maximum(lo, tot - others_hi)
    b = np.minimum(np.where(small, t - 1, np.inf), tot - (lo.sum() - lo))
    return not bool((a >= b).any())


def solve(m: np.ndarray, p_hidden: np.ndarray | None, groups: list[np.ndarray], t: int,
          force: np.ndarray | None = None, stack: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """``(hidden, obscured)`` cells of ``m`` (choices x cells).

    Lines: each column across choices (``stack``; its total, the parent's cell, is shown unless
    ``p_hidden``, in which case the whole column is hidden), and within each choice each index
    array of ``groups`` (cells adding up to a shown total). A line still unsafe when all its cells
    are hidden shows its small cells as ``"*"`` instead of ``"<T"`` (``obscured``).
    """
    m = np.asarray(m, dtype=np.int64)
    h = (m > 0) & (m < t)
    obs = np.zeros_like(h)
    if force is not None:
        h |= force
    if p_hidden is not None and stack:
        h[:, p_hidden] = True
    totals = {id(g): m[:, g].sum(axis=1) for g in groups}
    changed = True
    while changed:
        changed = False
        lines: list[tuple] = []
        if stack and m.shape[0] > 1:
            cols = np.flatnonzero(h.any(axis=0) & ~(p_hidden if p_hidden is not None else False))
            lines += [(slice(None), j) for j in cols]
        for g in groups:
            tot = totals[id(g)]
            for i in np.flatnonzero(h[:, g].any(axis=1) & ~((tot > 0) & (tot < t))):
                lines.append((i, g))
        for i, j in lines:
            vals, hid, ob = m[i, j], h[i, j], obs[i, j]
            if not hid.any() or _line_safe(vals, hid, ob, t):
                continue
            cand = np.flatnonzero(~hid & (vals > 0))
            if len(cand):
                sub = h[i, j]
                sub[cand[np.argmin(vals[cand])]] = True
                h[i, j] = sub
                changed = True
            else:
                sub, osub = h[i, j], obs[i, j]
                new = ~sub | (~osub & (vals > 0) & (vals < t))
                if new.any():
                    sub[:] = True
                    osub[(vals > 0) & (vals < t)] = True
                    h[i, j], obs[i, j] = sub, osub
                    changed = True
    return h, obs


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
        rv = data.reviews
        from ._findings import SETTINGS

        self.settings = list(dict.fromkeys(list(SETTINGS.values()) + ["Other or not recorded"]))
        self.place = np.array([self.settings.index(SETTINGS.get(p, "Other or not recorded"))
                               for p in rv["place_of_death"]])
        self.causes = sorted(set(rv["cause_group"].astype(str))) if "cause_group" in rv else ["unknown"]
        self.cause = np.array([self.causes.index(c) for c in rv["cause_group"].astype(str)]) \
            if "cause_group" in rv else np.zeros(len(rv), int)
        self.grades = sorted(set(rv["care_grade"].astype(str)))
        self.grade = np.array([self.grades.index(g) for g in rv["care_grade"].astype(str)])
        self.bands = [b for _lo, _hi, b in q.AGE_BANDS]
        band_of = rv["age_band"].astype(str).to_numpy()
        self.band = np.array([self.bands.index(b) if b in self.bands else -1 for b in band_of])
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
        ls = plm & (g[d.lp_rev] >= 0)
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


def _findings_mask(data, filters, r, lm) -> np.ndarray:
    return q.listed_reviews(data, lm) if q.filters_select_lps(filters) else r


def forced_cells(data: q.ExplorerData, filters: dict, threshold: int, layout_of):
    """The cells of this selection a wider one would give away: ``(layout, hidden, obscured)``
    over ``layout.n`` cells (obscured: show ``"*"``, not ``"<T"``), or ``None`` without filters.

    ``layout_of(parent_filters)`` returns the :class:`Layout` to solve in (the parent's rows, the
    selection's themes).
    """
    if not any(v not in (None, "") for v in filters.values()):
        return None
    r, lm = q._measures(data, filters)
    child_layout = layout_of(filters)
    hidden = np.zeros(child_layout.n, dtype=bool)
    obscured = np.zeros(child_layout.n, dtype=bool)
    for key, value, parent in q._parents(filters):
        lay = layout_of(parent)
        pr, plm = q._measures(data, parent)
        pf = _findings_mask(data, parent, pr, plm)
        pc = lay.counts(pr, plm, pf)
        p_hid = solve(pc, None, lay.groups, threshold, stack=False)[0][0]
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
            hh, oo = solve(m, p_hid, lay.groups, threshold, force=(d > 0) & (d < threshold) & ~p_hid[None, :])
            h, o = hh[row], oo[row]
        else:  # a narrower selection inside the parent: a small difference would be the others
            mine_l = lay.counts(r, lm, _findings_mask(data, filters, r, lm))[0]
            d = pc[0] - mine_l
            h = (d > 0) & (d < threshold) & ~p_hid
            o = np.zeros_like(h)
        hidden |= _to_child(lay, h, child_layout)
        obscured |= _to_child(lay, o, child_layout)
    return child_layout, hidden, obscured


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
