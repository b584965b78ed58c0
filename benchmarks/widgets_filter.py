"""How long does a filter change take in the ThemeExplorer with 50k learning points?

Builds a synthetic explorer data set (reviews with the contract columns, ~4 learning points each,
themes from the taxonomy), then applies a sequence of filter changes and times
(a) the state (every summary view + the current page) and (b) the whole view refresh (state +
HTML/SVG rendering + widget updates, without a browser). Target: < 150 ms per change.

    .venv/bin/python benchmarks/widgets_filter.py [--n-lp 50000]
"""
from __future__ import annotations

import argparse
import statistics
import time

import numpy as np
import pandas as pd


def synthetic(n_lp: int, seed: int = 0):
    from leder_insights.schema import NHS_REGIONS
    from leder_insights.explore import theme_info

    rng = np.random.default_rng(seed)
    ids = list(theme_info().ids) or [f"theme_{i}" for i in range(19)]
    n_rev = n_lp // 4
    region = rng.choice(NHS_REGIONS, n_rev)
    rv = pd.DataFrame({
        "review_id": [f"R{i:06d}" for i in range(n_rev)], "region": region,
        "icb": [f"ICB {r[:3]}-{k}" for r, k in zip(region, rng.integers(0, 6, n_rev))],
        "death_date": [f"{y}-06-01" for y in rng.integers(2018, 2025, n_rev)],
        "age_at_death": rng.integers(18, 95, n_rev), "sex": rng.choice(["Female", "Male"], n_rev),
        "ethnic_group": rng.choice(["White", "Asian", "Black", "Mixed", "Other"], n_rev),
        "ld_severity": rng.choice(["mild", "moderate", "severe", "profound_multiple", "unknown"], n_rev),
        "place_of_death": rng.choice(["hospital", "home", "care_home", "hospice", "other"], n_rev),
        "care_grade": rng.integers(1, 7, n_rev)})
    rid = rng.integers(0, n_rev, n_lp)
    k = rng.integers(0, 4, n_lp)
    themes = [list(rng.choice(ids, size=int(n), replace=False)) for n in k]
    words = np.array(["swallow", "sepsis", "capacity", "family", "seizure", "delay", "STOMP", "care plan"])
    text = [f"Learning {i}: " + " ".join(rng.choice(words, 5)) for i in range(n_lp)]
    lp = pd.DataFrame({"lp_id": [f"L{i:06d}" for i in range(n_lp)], "review_id": rv.review_id.to_numpy()[rid],
                       "source_field": "learning",
                       "polarity": rng.choice(["good_practice", "area_for_improvement", "recommendation"], n_lp),
                       "text": text, "themes": themes, "theme_scores": [{} for _ in range(n_lp)],
                       "evidence": [{} for _ in range(n_lp)],
                       "residue": [[] for _ in range(n_lp)]})  # scanned at save time, not here
    return rv, lp


CHANGES = [("region", "London"), ("sex", "Female"), ("year_from", "2020"), ("polarity", "recommendation"),
           ("theme_group", "clinical"), ("search", "seizure"), ("age_band", "25-49"), ("region", None),
           ("theme", "epilepsy"), ("search", None), ("care_grade", "5"), ("ld_severity", "severe"),
           ("sex", None), ("theme_group", None), ("theme", None), ("year_from", None)]


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--n-lp", type=int, default=50_000)
    args = ap.parse_args(argv)
    from leder_insights.widgets import ExplorerData, ExplorerState, ThemeExplorer

    rv, lp = synthetic(args.n_lp)
    t = time.perf_counter()
    data = ExplorerData.build(rv, lp, deidentified=True)
    build = time.perf_counter() - t
    st = ExplorerState(data, threshold=5)
    st.views()
    state_ms = []
    for key, val in CHANGES * 2:
        t = time.perf_counter()
        st.set_filter(key, val)
        st.views()
        st.lp_page()
        state_ms.append(1000 * (time.perf_counter() - t))
    ex = ThemeExplorer(ExplorerState(data, threshold=5))
    view_ms = []
    for key, val in CHANGES * 2:
        t = time.perf_counter()
        ex.controls[key].value = "" if val is None else val  # fires the same callback as the browser
        view_ms.append(1000 * (time.perf_counter() - t))
    assert not ex.errors, ex.errors
    print(f"learning points: {len(data.lps):,}  reviews: {len(data.reviews):,}  themes: {len(data.themes.ids)}")
    print(f"one-off preparation (codes, theme matrix): {build * 1000:.0f} ms")
    for name, ms in (("state: views + page", state_ms), ("full view refresh", view_ms)):
        print(f"{name:>22}: median {statistics.median(ms):6.1f} ms  p90 {np.percentile(ms, 90):6.1f} ms  "
              f"max {max(ms):6.1f} ms  over {len(ms)} filter changes")
    ok = max(view_ms) < 150
    print(f"target < 150 ms per filter change: {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
