"""Passport number after its label (UK: nine digits; others letters and digits).

>>> r = PassportNumberRecognizer()
>>> t = "Passport number 618204937 held by the provider."
>>> [t[x.start:x.end] for x in r.analyze(t, ["PASSPORT_NUMBER"])]
['618204937']
>>> r.analyze("Her passport was out of date.", ["PASSPORT_NUMBER"])
[]
"""
from __future__ import annotations

from .... import registry
from .._base import LederPatternRecognizer, Pattern


@registry.recognizers.register("uk_passport_number")
class PassportNumberRecognizer(LederPatternRecognizer):
    """Six to nine digits, with up to two letters before them, after ``passport``."""

    ENTITY = "PASSPORT_NUMBER"
    PATTERNS = [
        Pattern("passport", r"(?i:\bpassport)\s*(?:(?i:no\.?|number|num|is|was))?\s*[:.#]?\s*"
                            r"(?P<ent>[A-Z]{0,2}\d{6,9})(?![\w])", 0.7),
    ]
    CONTEXT = ["passport"]
