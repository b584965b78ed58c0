"""Whole jobs that compose the sub-packages: the project run (``demo``), ``deid run``, the
national submission and the report. Sub-packages never import each other sideways; jobs do.

>>> from leder_insights import jobs
>>> sorted(n for n in jobs.__all__ if n.startswith("run_"))
['run_deid', 'run_project']

Public API
----------
``run_project``                              the demo/project run
``run_deid``                                 ``deid run``
``build_submission``, ``SubmissionResult``   the national submission bundle (manifest, audit,
                                             QA report, residual-risk gate)
"""
# one import line per job module (kept that way so parallel additions merge trivially)
from ._deid_run import run_deid
from ._project import run_project
from ._submission import SubmissionResult, build_submission

__all__ = ["run_deid", "run_project", "SubmissionResult", "build_submission"]
