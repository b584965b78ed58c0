"""How an attacker reads a released relative date ("[about 3 weeks before death]") back as days."""
from __future__ import annotations

import re

RELATIVE = re.compile(r"\[(?:about )?(\d+) (day|week|month|year)s? (before|after) death\]|\[day of death\]")
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30.44, "year": 365.25}


def days_from_death(m: re.Match) -> float:
    """Signed days from the death of a :data:`RELATIVE` match (before death is negative)."""
    if m.group(0) == "[day of death]":
        return 0.0
    n = int(m.group(1)) * _UNIT_DAYS[m.group(2)]
    return -n if m.group(3) == "before" else n
