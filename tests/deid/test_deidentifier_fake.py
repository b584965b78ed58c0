"""A regex detector with the detector interface, so de-identification tests load no model.

Other test modules import :class:`FakeDetector` from here; the tests below check the fake itself.
"""
from __future__ import annotations

import re

from leder_insights.deid import Entity

#: (pattern, entity_type, category, score)
PATTERNS = [
    (r"\b(?:Mr|Mrs|Ms|Miss|Dr)\.? [A-Z][a-z]+(?: [A-Z][a-z]+)?(?:['\u2019]s)?", "TITLED_PERSON", "PERSON", 0.9),
    (r"\b(?:Karen|John|Priya|Sam)(?: (?:Smith|Jones|Shah|O'Brien))?(?:['\u2019]s)?\b", "PERSON", "PERSON", 0.85),
    (r"\bKAREN SMITH\b", "PERSON", "PERSON", 0.85),
    (r"\b[A-Z][a-z]+ (?:House|Lodge|Court)\b", "CARE_HOME", "ORGANIZATION", 0.8),
    (r"\b[A-Z][a-z]+ (?:General )?Hospital\b", "HOSPITAL", "ORGANIZATION", 0.8),
    (r"\b\d{3}[ -]?\d{3}[ -]?\d{4}\b", "UK_NHS", "ID", 1.0),
    (r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b", "UK_POSTCODE", "LOCATION", 0.9),
    (r"\b0\d{3} ?\d{3} ?\d{4}\b|\b07\d{3} ?\d{6}\b", "UK_PHONE", "CONTACT", 0.9),
    (r"\b[\w.]+@[\w.]+\.\w+\b", "EMAIL_ADDRESS", "CONTACT", 1.0),
    (r"\b\d{1,2}(?:st|nd|rd|th)? (?:January|February|March|April|May|June|July|August|September|"
     r"October|November|December) \d{4}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|"
     r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\b|"
     r"\bsometime last spring\b", "DATE", "DATE", 0.9),
    (r"\baged \d{1,3}\b|\b\d{1,3}-year-old\b", "AGE", "AGE", 0.9),
    (r"\bLeicester\b", "LOCATION", "LOCATION", 0.6),
    (r"\bweakname\b", "PERSON", "PERSON", 0.1),
]


class FakeDetector:
    """Regex detector; ``fail_on`` makes it raise for any text containing that string."""

    model_name = "fake_regex"
    model_version = "0.0"
    recognizer_names = ["fake_regex"]

    def __init__(self, fail_on: str | None = None):
        self.fail_on = fail_on
        self.calls = 0

    def candidates(self, text: str) -> list[Entity]:
        """Every regex hit, overlapping or not (subclasses add their own)."""
        return [Entity(m.start(), m.end(), etype, cat, score, "fake_regex")
                for pattern, etype, cat, score in PATTERNS for m in re.finditer(pattern, text)]

    def analyze(self, text: str) -> list[Entity]:
        self.calls += 1
        if self.fail_on and self.fail_on in text:
            raise RuntimeError(f"boom on {text!r}")  # quotes raw text: must never reach outputs
        found = sorted(self.candidates(text), key=lambda e: (e.start, -(e.end - e.start)))
        out, last = [], -1
        for e in found:  # the longest of overlapping hits, left to right
            if e.start >= last:
                out.append(e)
                last = e.end
        return out

    def analyze_many(self, texts, n_process=None, batch_size=None):
        return [self.analyze(t) for t in texts]


def test_fake_detector_finds_sorted_non_overlapping_entities():
    text = "Mrs Karen Smith of Vancouver House, NHS 943 476 5919, on 17th August 2018."
    ents = FakeDetector().analyze(text)
    cats = [e.category for e in ents]
    assert cats == ["PERSON", "ORGANIZATION", "ID", "DATE"]
    assert all(a.end <= b.start for a, b in zip(ents, ents[1:]))
    assert text[ents[0].start:ents[0].end] == "Mrs Karen Smith"


def test_fake_detector_raises_on_marked_text():
    import pytest

    with pytest.raises(RuntimeError):
        FakeDetector(fail_on="EXPLODE").analyze("this will EXPLODE")
