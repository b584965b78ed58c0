"""Hospital, case and reference numbers, led by a context word (``hospital number``, ``MRN``...).

>>> r = HospitalNumberRecognizer()
>>> [(x.start, x.end) for x in r.analyze("Hospital number: RX1234567", ["HOSPITAL_NUMBER"])]
[(17, 26)]
>>> t = "Notes filed under RX1 123456."
>>> [t[x.start:x.end] for x in r.analyze(t, ["HOSPITAL_NUMBER"])]
['RX1 123456']
"""
from __future__ import annotations

from .._base import Pattern

from .... import registry
from .._base import LederPatternRecognizer


@registry.recognizers.register("uk_hospital_number")
class HospitalNumberRecognizer(LederPatternRecognizer):
    """An alphanumeric reference after a label; a bare letters+digits code scores low."""

    ENTITY = "HOSPITAL_NUMBER"
    PATTERNS = [
        Pattern("labelled",
                r"(?i:\b(?:hospital|hosp|case|patient|unit|record|client|reference|ref|MRN|RTX|"
                r"PAS|NHS\s+Trust|LeDeR|review|incident|Datix|STEIS)\s*(?:number|no\.?|num|id|#)?"
                r"\s*[:.]?\s*)(?P<ent>[A-Z]{0,4}[-/]?\d{4,10}[A-Z]?(?:[-/]\d{1,6})?)\b", 0.7),
        Pattern("bare_code", r"\b[A-Z]{1,3}\d{6,9}\b", 0.3),
        # an organisation code, a space or slash, then the number ("RX1 123456", "RTH/0012345"): NHS trust
        # codes are three characters, letters then a digit or letter; the number is six to ten digits
        Pattern("code_space_number", r"(?<![\w/-])(?!(?:MRN|PAS|RTX|NHS|GMC|NMC|DOB|REF|ID|NI|TEL|NO|HOSP)\b)(?P<ent>[A-Z]{1,3}\d?[A-Z\d]?[ /-]\d{6,10})(?![\w/-]|[.,]\d)", 0.5),
    ]
    CONTEXT = ["hospital", "number", "reference", "mrn", "case", "record"]

    def invalidate_result(self, pattern_text: str) -> bool:
        """Years and plain 4-digit counts are not references."""
        return pattern_text.isdigit() and len(pattern_text) <= 4
