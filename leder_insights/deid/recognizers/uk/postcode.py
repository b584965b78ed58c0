"""UK postcode (full unit postcodes such as ``LE1 5WW``, or ``le1 5ww`` in lower case); words do not
match because the digits are required.

>>> [(x.start, x.end) for x in UkPostcodeRecognizer().analyze("lived at LE1 5WW.", ["UK_POSTCODE"])]
[(9, 16)]
>>> t = "postcode N G 2 4 1 A B."
>>> [t[x.start:x.end] for x in UkPostcodeRecognizer().analyze(t, ["UK_POSTCODE"])]
['N G 2 4 1 A B']
>>> t = "He grew up in the LS6 area."
>>> [t[x.start:x.end] for x in UkPostcodeRecognizer().analyze(t, ["UK_POSTCODE"])]
['LS6']
>>> t = "postcode LE1-5WW, then le1  5ww."
>>> [t[x.start:x.end] for x in UkPostcodeRecognizer().analyze(t, ["UK_POSTCODE"])]
['LE1-5WW', 'le1  5ww']
"""
from __future__ import annotations

from .... import registry
from .._base import SEP, LederPatternRecognizer, Pattern


@registry.recognizers.register("uk_postcode")
class UkPostcodeRecognizer(LederPatternRecognizer):
    """Outward code + inward code; scores high enough to be kept without context."""

    ENTITY = "UK_POSTCODE"
    PATTERNS = [
        # an outward code alone, named as an area ("the LS6 area", "the BD3 district", "postcode area
        # NG7"): it narrows where a person lived to a few thousand households
        Pattern("postcode_district", r"\b(?i:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?)(?=\s+(?i:area|district|postcode)\b)"
                                     r"|(?<=\b(?i:postcode|postal)\s(?i:area|district)\s)(?i:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?)\b",
                0.5),
        Pattern("postcode", r"\b(?:GIR\s?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?\s?\d[ABD-HJLNP-UW-Z]{2})\b", 0.6),
        # written in lower case ("cf24 3pq"); "2nd", "3rd" are ordinals, not inward codes
        Pattern("postcode_lower", r"\b[a-pr-uwyz][a-hk-y]?\d[a-z\d]?\s?(?!1st|2nd|3rd|\dth)\d[abd-hjlnp-uw-z]{2}\b",
                0.5),
        # letter by letter ("N G 2 4 1 A B", "L-E-1 5-W-W"): the same shape with a space or hyphen between characters
        Pattern("postcode_spaced", r"(?<![\w-])[A-PR-UWYZ][ -]{1,2}(?:[A-HK-Y][ -]{1,2})?\d[ -]{1,2}(?:[A-Z\d][ -]{1,2})?"
                                   r"\d[ -]{1,2}[ABD-HJLNP-UW-Z][ -]{1,2}[ABD-HJLNP-UW-Z](?![\w-])", 0.6),
        # other separators, or more than one ("LS6  3QP", "LS6-3QP", "LS6.3QP", "LS6/3QP", "LS6_3QP"),
        # split halves ("LS 6 3QP", "LS6 3 QP"), or glued to a word ("postcodeLS63QP"); an ordinal
        # ("ON 25TH") is not an inward code here
        Pattern("postcode_separated",
                rf"(?:(?<![A-Za-z\d])|(?<=[a-z]))[A-PR-UWYZ][A-HK-Y]?{SEP}{{0,2}}\d[A-Z\d]?{SEP}{{0,3}}"
                rf"(?!\d(?:ST|ND|RD|TH)\b)\d{SEP}{{0,2}}[ABD-HJLNP-UW-Z]{{2}}(?![A-Za-z\d])", 0.6),
        Pattern("postcode_lower_separated",
                rf"(?<![A-Za-z\d])[a-pr-uwyz][a-hk-y]?\d[a-z\d]?(?:{SEP}{{2,3}}|(?! ){SEP})(?!\d(?:st|nd|rd|th)\b)"
                r"\d[abd-hjlnp-uw-z]{2}(?![A-Za-z\d])", 0.5),
    ]
    CONTEXT = ["postcode", "post code", "address", "lived", "live", "home"]
