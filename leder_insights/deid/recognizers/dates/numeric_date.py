"""Numeric UK dates: ``16/11/2022``, ``16.11.22``, ``(DOB 28/6/42)``, ISO ``2022-11-16``.

Clinical shorthand with two parts (``2/52``, ``3/12``) never matches: a date needs three parts
and a valid day and month.

>>> r = NumericDateRecognizer()
>>> [(x.start, x.end) for x in r.analyze("DOB 28/6/42; review in 2/52", ["DATE"])]
[(4, 11)]
"""
from __future__ import annotations

import re

from presidio_analyzer import Pattern

from .... import registry
from .._base import LederPatternRecognizer


@registry.recognizers.register("date_numeric")
class NumericDateRecognizer(LederPatternRecognizer):
    """Day/month/year with ``/``, ``.`` or ``-``; validated day <= 31 and month <= 12."""

    ENTITY = "DATE"
    PATTERNS = [
        Pattern("dmy", r"(?<![\d/.])\d{1,2}([/.-])\d{1,2}\1(?:\d{4}|\d{2})(?![\d/]|\.\d)", 0.6),
        Pattern("iso", r"(?<![\d/.-])(?:19|20)\d{2}-\d{2}-\d{2}(?![\d-])", 0.6),
    ]
    CONTEXT = ["dob", "born", "date", "died", "admitted", "on"]

    def validate_result(self, pattern_text: str) -> bool:
        parts = [int(p) for p in re.split(r"[/.-]", pattern_text)]
        if len(parts) != 3:
            return False
        if parts[0] > 31:  # ISO year-month-day
            _, month, day = parts
        else:
            day, month, _ = parts
        return 1 <= day <= 31 and 1 <= month <= 12
