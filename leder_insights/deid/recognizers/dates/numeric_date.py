"""Numeric UK dates: ``16/11/2022``, ``16.11.22``, ``(DOB 28/6/42)``, ISO ``2022-11-16`` or
``2022/11/16``, compact ``20221116``, year-month ``2022-11``, ISO week ``2024-W05``, with a weekday in front (``Tue 8/9/20``).

Clinical shorthand with two parts (``2/52``, ``3/12``) never matches: a date needs three parts
and a valid day and month.

>>> r = NumericDateRecognizer()
>>> [(x.start, x.end) for x in r.analyze("DOB 28/6/42; review in 2/52", ["DATE"])]
[(4, 11)]
>>> t = "Reviewed in 2024-W05."
>>> [t[x.start:x.end] for x in r.analyze(t, ["DATE"])]
['2024-W05']
"""
from __future__ import annotations

import re

from .._base import Pattern

from .... import registry
from .._base import LederPatternRecognizer

_WEEKDAY = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|nesday|sday|urday|rsday)?"


@registry.recognizers.register("date_numeric")
class NumericDateRecognizer(LederPatternRecognizer):
    """Day/month/year with ``/``, ``.`` or ``-``; validated day <= 31 and month <= 12."""

    ENTITY = "DATE"
    PATTERNS = [
        Pattern("dmy", rf"(?:\b{_WEEKDAY}\.?,?\s+)?(?<![\d/.])\d{{1,2}}([/.-])\d{{1,2}}\1(?:\d{{4}}|\d{{2}})"
                       r"(?![\d/]|\.\d)", 0.6),
        Pattern("iso", r"(?<![\d/.-])(?:19|20)\d{2}([-/.])\d{2}\1\d{2}(?![\d-])", 0.6),
        # 20220419 (year, month, day run together)
        Pattern("compact", r"(?<![\d.,/-])(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?![\d.,/-]?\d)", 0.5),
        # 2019-11 (year and month)
        Pattern("year_month", r"(?<![\d/.-])(?:19|20)\d{2}-(?:0[1-9]|1[0-2])(?![\d-])", 0.45),
        # ISO 8601 week dates: 2024-W05, 2024W05, 2024-W05-3 (a week pins a date as closely as a day)
        Pattern("iso_week", r"(?<![\w/.-])(?:19|20)\d{2}-?W(?:0[1-9]|[1-4]\d|5[0-3])(?:-?[1-7])?(?![\w-])", 0.6),
    ]
    CONTEXT = ["dob", "born", "date", "died", "admitted", "on"]
    REGEX_MODULE = ("dmy", "iso", "compact", "year_month")

    def validate_result(self, pattern_text: str) -> bool:
        if "W" in pattern_text:
            return True  # an ISO week, checked by its pattern
        digits = re.sub(r"^\D+", "", pattern_text)  # a weekday in front ("Tue 8/9/20")
        if re.fullmatch(r"\d{8}", digits):
            parts = [int(digits[:4]), int(digits[4:6]), int(digits[6:])]
        else:
            parts = [int(p) for p in re.split(r"[/.-]", digits)]
        if len(parts) == 2:  # year-month
            return 1 <= parts[1] <= 12
        if len(parts) != 3:
            return False
        if parts[0] > 31:  # ISO year-month-day
            _, month, day = parts
        else:
            day, month, _ = parts
        return 1 <= day <= 31 and 1 <= month <= 12
