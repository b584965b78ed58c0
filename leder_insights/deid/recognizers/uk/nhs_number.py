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
"""
from __future__ import annotations

from .._base import Pattern

from .... import registry
from ....nhs_number import nhs_checksum_ok
from .._base import LederPatternRecognizer


@registry.recognizers.register("uk_nhs_number")
class UkNhsNumberRecognizer(LederPatternRecognizer):
    """Ten digits in groups of two or more, one separator (space . - /) between groups."""

    ENTITY = "UK_NHS"
    PATTERNS = [
        Pattern("nhs_grouped", r"(?<![\d.,/-])\d{2,10}(?:[ .\-/]\d{2,8}){0,4}(?![\d]|[.,/-]\d)", 0.5),
    ]
    CONTEXT = ["nhs", "nhs number", "nhs no", "national health service", "patient number"]

    def validate_result(self, pattern_text: str) -> bool:
        return nhs_checksum_ok(pattern_text)

    def invalidate_result(self, pattern_text: str) -> bool:
        """A leading 0 marks a phone number (no NHS number in England starts with 0)."""
        return pattern_text.lstrip().startswith("0")
