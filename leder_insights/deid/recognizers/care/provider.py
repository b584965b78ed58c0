"""Care and support providers: ``Bright Path Support Ltd``, ``Evergreen Care Supported Living``.

>>> r = CareProviderRecognizer()
>>> [x.entity_type for x in r.analyze("supported by Bright Path Support Ltd", ["CARE_PROVIDER"])]
['CARE_PROVIDER']
>>> t = "housing by Supported Homes Limited, then"      # a company's name may start with "Supported"
>>> [t[x.start:x.end] for x in r.analyze(t, ["CARE_PROVIDER"])]
['Supported Homes Limited']
"""
from __future__ import annotations

import re
from pathlib import Path

from .._base import Pattern

from .... import registry
from .._base import ORG_WORD, LederPatternRecognizer, proper_sequence

#: first words that start no company's name before "Ltd"/"Limited": articles, pronouns, prepositions
#: and titles only; the suffix makes "Supported ...", "Care ...", "Community ..." a name
#: (NOT_A_NAME_START, used for names without a suffix, also leaves those out)
_LTD_NOT_FIRST = (r"(?!(?:The|A|An|This|That|These|Those|His|Her|Their|Our|Its|My|Your|Each|Every|Any|In|At|"
                  r"On|To|From|Of|And|For|With|By|When|Whilst|While|After|Before|During|He|She|They|It|We|I|"
                  r"Dr|Mr|Mrs|Ms|Miss|Mx|Prof|Dear|NHS)\b)")
_LTD_NAME = rf"{_LTD_NOT_FIRST}(?:{ORG_WORD}|St\.?)(?:\s+(?:{ORG_WORD}|St\.?|&|of|and|upon|on|in|the|[A-Z]{{2,5}})){{0,4}}"


#: national care companies named as delivering care (conf/national_care_providers.txt)
_NATIONAL = tuple(ln.strip() for ln in (Path(__file__).resolve().parents[2] / "conf" / "national_care_providers.txt")
                  .read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#"))
_NATIONAL_RX = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(_NATIONAL, key=lambda w: (-len(w), w)))

_COMPANY_END = re.compile(r"\s(?:Ltd|Limited|plc|PLC|CIC|LLP)\.?$")


@registry.recognizers.register("care_provider")
class CareProviderRecognizer(LederPatternRecognizer):
    """Capitalised name + company/service suffix (Ltd, Support Services, Community Care...)."""

    ENTITY = "CARE_PROVIDER"
    PATTERNS = [
        Pattern("limited", rf"\b(?:(?:\d[A-Z][A-Za-z]*|[A-Z]{{1,3}}&[A-Z]{{1,3}}|[A-Z]{{2,5}})\s+)?{_LTD_NAME}\s+(?:Ltd|Limited|plc|PLC|CIC|LLP)\b\.?", 0.65),
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
        """A generic first word makes a service, not a provider ("Community Care Services"), unless
        a company suffix names it ("Community Lifestyles Ltd")."""
        if _COMPANY_END.search(pattern_text):
            return False
        first = pattern_text.split()[0]
        return first in {"Social", "Health", "Personal", "Palliative", "Intensive", "Primary",
                         "Secondary", "Continuing", "End", "Good", "Poor", "Person", "Self",
                         "Learning", "Oral", "Mouth", "Independent", "Positive", "Behaviour",
                         "Specialist", "Respite", "Day", "Integrated", "Shared", "Joint", "Clinical",
                         "Quality", "Adult", "Adults", "Children", "Childrens", "Children's", "Hospital",
                         "Local", "Mental", "Public", "Urgent", "Acute", "Community", "Regional",
                         "National"}
