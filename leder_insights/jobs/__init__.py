"""Whole jobs that compose the sub-packages: the project run (``demo``), ``deid run``, the
national submission and the report. Sub-packages never import each other sideways; jobs do.

>>> from leder_insights import jobs
>>> sorted(n for n in jobs.__all__ if n.startswith("run_"))
['run_deid', 'run_project']
"""
from ._deid_run import run_deid
from ._project import run_project

__all__ = ["run_deid", "run_project"]
