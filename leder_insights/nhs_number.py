"""The NHS number's modulus-11 check: the one helper every part of the package uses.

An NHS number has ten digits; the tenth is a check digit computed from the first nine with
weights 10..2 (``11 - sum % 11``; 11 means 0, 10 means the number is never issued).

>>> nhs_check_digit("943476591"), nhs_checksum_ok("943 476 5919"), nhs_checksum_ok("9434765918")
(9, True, False)
"""
from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[\s.\-/]")


def nhs_check_digit(body: str) -> int | None:
    """Check digit for the first nine digits ``body``; ``None`` when no valid number has them.

    >>> nhs_check_digit("401023213"), nhs_check_digit("123")
    (7, None)
    """
    if len(body) != 9 or not body.isascii() or not body.isdigit():
        return None
    check = 11 - sum(int(d) * w for d, w in zip(body, range(10, 1, -1))) % 11
    if check == 11:
        return 0
    return None if check == 10 else check


def nhs_checksum_ok(value: str) -> bool:
    """Whether ``value`` is a valid NHS number (spaces, dots, hyphens and slashes ignored).

    >>> nhs_checksum_ok("943-476-5919"), nhs_checksum_ok("94347659A9"), nhs_checksum_ok("943476591")
    (True, False, False)
    """
    digits = _SEPARATORS.sub("", value)
    if len(digits) != 10 or not digits.isascii() or not digits.isdigit():
        return False
    return nhs_check_digit(digits[:9]) == int(digits[9])


__all__ = ["nhs_check_digit", "nhs_checksum_ok"]
