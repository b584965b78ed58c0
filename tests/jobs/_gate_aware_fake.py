"""A fake detector for job tests: the de-identification tests' regex fake plus every direct
identifier the residual-risk gate's own regular expressions see, so that a bundle made with it
is releasable (zero tolerance) without loading a model. The jobs' robustness is under test here,
not detection."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "deid"))

from test_deidentifier_fake import FakeDetector  # noqa: E402

from leder_insights.deid import Entity, ResidualRiskScanner  # noqa: E402

_TYPES = {"NHS_NUMBER": ("UK_NHS", "ID"), "NI_NUMBER": ("UK_NINO", "ID"),
          "PHONE": ("UK_PHONE", "CONTACT"), "EMAIL": ("EMAIL_ADDRESS", "CONTACT"),
          "POSTCODE": ("UK_POSTCODE", "LOCATION"), "DATE_OF_BIRTH": ("DATE", "DATE")}


class GateAwareFake(FakeDetector):
    model_name = "fake_regex_gate_aware"

    def __init__(self, fail_on: str | None = None):
        super().__init__(fail_on)
        self._gate = ResidualRiskScanner(use_ner=False)

    def candidates(self, text: str) -> list[Entity]:
        found = super().candidates(text)
        for c in self._gate.direct_identifiers(text):
            etype, cat = _TYPES.get(c.kind, ("UK_NHS", "ID"))
            found.append(Entity(c.start, c.end, etype, cat, 1.0, "fake_gate_regex"))
        return found
