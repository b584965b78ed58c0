"""Whole end-to-end jobs (a home for pipelines that use several sub-packages).

>>> from leder_insights.jobs import write_report
"""
from __future__ import annotations

from ._report import write_report

__all__ = ["write_report"]
