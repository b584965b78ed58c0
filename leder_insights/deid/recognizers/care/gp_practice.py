"""GP surgeries and practices: ``Riverside Medical Centre``, ``Park Lane Surgery``.

>>> r = GpPracticeRecognizer()
>>> [x.entity_type for x in r.analyze("registered at Riverside Surgery", ["GP_PRACTICE"])]
['GP_PRACTICE']
>>> r.analyze("registered at the GP surgery", ["GP_PRACTICE"])
[]
"""
from __future__ import annotations

from .._base import Pattern

from .... import registry
from .._base import LederPatternRecognizer, proper_sequence


@registry.recognizers.register("gp_practice")
class GpPracticeRecognizer(LederPatternRecognizer):
    """Capitalised name + Surgery / Health Centre / Medical Practice / Group Practice."""

    ENTITY = "GP_PRACTICE"
    PATTERNS = [
        Pattern("named_practice",
                rf"\b{proper_sequence(5)}\s+(?:Surgery|Medical\s+Centre|Health\s+Centre|Medical\s+Practice|Group\s+Practice|"
                rf"Family\s+Practice|Practice|Health\s+Practice|Primary\s+Care\s+Centre|Partnership)\b",
                0.6),
    ]
    CONTEXT = ["gp", "surgery", "practice", "registered", "doctor"]
    REQUIRED = {"named_practice": ("Surgery", "Centre", "Practice", "Partnership")}

    def invalidate_result(self, pattern_text: str) -> bool:
        return pattern_text.split()[0] in {"GP", "Good", "Best", "Clinical", "Medical", "Nursing",
                                           "Professional", "General", "Dental"}
