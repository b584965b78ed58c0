"""Dates typed with a slip that the regular date forms do not read: an ordinal split by a space
(``9 th May 2020``, ``1 st , 4th and 5th May 2020``), a letter o for a zero (``2oth June``), an
upper-case ordinal with a glued year (``5TH March2024``), an ordinal glued to its month
(``19thOctober 2021``), a year glued to an ``I`` read as ``1``
(``On 3 May 20201 commenced``), and a numeric date with a stray digit (``1416/2023`` for
14/6/2023, ``512/6/48`` for 12/6/48). Every match must hold a slip, so regular dates are left to
:mod:`.written_date` and :mod:`.numeric_date`.

>>> r = SlippedDateRecognizer()
>>> t = "Falls on 1 st , 4th and 5th May 2020 and on 2oth June, at home; died on 9thJuly 2021."
>>> [t[x.start:x.end] for x in sorted(r.analyze(t, ["DATE"]), key=lambda x: x.start)]
['1 st , 4th and 5th May 2020', '2oth June', '9thJuly 2021']
"""
from __future__ import annotations

import re

from .... import registry
from .._base import MONTHS, LederPatternRecognizer, Pattern

_DAY_NUM = r"(?:[12]\d|3[01]|0?[1-9]|[123][oO])"
_SUFFIX = r"(?:st|nd|rd|th|ST|ND|RD|TH)"
#: a day as typed, slips included: "9", "9th", "9 th", "9TH", "1oth"
_DAY = rf"{_DAY_NUM}(?:\s?{_SUFFIX})?"
_YEAR = r"(?:1[89]|20)\d{2}"
_MONTH_NUM = r"(?:0?[1-9]|1[0-2])"
#: what makes a match a slip (the regular recognizers read everything else)
_SLIP_RX = re.compile(r"\d\s(?:st|nd|rd|th)\b|\d[oO](?:st|nd|rd|th)\b|\d(?:ST|ND|RD|TH)\b|"
                      r"\d(?:st|nd|rd|th|ST|ND|RD|TH)(?=[A-Z][a-z])|"
                      rf"[a-z]{_YEAR}")
#: patterns whose every match is a slip by its shape
_ALWAYS_SLIPS = frozenset({"year_glued_to_i", "fused_day_month", "stray_digit_day"})


@registry.recognizers.register("date_slips")
class SlippedDateRecognizer(LederPatternRecognizer):
    """Written and numeric dates with a typing slip (each match is checked to hold one)."""

    ENTITY = "DATE"
    PATTERNS = [
        # day(s) + month (+ year): "9 th May 2020", "1 st , 4th and 5th May", "2oth June", "5TH March2024"
        Pattern("slipped_day_month",
                rf"\b{_DAY}(?:(?:\s*,\s*|\s+(?:and|&|or|to)\s+){_DAY})*(?:\s+|(?<=[a-zA-Z]))(?:[Oo]f\s+)?{MONTHS}(?![A-Za-z])\.?"
                rf"(?:,?\s*{_YEAR}(?!\d))?", 0.6),
        # a year glued to "I" read as "1": "On 3 May 20201 commenced" (the "1" stays outside)
        Pattern("year_glued_to_i",
                rf"(?P<ent>\b{_DAY}\s+(?:[Oo]f\s+)?{MONTHS}\.?,?\s+{_YEAR})1(?=\s+[a-z])", 0.6),
        # day/month fused by a digit for the slash, then the year: "1416/2023" (not "2017/2018")
        Pattern("fused_day_month",
                rf"\b(?!(?:19|20)\d\d/){_DAY_NUM}1{_MONTH_NUM}/{_YEAR}(?![\d/])", 0.5),
        # a stray digit before a valid day: "512/6/48"
        Pattern("stray_digit_day",
                rf"\b\d(?:[12]\d|3[01]|0[1-9])/{_MONTH_NUM}/(?:{_YEAR}|\d{{2}})(?![\d/])", 0.5),
    ]
    REQUIRED = {name: ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
                for name in ("slipped_day_month", "year_glued_to_i")}

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        """The matches that hold a slip (a regular date is left to the regular recognizers)."""
        return [r for r in super().analyze(text, entities, nlp_artifacts, regex_flags)
                if r.analysis_explanation.pattern_name in _ALWAYS_SLIPS
                or _SLIP_RX.search(text, r.start, r.end)]
