"""National Insurance number (e.g. ``QQ 12 34 56 C``).

>>> [x.entity_type for x in UkNiNumberRecognizer().analyze("NI number AB123456C", ["UK_NINO"])]
['UK_NINO']
"""
from __future__ import annotations

from .._base import Pattern

from .... import registry
from .._base import LederPatternRecognizer


@registry.recognizers.register("uk_ni_number")
class UkNiNumberRecognizer(LederPatternRecognizer):
    """Two prefix letters, six digits, suffix A-D; invalid prefixes are rejected."""

    ENTITY = "UK_NINO"
    PATTERNS = [Pattern("NINO", r"\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b",
                        0.6),
                # lower case only in the printed grouping ("jt 55 60 71 b"); "ab123456c" is some other code
                Pattern("NINO_lower", r"\b[a-ceghj-pr-tw-z][a-ceghj-npr-tw-z] \d{2} \d{2} \d{2} [a-d]\b",
                        0.5)]
    CONTEXT = ["national insurance", "ni number", "nino", "insurance"]
    BAD_PREFIXES = ("BG", "GB", "NK", "KN", "TN", "NT", "ZZ")

    def invalidate_result(self, pattern_text: str) -> bool:
        return pattern_text[:2].upper() in self.BAD_PREFIXES
