"""Written UK dates: ``17th August 2018``, ``4th, 22nd and 28th February``, ``August 2018``,
``August 17, 2018``; a bare month name or ``may`` does not match. Also ranges whose first half
borrows the year (``15 May and 4 June 2019``, one span), a lower-case or slipped month between a
day and a year (``3 march 2023``, ``3rd Jue 2025``), named days (``Christmas Day 2022``,
``conf/holidays.txt``), a lost space (``on15 May 2024``, ``1 June2022``) and dates spelled out in
words (``the twentieth of March nineteen fifty-six``).

>>> r = WrittenDateRecognizer()
>>> [(x.start, x.end) for x in r.analyze("Seen on 17th August 2018 and in May 2019.", ["DATE"])]
[(8, 24), (32, 40)]
"""
from __future__ import annotations

import re
from pathlib import Path

from .._base import Pattern

from .... import registry
from ..._second_pass import within_one_edit
from .._base import FULL_MONTHS, MONTHS, LederPatternRecognizer
from ..people.name_gazetteer import name_set

_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_YEAR = r"(?:1[89]|20)\d{2}"
_ORDINAL = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)"
#: the second half of a range whose first half borrows its year: "15 May and 4 June 2019"
_RANGE_TAIL = (rf"(?:\s*(?:[-–]|\s(?:and|to|or|until|till))\s+(?:the\s+)?{_DAY}\s+(?:[Oo]f\s+)?{MONTHS}\b\.?)?")
_LOWER_MONTHS = (r"(?:january|february|march|april|may|june|july|august|september|october|november|"
                 r"december)")
_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december", "sept")
_MONTH_RX = re.compile(MONTHS)
_SLIP_RX = re.compile(rf"{_DAY}\s+(?:of\s+)?(?P<m>[A-Za-z]{{3,10}})\.?,?\s+{_YEAR}")


def _holidays() -> str:
    """``conf/holidays.txt`` as one alternation (spaces match any space, apostrophes are optional)."""
    lines = (HOLIDAYS_PATH.read_text(encoding="utf-8")).splitlines()
    names = sorted({ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")}, key=lambda w: (-len(w), w))
    out = []
    for n in names:
        rx = re.escape(n).replace(r"\ ", r"\s+").replace("'", "['’]?")
        out.append(rx)
    return "|".join(out)


_MONTH_STARTS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_LOWER_MONTH_NAMES = _MONTH_NAMES[:12]
HOLIDAYS_PATH = Path(__file__).resolve().parents[2] / "conf" / "holidays.txt"
_HOLIDAYS = _holidays()
#: a word of every holiday name (its first), to skip the holiday scan on texts with none
_HOLIDAY_WORDS = tuple(sorted({re.split("['’]", ln.split()[0])[0] for ln in HOLIDAYS_PATH.read_text(encoding="utf-8").splitlines()
                               if ln.strip() and not ln.startswith("#")}))
#: nouns after an ordinal chain that make it a count, not days ("2nd and 3rd doses")
_NOT_DAYS = (r"line|lines|dose|doses|degree|floor|floors|place|time|times|year|years|generation|trimester|"
             r"stage|stages|attempt|attempts|birthday|centile|percentile|week|weeks|month|months|"
             r"cousin|cousins|child|children|grade|class|edition|round|rounds|visit|visits|day|days")

#: days and years written in words: "the twentieth of March nineteen fifty-six",
#: "January the thirtieth, two thousand and twenty-four" (a date of birth or death spelled out)
_UNITS_W = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_ORD_UNITS_W = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
_ORDINAL_W = (rf"(?:{_ORD_UNITS_W}|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|"
              rf"seventeenth|eighteenth|nineteenth|twentieth|thirtieth|(?:twenty|thirty)[-\s]{_ORD_UNITS_W})")
_TENS_W = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_TEENS_W = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_YEAR_TAIL_W = rf"(?:{_TENS_W}(?:[-\s]{_UNITS_W})?|{_TEENS_W}|(?:oh|o)[-\s]{_UNITS_W}|{_UNITS_W}|hundred)"
_YEAR_W = (rf"(?:(?:nineteen|eighteen|twenty)(?:\s+hundred)?(?:\s+and)?\s+{_YEAR_TAIL_W}|"
           rf"two\s+thousand(?:\s+and)?(?:\s+{_YEAR_TAIL_W})?)")
_WORD_DATE = (rf"(?i:(?:the\s+)?{_ORDINAL_W}\s+(?:of\s+)?{_LOWER_MONTHS}|{_LOWER_MONTHS}\s+(?:the\s+)?{_ORDINAL_W})"
              rf"(?i:,?\s+(?:in\s+)?(?:{_YEAR_W}|{_YEAR}(?!\d)))?(?![\w-])")


@registry.recognizers.register("date_written")
class WrittenDateRecognizer(LederPatternRecognizer):
    """Day(s) + month (+ year), month + day + year, and month + year."""

    ENTITY = "DATE"
    PATTERNS = [
        # "on15 May": a lost space before the day is allowed
        Pattern("day_month_year",
                rf"(?:\b|(?<=[a-z]))(?:{_WEEKDAY},?\s+(?:the\s+)?)?{_DAY}(?:(?:,\s*|\s+(?:and|&|to|or)\s+|\s*[-–/]\s*){_DAY})*\s+(?:[Oo]f\s+)?{MONTHS}(?![A-Za-z])\.?"
                rf"{_RANGE_TAIL}(?:,?\s*{_YEAR}(?!\d))?", 0.65),
        # a full month name in lower case, with a day and a year around it: "3 march 2023"
        Pattern("day_lower_month_year",
                rf"(?:\b|(?<=[a-z])){_DAY}\s+(?:of\s+)?{_LOWER_MONTHS}(?![A-Za-z]){_RANGE_TAIL}(?:,?\s*{_YEAR}(?!\d))", 0.6),
        # a slipped month between a day and a year ("3rd Jue 2025", "14 Febuary 2021"); validated
        Pattern("day_slipped_month_year", rf"\b{_DAY}\s+(?:of\s+)?[A-Za-z]{{3,10}}\.?,?\s+{_YEAR}(?!\d)", 0.6),
        # named days that pin a date: "Christmas Day 2022", "the New Year Bank Holiday" (conf/holidays.txt)
        Pattern("holiday", rf"(?<![\w'’-])(?:{_HOLIDAYS})(?![\w'’-])(?:,?\s+{_YEAR}(?!\d))?", 0.6),
        Pattern("month_day_year", rf"\b{MONTHS}\.?\s+{_DAY},?\s+{_YEAR}\b", 0.65),
        Pattern("month_year", rf"\b{MONTHS}\.?,?\s+(?:of\s+)?{_YEAR}\b", 0.6),
        Pattern("month_alone",
                rf"(?<=\b(?:[Ii]n|[Bb]y|[Dd]uring|[Ss]ince|[Uu]ntil|[Ff]rom|[Ee]arly|[Ll]ate|[Mm]id|[Ee]nd\s+of|"
                rf"[Bb]eginning\s+of|[Ss]tart\s+of|[Tt]hroughout|[Bb]efore|[Aa]fter)[\s-])(?P<ent>{FULL_MONTHS})\b"
                rf"(?!\s+\d)", 0.5),
        Pattern("ordinal_chain",  # "on 14th or 15th or 16th", "13th/14th": two or more days
                rf"\b{_ORDINAL}(?:(?:\s*/\s*|,\s*|\s+(?:and|&|or|to)\s+){_ORDINAL})+\b(?!\s+(?:{_NOT_DAYS})\b)",
                0.5),
        Pattern("month_day", rf"\b{MONTHS}\s+{_DAY}\b(?!\s*(?:mg|ml|kg|%))", 0.4),
        # a day of the month alone after a preposition, the month known from the account ("a call
        # booked for the 15th.", "it took until the 8th for"); a noun after it makes it a count ("the 13th floor")
        Pattern("day_alone",
                rf"(?<=\b(?:[Oo]n|[Uu]ntil|[Tt]ill|[Bb]y|[Ss]ince|[Ff]rom|[Bb]efore|[Aa]fter|[Ff]or)\s+the\s+)"
                rf"(?P<ent>{_ORDINAL})(?=\s*[.,;:)]|\s+(?:that|for|when|at|but|as|which|he|she|they|it|"
                rf"there|where|by|after|before|until|in|with|to|the)\b)", 0.5),
        # after a part of the day, a day of the month is a date before any word but a noun it counts
        # ("on the morning of the 5th and", "the evening of the 9th")
        Pattern("day_alone_part_of_day",
                rf"(?<=\b(?:[Mm]orning|[Aa]fternoon|[Ee]vening|[Nn]ight)\s+of\s+the\s+)(?P<ent>{_ORDINAL})\b"
                rf"(?!\s+(?:{_NOT_DAYS})\b)", 0.5),
        # a date spelled out in words (day as an ordinal word, year optional, any case)
        Pattern("date_in_words", rf"\b{_WORD_DATE}", 0.6),
        # compact and mixed forms: 17-Mar-2022, 05Jan2021, 11.Aug.2020, 3rd-Oct-2019, 01/Jul/2023, 12 Sept 21
        Pattern("day_mon_year_compact",
                rf"(?<![\w/.-]){_DAY}(?P<sep>[-./ ]?){MONTHS}\.?(?P=sep)"
                rf"(?:{_YEAR}|\d{{2}})(?!\d|\s*(?:mg|ml|kg|%|years?|yrs?|hours?|hrs?|mins?|people|patients)\b)",
                0.6),
    ]
    CONTEXT = ["date", "born", "died", "admitted", "discharged", "on", "seen"]
    # a month's capitalised name is in every match of these (a cheap check before the scan)
    REQUIRED = {**{name: _MONTH_STARTS for name in ("day_month_year", "month_day_year", "month_year",
                                                   "month_alone", "month_day", "day_mon_year_compact")},
                "day_lower_month_year": _LOWER_MONTH_NAMES,
                "holiday": _HOLIDAY_WORDS}

    def validate_result(self, pattern_text: str):
        """A slipped month must be one edit from a month's name; other forms are not validated."""
        m = _SLIP_RX.fullmatch(pattern_text)
        if m is None:
            return None
        word = m.group("m").lower()
        if word in _MONTH_NAMES or _MONTH_RX.fullmatch(m.group("m")):
            return None
        if word in name_set():
            return False  # "5 Maya 2020": a name, not a slipped "May"
        return any(within_one_edit(word, month) for month in _MONTH_NAMES)

