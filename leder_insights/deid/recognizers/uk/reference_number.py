"""Reference numbers of public services after their label: a Blue Badge number, a DWP or benefit
claim reference, a CQC location or provider ID (CQC IDs also alone: ``1-`` and 9 to 11 digits).
The labels are ``reference_labels`` of ``conf/identifier_labels.yaml`` (this recognizer owns
them; ``uk_record_number`` owns the others), read with the same type and linking words.

Each ties a review to one person or one service as surely as a hospital number. The label is
what makes a number a reference; the value may hold letters, digits and spaces or dashes, and
needs four digits or more (a word after the label is not a number).

>>> r = ReferenceNumberRecognizer()
>>> t = "Her Blue Badge number AB12 3456 7890 had expired; CQC location ID 1-000123456."
>>> [t[x.start:x.end] for x in r.analyze(t, ["REFERENCE_NUMBER"])]
['AB12 3456 7890', '1-000123456']
>>> r.analyze("She had a Blue Badge and a DWP assessment in 2019.", ["REFERENCE_NUMBER"])
[]
"""
from __future__ import annotations

import re

from .... import registry
from ..._identifier_labels import labelled_lead, min_digits
from .._base import LederPatternRecognizer, Pattern

#: a public-service label, its type word and linking words (case-insensitive; labels are data)
_LABEL = labelled_lead("reference")
#: letters and digits in up to five groups ("AB12 3456 7890", "DWP/123/4567")
_VALUE = r"(?P<ent>(?=[A-Z0-9/ -]*\d)[A-Z0-9]{1,10}(?:[ /-][A-Z0-9]{1,10}){0,4})(?![\w/-])"


@registry.recognizers.register("uk_reference_number")
class ReferenceNumberRecognizer(LederPatternRecognizer):
    """A value after a public-service reference label; a CQC ID by its own shape."""

    ENTITY = "REFERENCE_NUMBER"
    PATTERNS = [
        Pattern("labelled_reference", _LABEL + _VALUE, 0.7),
        Pattern("cqc_id", r"(?<![\w-])1-\d{9,11}(?![\w-])", 0.6),
    ]
    CONTEXT = ["badge", "dwp", "benefit", "cqc", "reference"]

    def invalidate_result(self, pattern_text: str) -> bool:
        """Fewer than ``min_digits`` (4) digits is a count or a year part, not a reference; a bare year is not."""
        digits = re.sub(r"\D", "", pattern_text)
        return len(digits) < min_digits() or re.fullmatch(r"(?:19|20)\d\d", pattern_text.strip()) is not None
