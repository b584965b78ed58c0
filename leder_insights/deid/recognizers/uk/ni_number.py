"""National Insurance number (e.g. ``QQ 12 34 56 C``).

>>> [x.entity_type for x in UkNiNumberRecognizer().analyze("NI number AB123456C", ["UK_NINO"])]
['UK_NINO']
>>> [x.entity_type for x in UkNiNumberRecognizer().analyze("NI TW-47-19-83-B", ["UK_NINO"])]
['UK_NINO']
"""
from __future__ import annotations

from .... import registry
from .._base import SEP, LederPatternRecognizer, Pattern


@registry.recognizers.register("uk_ni_number")
class UkNiNumberRecognizer(LederPatternRecognizer):
    """Two prefix letters, six digits, suffix A-D; invalid prefixes are rejected."""

    ENTITY = "UK_NINO"
    PATTERNS = [Pattern("NINO", r"\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b",
                        0.6),
                # lower case only in the printed grouping ("jt 55 60 71 b"); "ab123456c" is some other code
                Pattern("NINO_lower", r"\b(?:[a-ceghj-pr-tw-z][a-ceghj-npr-tw-z]|qq) \d{2} \d{2} \d{2} [a-d]\b",
                        0.5),
                # a separator between any two characters ("JK-12-34-56-C", "J K 1 2 3 4 5 6 C",
                # "jk.12.34.56.c"), and the prefix QQ (the published example, never issued, but a
                # number written with it is still someone's number with a typing slip or a test value)
                Pattern("NINO_separated",
                        rf"(?<![A-Za-z\d])(?:[A-CEGHJ-PR-TW-Z]{SEP}{{0,2}}[A-CEGHJ-NPR-TW-Z]|Q{SEP}{{0,2}}Q)"
                        rf"(?={SEP}|\d{{6}}[A-D](?![A-Za-z\d]))(?:{SEP}{{0,2}}\d){{6}}{SEP}{{0,2}}[A-D](?![A-Za-z\d])",
                        0.6),
                Pattern("NINO_lower_separated",
                        r"(?<![A-Za-z\d])(?:[a-ceghj-pr-tw-z][a-ceghj-npr-tw-z]|qq)([._/\\|~:,+*-])\d{2}\1\d{2}\1\d{2}\1[a-d]"
                        r"(?![A-Za-z\d])", 0.5)]
    CONTEXT = ["national insurance", "ni number", "nino", "insurance"]
    BAD_PREFIXES = ("BG", "GB", "NK", "KN", "TN", "NT", "ZZ")

    def invalidate_result(self, pattern_text: str) -> bool:
        return "".join(ch for ch in pattern_text if ch.isalnum())[:2].upper() in self.BAD_PREFIXES
