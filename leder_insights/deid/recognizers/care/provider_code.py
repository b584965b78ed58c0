"""Codes of one provider or practice: a CQC location or provider ID (``1-1092345678``) and a GP
practice's ODS code after its cue (``Practice M85001``, ``ODS code M85001``).

The code names one care home or practice, so it gives back the area the release suppressed
(attacker 5's F1).

>>> r = ProviderCodeRecognizer()
>>> t = "CQC location 1-1092345678; Practice M85001 and ODS code Y02345; ward M12345."
>>> [t[x.start:x.end] for x in r.analyze(t, ["PROVIDER_CODE"])]
['1-1092345678', 'M85001', 'Y02345']
"""
from __future__ import annotations

from .... import registry
from .._base import LederPatternRecognizer, Pattern


@registry.recognizers.register("provider_code")
class ProviderCodeRecognizer(LederPatternRecognizer):
    """CQC IDs anywhere; ODS practice codes after "practice", "surgery", "ODS" or "GP"."""

    ENTITY = "PROVIDER_CODE"
    PATTERNS = [
        Pattern("cqc_id", r"(?<![\w-])1-\d{9,11}(?![\w-])", 0.7),
        Pattern("ods_practice", r"(?i:\b(?:practice|surgery|ODS|GP|organisation|organization)\b)"
                                r"(?:\s+(?i:code|ID|no\.?|number))?\s*[:(#]?\s*(?P<ent>[A-HJ-NP-Y]\d{5})(?![\w-])", 0.7),
    ]
    CONTEXT = ["cqc", "location", "provider", "practice", "ods", "code"]
