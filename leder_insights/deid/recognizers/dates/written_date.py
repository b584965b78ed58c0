"""Written UK dates: ``17th August 2018``, ``4th, 22nd and 28th February``, ``August 2018``,
``August 17, 2018``; a bare month name or ``may`` does not match.

>>> r = WrittenDateRecognizer()
>>> [(x.start, x.end) for x in r.analyze("Seen on 17th August 2018 and in May 2019.", ["DATE"])]
[(8, 24), (32, 40)]
"""
from __future__ import annotations

from presidio_analyzer import Pattern

from .... import registry
from .._base import MONTHS, LederPatternRecognizer

_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_FULL_MONTHS = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
                r"December)")
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_YEAR = r"(?:1[89]|20)\d{2}"
_ORDINAL = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)"
#: nouns after an ordinal chain that make it a count, not days ("2nd and 3rd doses")
_NOT_DAYS = (r"line|lines|dose|doses|degree|floor|floors|place|time|times|year|years|generation|trimester|"
             r"stage|stages|attempt|attempts|birthday|centile|percentile|week|weeks|month|months|"
             r"cousin|cousins|child|children|grade|class|edition|round|rounds|visit|visits|day|days")


@registry.recognizers.register("date_written")
class WrittenDateRecognizer(LederPatternRecognizer):
    """Day(s) + month (+ year), month + day + year, and month + year."""

    ENTITY = "DATE"
    PATTERNS = [
        Pattern("day_month_year",
                rf"\b(?:{_WEEKDAY},?\s+(?:the\s+)?)?{_DAY}(?:(?:,\s*|\s+(?:and|&|to|or)\s+|\s*[-–/]\s*){_DAY})*\s+(?:[Oo]f\s+)?{MONTHS}\b\.?"
                rf"(?:,?\s+{_YEAR}(?!\d))?", 0.65),
        Pattern("month_day_year", rf"\b{MONTHS}\.?\s+{_DAY},?\s+{_YEAR}\b", 0.65),
        Pattern("month_year", rf"\b{MONTHS}\.?,?\s+(?:of\s+)?{_YEAR}\b", 0.6),
        Pattern("month_alone",
                rf"(?<=\b(?:[Ii]n|[Bb]y|[Dd]uring|[Ss]ince|[Uu]ntil|[Ff]rom|[Ee]arly|[Ll]ate|[Mm]id|[Ee]nd\s+of|"
                rf"[Bb]eginning\s+of|[Ss]tart\s+of|[Tt]hroughout|[Bb]efore|[Aa]fter)[\s-])(?P<ent>{_FULL_MONTHS})\b"
                rf"(?!\s+\d)", 0.5),
        Pattern("ordinal_chain",  # "on 14th or 15th or 16th", "13th/14th": two or more days
                rf"\b{_ORDINAL}(?:(?:\s*/\s*|,\s*|\s+(?:and|&|or|to)\s+){_ORDINAL})+\b(?!\s+(?:{_NOT_DAYS})\b)",
                0.5),
        Pattern("month_day", rf"\b{MONTHS}\s+{_DAY}\b(?!\s*(?:mg|ml|kg|%))", 0.4),
        # compact and mixed forms: 17-Mar-2022, 05Jan2021, 11.Aug.2020, 3rd-Oct-2019, 01/Jul/2023, 12 Sept 21
        Pattern("day_mon_year_compact",
                rf"(?<![\w/.-]){_DAY}(?P<sep>[-./ ]?){MONTHS}\.?(?P=sep)"
                rf"(?:{_YEAR}|\d{{2}})(?!\d|\s*(?:mg|ml|kg|%|years?|yrs?|hours?|hrs?|mins?|people|patients)\b)",
                0.6),
    ]
    CONTEXT = ["date", "born", "died", "admitted", "discharged", "on", "seen"]

