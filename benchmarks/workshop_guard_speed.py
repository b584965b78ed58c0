"""CPU time of a filter change in the workshop app (the views, match line and listing caption), for
the selections a steering group makes: one filter added to another, as the room does.

The baseline, measured in the same run, is the views with no filter (no differencing guard at all):
each change is also given as a multiple of it, so that figures from a loaded and a quiet machine
compare. Each change starts from fresh guard caches (the first time the room makes it). The target
for a room is a change in about 2 s of CPU or less.

Usage (from a worktree; the demo project from ``leder-insights demo -o DIR``)::

    PYTHONPATH=$PWD LEDER_EXPLORE_NER=0 .venv/bin/python benchmarks/workshop_guard_speed.py DIR [--target 2]

Exit 1 when a change takes more than ``--target`` seconds of CPU.
"""
from __future__ import annotations

import argparse
import os
import time

import numpy as np

os.environ.setdefault("LEDER_EXPLORE_NER", "0")

#: (label, first filters, the filter added): "@icb5" is the first ICB with at least 5 reviews,
#: "@first:KEY" the first option of KEY (as in workshop_guard_identity.py), "@top:KEY" the option
#: with the most reviews (learning points for a theme)
CHANGES = [
    ("ICB + sex", {"icb": "@icb5"}, ("sex", "@first:sex")),
    ("region + sex + age band", {"region": "@first:region", "sex": "@first:sex"}, ("age_band", "25-49")),
    ("ICB + ethnic group", {"icb": "@icb5"}, ("ethnic_group", "@top:ethnic_group")),
    ("year + place of death", {"year_from": "@first:year_from"}, ("place_of_death", "@top:place_of_death")),
    ("theme + ICB", {"theme": "@top:theme"}, ("icb", "@icb5")),
    ("theme + region", {"theme": "@top:theme"}, ("region", "@top:region")),
    ("region + sex", {"region": "@first:region"}, ("sex", "@last:sex")),
]


def _value(data, st, v):
    if v == "@icb5":
        for o in data.options("icb"):
            st.reset().set_filter("icb", o)
            d = str(st.views().denominator_display)
            if d.isdigit() and int(d) >= 5:
                return o
    if str(v).startswith("@first:"):
        return data.options(v.split(":", 1)[1])[0]
    if str(v).startswith("@top:"):
        key = v.split(":", 1)[1]
        if key == "theme":
            return data.themes.ids[int(data.theme_mat.sum(axis=0).argmax())]
        return data.rev_cats[key][int(np.bincount(data.rev_codes[key]).argmax())]
    if str(v).startswith("@last:"):
        return data.options(v.split(":", 1)[1])[-1]
    return v


def _fresh(data) -> None:
    """Forget the guard's tables (as a newly opened app would not have them)."""
    data.__dict__.pop("_guard_tables", None)


def _change(st, key, value) -> float:
    c0 = time.process_time()
    st.set_filter(key, value)
    st.views()
    st.match_summary()
    st.listing_summary()
    return time.process_time() - c0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("project")
    ap.add_argument("--target", type=float, default=2.0)
    args = ap.parse_args(argv)
    from leder_insights.explore import ExplorerState, load_explorer_data

    data = load_explorer_data(args.project)
    st = ExplorerState(data, threshold=5)
    resolved = [(label, {k: _value(data, st, v) for k, v in first.items()}, (key, _value(data, st, val)))
                for label, first, (key, val) in CHANGES]
    st.reset()
    st._views_key = None
    c0 = time.process_time()
    st.views()
    st.match_summary()
    st.listing_summary()
    base = max(time.process_time() - c0, 1e-3)
    print(f"baseline (no filter): {base:.2f} s CPU; load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    worst = 0.0
    for label, first, (key, value) in resolved:
        _fresh(data)
        st.reset().set_filters(**first)
        st.views()
        cpu = _change(st, key, value)
        worst = max(worst, cpu)
        print(f"{label:>26}: {cpu:6.2f} s CPU  ({cpu / base:5.1f}x the baseline)  "
              f"blocked={st.views().blocked is not None}  {first} + {key}={value}")
    ok = worst <= args.target
    print(f"slowest change {worst:.2f} s CPU: target <= {args.target} s {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
