"""General Medical Council reference number (7 digits) after ``GMC``.

>>> [(x.start, x.end) for x in GmcNumberRecognizer().analyze("GMC number 1234567", ["GMC_NUMBER"])]
[(11, 18)]
"""
from __future__ import annotations

from .._base import Pattern

from .... import registry
from .._base import LederPatternRecognizer


@registry.recognizers.register("uk_gmc_number")
class GmcNumberRecognizer(LederPatternRecognizer):
    """Seven digits following a GMC label."""

    ENTITY = "GMC_NUMBER"
    PATTERNS = [Pattern("gmc", r"\bGMC\s*(?:(?i:number|no\.?|ref(?:erence)?))?\s*[:.]?\s*(?P<ent>\d{7})\b",
                        0.8)]
    CONTEXT = ["gmc", "general medical council"]
