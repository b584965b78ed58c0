"""UK postcode (full unit postcodes such as ``LE1 5WW``, or ``le1 5ww`` in lower case); words do not
match because the digits are required.

>>> [(x.start, x.end) for x in UkPostcodeRecognizer().analyze("lived at LE1 5WW.", ["UK_POSTCODE"])]
[(9, 16)]
"""
from __future__ import annotations

from .._base import Pattern

from .... import registry
from .._base import LederPatternRecognizer


@registry.recognizers.register("uk_postcode")
class UkPostcodeRecognizer(LederPatternRecognizer):
    """Outward code + inward code; scores high enough to be kept without context."""

    ENTITY = "UK_POSTCODE"
    PATTERNS = [
        Pattern("postcode", r"\b(?:GIR\s?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?\s?\d[ABD-HJLNP-UW-Z]{2})\b", 0.6),
        # written in lower case ("cf24 3pq"); "2nd", "3rd" are ordinals, not inward codes
        Pattern("postcode_lower", r"\b[a-pr-uwyz][a-hk-y]?\d[a-z\d]?\s?(?!1st|2nd|3rd|\dth)\d[abd-hjlnp-uw-z]{2}\b",
                0.5),
    ]
    CONTEXT = ["postcode", "post code", "address", "lived", "live", "home"]
