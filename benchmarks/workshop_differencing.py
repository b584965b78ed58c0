"""Blocking rate of the differencing rules on a project: how often a facilitator's selection, or a
cell of it, is hidden, and what an intruder comparing selections still recovers.

Usage:
  PYTHONPATH=$PWD LEDER_EXPLORE_NER=0 .venv/bin/python benchmarks/workshop_differencing.py PROJECT.duckdb
  ... PROJECT.duckdb --cells     # also: share of count cells shown exactly, cell guard on and off (slow)
  ... PROJECT.duckdb --attack    # also: hidden counts < 5 an intruder recovers (guard on and off; slow)
  ... PROJECT.duckdb --attack-wider   # only: the intruder against parents that have a filter themselves
  ... PROJECT.duckdb --chains   # only: chains through two filters (two-way tables) and nested searches
  ... PROJECT.duckdb --chains --on-only   # the same, guard on only
  ... PROJECT.duckdb --tables   # only: tables of one, two and three filters with the lines within each
                                #   screen (years adding up to a theme's count ...), ICB x sex within regions
  ... PROJECT.duckdb --icb-cells   # only: count cells of each one-ICB selection shown exactly, "<5", "*"
"""
import os
import sys
import time

os.environ.setdefault("LEDER_EXPLORE_NER", "0")

from leder_insights.explore import ExplorerState, load_explorer_data  # noqa: E402
from leder_insights.explore import _queries as q  # noqa: E402
from leder_insights.explore._attack import (chain_leaks, differencing_leaks, search_leaks, shown_cells,  # noqa: E402
                                            table_leaks)

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


def blocking_and_cells(label, with_blocking=True):
    """Blocked selections, and the count cells (trends, areas, themes together, theme counts,
    findings) of the others: how many are exact numbers."""
    res = {"one filter": [0, 0, 0], "area + one": [0, 0, 0]}
    exact = total = 0
    for f in sel:
        st.reset().set_filters(**f)
        v = st.views()
        kind = "one filter" if len(f) == 1 else "area + one"
        tiny = v.blocked is None and v.denominator_display.startswith("<")
        res[kind][0] += 1
        res[kind][1] += v.blocked is not None
        res[kind][2] += tiny
        if v.blocked is None and "--cells" in sys.argv:
            for key, s in shown_cells(st).items():
                if key[0] != "match":
                    total += 1
                    exact += str(s).split(" (")[0].replace(",", "").isdigit()
    if with_blocking:
        for k, (n, b, t) in res.items():
            print(f"{k}: {n} selections, blocked {b} ({100*b/n:.1f}%), already <5 {t} ({100*t/n:.1f}%); "
                  f"blocked among those not already <5: {100*b/max(1,n-t):.1f}%")
    if total:
        print(f"cells ({label}): {exact:,} of {total:,} count cells shown as exact numbers "
              f"({100*exact/total:.1f}%) in the selections not blocked")


def attack(label):
    keys = ["sex", "year_from", "region", "icb", "age_band", "ld_severity", "place_of_death", "ethnic_group",
            "care_grade"]
    leaks, n = [], 0
    for key in keys:
        leaks += differencing_leaks(st, {}, key)
        n += 1
    for key in ("polarity", "theme"):
        leaks += differencing_leaks(st, {}, key, additive=False)
        n += 1
    for lvl in ("region", "icb"):
        for a in data.options(lvl):
            for key in ("sex", "year_from", "age_band", "ld_severity"):
                leaks += differencing_leaks(st, {lvl: a}, key)
                n += 1
            leaks += differencing_leaks(st, {lvl: a}, "theme", additive=False)
            n += 1
    views = sorted({x.cell[0] for x in leaks})
    print(f"intruder ({label}): {n} comparisons (a parent against every choice of one filter), "
          f"{len(leaks):,} hidden counts under 5 recovered" + (f" in {', '.join(views)}" if views else ""))


def attack_wider(label):
    """Wider selections with a filter of their own: a sex, a year or an age band against its areas,
    bands, years; a region and a sex against its years and bands."""
    leaks, n = [], 0
    for s in data.options("sex"):
        for key in ("region", "age_band", "year_from", "ld_severity"):
            leaks += differencing_leaks(st, {"sex": s}, key)
            n += 1
    for y in data.options("year_from"):
        for key in ("region", "age_band"):
            leaks += differencing_leaks(st, {"year_from": y}, key)
            n += 1
    for a in data.options("age_band"):
        leaks += differencing_leaks(st, {"age_band": a}, "region")
        n += 1
    for r in data.options("region"):
        for s in data.options("sex"):
            for key in ("year_from", "age_band"):
                leaks += differencing_leaks(st, {"region": r, "sex": s}, key)
                n += 1
    print(f"intruder, filtered parents ({label}): {n} comparisons, {len(leaks):,} hidden counts under 5 recovered")


#: two filters set against each other with all their margins (the first three on every search term too)
CHAINS = [("region", "sex"), ("region", "year_from"), ("region", "age_band"), ("sex", "age_band"),
          ("sex", "year_from"), ("age_band", "ld_severity"), ("year_from", "age_band"), ("region", "icb"),
          ("place_of_death", "sex"), ("icb", "sex")]
#: words an intruder might search for, each with its shorter stems (a stem matches more)
WORDS = ["medication", "hospital", "family", "epilepsy", "passport", "training"]


def chains(label):
    t0 = time.process_time()
    out = {}

    def note(k):
        print(f"    {k}: {len(out[k])} ({time.process_time() - t0:.0f} s CPU)", flush=True)

    for f, g in CHAINS:
        out[f"{f} x {g}"] = chain_leaks(st, {}, f, g)
        note(f"{f} x {g}")
    terms = []
    for w in WORDS:
        terms += [w[:k] for k in range(3, len(w) + 1)]
    out["nested searches (all data)"] = search_leaks(st, {}, terms)
    for r in data.options("region")[:3]:
        out[f"nested searches ({r})"] = search_leaks(st, {"region": r}, terms)
    for w in WORDS[:3]:
        for f, g in CHAINS[:3]:
            out[f'search "{w}": {f} x {g}'] = chain_leaks(st, {"search": w}, f, g)
    n = sum(len(v) for v in out.values())
    print(f"intruder, chains and searches ({label}): {n:,} hidden counts under 5 recovered "
          f"({time.process_time() - t0:.0f} s CPU)")
    for k, v in out.items():
        print(f"  {k}: {len(v)}" + (f" (views: {', '.join(sorted({x.cell[0] for x in v}))})" if v else ""))
    sys.stdout.flush()


#: tables for --tables: one filter, two, three (region x ICB x sex: the ICB lines of each region beside sex)
TABLES = [["sex"], ["year_from"], ["region"], ["icb"], ["age_band"], ["ld_severity"], ["place_of_death"],
          ["ethnic_group"], ["care_grade"], ["place_of_death", "sex"], ["region", "sex"], ["sex", "age_band"],
          ["region", "age_band"], ["region", "sex", "age_band"], ["region", "icb", "sex"]]


def tables(label):
    t0 = time.process_time()
    n = 0
    for keys in TABLES:
        lk = table_leaks(st, {}, keys, within=True)
        n += len(lk)
        views = ", ".join(f"{v} {sum(1 for x in lk if x.cell[0] == v)}" for v in sorted({x.cell[0] for x in lk}))
        print(f"  {' x '.join(keys)}: {len(lk)}" + (f" ({views})" if lk else "") +
              f" ({time.process_time() - t0:.0f} s CPU)", flush=True)
    print(f"intruder, tables with the lines within each screen ({label}): {n:,} hidden counts under 5 recovered")


def icb_cells():
    ex = lt = star = 0
    t0 = time.process_time()
    for i in data.options("icb"):
        st.reset().set_filters(icb=i)
        for k, s in shown_cells(st).items():
            if k[0] == "match":
                continue
            s = str(s).split(" (")[0].replace(",", "")
            ex += s.isdigit()
            lt += s.startswith("<")
            star += not s.isdigit() and not s.startswith("<")
    n = ex + lt + star
    print(f"one ICB ({len(data.options('icb'))} selections): {n:,} count cells, exact {100*ex/n:.1f}%, "
          f"'<5' {100*lt/n:.1f}%, '*' {100*star/n:.1f}% ({time.process_time() - t0:.0f} s CPU)")


if "--icb-cells" in sys.argv:  # only this part
    icb_cells()
    sys.exit(0)

if "--tables" in sys.argv:  # only this part
    tables("cell guard on")
    if "--on-only" not in sys.argv:
        q._forced, st._views_key = (lambda *a, **k: None), None
        tables("cell guard off")
    sys.exit(0)

if "--chains" in sys.argv:  # only this part (``--on-only``: without the run with the guard off)
    chains("cell guard on")
    if "--on-only" not in sys.argv:
        q._forced, st._views_key = (lambda *a, **k: None), None
        chains("cell guard off, as before")
    sys.exit(0)

if "--attack-wider" in sys.argv:  # only this part
    attack_wider("cell guard on")
    q._forced, st._views_key = (lambda *a, **k: None), None
    attack_wider("cell guard off, as before")
    sys.exit(0)

t0 = time.time()
blocking_and_cells("cell guard on")
print(f"{len(sel)} selections in {time.time()-t0:.0f} s")
forced = q._forced
if "--cells" in sys.argv:
    q._forced, st._views_key = (lambda *a, **k: None), None
    blocking_and_cells("cell guard off, as before", with_blocking=False)
    q._forced, st._views_key = forced, None
if "--attack" in sys.argv:
    t0 = time.time()
    attack("cell guard on")
    q._forced, st._views_key = (lambda *a, **k: None), None
    attack("cell guard off, as before")
    q._forced, st._views_key = forced, None
    print(f"attack in {time.time()-t0:.0f} s")
