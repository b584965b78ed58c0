"""NHS number in any grouping (``943 476 5919``, ``9434765919``, ``943.476.5919``, ``94 34 76 59 19``),
valid only when the modulus-11 checksum passes.

The normaliser in front of detection has already turned NBSP, zero-width characters and
full-width digits into plain text, so this pattern only sees ASCII digits and separators.

>>> r = UkNhsNumberRecognizer()
>>> [(x.start, x.end) for x in r.analyze("NHS number 943 476 5919.", ["UK_NHS"])]
[(11, 23)]
>>> [(x.start, x.end) for x in r.analyze("no. 943.4765.919 on file", ["UK_NHS"])]
[(4, 16)]
>>> r.analyze("NHS number 943 476 5918.", ["UK_NHS"])
[]
>>> t = "NHS nine four three 476 5919; 943,476,5919."
>>> [t[x.start:x.end] for x in r.analyze(t, ["UK_NHS"])]
['nine four three 476 5919', '943,476,5919']
"""
from __future__ import annotations

import re

from .... import registry
from ....nhs_number import nhs_checksum_ok
from .._base import SEP, LederPatternRecognizer, Pattern
from .phone_words import _NUM, spelt_digits

#: a digit group or a number word (``double``/``triple`` before one repeats it)
_TOKEN = rf"(?:(?:double|triple|treble)[\s-]+{_NUM}|{_NUM}|\d{{1,4}})"


@registry.recognizers.register("uk_nhs_number")
class UkNhsNumberRecognizer(LederPatternRecognizer):
    """Ten digits in groups of two or more, one separator (space . - /) between groups."""

    ENTITY = "UK_NHS"
    PATTERNS = [
        Pattern("nhs_grouped", r"(?<![\d.,/-])\d{2,10}(?:[ .\-/]\d{2,8}){0,4}(?![\d]|[.,/-]\d)", 0.5),
        # any other separator, the same one between every group ("943,476,5919", "943_476_5919",
        # "943|476|5919", "943:4765:919")
        Pattern("nhs_separated", rf"(?<!\d)(?<!\d{SEP})\d{{2,8}}(?P<sep>{SEP})\d{{2,8}}(?:(?P=sep)\d{{2,8}}){{0,3}}"
                                 rf"(?![\d]|{SEP}\d)", 0.5),
        # digits mixed with number words, or words alone ("nine four three 476 5919")
        Pattern("nhs_words", rf"(?i)(?<![\w-]){_TOKEN}(?:[\s,.-]{{1,3}}{_TOKEN}){{2,}}(?![\w-])", 0.5),
    ]
    CONTEXT = ["nhs", "nhs number", "nhs no", "national health service", "patient number"]


    def validate_result(self, pattern_text: str) -> bool:
        return nhs_checksum_ok(_digits(pattern_text))

    def invalidate_result(self, pattern_text: str) -> bool:
        """A leading 0 marks a phone number (no NHS number in England starts with 0)."""
        return _digits(pattern_text).startswith("0")


def _digits(text: str) -> str:
    """The digits ``text`` stands for (number words spelt out, separators dropped).

    >>> _digits("nine four three 476,5919")
    '9434765919'
    """
    if re.search(r"[A-Za-z]", text):
        return spelt_digits(text)
    return re.sub(r"\D", "", text)
