"""Street addresses: an optional house number and capitalised words ending in a street type.

>>> [(x.start, x.end) for x in StreetAddressRecognizer().analyze("at 12 Acacia Avenue.", ["STREET_ADDRESS"])]
[(3, 19)]
"""
from __future__ import annotations

from .._base import Pattern

from .... import registry
from .._base import NAME_WORD, LederPatternRecognizer

_STREET_TYPES = (r"(?:Road|Street|Avenue|Lane|Close|Drive|Way|Crescent|Grove|Place|Terrace|Gardens|"
                 r"Walk|Row|Square|Mews|Rise|Hill|Park|Vale|View|Green|Parade|Boulevard|Court|Rd|St|Ave)")


@registry.recognizers.register("uk_street_address")
class StreetAddressRecognizer(LederPatternRecognizer):
    """``12 Acacia Avenue``, ``Flat 3, 14 Mill Lane``; unnumbered street names score lower."""

    ENTITY = "STREET_ADDRESS"
    PATTERNS = [
        Pattern("numbered", rf"\b(?:(?:Flat|Apartment|Unit)\s+\d+[A-Za-z]?,?\s+)?(?!(?:19|20)\d\d,)\d{{1,4}}[A-Za-z]?,?\s+"
                            rf"{NAME_WORD}(?:\s+{NAME_WORD}){{0,2}}\s+{_STREET_TYPES}\b", 0.7),
        Pattern("street", rf"\b(?!(?:The|A|An|This|His|Her|Their|Downing|Harley|Wall)\s)"
                          rf"{NAME_WORD}(?:\s+{NAME_WORD})?\s+(?:Road|Street|Avenue|Lane|Crescent|Drive|Close|Roundabout)\b",
                0.5),
        Pattern("road_number", r"(?<=\b[Tt]he\s)(?:[AB]\d{1,4}|M\d{1,3})(?:\(M\))?\b(?!\s*(?:vitamin|deficiency|form|"
                               r"grade|level|paper|size|envelope))", 0.55),
    ]
    CONTEXT = ["address", "lived", "live", "street", "road", "home", "moved"]
