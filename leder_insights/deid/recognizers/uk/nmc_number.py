"""Nursing and Midwifery Council PIN (``12A3456E``).

>>> [x.entity_type for x in NmcNumberRecognizer().analyze("NMC PIN 12A3456E", ["NMC_NUMBER"])]
['NMC_NUMBER']
"""
from __future__ import annotations

from .._base import Pattern

from .... import registry
from .._base import LederPatternRecognizer


@registry.recognizers.register("uk_nmc_number")
class NmcNumberRecognizer(LederPatternRecognizer):
    """Two digits, a letter, four digits, a letter; the shape is distinctive enough on its own."""

    ENTITY = "NMC_NUMBER"
    PATTERNS = [Pattern("nmc_pin", r"\b\d{2}[A-Z]\d{4}[A-Z]\b", 0.6)]
    CONTEXT = ["nmc", "pin", "registration"]
