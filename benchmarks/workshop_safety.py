"""What the workshop shows on a project: names in listed learning points, "Open" metadata groups.

    PYTHONPATH=$PWD .venv/bin/leder-insights demo -o /tmp/demo_x
    PYTHONPATH=$PWD .venv/bin/python benchmarks/workshop_safety.py /tmp/demo_x

Prints the learning points withheld (residue), how many listed points still carry a person
candidate of the residual-risk scanner, how many contain the six names/initials issue 11 found in
the demo project, and the smallest group of reviews sharing what "Open" shows.
"""
from __future__ import annotations

import argparse
import re
import time

import numpy as np

#: the six person names/initials issue 11 found in the demo project's learning points
ISSUE_11_NAMES = re.compile(r"\b(Frank|Sunil)\b|(?<![\w\[])(AM|AS|HJ)(?![\w\]])")


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("project")
    args = ap.parse_args(argv)
    from leder_insights.deid import ResidualRiskScanner
    from leder_insights.explore import ExplorerState, load_explorer_data, safe_metadata

    t = time.perf_counter()
    data = load_explorer_data(args.project)
    print(f"load_explorer_data {time.perf_counter() - t:.1f} s: {len(data.lps):,} learning points, "
          f"{int(data.withheld.sum())} withheld")
    st = ExplorerState(data, threshold=5, page_size=1000)
    listed = []
    for p in range(st.n_pages):
        st.set_page(p)
        listed += st.lp_page()["text"].tolist()
    scanner = ResidualRiskScanner(use_ner=True)

    def person(cands):
        return any(c.kind in ("NER_PERSON", "TITLE_NAME") for c in cands)

    print(f"listed: {len(listed):,}; with an issue-11 name/initials: "
          f"{sum(bool(ISSUE_11_NAMES.search(t)) for t in listed)} "
          f"(all points: {sum(bool(ISSUE_11_NAMES.search(t)) for t in data.lps['text'])})")
    print(f"scanner person candidates: all points {sum(map(person, scanner.scan_many(data.lps['text'].tolist())))}, "
          f"listed points {sum(map(person, scanner.scan_many(listed)))}")
    rv = data.reviews
    unique = int(rv.groupby(["icb", "year", "sex", "ethnic_group"]).review_id.transform("size").eq(1).sum())
    everyone = np.ones(len(rv), bool)
    ks, fields = [], []
    for row in range(len(rv)):
        shown = safe_metadata(data.rev_codes, data.rev_cats, row, everyone, 5)
        same = everyone.copy()
        for c, v in shown.items():
            same &= np.asarray(data.rev_cats[c])[data.rev_codes[c]] == v
        ks.append(int(same.sum()))
        fields.append(len(shown))
    print(f"reviews unique on ICB, year, sex, ethnic group: {unique} of {len(rv)}; 'Open' shows a group of "
          f">= {min(ks)} reviews, {int(np.median(fields))} fields (median; min {min(fields)}, max {max(fields)})")


if __name__ == "__main__":
    main()
