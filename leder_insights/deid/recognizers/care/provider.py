"""Care and support providers: ``Bright Path Support Ltd``, ``Evergreen Care Supported Living``.

>>> r = CareProviderRecognizer()
>>> [x.entity_type for x in r.analyze("supported by Bright Path Support Ltd", ["CARE_PROVIDER"])]
['CARE_PROVIDER']
"""
from __future__ import annotations

import re
from pathlib import Path

from presidio_analyzer import Pattern

from .... import registry
from .._base import LederPatternRecognizer, proper_sequence


#: national care companies named as delivering care (conf/national_care_providers.txt)
_NATIONAL = tuple(ln.strip() for ln in (Path(__file__).resolve().parents[2] / "conf" / "national_care_providers.txt")
                  .read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#"))
_NATIONAL_RX = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(_NATIONAL, key=len, reverse=True))


@registry.recognizers.register("care_provider")
class CareProviderRecognizer(LederPatternRecognizer):
    """Capitalised name + company/service suffix (Ltd, Support Services, Community Care...)."""

    ENTITY = "CARE_PROVIDER"
    PATTERNS = [
        Pattern("limited", rf"\b(?:(?:\d[A-Z][A-Za-z]*|[A-Z]{{1,3}}&[A-Z]{{1,3}})\s+)?{proper_sequence(5)}\s+(?:Ltd|Limited|plc|PLC|CIC|LLP)\b\.?", 0.65),
        Pattern("services", rf"\b{proper_sequence(4)}\s+(?:Support\s+Services|Supported\s+Living|"
                            rf"Community\s+Care|Care\s+Services|Care\s+Group|Homecare|Home\s+Care|"
                            rf"Domiciliary\s+Care|Community\s+Health(?:care)?)\b", 0.45),
        Pattern("national_provider", rf"(?<![\w&-])(?:{_NATIONAL_RX})(?![\w&-])", 0.6),
    ]
    CONTEXT = ["provider", "provided", "agency", "supported", "support", "company", "staff", "care"]
    REQUIRED = {"limited": ("Ltd", "Limited", "plc", "PLC", "CIC", "LLP"),
                "services": ("Support", "Care", "Homecare", "Health"),
                "national_provider": tuple(n.split()[0] for n in _NATIONAL)}

    def invalidate_result(self, pattern_text: str) -> bool:
        first = pattern_text.split()[0]
        return first in {"Social", "Health", "Personal", "Palliative", "Intensive", "Primary",
                         "Secondary", "Continuing", "End", "Good", "Poor", "Person", "Self",
                         "Learning", "Oral", "Mouth", "Independent", "Positive", "Behaviour",
                         "Specialist", "Respite", "Day", "Integrated", "Shared", "Joint", "Clinical",
                         "Quality", "Adult", "Adults", "Children", "Childrens", "Children's", "Hospital",
                         "Local", "Mental", "Public", "Urgent", "Acute", "Community", "Regional",
                         "National"}
