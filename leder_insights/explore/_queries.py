"""Pure pandas/numpy queries behind the explorers (no ipywidgets here).

Everything slow is done once in :meth:`ExplorerData.build`: categorical codes for every filter
column, a boolean learning-point × theme matrix, lower-cased text for search. A filter change is
then a handful of vectorised comparisons plus small matrix products, fast enough at 50k learning
points (see ``benchmarks/widgets_filter.py``).

Counting rules (what every view shows):

* the **denominator** is the number of reviews matching the review-level filters (year, area,
  demographics, care grade), including reviews with no learning point;
* a review **counts for a theme** if at least one of its learning points matching the
  learning-point filters (polarity, theme, free-text search) carries that theme;
* counts of 1..threshold-1 are shown as ``"<5"`` (primary suppression). Where the rows of a table
  add up to a total that is also shown (years, areas, bands), further cells are hidden as ``"*"``
  until the hidden cells of each column add up to at least the threshold and none can be pinned
  (complementary suppression, see :func:`suppress`). Percentages are hidden whenever their count
  or denominator is;
* a selection that differs from a wider one (one filter removed) by 1..threshold-1 reviews or
  learning points, or whose cell the wider selection's table of choices hides, is hidden as a
  whole (:func:`differencing_block`); years are chosen singly or as the whole period;
* every other cell (trends, areas, themes together, theme counts, findings tables) is hidden
  where the wider selection and the filter's other choices would give it away
  (``_guard.forced_cells``, passed to :func:`suppress` as ``force``). ``"*"`` means hidden, any
  number (a small one too, where ``"<5"`` itself would give it away).

>>> import pandas as pd
>>> t = suppress(pd.DataFrame({"n": [12, 3, 0]}), threshold=5)
>>> t.display()["n"].tolist()
['12', '<5', '0']
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..errors import Errors, InputError
from ..schema import FREE_TEXT_COLUMNS
from ..schema import as_dict as _as_dict
from ..schema import as_list as _as_list
from ._labels import filter_label, ui_text, value_label
from ._privacy import opaque_ref, safe_metadata, withheld

#: age bands used for the age filter (inclusive bounds)
AGE_BANDS: tuple[tuple[int, int, str], ...] = (
    (0, 17, "0-17"), (18, 24, "18-24"), (25, 49, "25-49"), (50, 64, "50-64"), (65, 74, "65-74"),
    (75, 200, "75+"))

#: review-level categorical filters (column of the prepared reviews table)
REVIEW_FILTERS: tuple[str, ...] = ("icb", "region", "age_band", "sex", "ethnic_group", "ld_severity",
                                   "place_of_death", "care_grade")

#: every filter key understood by :func:`review_mask` / :func:`lp_mask`
FILTER_KEYS: tuple[str, ...] = ("year_from", "year_to") + REVIEW_FILTERS + (
    "theme_group", "theme", "polarity", "search")

UNKNOWN = "unknown"


# --------------------------------------------------------------------------- taxonomy
@dataclass(frozen=True)
class ThemeInfo:
    """Theme ids in display order with labels and groups."""

    ids: tuple[str, ...]
    labels: dict[str, str]
    groups: dict[str, str]  # theme id -> group name
    group_labels: dict[str, str] = field(default_factory=dict)  # group name -> label

    def group_label(self, group: str) -> str:
        """The label of a theme group (``"ways_of_working"`` -> ``"Ways of working"``)."""
        return self.group_labels.get(group) or str(group).replace("_", " ").capitalize()

    @property
    def group_names(self) -> list[str]:
        return list(dict.fromkeys(self.groups[t] for t in self.ids))

    def in_group(self, group: str | None) -> list[str]:
        return [t for t in self.ids if group is None or self.groups[t] == group]


def theme_info(themes_seen=(), taxonomy=None) -> ThemeInfo:
    """Theme ids/labels/groups from ``taxonomy`` or ``leder_insights.themes.load_taxonomy()``.

    Falls back to the ids found in the data (labels made from ids, group ``"themes"``) while the
    taxonomy module is not available.
    """
    if taxonomy is None:
        try:
            from ..themes import load_taxonomy  # type: ignore[attr-defined]
            taxonomy = load_taxonomy()
        except (ImportError, AttributeError):
            taxonomy = None
    if taxonomy is not None:
        ids = tuple(getattr(taxonomy, "ids", None) or taxonomy["ids"])
        labels_raw = getattr(taxonomy, "labels", None)
        if labels_raw is None and isinstance(taxonomy, dict):
            labels_raw = taxonomy.get("labels")
        labels = dict(labels_raw) if isinstance(labels_raw, dict) else dict(zip(ids, labels_raw or ids))
        group_of = getattr(taxonomy, "group_of", None)
        if callable(group_of):
            groups = {t: str(group_of(t)) for t in ids}
        else:
            g = getattr(taxonomy, "groups", None) or (taxonomy.get("groups") if isinstance(taxonomy, dict) else None) or {}
            groups = {t: grp for grp, members in dict(g).items() for t in members}
            groups = {t: groups.get(t, "other") for t in ids}
        extra = [t for t in themes_seen if t not in ids]
        ids = ids + tuple(sorted(set(extra)))
        for t in extra:
            labels[t], groups[t] = t.replace("_", " ").capitalize(), "other"
        gl = getattr(taxonomy, "group_labels", None)
        if gl is None and isinstance(taxonomy, dict):
            gl = taxonomy.get("group_labels")
        return ThemeInfo(ids, labels, groups, dict(gl or {}))
    ids = tuple(sorted(set(themes_seen)))
    return ThemeInfo(ids, {t: t.replace("_", " ").capitalize() for t in ids}, {t: "themes" for t in ids})


# --------------------------------------------------------------------------- prepared data
def _age_band(age: pd.Series) -> pd.Series:
    a = pd.to_numeric(age, errors="coerce")
    out = pd.Series(UNKNOWN, index=age.index, dtype=object)
    for lo, hi, name in AGE_BANDS:
        out[(a >= lo) & (a <= hi)] = name
    return out


def _codes(values: pd.Series) -> tuple[np.ndarray, list[str]]:
    s = values.astype(object).where(values.notna(), UNKNOWN).astype(str)
    s = s.replace({"": UNKNOWN, "nan": UNKNOWN, "None": UNKNOWN, "<NA>": UNKNOWN})
    cats = sorted(s.unique(), key=lambda v: (v == UNKNOWN, _natural(v)))
    lookup = {c: i for i, c in enumerate(cats)}
    return s.map(lookup).to_numpy(dtype=np.int32), cats


def _natural(v: str):
    for lo, _hi, name in AGE_BANDS:
        if v == name:
            return (0, lo, v)
    try:
        return (0, float(v), v)
    except ValueError:
        return (1, 0, v)


@dataclass
class ExplorerData:
    """Reviews and learning points prepared once for fast filtering.

    Build it with :meth:`build`; ``reviews`` and ``lps`` are positional (0..n-1) and every array
    attribute is aligned with them.

    Examples
    --------
    >>> import pandas as pd
    >>> rv = pd.DataFrame({"review_id": ["r1"], "death_date": ["2021-03-01"], "icb": ["A"],
    ...                    "region": ["London"], "age_at_death": [40], "sex": ["F"]})
    >>> lp = pd.DataFrame({"lp_id": ["l1"], "review_id": ["r1"], "polarity": ["good_practice"],
    ...                    "text": ["Good SALT input."], "themes": [["aspiration_pneumonia"]],
    ...                    "residue": [[]]})
    >>> d = ExplorerData.build(rv, lp, taxonomy={"ids": ["aspiration_pneumonia"]}, deidentified=True)
    >>> d.theme_mat.shape, d.years.tolist()
    ((1, 1), [2021])
    """

    reviews: pd.DataFrame
    lps: pd.DataFrame
    themes: ThemeInfo
    rev_codes: dict[str, np.ndarray]
    rev_cats: dict[str, list[str]]
    years: np.ndarray
    lp_rev: np.ndarray
    lp_pol: np.ndarray
    pol_cats: list[str]
    theme_mat: np.ndarray
    text_lower: pd.Series
    meta: dict = field(default_factory=dict)
    withheld: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))  # set by build
    actions: pd.DataFrame | None = None   # the project's actions (see leder_insights.explore.action_plan)
    _search_cache: dict = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, reviews: pd.DataFrame, lps: pd.DataFrame, taxonomy=None,
              meta: dict | None = None, *, deidentified: bool = False) -> "ExplorerData":
        """Prepare ``reviews`` (review metadata) and ``lps`` (learning points with ``themes``).

        Only de-identified text is accepted: ``deidentified=True`` says the text of ``lps`` is the
        output of de-identification (:func:`load_explorer_data` sets it from the store's mark);
        otherwise ``[E510]``. Learning points with residue (a ``residue`` column of kinds, scanned
        here when missing; see :func:`leder_insights.explore.residue_kinds`) are withheld: they
        count, but their text is never listed, searched, opened or exported.
        """
        if not deidentified:
            raise InputError(Errors.E510, what=f"{len(lps):,} learning points")
        rv = reviews.reset_index(drop=True).copy()
        rv["review_id"] = rv["review_id"].astype(str)
        if rv["review_id"].duplicated().any():
            rv = rv.drop_duplicates("review_id", keep="first").reset_index(drop=True)
        for col in ("icb", "region", "sex", "ethnic_group", "ld_severity", "place_of_death",
                    "care_grade", "age_at_death", "death_date"):
            if col not in rv.columns:
                rv[col] = None
        rv["age_band"] = _age_band(rv["age_at_death"])
        if "cause_group" not in rv:  # only the group is kept, never the cause-of-death text
            from ._findings import cause_groups

            rv["cause_group"] = cause_groups(rv["cause_of_death"]) if "cause_of_death" in rv else "unknown"
        rv = rv.drop(columns=[c for c in FREE_TEXT_COLUMNS if c in rv.columns])
        rv["care_grade"] = pd.to_numeric(rv["care_grade"], errors="coerce").astype("Int64").astype(str)
        years = pd.to_datetime(rv["death_date"].astype(object), errors="coerce").dt.year
        rv["year"] = years.fillna(-1).astype(int)
        rev_codes, rev_cats = {}, {}
        for col in REVIEW_FILTERS:
            rev_codes[col], rev_cats[col] = _codes(rv[col])
            rv[col] = [rev_cats[col][i] for i in rev_codes[col]]
        rev_codes["year"], rev_cats["year"] = _codes(pd.Series([str(y) if y >= 0 else None for y in rv["year"]],
                                                                  index=rv.index, dtype=object))

        lp = lps.reset_index(drop=True).copy()
        lp["review_id"] = lp["review_id"].astype(str)
        lp["lp_id"] = lp["lp_id"].astype(str)
        pos = pd.Series(np.arange(len(rv)), index=rv["review_id"].to_numpy())
        lp_rev = lp["review_id"].map(pos)
        orphan = lp_rev.isna()
        if orphan.any():  # learning points of unknown reviews: keep them, with unknown metadata
            missing = lp.loc[orphan, "review_id"].unique()
            extra = pd.DataFrame({"review_id": missing})
            return cls.build(pd.concat([reviews, extra], ignore_index=True), lps, taxonomy, meta,
                             deidentified=deidentified)
        lp["themes"] = [_as_list(v) for v in lp["themes"]] if "themes" in lp else [[] for _ in range(len(lp))]
        for col, conv in (("theme_scores", _as_dict), ("evidence", _as_dict)):
            lp[col] = [conv(v) for v in lp[col]] if col in lp else [{} for _ in range(len(lp))]
        for col in ("source_field", "polarity", "text"):
            if col not in lp:
                lp[col] = ""
        lp["text"] = lp["text"].fillna("").astype(str)
        _plain_roles(lp)  # "[PERSON_141636]" -> "[PERSON]" before anything is shown or searched
        seen = {t for ts in lp["themes"] for t in ts}
        info = theme_info(seen, taxonomy)
        tix = {t: i for i, t in enumerate(info.ids)}
        mat = np.zeros((len(lp), len(info.ids)), dtype=bool)
        rows = [i for i, ts in enumerate(lp["themes"]) for t in ts if t in tix]
        cols = [tix[t] for ts in lp["themes"] for t in ts if t in tix]
        mat[rows, cols] = True
        pol_codes, pol_cats = _codes(lp["polarity"])
        residue = list(lp["residue"]) if "residue" in lp else [None] * len(lp)
        todo = [i for i, r in enumerate(residue) if r is None or (isinstance(r, float) and np.isnan(r))]
        if todo:
            from ._privacy import residue_kinds

            for i, kinds in zip(todo, residue_kinds(lp["text"].iloc[todo].tolist())):
                residue[i] = kinds
        lp["residue"] = [_as_list(r) for r in residue]
        hold = withheld(lp["residue"])
        meta = dict(meta or {})
        meta["text"] = "de-identified"
        meta["withheld_learning_points"] = int(hold.sum())
        text_lower = lp["text"].str.lower().where(~hold, "")
        return cls(reviews=rv, lps=lp, themes=info, rev_codes=rev_codes, rev_cats=rev_cats,
                   years=rv["year"].to_numpy(), lp_rev=lp_rev.to_numpy(dtype=np.int64),
                   lp_pol=pol_codes, pol_cats=pol_cats, theme_mat=mat,
                   text_lower=text_lower, meta=meta, withheld=hold)

    # -- options for the filter controls
    def options(self, key: str) -> list[str]:
        """Values a filter can take (for dropdowns)."""
        if key in ("year_from", "year_to"):
            return [str(y) for y in sorted(set(self.years.tolist()) - {-1})]
        if key in self.rev_cats:
            return list(self.rev_cats[key])
        if key == "polarity":
            return list(self.pol_cats)
        if key == "theme_group":
            return self.themes.group_names
        if key == "theme":
            return list(self.themes.ids)
        raise KeyError(key)

    def search_mask(self, query: str) -> np.ndarray:
        q = query.strip().lower()
        if q not in self._search_cache:
            if len(self._search_cache) > 32:
                self._search_cache.clear()
            self._search_cache[q] = self.text_lower.str.contains(q, regex=False).to_numpy(dtype=bool)
        return self._search_cache[q]


def _plain_roles(lp: pd.DataFrame) -> None:
    """Numbered placeholders as role words in ``lp.text``, evidence spans moved with them."""
    from ._privacy import plain_placeholders

    texts, evid = [], []
    for text, ev in zip(lp["text"], lp["evidence"]):
        new, where = plain_placeholders(text)
        if new != text and ev:
            moved: dict[str, list] = {}
            for t, spans in ev.items():
                moved[t] = []
                for sp in spans or []:
                    try:
                        a, b = int(sp[0]), int(sp[1])
                    except (TypeError, ValueError, IndexError):
                        continue
                    if 0 <= a < b <= len(text):
                        moved[t].append([where[a], where[b]])
            ev = moved
        texts.append(new)
        evid.append(ev)
    lp["text"], lp["evidence"] = texts, evid


# --------------------------------------------------------------------------- masks
def listable(data: ExplorerData, lmask: np.ndarray) -> np.ndarray:
    """``lmask`` without the withheld learning points: what every shown learning-point count
    counts. The listing and the export leave withheld points out, so a count that kept them would,
    set against the pages or the export's rows, give the number withheld (FACIL F7). Reviews still
    count their withheld points (a review count is not set against the listing's rows).

    >>> import numpy as np
    >>> d = ExplorerData.__new__(ExplorerData); d.withheld = np.array([False, True, False])
    >>> listable(d, np.array([True, True, False])).tolist()
    [True, False, False]
    """
    w = data.withheld
    return lmask & ~w if len(w) == len(lmask) else lmask


def review_mask(data: ExplorerData, filters: dict) -> np.ndarray:
    """Boolean mask over ``data.reviews`` for the review-level filters."""
    m = np.ones(len(data.reviews), dtype=bool)
    yf, yt = filters.get("year_from"), filters.get("year_to")
    if yf is not None:
        m &= data.years >= int(yf)
    if yt is not None:
        m &= (data.years <= int(yt)) & (data.years >= 0)
    for col in REVIEW_FILTERS:
        v = filters.get(col)
        if v is None:
            continue
        cats = data.rev_cats[col]
        if str(v) not in cats:
            return np.zeros(len(data.reviews), dtype=bool)
        m &= data.rev_codes[col] == cats.index(str(v))
    return m


def lp_mask(data: ExplorerData, filters: dict, rev_mask: np.ndarray | None = None) -> np.ndarray:
    """Boolean mask over ``data.lps``: review filters plus polarity, theme and search."""
    if rev_mask is None:
        rev_mask = review_mask(data, filters)
    m = rev_mask[data.lp_rev]
    pol = filters.get("polarity")
    if pol is not None:
        m &= (data.lp_pol == data.pol_cats.index(pol)) if pol in data.pol_cats else False
    theme = filters.get("theme")
    if theme is not None:
        if theme not in data.themes.ids:
            return np.zeros(len(data.lps), dtype=bool)
        m &= data.theme_mat[:, data.themes.ids.index(theme)]
    elif filters.get("theme_group") is not None:
        idx = [data.themes.ids.index(t) for t in data.themes.in_group(filters["theme_group"])]
        m &= data.theme_mat[:, idx].any(axis=1)
    q = filters.get("search")
    if q and q.strip():
        m &= data.search_mask(q)
    return np.asarray(m, dtype=bool)


def review_theme_matrix(data: ExplorerData, lmask: np.ndarray) -> np.ndarray:
    """Reviews × themes: does a matching learning point of the review carry the theme?"""
    rt = np.zeros((len(data.reviews), len(data.themes.ids)), dtype=bool)
    rows, cols = np.nonzero(data.theme_mat[lmask])
    rt[data.lp_rev[lmask][rows], cols] = True
    return rt


def findings_reviews(data: ExplorerData, filters: dict, rmask: np.ndarray, lmask: np.ndarray) -> np.ndarray:
    """Reviews the findings describe: with learning-point filters set, those the match line counts
    (a matching learning point that carries a theme); else every review matching the filters.
    One definition for the findings and their guard, so no two screens count one selection twice."""
    return np.asarray(review_theme_matrix(data, lmask).any(axis=1)) if filters_select_lps(filters) else rmask


# --------------------------------------------------------------------------- suppression
@dataclass
class CountTable:
    """Counts with their suppression mask; only :meth:`display` leaves the process."""

    counts: pd.DataFrame
    hidden: pd.DataFrame
    threshold: int
    secondary: pd.DataFrame | None = None
    obscure: pd.DataFrame | None = None  # small hidden cells shown as "*" (a "<T" would give them away)

    def display(self) -> pd.DataFrame:
        """Strings: the count, ``"<T"`` (small number) or ``"*"`` (hidden to protect another)."""
        if getattr(self, "_display", None) is None:
            c = self.counts.to_numpy(dtype=np.int64)
            h = self.hidden.to_numpy(dtype=bool)
            out = c.astype(str).astype(object)
            out[h] = "*"
            small = h & (c > 0) & (c < self.threshold)
            if self.obscure is not None:
                small &= ~self.obscure.to_numpy(dtype=bool)
            out[small] = f"<{self.threshold}"
            if self.secondary is not None and len(self.secondary):  # a column hidden as a whole
                whole = self.secondary.reindex(columns=self.counts.columns).iloc[0].fillna(False).to_numpy(bool)
                tot = self.counts.sum().to_numpy()
                out[:, whole & (tot >= self.threshold)] = "*"
            self._display = pd.DataFrame(out, index=self.counts.index, columns=self.counts.columns)
        return self._display.copy()

    def safe_values(self) -> pd.DataFrame:
        """Counts with hidden cells as NaN (for charts)."""
        return self.counts.astype(float).mask(self.hidden)


def suppress(counts: pd.DataFrame, threshold: int, additive_rows: bool = False,
             totals: pd.Series | None = None, force=None, obscure=None) -> CountTable:
    """Primary suppression of 1..threshold-1, plus complementary suppression down each column.

    With ``additive_rows`` the rows partition the population (years, areas, bands): their column
    sums (``totals``, shown elsewhere) bound the hidden cells. A reader knows a ``"<5"`` cell lies
    in 1..threshold-1 and a ``"*"`` cell is 0 or at least ``threshold``; so the hidden cells of a
    column must add up to at least ``threshold`` and none of them may be pinned to one value by
    those bounds and the total. Until that holds the smallest shown non-zero cell is hidden too;
    when none is left, the whole column is hidden (zeros included) and its total is marked in
    ``CountTable.secondary``. ``force`` (a boolean array shaped like ``counts``) hides cells from
    the start (those a wider selection would give away).

    >>> t = suppress(pd.DataFrame({"n": [0, 1, 6, 0, 1, 0]}), 5, additive_rows=True)
    >>> t.display()["n"].tolist()      # 1 + 1 = 2 < 5 would pin both: the 6 is hidden as well
    ['0', '<5', '*', '0', '<5', '0']
    >>> suppress(pd.DataFrame({"n": [0, 4, 4]}), 5, additive_rows=True).display()["n"].tolist()
    ['*', '*', '*']
    """
    c = counts.fillna(0).astype(int)
    hidden = (c > 0) & (c < threshold)
    if force is not None:  # cells a wider selection would give away (see _guard.forced_cells)
        hidden = hidden | pd.DataFrame(np.asarray(force, dtype=bool).reshape(c.shape), index=c.index,
                                       columns=c.columns)
    hidden_tot = pd.Series(False, index=c.columns)
    if additive_rows and len(c):
        tot = c.sum() if totals is None else totals.reindex(c.columns).fillna(0).astype(int)
        hidden_tot = (tot > 0) & (tot < threshold)
        vals, hid = c.to_numpy(), hidden.to_numpy().copy()
        for j in range(vals.shape[1]):
            if hidden_tot.iloc[j]:
                continue
            while hid[:, j].any() and not _column_safe(vals[:, j], hid[:, j], threshold):
                cand = np.where(~hid[:, j] & (vals[:, j] > 0))[0]
                if len(cand):
                    hid[cand[np.argmin(vals[cand, j])], j] = True
                else:
                    hid[:, j] = True
                    hidden_tot.iloc[j] = True
                    break
        hidden = pd.DataFrame(hid, index=c.index, columns=c.columns)
    ob = None if obscure is None else pd.DataFrame(np.asarray(obscure, dtype=bool).reshape(c.shape), index=c.index,
                                                   columns=c.columns)
    return CountTable(c, hidden, threshold, hidden_tot.to_frame().T, ob)


def _column_safe(vals: np.ndarray, hid: np.ndarray, threshold: int) -> bool:
    """Can the hidden cells of one column be worked out from the shown cells and the total?"""
    v = vals[hid]
    total = int(v.sum())
    if total < threshold:
        return False
    primary = (v > 0) & (v < threshold)
    lo = np.where(primary, 1, threshold).astype(float)
    hi = np.where(primary, threshold - 1, np.inf)
    for i in range(len(v)):
        a = max(lo[i], total - np.delete(hi, i).sum())
        b = min(hi[i], total - np.delete(lo, i).sum())
        if a >= b:
            return False
    return True


def pct_display(counts: CountTable, denom: pd.Series | np.ndarray, denom_hidden) -> pd.DataFrame:
    """Percentages as strings ("12.5%"), hidden where the count or the denominator is hidden."""
    d = np.asarray(denom, dtype=float)
    if d.ndim == 1 and d.shape[0] == counts.counts.shape[0]:
        d = d.reshape(-1, 1)
    dh = np.asarray(denom_hidden, dtype=bool)
    if dh.ndim == 1 and dh.shape[0] == counts.counts.shape[0]:
        dh = dh.reshape(-1, 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = 100.0 * counts.counts.to_numpy(dtype=float) / d
    txt = np.where(np.isfinite(p), np.char.mod("%.1f%%", np.nan_to_num(p)), "-")
    txt = np.where(counts.hidden.to_numpy() | dh, "*", txt)
    return pd.DataFrame(txt, index=counts.counts.index, columns=counts.counts.columns)


def suppress_value(n: int, threshold: int) -> str:
    """One count as shown: ``"<5"`` for 1..threshold-1."""
    n = int(n)
    return f"<{threshold}" if 0 < n < threshold else str(n)


# --------------------------------------------------------------------------- views
@dataclass
class Views:
    """Every summary for one filter state (computed together, cached by the state)."""

    denominator: int
    denominator_display: str
    n_learning_points: int
    theme_counts: pd.DataFrame  # theme, label, group, reviews, pct, learning_points (strings) + _n
    trends: pd.DataFrame        # rows year, cols 'reviews' + themes (strings)
    trends_table: CountTable
    trend_denoms: CountTable
    cooc: CountTable            # theme × theme reviews with both
    areas: pd.DataFrame         # rows area, cols 'reviews' + focus themes (strings, "n (p%)")
    areas_table: CountTable
    area_level: str
    shown_themes: list[str]
    focus_themes: list[str]
    heat_themes: list[str]
    n_selected: int = 0               # reviews with at least one matching learning point
    selected_display: str = "0"
    learning_points_display: str = "0"
    trend_rates: pd.DataFrame | None = None          # years x themes, per 100 reviews that year (NaN: hidden)
    trend_rates_display: pd.DataFrame | None = None  # the same as strings ("12.5", "*")
    lift: pd.DataFrame | None = None                 # heat x heat lift (NaN: hidden or diagonal)
    lift_display: pd.DataFrame | None = None         # "1.8x", "*", "" on the diagonal
    captions: dict = field(default_factory=dict)     # chart -> what its numbers mean, in words
    blocked: str | None = None  # why every count of this selection is hidden (differencing), in words
    findings_force: dict = field(default_factory=dict)  # findings cells hidden against differencing

    @property
    def trend_themes(self) -> list[str]:
        """Themes of the trends table ("themes with any review"), from what it shows: a theme whose
        years are all hidden may be 0, so leaving it out only where its true count is 0 would say so.

        >>> v = Views.__new__(Views)
        >>> v.shown_themes, v.trends = ["a", "b", "c"], pd.DataFrame({"a": ["0", "0"], "b": ["*", "0"], "c": ["3", "0"]})
        >>> v.trend_themes
        ['b', 'c']
        """
        return [t for t in self.shown_themes if t in self.trends and (self.trends[t].astype(str) != "0").any()]


def compute_views(data: ExplorerData, filters: dict, threshold: int, area_level: str = "region",
                  max_heat: int = 8, max_focus: int = 5) -> Views:
    """All summaries for ``filters`` (see the module docstring for the counting rules).

    The theme bars are listed in an order that depends only on what they show
    (:func:`display_order`), and the themes of the heat grid and of the Areas/Trends charts are
    taken from that order: ranking hidden bars by their true counts gave them away (FACIL F4).
    The guard's cells depend on those themes and the bars' hiding does not, so the themes are
    chosen from a first guess, and the guard run again only where what is shown changes them.
    """
    info = data.themes
    shown = info.in_group(filters.get("theme_group"))
    why = differencing_block(data, filters, threshold)
    if why:  # every count is hidden: neither the order nor the chosen themes may follow the counts
        focus, heat = _fixed_themes(filters, shown, max_focus, max_heat)
        return _blank(_build_views(data, filters, threshold, area_level, shown, focus, heat, None),
                      _captions(data, filters, area_level, threshold, "*"), why)
    rmask = review_mask(data, filters)
    if 0 < int(rmask.sum()) < threshold and _blocks_small_selections():
        focus, heat = _fixed_themes(filters, shown, max_focus, max_heat)
        return _blank(_build_views(data, filters, threshold, area_level, shown, focus, heat, None),
                      _captions(data, filters, area_level, threshold, "*"), _HIDDEN_WHOLE)
    lmask = lp_mask(data, filters, rmask)
    rt = review_theme_matrix(data, lmask)
    idx = [info.ids.index(t) for t in shown]
    n_rev = rt[:, idx].sum(axis=0) if idx else np.zeros(0, int)
    # first guess: what the bars show when no wider selection hides more (small counts as "<T")
    guess = [str(n) if n == 0 or n >= threshold else f"<{threshold}" for n in n_rev]
    focus, heat = _chosen_themes(filters, shown, guess, max_focus, max_heat)
    for _round in range(3):
        forced = _forced(data, filters, threshold, area_level, shown, focus, heat)
        disp = _theme_table(data, lmask, idx, n_rev, shown, threshold, forced).display()["reviews"].tolist()
        chosen = _chosen_themes(filters, shown, disp, max_focus, max_heat)
        if chosen == (focus, heat):
            break
        focus, heat = chosen
    else:  # not settled (the bars' hiding changed with the themes): themes fixed by the taxonomy
        focus, heat = _fixed_themes(filters, shown, max_focus, max_heat)
        forced = _forced(data, filters, threshold, area_level, shown, focus, heat)
    views = _build_views(data, filters, threshold, area_level, shown, focus, heat, forced)
    if views.denominator_display == "*":  # even "fewer than 5" would give a small group away
        focus, heat = _fixed_themes(filters, shown, max_focus, max_heat)
        return _blank(_build_views(data, filters, threshold, area_level, shown, focus, heat, None),
                      _captions(data, filters, area_level, threshold, "*"), _HIDDEN_WHOLE)
    return views


#: the notice of a selection hidden as a whole: not "fewer than 5" (the cell is "*", any number, and
#: it may be 5 or more), the same words whichever rule hid it
_HIDDEN_WHOLE = ("How many reviews match is hidden: set beside the other choices it would reveal a small group. "
                 "Widen it.")


def _blocks_small_selections() -> bool:
    """``block_small_selections`` of the explorer's privacy rules (default true)."""
    from ._privacy import privacy_rules

    return bool(privacy_rules().get("block_small_selections", True))


def display_order(themes: list[str], shown: list[str]) -> list[int]:
    """Positions of ``themes`` in the order the bars are listed, from their shown strings only:
    exact counts above 0, most first (equal counts by theme id), then the hidden bars (``"<T"``,
    then ``"*"``) and the zeros, each by theme id. A hidden bar ranked by its true count would sit
    between the shown counts above and below it, and so be worked out (FACIL F4).

    >>> display_order(["a", "b", "c", "d", "e"], ["7", "*", "<5", "12", "0"])
    [3, 0, 2, 1, 4]
    """
    def key(i: int):
        s = str(shown[i])
        if s.isdigit() and int(s) > 0:
            return (0, -int(s), themes[i])
        return ({"<": 1, "*": 2}.get(s[:1], 3), 0, themes[i])

    return sorted(range(len(themes)), key=key)


def _chosen_themes(filters: dict, shown: list[str], disp: list[str], max_focus: int,
                   max_heat: int) -> tuple[list[str], list[str]]:
    """``(focus, heat)``: the Areas/Trends themes and the heat grid's, the first bars of
    :func:`display_order` that do not show 0 (a hidden bar counts: it is chosen by its place in
    that order, never by its count)."""
    order = [i for i in display_order(shown, disp) if str(disp[i]) != "0"]
    focus = [filters["theme"]] if filters.get("theme") in shown else [shown[i] for i in order][:max_focus]
    heat = [shown[i] for i in order][:max_heat] if filters.get("theme_group") is None else list(shown)
    return focus, heat


def _fixed_themes(filters: dict, shown: list[str], max_focus: int, max_heat: int) -> tuple[list[str], list[str]]:
    """``(focus, heat)`` of a selection whose counts are all hidden: the first themes of the
    taxonomy (nothing about the counts)."""
    focus = [filters["theme"]] if filters.get("theme") in shown else list(shown[:max_focus])
    heat = list(shown[:max_heat]) if filters.get("theme_group") is None else list(shown)
    return focus, heat


def _theme_table(data: ExplorerData, lmask: np.ndarray, idx: list[int], n_rev: np.ndarray, shown: list[str],
                 threshold: int, forced: dict | None) -> CountTable:
    """Reviews and learning points per theme, suppressed (a learning-point count beside a hidden
    review count would bound it: hidden too)."""
    n_lp = data.theme_mat[listable(data, lmask)][:, idx].sum(axis=0) if idx else np.zeros(0, int)
    ct = suppress(pd.DataFrame({"reviews": n_rev, "learning_points": n_lp}, index=shown), threshold,
                  force=None if forced is None else forced["themes"],
                  obscure=None if forced is None else forced["themes:obscured"])
    ct.hidden["learning_points"] = ct.hidden["learning_points"] | ct.hidden["reviews"]
    return ct


def _build_views(data: ExplorerData, filters: dict, threshold: int, area_level: str, shown: list[str],
                 focus: list[str], heat: list[str], forced: dict | None) -> Views:
    """The views of one selection with its themes chosen and the guard's cells ``forced``."""
    rmask = review_mask(data, filters)
    lmask = lp_mask(data, filters, rmask)
    rt = review_theme_matrix(data, lmask)
    info = data.themes
    idx = [info.ids.index(t) for t in shown]
    denom = int(rmask.sum())
    denom_hidden = 0 < denom < threshold

    # reviews per theme, listed by what they show
    n_rev = rt[:, idx].sum(axis=0) if idx else np.zeros(0, int)
    valid_years, codes, cats, den_a, area_names = _rows_shown(data, rmask, area_level, threshold)
    ct = _theme_table(data, lmask, idx, n_rev, shown, threshold, forced)
    disp = ct.display()
    pct = pct_display(CountTable(ct.counts[["reviews"]], ct.hidden[["reviews"]], threshold),
                      np.full(len(shown), denom), np.full(len(shown), denom_hidden))
    tc = pd.DataFrame({
        "theme": shown, "label": [info.labels[t] for t in shown],
        "group": [info.groups[t] for t in shown],
        "group_label": [info.group_label(info.groups[t]) for t in shown],
        "reviews": disp["reviews"].to_numpy(), "pct_of_reviews": pct["reviews"].to_numpy(),
        "denominator": suppress_value(denom, threshold),
        "learning_points": disp["learning_points"].to_numpy(),
        "_n": n_rev, "_hidden": ct.hidden["reviews"].to_numpy()})
    tc = tc.iloc[display_order(shown, disp["reviews"].tolist())].reset_index(drop=True)

    # trends per year (rows additive -> secondary suppression)
    yrs = data.years
    if valid_years:
        yidx = np.searchsorted(valid_years, yrs)
        ok = rmask & (yrs >= 0)
        den_y = np.bincount(yidx[ok], minlength=len(valid_years))
        tr = np.zeros((len(valid_years), len(idx)), dtype=int)
        if idx:
            np.add.at(tr, yidx[ok], rt[ok][:, idx].astype(int))
    else:
        den_y, tr = np.zeros(0, int), np.zeros((0, len(idx)), int)
    trend_t = suppress(pd.DataFrame(tr, index=valid_years, columns=shown), threshold,
                       additive_rows=True, totals=pd.Series(n_rev, index=shown),
                       force=None if forced is None else forced["trends"],
                  obscure=None if forced is None else forced["trends:obscured"])
    den_t = suppress(pd.DataFrame({"reviews": den_y}, index=valid_years), threshold,
                     additive_rows=True, totals=pd.Series({"reviews": denom}),
                     force=None if forced is None else forced["denoms"],
                  obscure=None if forced is None else forced["denoms:obscured"])
    tr_disp = pd.concat([den_t.display(), trend_t.display()], axis=1)
    tr_disp.index.name = "year"

    # co-occurrence (reviews with both themes)
    hidx = [info.ids.index(t) for t in heat]
    sub = rt[:, hidx].astype(np.int32)
    co = suppress(pd.DataFrame(sub.T @ sub, index=heat, columns=heat), threshold,
                  force=None if forced is None else forced["cooc"],
                  obscure=None if forced is None else forced["cooc:obscured"])

    # area comparison (rows additive)
    fidx = [info.ids.index(t) for t in focus]
    ar = np.zeros((len(cats), len(fidx)), dtype=int)
    if fidx:
        np.add.at(ar, codes[rmask], rt[rmask][:, fidx].astype(int))
    keep = np.isin(cats, area_names)
    area_counts = pd.DataFrame(np.column_stack([den_a[keep], ar[keep]]) if len(area_names) else
                               np.zeros((0, 1 + len(fidx)), int),
                               index=area_names, columns=["reviews"] + focus)
    totals = pd.Series([denom] + [int(rt[:, i].sum()) for i in fidx], index=area_counts.columns)
    at = suppress(area_counts, threshold, additive_rows=True, totals=totals,
                  force=None if forced is None else forced["areas"],
                  obscure=None if forced is None else forced["areas:obscured"])
    adisp = at.display()
    if focus:
        pa = pct_display(CountTable(at.counts[focus], at.hidden[focus], threshold),
                         at.counts["reviews"].to_numpy(), at.hidden["reviews"].to_numpy())
        for t in focus:
            adisp[t] = [f"{n} ({p})" if p not in ("*", "-") and not n.startswith("<") and n != "*"
                        else n for n, p in zip(adisp[t], pa[t])]
    adisp.index.name = area_level

    # what is selected: reviews with a matching learning point (the match line)
    n_sel = int(rt.any(axis=1).sum()) if filters_select_lps(filters) else denom
    n_lp_all = int(listable(data, lmask).sum())  # withheld ones left out, as in the listing (F7)
    sel_hidden = 0 < n_sel < threshold or denom_hidden
    lp_disp = "*" if sel_hidden else suppress_value(n_lp_all, threshold)
    sel_disp = suppress_value(n_sel, threshold)
    denom_disp = suppress_value(denom, threshold)
    if forced is not None:  # the match line: "<5" beside the other choices' "<5" and a shown total
        mh, mo = forced["match"][0], forced["match:obscured"][0]
        hide = [bool(mh[i] and (mo[i] or n >= threshold)) for i, n in enumerate((denom, n_lp_all, n_sel))]
        denom_disp = "*" if hide[0] else denom_disp
        lp_disp = "*" if hide[1] else lp_disp
        sel_disp = "*" if hide[2] else sel_disp

    # trends as rates per 100 reviews of that year
    rates = pd.DataFrame(np.nan, index=valid_years, columns=shown, dtype=float)
    if len(valid_years) and len(shown):
        with np.errstate(divide="ignore", invalid="ignore"):
            r = 100.0 * tr / den_y.reshape(-1, 1)
        hid = trend_t.hidden.to_numpy() | den_t.hidden.to_numpy()[:, [0]] | (den_y.reshape(-1, 1) == 0)
        rates = pd.DataFrame(np.where(hid, np.nan, r), index=valid_years, columns=shown)
    rates.index.name = "year"
    rv_ = rates.to_numpy(dtype=float)
    rates_disp = pd.DataFrame(np.where(np.isnan(rv_), "*", np.char.mod("%.1f", np.nan_to_num(rv_))).astype(object),
                              index=rates.index, columns=rates.columns)

    # co-occurrence as lift: P(a and b) / (P(a) P(b)) among the reviews matching the filters
    cvals = co.counts.to_numpy(dtype=float)
    diag = np.diag(cvals)
    with np.errstate(divide="ignore", invalid="ignore"):
        lv = cvals * denom / np.outer(diag, diag)
    dh = np.diag(co.hidden.to_numpy(dtype=bool))
    lh = co.hidden.to_numpy(dtype=bool) | dh[:, None] | dh[None, :] | denom_hidden | ~np.isfinite(lv)
    np.fill_diagonal(lh, True)
    lift = pd.DataFrame(np.where(lh, np.nan, lv), index=heat, columns=heat)
    ldisp = pd.DataFrame(np.where(lh, "*", np.char.mod("%.1fx", np.nan_to_num(lv))).astype(object),
                         index=heat, columns=heat)
    for i in range(len(heat)):
        ldisp.iat[i, i] = ""

    # the captions name the count the match line shows, after the guard (facil7 F0: the unguarded
    # one, beside a hidden match line, gave a suppressed difference away)
    captions = _captions(data, filters, area_level, threshold, denom_disp)
    views = Views(denom, denom_disp, n_lp_all, tc, tr_disp, trend_t,
                  den_t, co, adisp, at, area_level, shown, focus, heat, n_sel, sel_disp, lp_disp,
                  rates, rates_disp, lift, ldisp, captions)
    views.findings_force = forced or {}
    return views


def _rows_shown(data: ExplorerData, rmask: np.ndarray, area_level: str, threshold: int):
    """``(years, area codes, area names, reviews per area, areas shown)``: the rows of the trends and
    area tables. Every year of the project is shown (a year missing only where it had no reviews
    would be a 0 no guard could hide); an area only when it has reviews (so its row says so). A
    selection of 1..threshold-1 reviews shows neither: which years and areas those few people died
    in is a record-level combination."""
    codes, cats = data.rev_codes[area_level], data.rev_cats[area_level]
    den_a = np.bincount(codes[rmask], minlength=len(cats))
    if int(rmask.sum()) < threshold:
        return [], codes, cats, den_a, []
    years = sorted(set(data.years[data.years >= 0].tolist()))
    return years, codes, cats, den_a, [c for c, k in zip(cats, den_a > 0) if k]


# --------------------------------------------------------------------------- differencing
def _forced(data: ExplorerData, filters: dict, threshold: int, area_level: str, shown: list[str],
            focus: list[str], heat: list[str]) -> dict | None:
    """Per table, the cells of this selection that a wider selection would give away (boolean
    arrays shaped like the tables; findings keyed by block name), or ``None`` without filters."""
    from ._guard import Layout, forced_cells

    def layout_of(f: dict) -> Layout:
        years, _c, _k, _n, areas = _rows_shown(data, review_mask(data, f), area_level, threshold)
        return Layout(data, shown, years, area_level, areas, focus, heat)

    res = forced_cells(data, filters, threshold, layout_of)
    if res is None:
        return None
    lay, h, o = res
    out = {name: lay.block(h.astype(bool), name) for name in lay.blocks}
    out |= {f"{name}:obscured": lay.block(o.astype(bool), name) for name in lay.blocks}
    out["layout"] = lay
    return out


#: filters that split a wider selection into parts (their choices are offered side by side)
_PARTITION_KEYS: tuple[str, ...] = ("year",) + REVIEW_FILTERS + ("polarity",)


def year_choice(filters: dict) -> str | None:
    """The single year selected (years are offered as single years or the whole period only)."""
    yf, yt = filters.get("year_from"), filters.get("year_to")
    return str(yf) if yf not in (None, "") and str(yt) == str(yf) else None


def canonical(data: ExplorerData, filters: dict) -> dict:
    """``filters`` without a region that the chosen ICB lies in (the same reviews, so the same
    guard whichever way they were chosen).

    >>> canonical(None, {"sex": "male"})
    {'sex': 'male'}
    """
    f = {k: v for k, v in filters.items() if v not in (None, "")}
    if f.get("icb") is not None and f.get("region") is not None and data is not None:
        i, r = data.rev_cats["icb"], data.rev_cats["region"]
        if str(f["icb"]) in i and str(f["region"]) in r:
            inside = (data.rev_codes["icb"] == i.index(str(f["icb"])))
            if inside.any() and (data.rev_codes["region"][inside] == r.index(str(f["region"]))).all():
                del f["region"]
    return f


def _parents(filters: dict):
    """(key, value, filters without that key) for every active filter; the year counts as one."""
    active = {k: v for k, v in filters.items() if v not in (None, "")}
    for k, v in active.items():
        if k == "year_to" and "year_from" in active:
            continue
        if k in ("year_from", "year_to"):
            yield "year", year_choice(filters), {x: y for x, y in active.items() if x not in ("year_from", "year_to")}
        elif k == "theme" and active.get("theme_group"):  # theme implies its group: remove both
            yield k, v, {x: y for x, y in active.items() if x not in ("theme", "theme_group")}
        else:
            yield k, v, {x: y for x, y in active.items() if x != k}
        if k == "search":  # a search for part of the words matches more: it is a wider selection too
            for part in search_parts(str(v)):
                yield k, v, active | {"search": part}


def search_parts(query: str) -> list[str]:
    """Every shorter search a search contains (what ``"ab"`` matches, ``"a"`` and ``"b"`` match too).

    >>> search_parts("abc")
    ['a', 'ab', 'b', 'bc', 'c']
    """
    s = query.strip().lower()
    parts = {s[i:j].strip() for i in range(len(s)) for j in range(i + 1, len(s) + 1)}
    return sorted(parts - {"", s})


def _measures(data: ExplorerData, filters: dict) -> tuple[np.ndarray, np.ndarray]:
    r = review_mask(data, filters)
    lm = lp_mask(data, filters, r)
    return r, lm


def _totals(data: ExplorerData, filters: dict, r: np.ndarray, lm: np.ndarray) -> np.ndarray:
    sel = listed_reviews(data, lm) if filters_select_lps(filters) else r
    return np.array([r.sum(), listable(data, lm).sum(), sel.sum()], dtype=np.int64)


def differencing_block(data: ExplorerData, filters: dict, threshold: int) -> str | None:
    """Why this selection's counts must be hidden as a whole, or ``None``.

    For every active filter, the wider selection without it is the *parent*. The selection is
    blocked when the parent differs from it by 1..threshold-1 reviews, reviews with a matching
    learning point, or learning points (their difference would be a small count), or - for
    filters whose choices split the parent (year, area, demographics, care grade, type of
    learning) - when the parent's table of those choices, suppressed with its total shown, hides
    this choice (the other choices and the total would give it away).
    """
    if not any(v not in (None, "") for v in filters.values()):
        return None
    filters = canonical(data, filters)
    r, lm = _measures(data, filters)
    mine = _totals(data, filters, r, lm)
    if 0 < mine[0] < threshold:  # already hidden as a whole ("fewer than 5 reviews")
        return None
    for key, value, parent in _parents(filters):
        if key == "search" and parent.get("search"):  # a shorter search: its cells are hidden one by one
            continue
        pr, plm = _measures(data, parent)
        diff = _totals(data, parent, pr, plm) - mine
        label = filter_label(key).lower()
        if ((diff > 0) & (diff < threshold)).any():
            return (f"It differs from the wider selection without the {label} filter by fewer than "
                    f"{threshold} reviews or learning points, so comparing the two would reveal a small group: "
                    "widen it.")
        if key in _PARTITION_KEYS and value is not None and mine[0] >= threshold:
            if _split_hidden(data, parent, pr, plm, key, value, threshold):
                return (f"Set against the other {label} choices it would reveal a group of fewer than "
                        f"{threshold}: widen it.")
    return None


def _split_codes(data: ExplorerData, key: str) -> tuple[np.ndarray, list[str], bool]:
    """(codes, categories, per learning point?) of a partitioning filter."""
    if key == "polarity":
        return data.lp_pol, list(data.pol_cats), True
    if key == "year":
        return data.rev_codes["year"], list(data.rev_cats["year"]), False
    return data.rev_codes[key], list(data.rev_cats[key]), False


def _split_table(data: ExplorerData, parent: dict, pr: np.ndarray, plm: np.ndarray, key: str,
                 extra: np.ndarray | None = None) -> tuple[pd.DataFrame, list[str]]:
    codes, cats, per_lp = _split_codes(data, key)
    k = len(cats)
    if per_lp:
        lp_n = np.bincount(codes[listable(data, plm)], minlength=k)
        rev_n = np.array([len(np.unique(data.lp_rev[plm & (codes == i)])) for i in range(k)])
        cols = {"reviews": rev_n, "learning_points": lp_n}
    else:
        lp_codes = codes[data.lp_rev]
        cols = {"reviews": np.bincount(codes[pr], minlength=k),
                "learning_points": np.bincount(lp_codes[listable(data, plm)], minlength=k)}
        if filters_select_lps(parent):
            cols["selected"] = np.bincount(codes[listed_reviews(data, plm)], minlength=k)
    return pd.DataFrame(cols, index=cats), cats


def _split_hidden(data, parent, pr, plm, key, value, threshold) -> bool:
    table, cats = _split_table(data, parent, pr, plm, key)
    if str(value) not in cats:
        return False
    t = suppress(table, threshold, additive_rows=True)
    return bool(t.hidden.loc[str(value)].any())


def _partition_hidden(data: ExplorerData, filters: dict, threshold: int, shown: list[str]):
    """Per partitioning filter: the theme cells of this choice hidden in the parent's table of
    choices (reviews with each theme by choice, suppressed down each theme with its total)."""
    ids = data.themes.ids
    idx = [ids.index(t) for t in shown]
    for key, value, parent in _parents(filters):
        if key not in _PARTITION_KEYS or value is None or not idx:
            continue
        pr, plm = _measures(data, parent)
        codes, cats, per_lp = _split_codes(data, key)
        if str(value) not in cats:
            continue
        row = cats.index(str(value))
        counts = np.zeros((len(cats), len(idx)), dtype=int)
        if per_lp:
            for i in range(len(cats)):
                rt = review_theme_matrix(data, plm & (codes == i))
                counts[i] = rt[:, idx].sum(axis=0)
        else:
            rt = review_theme_matrix(data, plm)[:, idx]
            np.add.at(counts, codes[pr], rt[pr].astype(int))
        t = suppress(pd.DataFrame(counts, index=cats, columns=shown), threshold, additive_rows=True)
        yield t.hidden.iloc[row]


def _blank(v: Views, captions: dict, why: str) -> Views:
    """Every count of ``v`` hidden (``"*"``), with ``captions`` (written for a hidden count) and
    ``why`` as the notice."""
    def hide(ct: CountTable) -> CountTable:  # "*" everywhere: a "<T" would tell 1..T-1 from 0 or more
        every = pd.DataFrame(True, index=ct.hidden.index, columns=ct.hidden.columns)
        return CountTable(ct.counts, every, ct.threshold, None if ct.secondary is None else ct.secondary | True,
                          every.copy())

    tc = v.theme_counts.copy()
    for col in ("reviews", "pct_of_reviews", "learning_points", "denominator"):
        tc[col] = "*"
    tc["_hidden"] = True
    tc = tc.sort_values("theme", kind="stable").reset_index(drop=True)  # nothing shown: by theme id
    tt, dt, co, at = hide(v.trends_table), hide(v.trend_denoms), hide(v.cooc), hide(v.areas_table)
    trends = v.trends.copy()
    trends.loc[:, :] = "*"
    areas = v.areas.copy()
    areas.loc[:, :] = "*"
    rates = v.trend_rates * np.nan if v.trend_rates is not None else None
    rd = v.trend_rates_display.copy() if v.trend_rates_display is not None else None
    if rd is not None:
        rd.loc[:, :] = "*"
    lift = v.lift * np.nan if v.lift is not None else None
    ld = v.lift_display.copy() if v.lift_display is not None else None
    if ld is not None:
        ld.loc[:, :] = "*"
        for i in range(len(ld)):
            ld.iat[i, i] = ""
    caps = dict(captions, blocked=why)
    return Views(v.denominator, "*", v.n_learning_points, tc, trends, tt, dt, co, areas, at, v.area_level,
                 v.shown_themes, v.focus_themes, v.heat_themes, v.n_selected, "*", "*", rates, rd, lift, ld,
                 caps, why)


def filters_select_lps(filters: dict) -> bool:
    """True when a learning-point filter (theme, theme group, type, search) is set."""
    return any(filters.get(k) not in (None, "") for k in ("theme", "theme_group", "polarity", "search"))


def _lower(label: str) -> str:
    """Lower-case a label in a sentence, but keep acronyms ("ICB")."""
    return label if label[:2].isupper() else label[:1].lower() + label[1:]


def _captions(data: ExplorerData, filters: dict, area_level: str, threshold: int,
              denom_display: str = "") -> dict:
    """What each chart's numbers count and of what, in words (keys: ``counted``, ``theme_counts``,
    ``percent``, ``trends``, ``cooccurrence``, ``areas``, ``suppression``)."""
    labels = data.themes.labels
    t = filters.get("theme")
    lp_words = []
    if t is not None:
        lp_words.append(f"on {labels.get(t, t)}")
    elif filters.get("theme_group"):
        lp_words.append(f"in {data.themes.group_label(filters['theme_group'])}")
    if filters.get("polarity"):
        lp_words.append(f"of type {value_label('polarity', filters['polarity']).lower()}")
    if filters.get("search") and str(filters["search"]).strip():
        lp_words.append(f'containing "{str(filters["search"]).strip()[:40]}"')
    n = f"{denom_display} " if denom_display else ""
    if lp_words:
        what = "a learning point " + " and ".join(lp_words)
        counted = (f"Counted: reviews with {what}, out of all {n}reviews that match the other filters "
                   "(percentages are of all those reviews, not only the ones with such a learning point).")
        bars = (f"Reviews with {what} that also carries each theme (a review counts once per theme)"
                if t is not None else f"Reviews with {what} carrying each theme")
        pct = f"% of all {n}reviews matching the other filters"
        cooc = (f"Among all {n}reviews matching the other filters, counting only learning points "
                f"{' and '.join(lp_words)}: how many times as often as chance two themes come up in the "
                "same review (1.0x = no link)")
        trends = (f"Reviews with {what} per 100 reviews of deaths that year (all reviews that year; "
                  "years differ in size)")
        areas = f"Reviews with {what}, by {_lower(filter_label(area_level))} (% of all that area's reviews)"
    else:
        counted = f"Counted: reviews ({n}reviews match); a review counts once per theme."
        bars = "Reviews with at least one learning point carrying each theme"
        pct = f"% of the {n}reviews that match"
        cooc = (f"Among the {n}reviews that match: how many times as often as chance two themes come up "
                "in the same review (1.0x = no link)")
        trends = "Reviews with each theme per 100 reviews of deaths that year (years differ in size)"
        areas = f"Reviews with each theme by {_lower(filter_label(area_level))} (% of that area's reviews)"
    return {"counted": counted, "theme_counts": bars, "percent": pct, "trends": trends,
            "cooccurrence": cooc, "areas": areas,
            "suppression": (f"<{threshold} means 1 to {threshold - 1} (too few to show). * means hidden so "
                            "that a small number cannot be worked out from the others; it can be any number, 0 "
                            "included.")}


# --------------------------------------------------------------------------- drill-down
def drill_mask(data: ExplorerData, filters: dict, drill: dict | None) -> np.ndarray:
    """Learning points behind a bar/cell: current filters plus the drill-down keys.

    ``drill`` may hold ``theme``, ``theme2`` (co-occurrence: learning points of reviews that carry
    both, with either theme), ``year`` and ``area_level``/``area``.
    """
    rmask = review_mask(data, filters)
    drill = drill or {}
    if drill.get("year") is not None:
        rmask = rmask & (data.years == int(drill["year"]))
    if drill.get("area") is not None:
        level = drill.get("area_level", "region")
        cats = data.rev_cats[level]
        rmask = rmask & (data.rev_codes[level] == cats.index(drill["area"])) if drill["area"] in cats \
            else np.zeros_like(rmask)
    lmask = lp_mask(data, filters, rmask)
    t1, t2 = drill.get("theme"), drill.get("theme2")
    ids = data.themes.ids
    if t1 is not None and t2 is not None and t1 != t2:
        rt = review_theme_matrix(data, lmask)
        both = rt[:, ids.index(t1)] & rt[:, ids.index(t2)]
        lmask = lmask & both[data.lp_rev] & (data.theme_mat[:, ids.index(t1)] |
                                             data.theme_mat[:, ids.index(t2)])
    elif t1 is not None:
        lmask = lmask & data.theme_mat[:, ids.index(t1)]
    return lmask


def listed_reviews(data: ExplorerData, mask: np.ndarray) -> np.ndarray:
    """Reviews behind the learning points of ``mask`` (what a viewer of the listing knows)."""
    within = np.zeros(len(data.reviews), dtype=bool)
    within[data.lp_rev[mask]] = True
    return within


def _shown_meta(data: ExplorerData, pos: int, within: np.ndarray, threshold: int) -> dict[str, str]:
    return safe_metadata(data.rev_codes, data.rev_cats, int(data.lp_rev[int(pos)]), within, threshold)


def listing_order(data: ExplorerData, pos: np.ndarray) -> np.ndarray:
    """``pos`` (learning-point positions) in listing order: sorted by their keyed per-process
    handle (:func:`opaque_ref`), a shuffle that is stable while the app runs, so that one review's
    learning points do not sit together (their order would link them).

    >>> listing_order(data, np.flatnonzero(mask))  # doctest: +SKIP
    """
    ids = data.lps["lp_id"].to_numpy()[pos]
    keys = np.array([opaque_ref(i) for i in ids], dtype=object)
    return pos[np.argsort(keys, kind="stable")] if len(pos) else pos


def page_of(data: ExplorerData, mask: np.ndarray, page: int, page_size: int,
            threshold: int = 5) -> pd.DataFrame:
    """Rows of one page of learning points, safe to show.

    Withheld learning points (residue) are left out. Rows carry ``ref`` (an opaque per-session
    handle for :meth:`ExplorerState.select`), never the learning-point or review id, and the year
    only when at least ``threshold`` reviews of the listing share the row's year (else ``"-"``).
    ``_pos`` is internal (for the state), not for display.
    """
    mask = mask & ~data.withheld
    within = listed_reviews(data, mask)
    pos = listing_order(data, np.flatnonzero(mask))[page * page_size:(page + 1) * page_size]
    rows = data.lps.iloc[pos]
    years = [_shown_meta(data, p, within, threshold).get("year", "-") for p in pos]
    return pd.DataFrame({
        "_pos": pos, "ref": [opaque_ref(i) for i in rows["lp_id"]], "year": years,
        # where the text came from, not a judgement (facil7 F13: a positive statement in the review's
        # "areas for improvement" read as "Area for improvement")
        "section": [value_label("source_field", v) for v in rows["source_field"]],
        "themes": [", ".join(data.themes.labels.get(t, t) for t in ts) for ts in rows["themes"]],
        "text": rows["text"].to_numpy()})


def excerpt(data: ExplorerData, pos: int, theme: str | None = None, within: np.ndarray | None = None,
            threshold: int = 5) -> dict:
    """The de-identified learning point with theme evidence spans and generalised metadata.

    ``meta`` holds only the quasi-identifiers that at least ``threshold`` reviews of ``within``
    share with this one (see :func:`leder_insights.explore.safe_metadata`), never the review id;
    the care grade only when ``open_shows_care_grade`` is set in ``conf/privacy.yaml`` (default off:
    the text may tie it to one review) and the reviews sharing what is shown have more than one grade.
    A withheld learning point raises ``[E005]``.
    """
    pos = int(pos)
    if data.withheld[pos]:
        raise InputError(Errors.E005, value="this learning point", option="opening",
                         allowed="a learning point that is not withheld")
    row = data.lps.iloc[pos]
    ev = row["evidence"] or {}
    spans = []
    for t, ss in ev.items():
        if theme is None or t == theme or t in row["themes"]:
            for s in ss or []:
                try:
                    a, b = int(s[0]), int(s[1])
                except (TypeError, ValueError, IndexError):
                    continue
                if 0 <= a < b <= len(row["text"]):
                    spans.append((a, b, t))
    if within is None:
        within = np.ones(len(data.reviews), dtype=bool)
    shown = _shown_meta(data, pos, within, threshold)
    meta = {filter_label(k): value_label(k, v) for k, v in shown.items()}
    same = within.copy()
    r = int(data.lp_rev[pos])
    for k in shown:
        same &= data.rev_codes[k] == data.rev_codes[k][r]
    from ._privacy import privacy_rules

    shows_grade = bool(privacy_rules().get("open_shows_care_grade", False))
    if shows_grade and len(np.unique(data.rev_codes["care_grade"][same])) > 1:
        meta[filter_label("care_grade")] = value_label("care_grade", data.reviews["care_grade"].iat[r])
    meta[ui_text("listing_section")] = value_label("source_field", row["source_field"])
    meta[filter_label("polarity")] = value_label("polarity", row["polarity"])
    meta["Themes"] = ", ".join(data.themes.labels.get(t, t) for t in row["themes"])
    return {"ref": opaque_ref(row["lp_id"]), "text": row["text"], "spans": sorted(spans), "meta": meta}


__all__ = ["ExplorerData", "ThemeInfo", "CountTable", "Views", "AGE_BANDS", "FILTER_KEYS",
           "REVIEW_FILTERS", "theme_info", "review_mask", "lp_mask", "review_theme_matrix",
           "suppress", "suppress_value", "pct_display", "compute_views", "drill_mask", "page_of", "listing_order",
           "excerpt", "listed_reviews", "differencing_block", "year_choice"]
