"""NHS trusts and commissioners: ``Nottinghamshire Healthcare NHS Foundation Trust``,
``University Hospitals of Leicester NHS Trust``, ``NHS Derby and Derbyshire ICB``.

>>> r = NhsTrustRecognizer()
>>> [x.start for x in r.analyze("staff at Leeds Teaching Hospitals NHS Trust", ["NHS_TRUST"])]
[9]
>>> r.analyze("the NHS Foundation Trust", ["NHS_TRUST"])
[]
"""
from __future__ import annotations

from .._base import Pattern

from .... import registry
from .._base import ORG_WORD, LederPatternRecognizer

_SEQ = (rf"(?:The\s+)?(?:{ORG_WORD}|NHS|St\.?)"
        rf"(?:\s+(?:{ORG_WORD}|NHS|St\.?|of|and|&|upon|on|the|partnership|foundation),?){{0,8}}?")
_GENERIC = {"NHS", "Foundation", "Trust", "University", "Hospitals", "Hospital", "The", "the", "of",
            "and", "&", "A", "An", "This", "Integrated", "Care", "Board", "ICB", "CCG", "Clinical",
            "Commissioning", "Group", "Healthcare", "Health", "Partnership", "Our", "Their", "Each",
            "partnership", "foundation"}
#: sentence connectives: "Although the Trust has ..." is no trust's name
_CONNECTIVES = {"Although", "However", "Whilst", "While", "When", "If", "As", "Because", "Since",
                "After", "Before", "During", "Unless", "Until", "But", "And", "So", "Also", "Then",
                "Following", "Despite", "Therefore", "Furthermore", "Moreover", "Where", "Whereas"}


@registry.recognizers.register("nhs_trust")
class NhsTrustRecognizer(LederPatternRecognizer):
    """Name + (NHS) (Foundation) Trust, NHS X ICB, X Integrated Care Board / CCG."""

    ENTITY = "NHS_TRUST"
    PATTERNS = [
        Pattern("trust", rf"\b{_SEQ}\s+(?:NHS\s+)?(?:Foundation\s+)?Trust\b", 0.6),
        Pattern("icb", rf"\b{_SEQ}\s+(?:ICB|ICS|CCG|Integrated\s+Care\s+(?:Board|System)|"
                       rf"Clinical\s+Commissioning\s+Group)\b", 0.6),
    ]
    CONTEXT = ["trust", "nhs", "commissioned", "commissioner", "board"]
    REQUIRED = {"trust": ("Trust",), "icb": ("ICB", "ICS", "CCG", "Integrated", "Commissioning")}

    def invalidate_result(self, pattern_text: str) -> bool:
        """Needs at least one distinctive (non-generic) word."""
        words = pattern_text.replace(",", " ").split()
        return words[0] in _CONNECTIVES or all(w in _GENERIC for w in words)
