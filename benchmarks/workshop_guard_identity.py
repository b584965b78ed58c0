"""Everything the workshop views show for a fixed set of selections, recorded to a JSON file and
compared with an earlier record: a change to the differencing guard's speed must leave every shown
value as it was (or, where it hides more, say exactly which cells).

Recorded per selection (demo project and the explorer test fixtures, ``tests/explore``): every cell
of every table as shown (theme bars, trends, rates, areas, heat grid and lift, findings tables), the
match line, the match and listing summaries, the blocked notice, the guard's hidden and obscured
cells per block, each table's hidden/obscured/secondary masks, the chosen themes, and the first
listing page (positions and years, the listing's per-process key fixed; ``ref`` left out). CPU seconds per selection are
recorded too (not compared).

Usage (from a worktree)::

    PYTHONPATH=$PWD LEDER_EXPLORE_NER=0 .venv/bin/python benchmarks/workshop_guard_identity.py \
        --project /tmp/demo --record before.json
    ... --project /tmp/demo --compare before.json [--record after.json]

``--project`` may be left out (fixtures only); ``--only demo|fixtures``. Exit 1 when ``--compare``
finds a shown value that differs (each difference is printed: selection, key, before, after).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("LEDER_EXPLORE_NER", "0")

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "explore"))

#: demo selections: (label, area level, filters); values ``"@first:KEY"`` are the first option of KEY
#: (``"@last:KEY"`` the last, ``"@top:KEY"`` the one with the most reviews) and ``"@icb5"`` the first ICB (alphabetical) with at least 5 reviews (icb_sex_compute_time.py's)
DEMO = [
    ("none", "region", {}),
    ("icb", "region", {"icb": "@icb5"}),
    ("icb+sex", "region", {"icb": "@icb5", "sex": "@first:sex"}),
    ("icb+sex (icb level)", "icb", {"icb": "@icb5", "sex": "@first:sex"}),
    ("icb+ethnic", "region", {"icb": "@icb5", "ethnic_group": "@first:ethnic_group"}),
    ("region+sex+age", "region", {"region": "@first:region", "sex": "@first:sex", "age_band": "25-49"}),
    ("region+sex", "region", {"region": "@first:region", "sex": "@last:sex"}),
    ("year+place", "region", {"year_from": "@first:year_from", "place_of_death": "@first:place_of_death"}),
    ("theme+icb", "region", {"theme": "@first:theme", "icb": "@icb5"}),
    ("theme+region", "region", {"theme": "@first:theme", "region": "@last:region"}),
    ("sex", "region", {"sex": "@first:sex"}),
    ("age", "icb", {"age_band": "50-64"}),
    ("polarity+region", "region", {"polarity": "@first:polarity", "region": "@first:region"}),
    ("search+sex", "region", {"search": "care", "sex": "@last:sex"}),
    ("year+sex+ld", "region", {"year_from": "@last:year_from", "sex": "@first:sex",
                               "ld_severity": "@first:ld_severity"}),
    ("year+place (most)", "region", {"year_from": "@first:year_from", "place_of_death": "@top:place_of_death"}),
    ("theme (most)+icb", "region", {"theme": "@top:theme", "icb": "@icb5"}),
    ("theme (most)+icb (icb level)", "icb", {"theme": "@top:theme", "icb": "@icb5"}),
    ("icb+ethnic (most)", "region", {"icb": "@icb5", "ethnic_group": "@top:ethnic_group"}),
    ("region+age (most)", "region", {"region": "@top:region", "age_band": "@top:age_band"}),
]

#: fixture selections (``make_frames``: three regions, four ICBs, two sexes, four years)
FIXTURE = [
    ("none", "region", {}),
    ("region", "region", {"region": "London"}),
    ("icb", "region", {"icb": "ICB-L1"}),
    ("icb+sex", "region", {"icb": "ICB-L1", "sex": "Female"}),
    ("icb+sex (icb level)", "icb", {"icb": "ICB-M1", "sex": "Male"}),
    ("region+sex+age", "region", {"region": "Midlands", "sex": "Male", "age_band": "25-49"}),
    ("year+place", "region", {"year_from": "2020", "place_of_death": "hospital"}),
    ("theme+icb", "region", {"theme": "epilepsy", "icb": "ICB-N1"}),
    ("icb+ethnic", "region", {"icb": "ICB-L2", "ethnic_group": "White"}),
    ("polarity+region", "region", {"polarity": "good_practice", "region": "London"}),
    ("search+sex", "region", {"search": "seizure", "sex": "Female"}),
    ("group+year", "region", {"theme_group": "clinical", "year_from": "2021"}),
    ("sex+ld+grade", "region", {"sex": "Female", "ld_severity": "mild", "care_grade": "2"}),
]


def _resolve(data, st, filters: dict) -> dict:
    import numpy as np

    out = {}
    for k, v in filters.items():
        if v == "@icb5":
            for o in data.options("icb"):
                st.reset().set_filter("icb", o)
                d = str(st.views().denominator_display)
                if d.isdigit() and int(d) >= 5:
                    v = o
                    break
        elif str(v).startswith("@first:"):
            v = data.options(v.split(":", 1)[1])[0]
        elif str(v).startswith("@top:"):  # the option with the most reviews (learning points: theme)
            key = v.split(":", 1)[1]
            v = (data.themes.ids[int(data.theme_mat.sum(axis=0).argmax())] if key == "theme"
                 else data.rev_cats[key][int(np.bincount(data.rev_codes[key]).argmax())])
        elif str(v).startswith("@last:"):
            v = data.options(v.split(":", 1)[1])[-1]
        out[k] = v
    return out


def _frame(df) -> dict:
    return {"index": [str(i) for i in df.index], "columns": [str(c) for c in df.columns],
            "values": [[str(x) for x in row] for row in df.astype(object).to_numpy().tolist()]}


def _table(ct) -> dict:
    out = {"display": _frame(ct.display()), "hidden": _frame(ct.hidden)}
    if ct.obscure is not None:
        out["obscure"] = _frame(ct.obscure)
    if ct.secondary is not None:
        out["secondary"] = _frame(ct.secondary)
    return out


def record_selection(st) -> dict:
    """Every value the views show for the state's selection (JSON-ready)."""
    import numpy as np

    from leder_insights.explore._findings import findings_tables

    v = st.views()
    rec: dict = {
        "denominator_display": v.denominator_display, "selected_display": v.selected_display,
        "learning_points_display": v.learning_points_display, "blocked": v.blocked,
        "shown_themes": v.shown_themes, "focus_themes": v.focus_themes, "heat_themes": v.heat_themes,
        "captions": v.captions, "theme_counts": _frame(v.theme_counts), "trends": _frame(v.trends),
        "areas": _frame(v.areas), "trends_table": _table(v.trends_table), "trend_denoms": _table(v.trend_denoms),
        "cooc": _table(v.cooc), "areas_table": _table(v.areas_table),
        "trend_rates_display": None if v.trend_rates_display is None else _frame(v.trend_rates_display),
        "lift_display": None if v.lift_display is None else _frame(v.lift_display),
        "findings_force": {k: np.asarray(x).astype(int).tolist() for k, x in (v.findings_force or {}).items()
                           if k != "layout"},
        "findings_tables": {k: _frame(df) for k, df in findings_tables(st).items()},
        "match_summary": {k: str(x) for k, x in st.match_summary().items()},
        "listing_summary": {k: str(x) for k, x in st.listing_summary().items()},
    }
    page = st.lp_page()
    rec["lp_page"] = {"pos": [int(p) for p in page["_pos"]], "year": [str(y) for y in page["year"]]}
    return rec


def run(data, selections, st_kw: dict, label: str) -> dict:
    from leder_insights.explore import ExplorerState

    st = ExplorerState(data, threshold=5, **st_kw)
    out = {}
    for name, level, f in selections:
        filters = _resolve(data, st, f)
        st.reset().set_area_level(level)
        st._views_key = None  # no cached views: each selection is computed afresh
        t0 = time.process_time()
        st.set_filters(**filters)
        rec = record_selection(st)
        cpu = time.process_time() - t0
        rec["_filters"] = filters
        rec["_cpu_s"] = round(cpu, 2)
        out[f"{label}: {name}"] = rec
        print(f"  {label}: {name} {filters}: {cpu:.2f} s CPU", flush=True)
    return out


def _leaves(x, path=()):
    if isinstance(x, dict):
        for k, v in x.items():
            yield from _leaves(v, path + (str(k),))
    elif isinstance(x, list):
        for i, v in enumerate(x):
            yield from _leaves(v, path + (str(i),))
    else:
        yield path, x


def compare(before: dict, after: dict) -> tuple[int, int, int]:
    """``(selections, values compared, differences)``; prints each difference."""
    n_sel = n_val = n_diff = 0
    for sel in sorted(set(before) | set(after)):
        if sel not in before or sel not in after:
            print(f"DIFF {sel}: only in {'before' if sel in before else 'after'}")
            n_diff += 1
            continue
        n_sel += 1
        a = dict(_leaves({k: v for k, v in before[sel].items() if k != "_cpu_s"}))
        b = dict(_leaves({k: v for k, v in after[sel].items() if k != "_cpu_s"}))
        for k in sorted(set(a) | set(b)):
            n_val += 1
            if a.get(k, "<missing>") != b.get(k, "<missing>"):
                n_diff += 1
                print(f"DIFF {sel}: {'/'.join(k)}: {a.get(k, '<missing>')!r} -> {b.get(k, '<missing>')!r}")
    return n_sel, n_val, n_diff


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--project")
    ap.add_argument("--record")
    ap.add_argument("--compare")
    ap.add_argument("--only", choices=["demo", "fixtures"])
    args = ap.parse_args(argv)
    from _explore_fixtures import TAXONOMY, make_frames

    from leder_insights.explore import ExplorerData, load_explorer_data

    from leder_insights.explore import _privacy

    _privacy._SALT = b"workshop-guard-1"  # the listing's order (keyed per process) the same in every run
    out: dict = {}
    t0 = time.process_time()
    if args.only != "demo":
        for n, seed in ((60, 0), (240, 1)):
            rv, lp = make_frames(n, seed=seed)
            data = ExplorerData.build(rv, lp, taxonomy=TAXONOMY, deidentified=True)
            out |= run(data, FIXTURE, {}, f"fixtures {n}")
    if args.project and args.only != "fixtures":
        out |= run(load_explorer_data(args.project), DEMO, {}, "demo")
    print(f"{len(out)} selections recorded in {time.process_time() - t0:.1f} s CPU "
          f"(load {os.getloadavg()[0]:.1f})")
    if args.record:
        Path(args.record).write_text(json.dumps(out, indent=0, sort_keys=True))
    if args.compare:
        before = json.loads(Path(args.compare).read_text())
        before = {k: v for k, v in before.items() if k in out}
        n_sel, n_val, n_diff = compare(before, json.loads(json.dumps(out)))
        print(f"identity: {n_sel} selections, {n_val:,} values compared, {n_diff} differences")
        for k in sorted(out):
            if k in before:
                print(f"  cpu {k}: {before[k]['_cpu_s']:.2f} s -> {out[k]['_cpu_s']:.2f} s")
        return 1 if n_diff else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
