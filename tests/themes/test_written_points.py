"""The written real-register training points: schema, no identifiers, never copied from a report."""
from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from leder_insights.themes._data import WRITTEN_PATH, load_written

REGISTERS = {"coroner", "sar", "leder_review", "hssib_cqc"}


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return [json.loads(line) for line in WRITTEN_PATH.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_written_points_load_with_valid_themes_and_unique_ids(rows):
    df = load_written()  # raises [E404] on an unknown theme id
    assert len(df) == len(rows) >= 1000 and set(df["source"]) == {"written"}
    assert len({r["id"] for r in rows}) == len(rows)
    assert {r["register"] for r in rows} == REGISTERS
    themed = Counter(t for r in rows for t in r["themes"])
    assert len(themed) == 19 and min(themed.values()) >= 10, themed
    assert sum(not r["themes"] for r in rows) >= 100  # negatives and near misses


def test_written_points_name_no_one(rows):
    patterns = [r"\b(?:Mr|Mrs|Ms|Miss|Dr)\.? [A-Z][a-z]+", r"\b\d{3}[ -]?\d{3}[ -]?\d{4}\b",
                r"\b\d{1,2}/\d{1,2}/\d{2,4}\b", r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b"]
    bad = [(r["id"], p) for r in rows for p in patterns if re.search(p, r["text"])]
    assert not bad, bad[:5]


def test_written_points_do_not_copy_coroners_reports(rows, pfd_reports_path):
    def norm(t: str) -> list[str]:
        return re.sub(r"\W+", " ", t.lower()).split()

    ours = {}
    for r in rows:
        w = norm(r["text"])
        for i in range(len(w) - 7):
            ours[" ".join(w[i:i + 8])] = r["id"]
    hits = set()
    for line in pfd_reports_path.read_text(encoding="utf-8").splitlines():
        rep = json.loads(line)
        for field in ("inquest", "circumstances", "concerns"):
            w = norm(rep.get(field) or "")
            for i in range(len(w) - 7):
                g = " ".join(w[i:i + 8])
                if g in ours:
                    hits.add((ours[g], rep.get("ref")))
    assert not hits, sorted(hits)[:10]
