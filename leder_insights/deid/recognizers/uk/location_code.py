"""Codes that pin a place to a few metres: what3words (``///filled.count.soap``), an Ordnance
Survey grid reference (``SE 29885 34231``) and a latitude/longitude pair (``53.80084, -1.54912``).

Each gives the home's address as surely as the address itself, while the release suppresses even
the region (attacker 5's F1). A grid reference needs two equal halves of 3 to 5 digits (or a
"grid" cue when written without spaces); a coordinate pair needs four decimal places or more.

>>> r = LocationCodeRecognizer()
>>> t = "Crew sent to SE 29885 34231 not ///filled.count.soap; app showed 53.80084, -1.54912."
>>> [t[x.start:x.end] for x in sorted(r.analyze(t, ["LOCATION_CODE"]), key=lambda x: x.start)]
['SE 29885 34231', '///filled.count.soap', '53.80084, -1.54912']
>>> r.analyze("A score of 12.5, 3.25 and SE 12 345.", ["LOCATION_CODE"])
[]
"""
from __future__ import annotations

import re

from .... import registry
from .._base import LederPatternRecognizer, Pattern

#: the 100 km squares of the National Grid that cover Great Britain
SQUARES = (r"(?:H[L-Z]|N[A-HJ-Z]|O[ABFGLMQRVW]|S[A-HJ-Z]|T[ABFGLMQRVW]|J[LMQRVW])")
_COORD = r"[-+\u2212]?\d{1,3}\.\d{4,}(?:\s?°?\s?[NSEWnsew](?![A-Za-z]))?"


@registry.recognizers.register("uk_location_code")
class LocationCodeRecognizer(LederPatternRecognizer):
    """what3words, OS grid references and coordinate pairs."""

    ENTITY = "LOCATION_CODE"
    PATTERNS = [
        Pattern("what3words", r"(?<![\w/:])/{2,3}[A-Za-z]{2,}\.[A-Za-z]{2,}\.[A-Za-z]{2,}(?![\w.])"
                              r"|(?i:\b(?:what\s?3\s?words|w3w)\b)[^\w\n]{0,6}(?:(?i:address|location|is|of|was)\W{1,3}){0,2}"
                              r"(?P<ent>/{0,3}[A-Za-z]{2,}\.[A-Za-z]{2,}\.[A-Za-z]{2,})(?![\w.])", 0.8),
        Pattern("grid_spaced", rf"(?<![\w-]){SQUARES}\s?\d{{3,5}}\s\d{{3,5}}(?![\w-]|[.,]\d)", 0.6),
        Pattern("grid_cued", rf"(?i:\b(?:grid\s+ref(?:erence)?|OS\s+ref(?:erence)?|NGR|OSGR)\b)\W{{0,3}}"
                             rf"(?P<ent>{SQUARES}\s?\d{{2,5}}\s?\d{{2,5}})(?![\w-])", 0.8),
        # the latitude not "0.x" (a score such as "0.9842, 0.9717" is not the equator)
        Pattern("lat_long", rf"(?<![\w.])(?![-+\u2212]?0\.){_COORD}\s?[,;/]?\s?{_COORD}(?!\d|\.\d)", 0.7),
    ]
    CONTEXT = ["grid", "location", "coordinates", "what3words", "map"]

    def validate_result(self, pattern_text: str):
        text = pattern_text.strip()
        if "." in text and not text.startswith("/") and re.search(r"\d\.\d", text):
            nums = [float(x.replace("\u2212", "-")) for x in re.findall(r"[-+\u2212]?\d+\.\d+", text)]
            return len(nums) == 2 and abs(nums[0]) <= 90 and abs(nums[1]) <= 180
        groups = re.findall(r"\d+", text)
        if groups and re.match(SQUARES, text):
            digits = "".join(groups)
            if len(groups) == 2:
                return len(groups[0]) == len(groups[1])
            return len(digits) % 2 == 0 and 4 <= len(digits) <= 10
        return None
