"""Our recognizers, one class per file, registered by name in ``leder_insights.registry.recognizers``.

Importing this package registers them all:

>>> from leder_insights import registry
>>> import leder_insights.deid.recognizers
>>> "uk_nhs_number" in registry.recognizers.get_all()
True
"""
from __future__ import annotations

from . import ages, care, contact, dates, people, uk  # noqa: F401  (registration)
from ._base import LederPatternRecognizer
from .spacy_ner import SPACY_IGNORED, SPACY_LABEL_MAP, SpacyNerRecognizer

#: every recognizer this package registers, in the order the engine loads them
DEFAULT_RECOGNIZERS: tuple[str, ...] = (
    "spacy_ner", "uk_nhs_number", "uk_ni_number", "uk_postcode", "uk_phone", "uk_hospital_number",
    "uk_gmc_number", "uk_nmc_number", "uk_street_address", "uk_town", "uk_place", "date_numeric", "date_written", "age",
    "care_home", "hospital", "gp_practice", "nhs_trust", "council", "care_provider", "public_service", "person_titled", "person_role",
    "person_initials", "person_gazetteer", "person_context", "email", "url",
)

__all__ = ["LederPatternRecognizer", "SpacyNerRecognizer", "SPACY_LABEL_MAP", "SPACY_IGNORED",
           "DEFAULT_RECOGNIZERS"]
