"""Hospitals and units named without a hospital word (``conf/hospital_short_names.txt``): ``At
Addenbrooke's``, ``at Wythenshawe``, ``during his stay at Calderstones``. Each gives back the area a
release suppresses (attacker 5's F12). A ward's code ("ward C27") is left: the gold guideline does
not mark it (two false positives on a development set).

>>> r = HospitalShortNameRecognizer()
>>> t = "At Addenbrooke's and Wythenshawe, then Calderstones and Ysbyty Glan Clwyd; a freeman of the city."
>>> [t[x.start:x.end] for x in sorted(r.analyze(t, ["HOSPITAL"]), key=lambda x: x.start)]
["Addenbrooke's", 'Wythenshawe', 'Calderstones', 'Ysbyty Glan Clwyd']
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
                     for n in sorted(_NAMES, key=lambda w: (-len(w), w)))


@registry.recognizers.register("hospital_short_name")
class HospitalShortNameRecognizer(LederPatternRecognizer):
    """A listed hospital name (case as written)."""

    ENTITY = "HOSPITAL"
    PATTERNS = [
        # with the Welsh "Ysbyty" (hospital) before it when written ("Ysbyty Glan Clwyd" whole)
        Pattern("listed_hospital", rf"(?<![\w'\u2019-])(?:Ysbyty\s+)?(?:{_NAMES_RX})(?![\w-])", 0.6),
    ]
    CONTEXT = ["hospital", "ward", "admitted", "transferred", "unit"]
