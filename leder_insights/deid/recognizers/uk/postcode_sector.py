"""Postcode sectors: an outward code, a space and the inward code's digit, without its two letters
(attacker 6's F5: "the OL16 3 area", "postcode sector BD7 4", "covered OL16 3 and OL16 4"). A
sector is a few thousand addresses, far finer than any area a release keeps.

A two-letter area stands alone; a one-letter area ("S10 2", "M14 6") needs a cue before or after
(postcode, sector, area, district), since "B12 1" or "E4 5" are also vitamins and scores. A unit,
count or time after the digit ("OL16 3 mg", "FY1 2 years") is not a sector.

>>> r = PostcodeSectorRecognizer()
>>> t = "He lived in the OL16 3 area; postcode sector BD7 4; the S10 2 sector; OL16 3 and OL16 4."
>>> [t[x.start:x.end] for x in sorted(r.analyze(t, ["UK_POSTCODE"]), key=lambda x: x.start)]
['OL16 3', 'BD7 4', 'S10 2', 'OL16 3', 'OL16 4']
>>> r.analyze("Vitamin B12 1 mg; GCS E4 V5 M6; an FY1 2 years in; CO2 4.5 kPa; LS6 3QP.", ["UK_POSTCODE"])
[]
"""
from __future__ import annotations

from .... import registry
from .._base import LederPatternRecognizer, Pattern

#: what may not follow the digit: more of a code, a decimal, a unit, a count or a time
_NOT_AFTER = (r"(?![\w/]|[.,:]\d|\s*(?:%|-|\u2013|/|x\b|(?i:mg|mcg|micrograms?|ml|kg|g|mm|cm|mmol|kpa|units?|"
              r"times|hours?|hrs?|minutes?|mins?|days?|weeks?|months?|years?|yrs?|doses?|tablets?|am|pm|"
              r"o['\u2019]clock|out\s+of|of\s+\d)\b))")
_CUE = r"(?i:postcode|post\s+code|postal|sector|area|district|patch)"


@registry.recognizers.register("uk_postcode_sector")
class PostcodeSectorRecognizer(LederPatternRecognizer):
    """Outward code + space + one digit, not followed by the inward letters (those are full postcodes)."""

    ENTITY = "UK_POSTCODE"
    PATTERNS = [
        Pattern("sector_two_letter_area", rf"(?<![\w/.-])[A-PR-UWYZ][A-HK-Y]\d[A-Z\d]?\s\d{_NOT_AFTER}", 0.6),
        Pattern("sector_after_cue", rf"\b{_CUE}\s+(?:(?i:sector|area|district)\s+)?"
                                    rf"(?P<ent>[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?\s\d){_NOT_AFTER}", 0.6),
        Pattern("sector_before_cue", rf"(?<![\w/.-])(?P<ent>[A-PR-UWYZ]\d[A-Z\d]?\s\d)(?=\s+{_CUE}\b)", 0.6),
    ]
    CONTEXT = ["postcode", "sector", "area", "lived"]
