"""Local councils: ``Leicestershire County Council``, ``London Borough of Camden``.

National regulators that end in "Council" (General Medical Council, Nursing and Midwifery
Council) are on the allow-list and not matched here.

>>> r = CouncilRecognizer()
>>> [x.entity_type for x in r.analyze("funded by Leicestershire County Council", ["COUNCIL"])]
['COUNCIL']
"""
from __future__ import annotations

from presidio_analyzer import Pattern

from .... import registry
from .._base import LederPatternRecognizer, proper_sequence

_NATIONAL = ("General Medical", "Nursing and Midwifery", "Health and Care Professions", "Medical Research",
             "Privy", "Security", "Sentencing", "National Police Chiefs", "Arts", "British")


@registry.recognizers.register("council")
class CouncilRecognizer(LederPatternRecognizer):
    """Place name + (City/County/Borough/District/Town) Council; London/Royal Borough of X."""

    ENTITY = "COUNCIL"
    PATTERNS = [
        Pattern("council", rf"\b{proper_sequence(4)}\s+(?:(?:City|County|Borough|District|Town|Parish|"
                           rf"Metropolitan\s+Borough|Metropolitan\s+District)\s+)?Council\b", 0.6),
        Pattern("borough_of", rf"\b(?:London|Royal|Metropolitan)\s+Borough\s+of\s+{proper_sequence(3)}", 0.65),
        Pattern("council_of", rf"\b(?:City|County)\s+of\s+{proper_sequence(2)}\s+Council\b", 0.65),
    ]
    CONTEXT = ["council", "local authority", "social services", "funded", "commissioned"]
    REQUIRED = {"council": ("Council",), "borough_of": ("Borough",), "council_of": ("Council",)}

    def invalidate_result(self, pattern_text: str) -> bool:
        words = pattern_text.split()
        if words[0] in {"Medical", "Midwifery", "Professions", "Research", "Care", "Police", "Chiefs"}:
            return True  # the tail of a national regulator's name ("General Medical Council")
        generic_start = words[0] in {"City", "County", "Borough", "District", "Town", "Parish"}
        return pattern_text.startswith(_NATIONAL) or (generic_start and len(words) <= 3)
