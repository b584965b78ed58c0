"""Hospitals and units named without a hospital word (``conf/hospital_short_names.txt``): ``At
Addenbrooke's``, ``at Wythenshawe``, ``during his stay at Calderstones``, and a ward's code
(``ward C27``). Each gives back the area a release suppresses (attacker 5's F12).

>>> r = HospitalShortNameRecognizer()
>>> t = "At Addenbrooke's and at Wythenshawe, then on ward C27 of Calderstones; a freeman of the city."
>>> [t[x.start:x.end] for x in sorted(r.analyze(t, ["HOSPITAL"]), key=lambda x: x.start)]
["Addenbrooke's", 'Wythenshawe', 'C27', 'Calderstones']
"""
from __future__ import annotations

import re
from pathlib import Path

from .... import registry
from .._base import LederPatternRecognizer, Pattern

NAMES_PATH = Path(__file__).resolve().parents[2] / "conf" / "hospital_short_names.txt"
_NAMES = tuple(ln.strip() for ln in NAMES_PATH.read_text(encoding="utf-8").splitlines()
               if ln.strip() and not ln.startswith("#"))
_NAMES_RX = "|".join(re.escape(n).replace(r"\ ", r"\s+").replace("'", "['\u2019]")
                     for n in sorted(_NAMES, key=len, reverse=True))


@registry.recognizers.register("hospital_short_name")
class HospitalShortNameRecognizer(LederPatternRecognizer):
    """A listed hospital name (case as written); a ward code after "ward"."""

    ENTITY = "HOSPITAL"
    PATTERNS = [
        Pattern("listed_hospital", rf"(?<![\w'\u2019-])(?:{_NAMES_RX})(?![\w-])", 0.6),
        Pattern("ward_code", r"\b[Ww]ard\s+(?P<ent>[A-Z]{1,2}\d{1,3}[A-Z]?)(?![\w-])", 0.55),
    ]
    CONTEXT = ["hospital", "ward", "admitted", "transferred", "unit"]
