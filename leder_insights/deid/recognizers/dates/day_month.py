"""Dates written without their year or with a Roman month (attacker 5's F2): ``pronounced dead
at 06:12 on 06/03``, ``recorded on 28/2``, ``w/c 14/2``, ``14.iii.22``, ``Since Mar-21``, ``the 14th inst.``

A day and month alone is a date only after a cue word (``conf/date_age_forms.yaml``:
``day_month_cues``) and not before a count noun ("on 3/4 occasions"); a small common fraction
(1/2, 2/3, 3/4) is never one. A Roman month needs the day and a year on either side.

>>> r = DayMonthDateRecognizer()
>>> t = "Dead at 06:12 on 06/03; w/c 14/2; on 14.iii.22; on 3/4 occasions; scored 8/10; to 1/2."
>>> [t[x.start:x.end] for x in sorted(r.analyze(t, ["DATE"]), key=lambda x: x.start)]
['06/03', '14/2', '14.iii.22']
"""
from __future__ import annotations

import re

from .... import registry
from ..._date_age_forms import alternation
from .._base import MONTHS, LederPatternRecognizer, Pattern

_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MONTH = r"(?:0?[1-9]|1[0-2])"
_ROMAN = r"(?:xii|xi|ix|x|iv|vi{0,3}|i{1,3})"


@registry.recognizers.register("date_day_month")
class DayMonthDateRecognizer(LederPatternRecognizer):
    """A day/month after a cue word; a day, Roman month and year."""

    ENTITY = "DATE"
    PATTERNS = [
        Pattern("day_month_cued",
                rf"(?i:(?<![\w/])(?:{alternation('day_month_cues')}))\s*(?:(?i:the)\s+)?"
                rf"(?P<ent>{_DAY}/{_MONTH}|\d\d\.(?:0[1-9]|1[0-2]))(?![\d/]|[.,]\d|\.\w)"
                rf"(?!\s*(?i:{alternation('day_month_not_before')})\b)", 0.6),
        # a month and a two-digit year with a dash or slash ("Since Mar-21", "Sept/19"; attacker 5's F6)
        Pattern("month_dash_year", rf"\b(?:{MONTHS})\.?[-/'\u2019](?:\d{{2}}|(?:19|20)\d\d)(?![\w/-]|\.\d)", 0.6),
        # "the 14th inst.", "the 3rd ult." (this month, last month)
        Pattern("day_inst", r"\b\d{1,2}(?:st|nd|rd|th)\s+(?:inst|ult|prox)\b\.?", 0.6),
        Pattern("roman_month", rf"(?<![\w./-]){_DAY}(?P<s>[./-])(?i:{_ROMAN})(?P=s)(?:\d{{4}}|\d{{2}})(?![\w/-]|\.\d)",
                0.65),
    ]
    CONTEXT = ["on", "date", "dated"]

    def validate_result(self, pattern_text: str):
        parts = re.split(r"[/.]", pattern_text)
        if len(parts) == 2 and all(p.isdigit() for p in parts):
            day, month = int(parts[0]), int(parts[1])
            # 1/2, 1/3, 2/3, 1/4, 3/4: a fraction, not the 1st of February
            if not parts[0].startswith("0") and day < month <= 4:
                return False
        return None
