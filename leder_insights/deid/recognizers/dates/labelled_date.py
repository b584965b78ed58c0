"""Dates known by what stands around them rather than by their form: anything numeric after a
date-of-birth or date-of-death label, even cut short (``DOD 15.7.2``), a month/year after
``published`` or ``updated`` (``published 05/19``), and a month named for a time of day
(``on a March evening``).

>>> r = LabelledDateRecognizer()
>>> t = "Ann Lee (DOB 3.4.51 DOD 9.8.2) read a leaflet published 05/19 on a March evening."
>>> [t[x.start:x.end] for x in sorted(r.analyze(t, ["DATE"]), key=lambda x: x.start)]
['3.4.51', '9.8.2', '05/19', 'March']
"""
from __future__ import annotations

from .... import registry
from .._base import FULL_MONTHS, LederPatternRecognizer, Pattern



@registry.recognizers.register("date_labelled")
class LabelledDateRecognizer(LederPatternRecognizer):
    """Dates after a birth/death label or a publication verb, and months of a time of day."""

    ENTITY = "DATE"
    PATTERNS = [
        Pattern("after_birth_death_label",
                r"\b(?:DOB|DOD|D\.O\.[BD]\.?|[Dd]ate\s+of\s+(?:[Bb]irth|[Dd]eath))\s*:?\s*"
                r"(?P<ent>\d{1,4}(?:[./-]\d{1,4}){1,2})(?![\d./-]*\d)", 0.6),
        Pattern("published_month_year",
                r"\b(?:[Pp]ublished|[Uu]pdated|[Rr]evised|[Ii]ssued|[Dd]ated)\s+(?:(?:in|on)\s+)?"
                r"(?P<ent>(?:0?[1-9]|1[0-2])/(?:(?:19|20)\d{2}|\d{2}))(?![\d/])", 0.55),
        Pattern("month_of_a_time_of_day",
                rf"\b(?:[Oo]n\s+a|[Oo]ne)\s+(?P<ent>{FULL_MONTHS})\s+(?=(?:morning|afternoon|evening|night|day|weekend)\b)",
                0.5),
    ]
    REQUIRED = {"after_birth_death_label": ("DOB", "DOD", "D.O.", "ate of"),
                "published_month_year": ("ublished", "pdated", "evised", "ssued", "ated"),
                "month_of_a_time_of_day": ("a ", "ne ")}
