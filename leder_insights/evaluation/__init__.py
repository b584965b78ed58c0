"""Evaluation data: the hand-annotated de-identification gold set on real coroners' reports.

>>> from leder_insights.evaluation import iter_pfd_gold, load_pfd_reports
>>> callable(iter_pfd_gold) and callable(load_pfd_reports)
True
"""
from leder_insights.evaluation.pfd import (
    CATEGORIES,
    DEFAULT_REPORTS,
    GOLD_SPANS,
    PFD_FIELDS,
    iter_pfd_gold,
    load_pfd_reports,
    span_sha1,
)

__all__ = ["iter_pfd_gold", "load_pfd_reports", "span_sha1", "PFD_FIELDS", "CATEGORIES",
           "GOLD_SPANS", "DEFAULT_REPORTS"]
