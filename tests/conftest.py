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
