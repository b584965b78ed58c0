"""UK driving licence number: 16 characters that encode the surname, date of birth and initials
(``MORGA657054SM9IJ``: surname padded with 9, six digits, two initials, a digit, two letters).

>>> r = DrivingLicenceRecognizer()
>>> t = "Driving licence OKAFO702174AB9XY on file."
>>> [t[x.start:x.end] for x in r.analyze(t, ["DRIVING_LICENCE"])]
['OKAFO702174AB9XY']
"""
from __future__ import annotations

from .... import registry
from .._base import LederPatternRecognizer, Pattern


@registry.recognizers.register("uk_driving_licence")
class DrivingLicenceRecognizer(LederPatternRecognizer):
    """The 16-character shape, spaces allowed between its parts; no label needed."""

    ENTITY = "DRIVING_LICENCE"
    PATTERNS = [
        Pattern("licence", r"(?<![A-Za-z\d])(?=[A-Z9]{0,4}[A-Z])[A-Z9]{5}\s?\d{6}\s?[A-Z9]{2}\s?\d\s?[A-Z]{2}"
                           r"(?:\s?\d{2})?(?![A-Za-z\d])", 0.7),
    ]
    CONTEXT = ["driving licence", "licence", "license", "dvla"]
