"""Hospitals, infirmaries and hospices: ``Leicester Royal Infirmary``, ``St Mary's Hospital``.

>>> r = HospitalRecognizer()
>>> [(x.start, x.end) for x in r.analyze("admitted to Leicester Royal Infirmary.", ["HOSPITAL"])]
[(12, 37)]
>>> r.analyze("admitted to the hospital.", ["HOSPITAL"])
[]
"""
from __future__ import annotations

from .._base import Pattern

import re

from .... import registry
from .._base import LederPatternRecognizer, proper_sequence


_NEXT_WORD = re.compile(r" ([A-Z][a-z]+(?:-[a-z]+-[A-Z][a-z]+)?)\b(?![ -][A-Z])")


@registry.recognizers.register("hospital")
class HospitalRecognizer(LederPatternRecognizer):
    """Capitalised name + Hospital/Infirmary/Hospice (+ optional ``, <Town>`` is not included)."""

    ENTITY = "HOSPITAL"
    PATTERNS = [
        Pattern("named_hospital",
                rf"\b{proper_sequence(6)}\s+(?:(?:General|Community|University|District|Children['’]s|"
                rf"Psychiatric|Memorial|Cottage)\s+)?(?:Hospitals?|Infirmary|Hospice|Medical\s+Centre|"
                rf"Treatment\s+Centre|Unit)\b", 0.65),
        Pattern("hospital_of", rf"\bHospital\s+of\s+{proper_sequence(3)}", 0.6),
        Pattern("named_hospital_lower", rf"\b{proper_sequence(3)}\s+(?:hospital|infirmary|hospice)\b", 0.45),
    ]
    CONTEXT = ["admitted", "hospital", "ward", "transferred", "discharged", "attended", "ambulance"]
    REQUIRED = {"named_hospital": ("Hospital", "Infirmary", "Hospice", "Centre", "Unit"),
                "hospital_of": ("Hospital",), "named_hospital_lower": ("hospital", "infirmary", "hospice")}

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        """As the patterns, then take in a following town ("Queen Elizabeth Hospital Birmingham")."""
        from ..uk.place_gazetteer import place_index

        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        names = place_index()[1]
        for r in results:
            m = _NEXT_WORD.match(text, r.end)
            if m and m.group(1) in names:
                r.end = m.end()
        return results

    def invalidate_result(self, pattern_text: str) -> bool:
        return pattern_text.split()[0] in {"Intensive", "High", "Medical", "Assessment", "Stroke",
                                           "Coronary", "Admissions", "Learning", "Respiratory",
                                           "Psychiatric", "Secure", "Children's", "Childrens",
                                           "Specialist", "Teaching", "Cottage", "Field", "Nightingale",
                                           "Day", "Independent", "Rehabilitation", "Main", "Nearest",
                                           "Receiving", "Treating", "Same", "Another", "Other",
                                           "Different", "Previous", "New", "Major", "Trauma", "Hospital"}
