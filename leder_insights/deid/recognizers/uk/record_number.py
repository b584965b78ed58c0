"""Local record numbers after a label (``conf/identifier_labels.yaml``, keys ``labels`` and
``self_labels``): ``RiO ID 1048823``, ``EMIS number 5512093``, ``Police crime reference
13/88120/21``, ``prison number A4821CK``, ``UPRN 100023336956``, ``logged on STEIS as 2021/18834``.
Public-service references (Blue Badge, DWP, council tax ...) are ``uk_reference_number``'s labels.

Anyone with access to the named system (every trust, council or force) finds the person from the
number. A label and a type word ("ID", "number", "ref") must come first, and the number must have
at least ``min_digits`` digits; a year alone is never one.

>>> r = RecordNumberRecognizer()
>>> t = "His RiO ID 1048823 and EMIS number 5512 093; RiO notes from 2019."
>>> [t[x.start:x.end] for x in r.analyze(t, ["RECORD_NUMBER"])]
['1048823', '5512 093']
"""
from __future__ import annotations

import re

from .... import registry
from ..._identifier_labels import labelled_lead, min_digits
from .._base import LederPatternRecognizer, Pattern

#: the number: letters and digits, "/", "-" or "." inside, digit groups after single spaces
NUMBER = r"[A-Za-z0-9](?:[A-Za-z0-9]|[/\-.](?=[A-Za-z0-9]))*(?:\s\d{3,}(?![A-Za-z\d]))*"


@registry.recognizers.register("uk_record_number")
class RecordNumberRecognizer(LederPatternRecognizer):
    """A number after a listed label and a type word (or a label that is a number's name: UPRN)."""

    ENTITY = "RECORD_NUMBER"
    PATTERNS = [Pattern("labelled_number", rf"{labelled_lead('record')}(?P<ent>{NUMBER})", 0.75)]
    CONTEXT = ["number", "reference", "id"]

    def invalidate_result(self, pattern_text: str) -> bool:
        """Too few digits, or a year on its own ("reference 2019")."""
        digits = sum(ch.isdigit() for ch in pattern_text)
        return digits < min_digits() or bool(re.fullmatch(r"(?:19|20)\d\d", pattern_text))
