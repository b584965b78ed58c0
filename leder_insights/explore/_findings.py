"""Indicative findings, the panel a local LeDeR briefing leads with, suppressed like every count.

For the reviews behind the current match (review filters; with a learning-point filter, the
reviews with a matching learning point):

* age at death: median and distribution by age band, by learning-disability severity and by sex;
* where people died: hospital against community (home, care home) and hospice;
* the most prevalent causes of death, grouped from the cause-of-death text (word lists in
  ``leder_insights/conf/causes_of_death.yaml``, shared with the release schema);
* care grades;
* over time: reviews, median age at death and share dying in hospital per year.

A median is shown only for a group of at least 10 reviews (twice the threshold, if larger):
the median of a small group is one person's age. Counts follow the explorer's
rules (1..threshold-1 as ``"<5"``, a second cell ``"*"`` where a shown total would reveal one).

>>> cause_groups(["1a) Aspiration pneumonia; 1b) Dysphagia", "I(a) SUDEP I(b) Epilepsy", "", "1a: Frailty"])
['respiratory', 'epilepsy', 'unknown', 'other']
"""
from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Sequence

import numpy as np
import pandas as pd
import yaml

from . import _queries as q
from ._labels import filter_label, value_label

#: shared with the release schema (its cause-of-death hierarchy groups causes with the same words)
CAUSES_PATH = Path(__file__).parents[1] / "conf" / "causes_of_death.yaml"
#: place of death -> setting shown in the findings
SETTINGS = {"hospital": "Hospital", "home": "Community (home or care home)",
            "care_home": "Community (home or care home)", "hospice": "Hospice"}


@functools.lru_cache(maxsize=1)
def _causes() -> tuple[list[tuple[str, str, re.Pattern]], str]:
    data = yaml.safe_load(CAUSES_PATH.read_text(encoding="utf-8"))
    groups = [(g["id"], g["label"], re.compile(r"\b(?:" + "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(g["words"], key=lambda w: (-len(w), w))) + ")", re.I))
        for g in data["groups"]]
    return groups, data["other"]


def cause_labels() -> dict[str, str]:
    """Cause group id -> label (plus ``other`` and ``unknown``)."""
    groups, other = _causes()
    return {gid: label for gid, label, _ in groups} | {"other": other, "unknown": "Not recorded"}


def cause_groups(texts: Sequence) -> list[str]:
    """The cause group of each cause-of-death text: the group whose word comes first."""
    groups, _ = _causes()
    out = []
    for t in texts:
        if t is None or (isinstance(t, float) and np.isnan(t)) or not str(t).strip():
            out.append("unknown")
            continue
        best = None
        for gid, _label, pat in groups:
            m = pat.search(str(t))
            if m and (best is None or (m.start(), -len(m.group())) < best[0]):
                best = ((m.start(), -len(m.group())), gid)
        out.append(best[1] if best else "other")
    return out


def median_min(threshold: int) -> int:
    """Smallest group whose median is shown: a median of a small group is one person's value."""
    return max(10, 2 * int(threshold))


def _median(values: np.ndarray, n_min: int):
    v = values[np.isfinite(values)]
    return float(np.median(v)) if len(v) >= n_min else None


def _forced(state, block: str, obscured: bool = False) -> dict:
    """Cells of a findings block hidden against differencing (see ``_guard``): ``{row: bool}`` or,
    for two-way blocks, ``{(row, column): bool}``."""
    f = getattr(state.views(), "findings_force", None) or {}
    if block not in f:
        return {}
    lay, h = f["layout"], f[f"{block}:obscured" if obscured else block]
    rows = {"place": lay.settings, "causes": lay.causes, "grades": lay.grades, "sexsize": lay.sexes,
            "ldsize": lay.lds, "overtime": lay.years, "hospyear": lay.years, "agesex": lay.bands,
            "ageld": lay.bands}[block]
    if block in ("agesex", "ageld"):
        cols = lay.sexes if block == "agesex" else lay.lds
        return {(r, c): bool(h[i, j]) for i, r in enumerate(rows) for j, c in enumerate(cols)}
    return {r: bool(h[i, 0]) for i, r in enumerate(rows)}


def _count_table(groups: pd.Series, order: list[str], labels: dict, threshold: int, name: str,
                 force: dict | None = None, obscure: dict | None = None) -> pd.DataFrame:
    counts = groups.value_counts().reindex(order, fill_value=0)  # every row, zeros too: a missing
    total = int(counts.sum())                                     # row would be a 0 nothing could hide
    if total < threshold:  # which rows 1..T-1 reviews fall in is record-level: no rows
        counts = counts.iloc[:0]
    t = q.suppress(pd.DataFrame({"n": counts.to_numpy()}, index=counts.index), threshold, additive_rows=True,
                   totals=pd.Series({"n": total}),
                   force=np.array([[bool((force or {}).get(str(k)))] for k in counts.index]).reshape(-1, 1)
                   if force else None,
                   obscure=np.array([[bool((obscure or {}).get(str(k)))] for k in counts.index]).reshape(-1, 1)
                   if obscure else None)
    d = t.display()["n"]
    hidden = t.hidden["n"].to_numpy() | (0 < total < threshold)
    if 0 < total < threshold:  # a zero beside a small total says what they all had in common
        d = pd.Series("*", index=d.index)
    pct = [("*" if h else f"{100 * n / total:.1f}%") for n, h in zip(counts.to_numpy(), hidden)] if total else []
    return pd.DataFrame({name: [labels.get(k, k) for k in counts.index], "Reviews": d.to_numpy(),
                         "% of reviews": pct})


def _findings_reviews(state) -> np.ndarray:
    data, filters = state.data, state.filters
    rmask = q.review_mask(data, filters)
    if q.filters_select_lps(filters):   # the match line's reviews (facil5 F4b: 114 on screen, 115 in the pack)
        return q.findings_reviews(data, filters, rmask, q.lp_mask(data, filters, rmask))
    return rmask


def _age_by(data, mask: np.ndarray, col: str, threshold: int, force: dict | None = None,
            force_size: dict | None = None, obscure: dict | None = None,
            obscure_size: dict | None = None) -> pd.DataFrame:
    ages = pd.to_numeric(data.reviews["age_at_death"], errors="coerce").to_numpy(dtype=float)
    groups = data.reviews[col].to_numpy()
    bands = [b for _lo, _hi, b in q.AGE_BANDS]
    few = int(mask.sum()) < threshold  # which groups a few reviews fall in is record-level: none
    cats = [] if few else list(data.rev_cats[col])  # every group, empty ones too (see _count_table)
    band_of = data.reviews["age_band"].to_numpy()
    counts = pd.DataFrame({c: [int((mask & (groups == c) & (band_of == b)).sum()) for b in bands] for c in cats},
                          index=bands)
    totals = pd.Series({c: int((mask & (groups == c)).sum()) for c in cats})
    fc = np.array([[bool((force or {}).get((b, c))) for c in cats] for b in bands]) if force else None
    oc = np.array([[bool((obscure or {}).get((b, c))) for c in cats] for b in bands]) if obscure else None
    t = q.suppress(counts, threshold, additive_rows=True, totals=totals, force=fc, obscure=oc)
    disp = t.display()
    for c in cats:  # a small group: its whole distribution is hidden, zeros included
        if 0 < totals[c] < threshold:
            disp[c] = "*"
    tt = q.suppress(totals.to_frame("n"), threshold, additive_rows=True,
                    totals=pd.Series({"n": int(totals.sum())}),  # group sizes add up to the selection
                    force=np.array([[bool((force_size or {}).get(c))] for c in cats]) if force_size else None,
                    obscure=np.array([[bool((obscure_size or {}).get(c))] for c in cats]) if obscure_size else None)
    rows = {"Reviews": list(tt.display()["n"].reindex(cats)),
            "Median age at death": [
                (lambda m: "*" if m is None else f"{m:.0f}")(_median(ages[mask & (groups == c)], median_min(threshold)))
                for c in cats]}
    for b in bands:
        rows[f"Aged {b}"] = list(disp.loc[b])
    out = pd.DataFrame(rows, index=[value_label(col, c) for c in cats])
    out.index.name = filter_label(col)
    return out.reset_index()


def findings_tables(state) -> dict[str, pd.DataFrame]:
    """Every indicative-findings table for the current selection (suppressed display strings).

    Keys: ``Key findings``, ``Age at death by learning disability``, ``Age at death by sex``,
    ``Place of death``, ``Causes of death``, ``Care grades``, ``Findings over time``.
    """
    data, threshold = state.data, state.threshold
    if state.views().blocked:  # differencing: the whole selection is hidden, findings included
        return {"Key findings": pd.DataFrame({"Finding": ["Numbers hidden for this selection. " + state.views().blocked]})}
    mask = _findings_reviews(state)
    rv = data.reviews
    n = int(mask.sum())
    out: dict[str, pd.DataFrame] = {}
    ages = pd.to_numeric(rv["age_at_death"], errors="coerce").to_numpy(dtype=float)

    place = pd.Series([SETTINGS.get(p, "Other or not recorded") for p in rv["place_of_death"]])[mask]
    place_order = ["Hospital", "Community (home or care home)", "Hospice", "Other or not recorded"]
    out["Place of death"] = _count_table(place, place_order, {}, threshold, "Place of death",
                                         _forced(state, "place"),
                                         _forced(state, "place", True))

    all_causes = pd.Series(rv["cause_group"].to_numpy() if "cause_group" in rv else ["unknown"] * len(rv))
    causes = all_causes[mask]
    labels = cause_labels()
    order = list(all_causes.value_counts().index)  # the project's order: this selection's would rank hidden cells
    order = [c for c in order if c not in ("other", "unknown")] + [c for c in ("other", "unknown") if c in order]
    out["Causes of death"] = _count_table(causes, order, labels, threshold, "Cause of death (grouped)",
                                          _forced(state, "causes"),
                                         _forced(state, "causes", True))

    grades = pd.Series(rv["care_grade"].to_numpy())[mask]
    gorder = [g for g in ("1", "2", "3", "4", "5", "6", "unknown", "<NA>") if g in set(rv["care_grade"].to_numpy())]
    out["Care grades"] = _count_table(grades, gorder, {g: value_label("care_grade", g) for g in gorder} |
                                      {"<NA>": "Not graded"}, threshold, "Care grade", _forced(state, "grades"),
                                         _forced(state, "grades", True))

    out["Age at death by learning disability"] = _age_by(
        data, mask, "ld_severity", threshold, _forced(state, "ageld"), _forced(state, "ldsize"),
        _forced(state, "ageld", True), _forced(state, "ldsize", True))
    out["Age at death by sex"] = _age_by(data, mask, "sex", threshold, _forced(state, "agesex"),
                                         _forced(state, "sexsize"), _forced(state, "agesex", True),
                                         _forced(state, "sexsize", True))

    years = sorted(set(data.years[data.years >= 0].tolist())) if n >= threshold else []
    per_year = []
    in_hosp = (rv["place_of_death"] == "hospital").to_numpy()
    ks = pd.DataFrame({"n": [int((mask & (data.years == y)).sum()) for y in years]}, index=years)
    fy, oy, fh = _forced(state, "overtime"), _forced(state, "overtime", True), _forced(state, "hospyear")
    kt = q.suppress(ks, threshold, additive_rows=True, totals=pd.Series({"n": n}),  # years add up to n
                    force=np.array([[bool(fy.get(y))] for y in years]).reshape(-1, 1) if fy else None,
                    obscure=np.array([[bool(oy.get(y))] for y in years]).reshape(-1, 1) if oy else None)
    k_disp, k_hid = kt.display()["n"], kt.hidden["n"]
    for y in years:
        m = mask & (data.years == y)
        k = int(m.sum())
        med = _median(ages[m], median_min(threshold))
        h = int((m & in_hosp).sum())
        small = 0 < k < threshold or 0 < h < threshold or 0 < k - h < threshold or bool(k_hid[y]) \
            or bool(fh.get(y))
        per_year.append({filter_label("year"): y, "Reviews": k_disp[y],
                         "Median age at death": "*" if med is None or k_hid[y] else f"{med:.0f}",
                         "% died in hospital": "*" if small or not k else f"{100 * h / k:.1f}%"})
    out["Findings over time"] = pd.DataFrame(per_year)

    out = {"Key findings": key_findings(out, n, mask, ages, threshold)} | out
    return out


def _causes_line(causes: pd.DataFrame) -> str:
    """The key finding on causes of death: the (up to) three largest shown, never a cause at 0;
    when some are hidden it says so in words, without saying which (facil7 F5).

    >>> t = pd.DataFrame({"Cause of death (grouped)": ["Cancer", "Sepsis", "Choking"],
    ...                   "Reviews": ["<5", "0", "0"], "% of reviews": ["*", "0.0%", "0.0%"]})
    >>> _causes_line(t)
    'Causes of death: hidden for this selection because the numbers are small.'
    """
    grouped = ~causes["Cause of death (grouped)"].isin([cause_labels()["other"], cause_labels()["unknown"]])
    hidden = causes["% of reviews"] == "*"
    pct = pd.to_numeric(causes["% of reviews"].astype(str).str.rstrip("%"), errors="coerce")
    shown = causes.assign(_p=-pct)[grouped & ~hidden & (pct > 0)]  # assign first: an empty frame takes its index
    if not len(shown):
        return "Causes of death: hidden for this selection because the numbers are small." if hidden.any() else ""
    # the three largest by the shares shown (the table keeps the cause list's order)
    top = shown.sort_values(["_p", "Cause of death (grouped)"], kind="stable").head(3)
    listed = "; ".join(f"{c} {p}" for c, p in zip(top["Cause of death (grouped)"], top["% of reviews"]))
    if hidden.any():  # a hidden cause may be larger than those shown
        return (f"Most common causes of death shown (grouped): {listed}. Some other causes are hidden "
                "because their numbers are small.")
    return f"Most common causes of death (grouped): {listed}."


def key_findings(tables: dict, n: int, mask: np.ndarray, ages: np.ndarray, threshold: int) -> pd.DataFrame:
    """A few sentences for the top of a briefing (each from a suppressed table)."""
    lines = []
    if 0 < n < threshold:
        return pd.DataFrame({"Finding": [f"Fewer than {threshold} reviews match: no findings shown."]})
    med = _median(ages[mask], median_min(threshold))
    if med is not None:
        lines.append(f"Median age at death {med:.0f} years ({n:,} reviews).")
    place = tables["Place of death"].set_index("Place of death")
    if "Hospital" in place.index and place.loc["Hospital", "% of reviews"] != "*":
        lines.append(f"{place.loc['Hospital', '% of reviews']} died in hospital.")
    line = _causes_line(tables["Causes of death"])
    if line:
        lines.append(line)
    grades = tables["Care grades"]
    fell = grades[grades["Care grade"].astype(str).str[:1].isin(["4", "5", "6"])]
    nums = [int(x) for x in fell["Reviews"] if str(x).isdigit()]
    if len(fell) and len(nums) == len(fell) and sum(nums) >= threshold:
        lines.append(f"Care fell short (grades 4-6) in {sum(nums)} reviews ({100 * sum(nums) / n:.1f}%).")
    lines.append("Indicative only: small numbers are hidden and cause groups come from the recorded text.")
    return pd.DataFrame({"Finding": lines})


__all__ = ["median_min", "findings_tables", "key_findings", "cause_groups", "cause_labels", "CAUSES_PATH", "SETTINGS"]
