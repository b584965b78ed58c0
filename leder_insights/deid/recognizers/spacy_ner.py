"""spaCy NER through Presidio's ``SpacyRecognizer``, with the labels we treat as identifiers.

The NLP engine maps spaCy labels (PERSON, GPE, LOC, FAC, ORG, DATE) onto our entity types;
this recognizer reports them. NORP, LAW, CARDINAL and the like are ignored by the engine.
"""
from __future__ import annotations

from presidio_analyzer.predefined_recognizers import SpacyRecognizer

from ... import registry

#: spaCy label -> our entity type (ORG kept, unlike Presidio's default config)
SPACY_LABEL_MAP: dict[str, str] = {"PERSON": "PERSON", "PER": "PERSON", "GPE": "LOCATION",
                                   "LOC": "LOCATION", "FAC": "LOCATION", "ORG": "ORGANIZATION",
                                   "DATE": "DATE_TIME"}
SPACY_IGNORED: tuple[str, ...] = ("NORP", "CARDINAL", "EVENT", "LANGUAGE", "LAW", "MONEY", "ORDINAL",
                                  "PERCENT", "PRODUCT", "QUANTITY", "WORK_OF_ART", "TIME")


@registry.recognizers.register("spacy_ner")
class SpacyNerRecognizer(SpacyRecognizer):
    """Presidio's spaCy recognizer limited to our mapped entity types."""

    ENTITIES = sorted(set(SPACY_LABEL_MAP.values()))

    def __init__(self, **kwargs):
        kwargs.setdefault("supported_entities", list(self.ENTITIES))
        kwargs.setdefault("name", "spacy")
        super().__init__(**kwargs)
