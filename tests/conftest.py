"""Shared fixtures. Tests mirror the package layout (tests/<subpackage>/test_<unit>.py)."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("LEDER_SHARED_DATA", REPO_ROOT.parent / "shared" / "data"))
PFD_REPORTS = SHARED_DATA / "pfd_reports.jsonl"


@pytest.fixture(scope="session")
def pfd_reports_path() -> Path:
    """Path to the real coroners' reports; skips (with the reason) when ../shared is absent."""
    if not PFD_REPORTS.exists():
        pytest.skip(f"real coroners' reports not found at {PFD_REPORTS} (../shared/data is only "
                    "beside the repo in the development workspace and CI)")
    return PFD_REPORTS


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Debian Chromium for browser tests: fails instead of skipping when LEDER_REQUIRE_BROWSER=1."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        msg = "Debian chromium not on PATH (apt-get install -y chromium)"
        if os.environ.get("LEDER_REQUIRE_BROWSER") == "1":
            pytest.fail(msg + " and LEDER_REQUIRE_BROWSER=1 requires browser tests to run")
        pytest.skip(msg)
    return path


def _bounded(term: str):
    import re

    return re.compile(rf"(?<!\w){re.escape(term)}(?!\w)")


def gold_identifier_leaks(corpus, output_blob: str, min_len: int = 4,
                          categories=("PERSON", "ID", "CONTACT", "LOCATION", "ORGANIZATION")) -> list:
    """Gold identifiers of a synthetic corpus that occur (as whole words) in ``output_blob``.

    Identifiers that are also ordinary words of the corpus outside every gold span of
    ``categories`` (a surname "White" beside the ethnic group "White British"; a town inside an
    NHS trust's name, which the local profile keeps, when organisations are not checked) cannot
    be told apart by a text search and are left out.
    """
    reviews = corpus.reviews.set_index("review_id")
    masked = {}
    checked = corpus.entities[corpus.entities["category"].isin(categories)]
    for (rid, field), group in checked.groupby(["review_id", "field"]):
        chars = list(reviews.at[rid, field])
        for s, e in zip(group["start"], group["end"]):
            chars[s:e] = " " * (e - s)
        masked[(rid, field)] = "".join(chars)
    parts = []
    for rid, row in reviews.iterrows():
        for col, val in row.items():
            parts.append(masked.get((rid, col), str(val)))
    ordinary_blob = "\n".join(parts)
    idents = {t for t in checked["text"] if len(t) >= min_len}
    return sorted(t for t in idents
                  if _bounded(t).search(output_blob) and not _bounded(t).search(ordinary_blob))


@pytest.fixture(scope="session")
def find_gold_leaks():
    """The :func:`gold_identifier_leaks` helper, as a fixture (tests have no package to import from)."""
    return gold_identifier_leaks
