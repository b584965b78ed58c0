"""NHS number: Presidio's ``NhsRecognizer`` (modulus-11 checksum) with UK review context words.

>>> r = UkNhsNumberRecognizer()
>>> [(x.start, x.end) for x in r.analyze("NHS number 943 476 5919.", ["UK_NHS"])]
[(11, 23)]
>>> r.analyze("NHS number 943 476 5918.", ["UK_NHS"])
[]
"""
from __future__ import annotations

from presidio_analyzer.predefined_recognizers import NhsRecognizer

from .... import registry


@registry.recognizers.register("uk_nhs_number")
class UkNhsNumberRecognizer(NhsRecognizer):
    """10-digit NHS number (spaces or hyphens allowed), valid only when the checksum passes."""

    CONTEXT = ["nhs", "nhs number", "nhs no", "national health service", "patient number"]

    def __init__(self, **kwargs):
        kwargs.setdefault("context", self.CONTEXT)
        kwargs.setdefault("name", "uk_nhs_number")
        super().__init__(**kwargs)

    def invalidate_result(self, pattern_text: str) -> bool:
        """A leading 0 marks a phone number (no NHS number in England starts with 0)."""
        return pattern_text.lstrip().startswith("0")
