"""Blocking rate of the differencing rule on a project: how often a facilitator's selection is hidden.

Usage: PYTHONPATH=$PWD LEDER_EXPLORE_NER=0 .venv/bin/python benchmarks/workshop_differencing.py PROJECT.duckdb
"""
import os
import sys
import time

from leder_insights.explore import ExplorerState, load_explorer_data

os.environ.setdefault("LEDER_EXPLORE_NER", "0")
data = load_explorer_data(sys.argv[1])
st = ExplorerState(data, threshold=5)
sel = []
single = ["region", "icb", "sex", "age_band", "ethnic_group", "ld_severity", "place_of_death", "care_grade",
          "year_from", "theme", "polarity"]
for k in single:
    for v in data.options(k):
        sel.append({k: v})
for a in ("region", "icb"):
    for b in ("sex", "year_from", "age_band", "ld_severity", "theme"):
        for va in data.options(a):
            for vb in data.options(b):
                sel.append({a: va, b: vb})
res = {"one filter": [0, 0, 0], "area + one": [0, 0, 0]}
t0 = time.time()
for f in sel:
    st.reset().set_filters(**f)
    v = st.views()
    kind = "one filter" if len(f) == 1 else "area + one"
    tiny = v.blocked is None and v.denominator_display.startswith("<")
    res[kind][0] += 1
    res[kind][1] += v.blocked is not None
    res[kind][2] += tiny
for k, (n, b, t) in res.items():
    print(f"{k}: {n} selections, blocked {b} ({100*b/n:.1f}%), already <5 {t} ({100*t/n:.1f}%); "
          f"blocked among those not already <5: {100*b/max(1,n-t):.1f}%")
print(f"{len(sel)} selections in {time.time()-t0:.0f} s")
