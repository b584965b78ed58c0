"""Whole end-to-end jobs: each reads a corpus, runs the sub-packages (``io``, ``deid``,
``themes`` …) in order and writes its outputs. Sub-packages below never import a job.

>>> from leder_insights import jobs
>>> sorted(n for n in jobs.__all__ if n.startswith("run_"))
['run_deid', 'run_project']

Public API
----------
``run_project``                              the main job behind ``demo``: store, themes, report
``run_deid``                                 ``deid run``: de-identify a corpus into a directory
``coded_values``, ``withhold_uncoded``       ``deid run --profile local``: a coded column's value
                                             off its list is withheld (``WITHHELD_MARKER``)
``refusal_error``                            the numbered error (E704/E705/E703/E601) of a refused release
``write_report``                             the steering-group HTML report of a project
``build_submission``, ``SubmissionResult``   the national submission bundle (manifest, audit,
                                             QA report, residual-risk gate)
"""
# one import line per job module (kept that way so parallel additions merge trivially)
from ._deid_run import EXTRA_MASK, WITHHELD_MARKER, coded_values, run_deid, withhold_uncoded
from ._project import run_project
from ._refusal import refusal_error
from ._report import write_report
from ._submission import SubmissionResult, build_submission

__all__ = [
    "EXTRA_MASK",
    "WITHHELD_MARKER",
    "SubmissionResult",
    "build_submission",
    "coded_values",
    "refusal_error",
    "run_deid",
    "run_project",
    "withhold_uncoded",
    "write_report",
]
