"""Fixtures shared by the release attack suites."""
from __future__ import annotations

import secrets

import pytest

from _release_path import national_release_path


@pytest.fixture(scope="session")
def release_path():
    """The national release path (see :func:`national_release_path`), built once per test session
    with a fresh key: one de-identifier and spaCy model for every attack suite that plants text."""
    return national_release_path(secrets.token_hex(32).encode())
