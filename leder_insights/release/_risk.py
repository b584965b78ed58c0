"""Disclosure risk on the quasi-identifiers: generalisation levels, k-anonymity, l-diversity.

k-anonymity is a property of the whole release, while the submission streams chunks; so the work
is split in two: :func:`plan_release` looks at the quasi-identifier values of *all* rows (a few
short columns) and chooses one level per hierarchy plus the few combinations to suppress;
:meth:`ReleasePlan.apply` then generalises any chunk the same way. :func:`measure_risk` measures
the released columns themselves (the gate's check).

The measures follow pyCANON's definitions (k = size of the smallest equivalence class; l = the
smallest number of distinct sensitive values in a class); ``tests/release`` checks them against
pyCANON's own results (see ``docs/release.md`` for why pyCANON is not a runtime dependency).

>>> import pandas as pd
>>> qi = pd.DataFrame({"sex": ["f", "f", "m", "m", "m"], "band": ["50-59"] * 5})
>>> r = measure_risk(qi, k=2, sensitive=pd.Series([1, 2, 3, 3, 4]))
>>> r["k"], r["share_below_k"], r["l_diversity"]
(2, 0.0, 2)
"""
from __future__ import annotations

from collections import Counter

import re
from typing import Any
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

SUPPRESSED = "*"
_NA = "\x00"  # a missing value is a value of its own when records are grouped


def _text(v) -> str | None:
    if v is None or (not isinstance(v, str) and pd.isna(v)):
        return None
    return str(v)


_LEADING_INT = re.compile(r"\s*(\d+)")


def _as_int(v) -> int | None:
    """The leading whole number of a value: ``54`` -> 54, ``"2019-04-16"`` -> 2019, ``"60–69"``
    -> 60, ``"90 or over"`` -> 90 (so every level can be computed again from level 0)."""
    if isinstance(v, (int, np.integer)) and not isinstance(v, bool):
        return int(v)
    t = _text(v)
    if t is None:
        return None
    m = _LEADING_INT.match(t)
    return int(m.group(1)) if m else None


def _band(age: int | None, width: int, top: int) -> str | None:
    if age is None:
        return None
    if age >= top:
        return f"{top} or over"
    lo = (age // width) * width
    return f"{lo}\u2013{lo + width - 1}"


def generalise_values(values: pd.Series, spec: dict, fallback: pd.Series | None = None) -> pd.Series:
    """``values`` (a hierarchy's base values) at the level described by ``spec``.

    Missing stays missing, except at a ``suppress`` level.

    >>> generalise_values(pd.Series([54, 93, None]), {"kind": "band", "width": 10, "top": 90}).tolist()
    ['50\u201359', '90 or over', None]
    >>> generalise_values(pd.Series(["2019", "2020"]), {"kind": "period", "width": 2, "origin": 2000}).tolist()
    ['2018\u20132019', '2020\u20132021']
    """
    kind = spec["kind"]
    if kind == "suppress":
        return pd.Series([SUPPRESSED] * len(values), index=values.index, dtype=object)
    if kind == "value":
        out = [_text(v) for v in values]
    elif kind == "band":
        out = [_band(_as_int(v), int(spec["width"]), int(spec.get("top", 10_000))) for v in values]
    elif kind == "period":
        w, origin = int(spec["width"]), int(spec.get("origin", 0))
        out = []
        for v in values:
            y = _as_int(v)
            if y is None:
                out.append(None)
                continue
            lo = origin + ((y - origin) // w) * w
            out.append(f"{lo}\u2013{lo + w - 1}")
    elif kind == "prefix":
        sep = str(spec.get("separator", ":"))
        out = [t.split(sep, 1)[0].strip() if (t := _text(v)) is not None else None for v in values]
    elif kind == "word_groups":  # free text -> the group whose word comes first; a group id stays
        groups = spec["groups"]
        ids = {g for g, _ in groups} | {str(spec.get("other", "other"))}
        out = []
        for v in values:
            t = _text(v)
            if t is None or not t.strip():
                out.append(None)
            elif t in ids:
                out.append(t)
            else:
                best = None
                for gid, pat in groups:
                    m = pat.search(t)
                    if m and (best is None or (m.start(), -len(m.group())) < best[0]):
                        best = ((m.start(), -len(m.group())), gid)
                out.append(best[1] if best else str(spec.get("other", "other")))
    elif kind in ("map", "map_file"):
        table = spec["table"]
        default = spec.get("default")
        known = set(table.values())
        fb = list(fallback) if fallback is not None else [None] * len(values)
        out = []
        for v, f in zip(values, fb):
            t = _text(v)
            if t is None:
                out.append(None)
            elif t in table:
                out.append(table[t])
            elif default is not None:
                out.append(default)
            else:  # e.g. an ICB not in the table: its own region column, if that is a known region
                ft = _text(f)
                out.append(ft if ft in known else "other")
    else:  # pragma: no cover - load_release_schema validates kinds
        raise ValueError(kind)
    # a value already suppressed (a review an earlier release suppressed) stays so at every level
    out = [SUPPRESSED if isinstance(v, str) and v == SUPPRESSED else o for v, o in zip(values, out)]
    return pd.Series(out, index=values.index, dtype=object)


def _class_sizes(qi: pd.DataFrame) -> pd.Series:
    """For every record, the size of its equivalence class on all columns of ``qi``."""
    if qi.shape[1] == 0:
        return pd.Series(len(qi), index=qi.index)
    key = qi.fillna(_NA).astype(str)
    return key.groupby(list(key.columns), sort=False, dropna=False)[key.columns[0]].transform("size")


def measure_risk(qi: pd.DataFrame, k: int = 5, sensitive: pd.Series | None = None,
                 top: int = 10) -> dict:
    """k-anonymity (and l-diversity of ``sensitive``) of released quasi-identifier columns.

    Records whose quasi-identifiers are all suppressed (``*``) stay in the release with their text
    and care grade, so they are one class of their own (ARX removes suppressed records from its
    output; this release keeps them): counted in ``n_suppressed`` and, when there are 1 to ``k - 1`` of them, they set ``k``
    and count below it (``failing`` names the class as all ``*``). Returns ``k``
    (smallest class), ``share_below_k`` (records in classes smaller than ``k``), ``n_unique`` and
    ``share_unique``, ``l_diversity`` (smallest number of distinct sensitive values in a class)
    and ``share_l_below_2``, and ``failing``: the ``top`` smallest classes below ``k`` (their
    generalised values and size) so a refusal can say which combination fails.
    """
    n = len(qi)
    if n == 0 or qi.shape[1] == 0:  # nothing released that could single a record out
        return {"n_records": int(n), "n_suppressed": 0, "k": None, "k_target": k, "share_below_k": 0.0,
                "n_unique": 0, "share_unique": 0.0, "l_diversity": None, "share_l_below_2": 0.0,
                "n_classes": 0, "failing": [], "quasi_identifiers": list(qi.columns)}
    suppressed = (qi == SUPPRESSED).all(axis=1) if qi.shape[1] else pd.Series(False, index=qi.index)
    rest = qi[~suppressed]
    out: dict[str, Any] = {"n_records": int(n), "n_suppressed": int(suppressed.sum()), "k_target": int(k),
           "quasi_identifiers": list(qi.columns)}
    n_sup = int(suppressed.sum())
    small_sup = 0 < n_sup < k
    if len(rest) == 0:
        out.update(k=n_sup if n_sup else None, share_below_k=round(n_sup / n, 6) if small_sup else 0.0,
                   n_unique=int(n_sup == 1), share_unique=round(int(n_sup == 1) / n, 6),
                   l_diversity=None, share_l_below_2=0.0, n_classes=int(n_sup > 0),
                   failing=[{"values": {c: SUPPRESSED for c in qi.columns}, "size": n_sup}] if small_sup else [])
        return out
    sizes = _class_sizes(rest)
    below = sizes < k
    out["k"] = int(min(sizes.min(), n_sup)) if n_sup else int(sizes.min())
    out["share_below_k"] = round(float(below.sum() + (n_sup if small_sup else 0)) / n, 6)
    out["n_unique"] = int((sizes == 1).sum()) + int(n_sup == 1)
    out["share_unique"] = round(out["n_unique"] / n, 6)
    key = rest.fillna(_NA).astype(str)
    groups = key.groupby(list(key.columns), sort=False, dropna=False)
    out["n_classes"] = int(groups.ngroups) + int(n_sup > 0)
    if sensitive is not None:
        s = sensitive.loc[rest.index].astype(object).where(sensitive.loc[rest.index].notna(), _NA)
        distinct = s.groupby([key[c] for c in key.columns], sort=False, dropna=False).transform("nunique")
        out["l_diversity"] = int(distinct.min())
        out["share_l_below_2"] = round(float((distinct < 2).sum()) / n, 6)
    failing = []
    if below.any():
        small = key[below].assign(_size=sizes[below]).drop_duplicates()
        small = small.sort_values("_size").head(top)
        for rec in small.to_dict("records"):
            size = rec.pop("_size")
            failing.append({"values": {c: (None if v == _NA else v) for c, v in rec.items()},
                            "size": int(size)})
    if small_sup:
        failing.insert(0, {"values": {c: SUPPRESSED for c in qi.columns}, "size": n_sup})
        failing = failing[:top]
    out["failing"] = failing
    return out


@dataclass
class ReleasePlan:
    """Chosen hierarchy levels and suppressed combinations for a whole release.

    ``levels`` maps hierarchy -> level; ``suppressed`` holds the released quasi-identifier tuples
    (in ``columns`` order) whose records get every quasi-identifier replaced by ``*``.
    """

    levels: dict
    columns: tuple
    suppressed: frozenset = frozenset()
    k: int = 5
    max_suppressed_share: float = 0.05
    meets_k: bool = True
    n_records: int = 0
    n_suppressed: int = 0
    n_generalised: int = 0
    steps: list = field(default_factory=list)
    level_names: dict = field(default_factory=dict)
    failing: list = field(default_factory=list)

    def to_dict(self) -> dict:
        """What the manifest records (no record-level values)."""
        n = max(self.n_records, 1)
        return {"k_target": self.k, "meets_k": self.meets_k,
                "levels": {h: {"level": lvl, "name": self.level_names.get(h, {}).get(lvl, "")}
                           for h, lvl in self.levels.items()},
                "n_records": self.n_records, "n_suppressed": self.n_suppressed,
                "share_suppressed": round(self.n_suppressed / n, 6),
                "n_generalised": self.n_generalised,
                "share_generalised": round(self.n_generalised / n, 6),
                "max_suppressed_share": self.max_suppressed_share,
                "n_suppressed_combinations": len(self.suppressed), "steps": list(self.steps),
                "failing": list(self.failing)}

    def suppress(self, qi: pd.DataFrame) -> pd.DataFrame:
        """``qi`` (released columns at the plan's levels) with suppressed combinations masked."""
        if not self.suppressed or len(qi) == 0:
            return qi
        key = qi[list(self.columns)].fillna(_NA).astype(str)
        mask = pd.Series([tuple(r) in self.suppressed for r in key.itertuples(index=False)],
                         index=qi.index)
        if mask.any():
            qi = qi.copy()
            qi.loc[mask, list(self.columns)] = SUPPRESSED
        return qi


def class_keys(code_columns) -> np.ndarray:
    """One integer per record naming its equivalence class, from per-column integer codes
    (mixed radix while it fits in 63 bits, re-factorised when it would not)."""
    key = None
    for codes in code_columns:
        codes = np.asarray(codes, dtype=np.int64)
        if key is None:
            key = codes.copy()
            continue
        radix = int(codes.max(initial=0)) + 1
        if int(key.max(initial=0)) + 1 > (1 << 62) // radix:
            key = pd.factorize(key)[0].astype(np.int64)
        key = key * radix + codes
    return key if key is not None else np.zeros(0, dtype=np.int64)


def factorize(values: pd.Series) -> np.ndarray:
    """Integer codes of ``values`` (missing is a value of its own)."""
    return pd.factorize(values.fillna(_NA).astype(str))[0]


def _all_suppressed(qi: pd.DataFrame) -> pd.Series:
    if qi.shape[1] == 0:
        return pd.Series(False, index=qi.index)
    return (qi == SUPPRESSED).all(axis=1)


#: lattices up to this many nodes are searched exhaustively (the exact optimum of the loss);
#: larger ones greedily (``search="auto"``)
EXHAUSTIVE_LIMIT = 5_000


def _n_below_and_classes(key, k: int, exempt=None) -> tuple[int, int]:
    """``(records in classes smaller than k, number of classes)``; exempt records not counted."""
    if len(key) == 0:
        return 0, 0
    _, inverse, counts = np.unique(key, return_inverse=True, return_counts=True)
    below = counts[inverse] < k
    if exempt is not None:
        below &= ~exempt
    return int(below.sum()), int(len(counts))


def _suppressed_class_mask(key, k: int, exempt=None, split=None) -> np.ndarray | None:
    """The records to suppress so that the suppressed records, which stay in the release with
    their text, are themselves a class of ``k`` or more (attacker 5's F11).

    Starts from the classes smaller than ``k`` (and the ``exempt`` records, already all ``*``);
    while the suppressed records number 1 to ``k - 1`` -- as a whole or within one value of
    ``split`` (the sex, which the text's pronouns give back; ``-1`` = not readable) -- the
    smallest remaining class is suppressed too. Returns the mask of non-exempt records to
    suppress, or ``None`` when even suppressing everything leaves a group of 1 to ``k - 1``.

    >>> _suppressed_class_mask(np.array([0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2]), 5).astype(int).tolist()
    [1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]
    """
    n = len(key)
    exempt = np.zeros(n, dtype=bool) if exempt is None else np.asarray(exempt, dtype=bool)
    if n == 0:
        return np.zeros(0, dtype=bool)
    _, inverse, counts = np.unique(key, return_inverse=True, return_counts=True)
    below = (counts[inverse] < k) & ~exempt
    split = None if split is None else np.asarray(split)

    def too_small(mask) -> bool:
        m = int(mask.sum())
        if 0 < m < k:
            return True
        if split is None:
            return False
        vals, cnt = np.unique(split[mask & (split >= 0)], return_counts=True)
        return bool(((cnt > 0) & (cnt < k)).any())

    taken = below | exempt
    if not too_small(taken):
        return below
    # remaining classes whole, smallest first (ties: first seen); where one sex is short, only
    # classes holding that sex help (sex is never generalised, so most classes hold one)
    order = np.argsort(inverse, kind="stable")
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    has = ({int(v): np.bincount(inverse[split == v], minlength=len(counts)) > 0
            for v in np.unique(split[split >= 0])} if split is not None else {})
    open_ = np.bincount(inverse[~taken], minlength=len(counts)) > 0
    while too_small(taken):
        m = int(taken.sum())
        useful = open_.copy()
        if not 0 < m < k and split is not None:  # the whole class is large enough: a sex is short
            vals, cnt = np.unique(split[taken & (split >= 0)], return_counts=True)
            short = [int(v) for v, c in zip(vals, cnt) if 0 < c < k]
            useful &= np.logical_or.reduce([has[v] for v in short]) if short else useful
        if not useful.any():
            return None
        cands = np.flatnonzero(useful)
        c = int(cands[np.argmin(counts[cands])])
        rows = order[starts[c]:starts[c] + counts[c]]
        below[rows] = ~exempt[rows]
        taken[rows] = True
        open_[c] = False
    return below


def _exhaustive(order, loss, evaluate, limit, ranges):
    """Every node of the lattice in order of loss; the first within ``limit`` (ties: fewer below)."""
    import itertools

    nodes = sorted(itertools.product(*ranges), key=lambda nd: (round(loss(nd), 9), nd))
    i = 0
    while i < len(nodes):  # nodes of equal loss: keep the one that suppresses fewest
        j = i
        while j < len(nodes) and round(loss(nodes[j]), 9) == round(loss(nodes[i]), 9):
            j += 1
        best = None
        for nd in nodes[i:j]:
            below = evaluate(nd)[0]
            if below <= limit and (best is None or below < best[0]):
                best = (below, nd)
        if best is not None:
            return best[1]
        i = j
    return None


def _ladder(tops, evaluate, limit, floor=None):
    """The simple baseline: every hierarchy one level up together (capped at its top, never below
    its ``floor``) until the limit is met."""
    floor = floor or tuple(0 for _ in tops)
    for t in range(max(tops, default=0) + 1):
        nd = tuple(max(f, min(t, m)) for f, m in zip(floor, tops))
        if evaluate(nd)[0] <= limit:
            return nd
    return None


def _greedy(tops, weights, loss, evaluate, limit, floor=None):
    """Bottom-up greedy search: from the narrowest levels (or ``floor``), repeatedly raise the
    hierarchy whose next level removes the most records from classes below k per unit of added
    loss (when no step removes any: the one that merges most classes per unit of loss), until the
    limit is met; then lower again, most valuable hierarchy first, every level the limit allows
    (never below ``floor``)."""
    floor = tuple(floor or (0 for _ in tops))
    node = floor
    below, classes = evaluate(node)
    while below > limit:
        steps = []
        for i, top in enumerate(tops):
            if node[i] >= top:
                continue
            nd = node[:i] + (node[i] + 1,) + node[i + 1:]
            b, c = evaluate(nd)
            dl = max(loss(nd) - loss(node), 1e-9)
            steps.append(((below - b) / dl, (classes - c) / dl, -b, -dl, nd))
        if not steps:
            return None
        if any(st[0] > 0 for st in steps):
            best = max(steps, key=lambda st: (st[0], st[2], st[3]))
        else:
            best = max(steps, key=lambda st: (st[1], st[2], st[3]))
        node = best[4]
        below, classes = evaluate(node)
    changed = True
    by_value = sorted(range(len(tops)), key=lambda i: -weights[i])
    while changed:  # the climb may have over-shot: give back what is not needed
        changed = False
        for i in by_value:
            while node[i] > floor[i]:
                nd = node[:i] + (node[i] - 1,) + node[i + 1:]
                if evaluate(nd)[0] > limit:
                    break
                node, changed = nd, True
    return node


def plan_release(qi_at, hierarchies: dict, n_records: int, k: int = 5,
                 max_suppressed_share: float = 0.05, order: tuple | None = None,
                 codes_at=None, exempt_at=None, search: str = "auto",
                 floor: dict | None = None, split=None) -> ReleasePlan:
    """Choose one level per hierarchy so that at most ``max_suppressed_share`` of the records sit
    in classes smaller than ``k`` (those classes are suppressed), losing as little as possible.

    ``qi_at(levels)`` returns the released quasi-identifier columns of all records at ``levels``;
    ``codes_at(levels)`` (optional, faster) their integer codes, one array per column, and
    ``exempt_at(levels)`` the records whose quasi-identifiers are all ``*`` at those levels
    (they carry none and are never counted below k).

    Full-domain generalisation with suppression. The loss of a node is the weighted, normalised
    height ``sum(weight * level / max_level)`` (Sweeney's *Prec* metric, weighted by each
    hierarchy's ``weight``). ``search``:

    * ``"exhaustive"``: every node in order of loss, ties broken by fewer suppressed records; the
      first node that meets the limit (the optimum of the loss). Cost: up to the lattice size.
    * ``"greedy"``: bottom-up (:func:`_greedy`), then the better (lower loss) of its node and the
      simple ladder baseline (all hierarchies raised together). Cost: about
      ``sum(max_level) * n_hierarchies`` nodes, whatever the lattice size.
    * ``"auto"`` (default): exhaustive up to ``EXHAUSTIVE_LIMIT`` nodes, greedy above.

    The records suppressed stay in the release (with their text), so together they are one more
    class: it must hold ``k`` or more records, also within each value of ``split`` (an integer
    per record, ``-1`` where unknown: the sex the text gives back), or the smallest classes are
    suppressed too (:func:`_suppressed_class_mask`); those count towards the limit.

    ``floor`` (hierarchy -> level) keeps every hierarchy at or above the level an earlier release
    of overlapping records used, so that joining the two releases gives no record narrower
    values than the earlier one did (see :func:`composition_floor`).

    If no node meets the limit, ``meets_k`` is False and ``failing`` names the rarest
    combinations at the top of the lattice.

    >>> import pandas as pd
    >>> from leder_insights.release import load_release_schema
    >>> h = load_release_schema().hierarchies
    >>> qi = pd.DataFrame({"sex": ["male", "female"] * 5})
    >>> plan_release(lambda lv: qi, {"sex": h["sex"]}, 10, k=5).levels
    {'sex': 0}
    """
    order = tuple(order or hierarchies)
    tops = [hierarchies[h].max_level for h in order]
    weights = [hierarchies[h].weight for h in order]
    low = tuple(min(max(int((floor or {}).get(h, 0)), 0), t) for h, t in zip(order, tops))
    ranges = [range(f, t + 1) for f, t in zip(low, tops)]
    lattice_size = int(np.prod([len(r) for r in ranges])) if tops else 1

    def loss(node) -> float:
        return sum(w * lvl / max(t, 1) for w, t, lvl in zip(weights, tops, node))

    limit = max_suppressed_share * n_records
    if codes_at is None:
        def codes_at(lv):
            qi = qi_at(lv)
            return [factorize(qi[c]) for c in qi.columns]

    if exempt_at is None:
        def exempt_at(lv):
            return _all_suppressed(qi_at(lv)).to_numpy()
    seen: dict = {}

    def evaluate(nd) -> tuple[int, int]:
        nd = tuple(nd)
        if nd not in seen:
            lv = dict(zip(order, nd))
            key = class_keys(codes_at(lv))
            n_below, n_classes = _n_below_and_classes(key, k, exempt_at(lv))
            mask = _suppressed_class_mask(key, k, exempt_at(lv), split)
            seen[nd] = (n_records + 1 if mask is None else int(mask.sum()), n_classes)
        return seen[nd]

    if search == "auto":
        search = "exhaustive" if lattice_size <= EXHAUSTIVE_LIMIT else "greedy"
    if search not in ("exhaustive", "greedy"):
        raise ValueError(f"search must be auto, exhaustive or greedy, not {search!r}")
    step: dict = {"search": search}
    if any(low):
        step["floor"] = {h: f for h, f in zip(order, low) if f}
    if search == "exhaustive":
        chosen = _exhaustive(order, loss, evaluate, limit, ranges)
    else:
        greedy = _greedy(tops, weights, loss, evaluate, limit, low)
        baseline = _ladder(tops, evaluate, limit, low)
        found = [nd for nd in (greedy, baseline) if nd is not None]
        chosen = min(found, key=lambda nd: (round(loss(nd), 9), evaluate(nd)[0])) if found else None
        step.update(greedy_loss=None if greedy is None else round(loss(greedy), 4),
                    baseline_loss=None if baseline is None else round(loss(baseline), 4))
    meets = chosen is not None
    levels = dict(zip(order, chosen if chosen is not None else tops))
    base = qi_at({h: 0 for h in order})
    final = qi_at(levels)
    columns = tuple(final.columns)
    mask = (_suppressed_class_mask(class_keys(codes_at(levels)), k, exempt_at(levels), split)
            if final.shape[1] else None)  # no quasi-identifier column: nothing to suppress
    below = pd.Series(mask if mask is not None else np.zeros(len(final), dtype=bool), index=final.index)
    key = final.fillna(_NA).astype(str)
    suppressed = frozenset(tuple(r) for r in key[below].itertuples(index=False)) if meets else frozenset()
    changed = (final.fillna(_NA).astype(str) != base.fillna(_NA).astype(str)).any(axis=1)
    names = {h: {i: hierarchies[h].level_name(i) for i in range(len(hierarchies[h].levels))}
             for h in order}
    failing = [] if meets else measure_risk(final, k)["failing"]
    step.update(nodes_evaluated=len(seen), lattice_size=lattice_size,
                information_loss=round(loss(tuple(levels[h] for h in order)), 4))
    return ReleasePlan(levels, columns, suppressed, k, max_suppressed_share, meets, int(n_records),
                       int(below.sum()) if meets else 0,
                       int((changed & ~below).sum()) if meets else int(changed.sum()), [step], names,
                       failing)


def small_counts_hidden(record: dict) -> dict:
    """A copy of a release record (``plan`` and ``risk``, as in the manifest) with every count of
    records smaller than the plan's k written ``"<k"``: the size of each failing combination, the
    achieved k below the target, uniques, suppressed and generalised records, and a share whose
    count is below k (attacker 3's F11: a refused bundle printed a failing cell of size 1, and
    ``share_below_k`` times the record count gives the same). ``n_records`` stays (the size of the
    whole release). The exact record is for the operator only (``<bundle>.local/``).

    >>> rec = {"plan": {"k_target": 5, "n_suppressed": 0, "n_generalised": 3, "share_generalised": 0.5,
    ...                 "failing": [{"values": {"sex": "other"}, "size": 1}]},
    ...        "risk": {"n_records": 6, "k": 1, "n_unique": 1, "share_unique": 0.166667,
    ...                 "share_below_k": 0.166667, "failing": [{"values": {"sex": "other"}, "size": 1}]}}
    >>> out = small_counts_hidden(rec)
    >>> out["plan"]["failing"][0]["size"], out["risk"]["k"], out["risk"]["share_below_k"]
    ('<5', '<5', '<5 of 6')
    >>> out["plan"]["n_suppressed"], out["plan"]["n_generalised"], rec["risk"]["k"]
    (0, '<5', 1)
    """
    import copy

    out = copy.deepcopy(record)
    plan, risk = out.get("plan") or {}, out.get("risk") or {}
    k = plan.get("k_target") or risk.get("k_target")
    if not k:
        return out
    k = int(k)
    small = f"<{k}"
    n = int(risk.get("n_records") or plan.get("n_records") or 0)

    def count(v):
        return small if isinstance(v, (int, float)) and 0 < v < k else v

    def share(v):
        if isinstance(v, (int, float)) and n and 0 < round(v * n) < k:
            return f"{small} of {n}"
        return v

    for part in (plan, risk):
        for cell in part.get("failing") or []:
            cell["size"] = count(cell.get("size"))
    if isinstance(risk.get("k"), (int, float)) and risk["k"] < k:
        risk["k"] = small
    for part, counts, shares in ((plan, ("n_suppressed", "n_generalised"), ("share_suppressed", "share_generalised")),
                                 (risk, ("n_unique", "n_suppressed"), ("share_unique", "share_below_k", "share_l_below_2"))):
        for name in counts:
            if name in part:
                part[name] = count(part[name])
        for name in shares:
            if name in part:
                part[name] = share(part[name])
    return out


def attribute_guess_hits(values: list, truth: list, folds: int = 5) -> int:
    """Records whose hidden attribute an intruder guesses from one released value per record: a
    value -> most common hidden value lookup learned on the other folds (the overall most common
    value for a value not seen there). Compare with the majority guess to see whether the released
    value discloses the attribute.

    >>> attribute_guess_hits(["a", "b"] * 10, ["x", "y"] * 10)
    20
    >>> attribute_guess_hits([0] * 20, ["x"] * 12 + ["y"] * 8)
    12
    """
    hits = 0
    for f in range(folds):
        train = [i for i in range(len(truth)) if i % folds != f]
        table: dict = {}
        for i in train:
            table.setdefault(values[i], Counter())[truth[i]] += 1
        fallback = Counter(truth[i] for i in train).most_common(1)[0][0]
        for i in range(f, len(truth), folds):
            seen = table.get(values[i])
            hits += (seen.most_common(1)[0][0] if seen else fallback) == truth[i]
    return hits


__all__ = ["ReleasePlan", "plan_release", "EXHAUSTIVE_LIMIT", "measure_risk", "generalise_values", "SUPPRESSED",
           "attribute_guess_hits"]
