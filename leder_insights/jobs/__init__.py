"""Whole end-to-end jobs: each reads a corpus, runs the sub-packages (``io``, ``deid``,
``themes`` …) in order and writes its outputs. Sub-packages below never import a job.

>>> from leder_insights.jobs import build_submission       # doctest: +SKIP
>>> res = build_submission("reviews.csv", "bundle", key=key)   # doctest: +SKIP
>>> res.releasable                                           # doctest: +SKIP
True

Public API
----------
``build_submission``, ``SubmissionResult``   the national submission bundle (manifest, audit,
                                             QA report, residual-risk gate)
"""
from __future__ import annotations

# one import line per job module (kept that way so parallel additions merge trivially)
from ._submission import SubmissionResult, build_submission

__all__ = [
    "SubmissionResult",
    "build_submission",
]
