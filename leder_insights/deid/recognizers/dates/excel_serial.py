"""A spreadsheet date serial (days since 30 Dec 1899: ``44031`` is 19 July 2020) after a date word.

Exports from case systems write dates this way; the number is the date itself, unshifted. Only
five-digit numbers from 10000 (1927) to 54788 (2049) right after a date word count.

>>> r = ExcelSerialDateRecognizer()
>>> t = "Date field 44031 in the export; DOB: 23817."
>>> [t[x.start:x.end] for x in r.analyze(t, ["DATE"])]
['44031', '23817']
>>> t = "The referral dated 44620 was lost."
>>> [t[x.start:x.end] for x in r.analyze(t, ["DATE"])]
['44620']
>>> r.analyze("She walked 12000 steps a day.", ["DATE"])
[]
"""
from __future__ import annotations

from .... import registry
from .._base import LederPatternRecognizer, Pattern


@registry.recognizers.register("date_excel_serial")
class ExcelSerialDateRecognizer(LederPatternRecognizer):
    """Five digits in the serial range after "date(d)", "DOB", "born", "died", "death" (one word between allowed)."""

    ENTITY = "DATE"
    PATTERNS = [
        Pattern("excel_serial",
                r"(?i:\b(?:date[ds]?|dob|d\.o\.b\.?|born|died|death|dod)\b)\W{0,3}(?:[A-Za-z]+\W{1,3})?"
                r"(?P<ent>(?:[1-4]\d{4}|5[0-4]\d{3}))(?![\d.,/-]?\d)", 0.6),
    ]
    CONTEXT = ["date", "dob", "export", "field"]

    def validate_result(self, pattern_text: str) -> bool:
        return 10000 <= int(pattern_text) <= 54788
