"""Our recognizers, one class per file, registered by name in ``leder_insights.registry.recognizers``.

Importing this package registers them all. Which ones the engine loads, and in which order, is
listed once, in ``deid/conf/recognizers.yaml``.

>>> from leder_insights import registry
>>> import leder_insights.deid.recognizers
>>> "uk_nhs_number" in registry.recognizers.get_all()
True
"""
from __future__ import annotations

from . import ages, care, contact, dates, people, uk  # noqa: F401  (registration)
from ._base import LederPatternRecognizer, share_literal_index
from .spacy_ner import SPACY_IGNORED, SPACY_LABEL_MAP, SpacyNerRecognizer

__all__ = ["LederPatternRecognizer", "share_literal_index", "SpacyNerRecognizer", "SPACY_LABEL_MAP", "SPACY_IGNORED"]
