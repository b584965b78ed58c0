"""Synthetic identifiers in the formats that appear in UK health records, and UK date styles.

Numbers are valid in form (NHS numbers pass modulus 11) but are generated at random; phone
numbers use Ofcom's ranges reserved for drama, so none reaches a real person.

>>> import random
>>> n = nhs_number(random.Random(1))
>>> nhs_checksum_ok(n.replace(" ", ""))
True
"""
from __future__ import annotations

import datetime as dt
import random

from ..nhs_number import nhs_check_digit, nhs_checksum_ok

_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"]


def nhs_number(rng: random.Random, spaced: bool | None = None) -> str:
    """A modulus-11-valid NHS number, "943 476 5919" or unspaced "9434765919"."""
    while True:
        body = [rng.choice("4679")] + [str(rng.randrange(10)) for _ in range(8)]
        check = nhs_check_digit("".join(body))
        if check is not None:
            break
    digits = "".join(body) + str(check)
    if spaced is None:
        spaced = rng.random() < 0.7
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}" if spaced else digits


_NINO_FIRST = "ABCEGHJKLMNOPRSTWXYZ"
_NINO_SECOND = "ABCEGHJKLMNPRSTWXYZ"
_NINO_BAD = {"BG", "GB", "NK", "KN", "TN", "NT", "ZZ"}


def nino(rng: random.Random) -> str:
    """A National Insurance number in a valid format, spaced ("QQ 12 34 56 C") or not."""
    while True:
        pre = rng.choice(_NINO_FIRST) + rng.choice(_NINO_SECOND)
        if pre not in _NINO_BAD:
            break
    d = "".join(str(rng.randrange(10)) for _ in range(6))
    suf = rng.choice("ABCD")
    if rng.random() < 0.5:
        return f"{pre} {d[:2]} {d[2:4]} {d[4:]} {suf}"
    return f"{pre}{d}{suf}"


def hospital_number(rng: random.Random) -> tuple[str, str]:
    """(label, number): e.g. ("hospital number ", "RX1234567") or ("MRN ", "00123456")."""
    kind = rng.randrange(4)
    if kind == 0:
        return rng.choice(["hospital number ", "hospital no. ", "Hosp no "]), (
            rng.choice(["RX", "RK", "RW", "RJ", "M", "K"]) + "".join(str(rng.randrange(10)) for _ in range(7)))
    if kind == 1:
        return "MRN ", "00" + "".join(str(rng.randrange(10)) for _ in range(6))
    if kind == 2:
        return rng.choice(["PAS number ", "unit number "]), "".join(str(rng.randrange(10)) for _ in range(8))
    return rng.choice(["case reference ", "Datix ref ", "safeguarding reference "]), (
        rng.choice(["W", "SG", "DTX-"]) + "".join(str(rng.randrange(10)) for _ in range(6)))


def phone(rng: random.Random) -> str:
    """A UK phone number from Ofcom's drama ranges (mobile or geographic)."""
    k = rng.randrange(6)
    n3 = f"{rng.randrange(1000):03d}"
    if k == 0:
        return f"07700 900{n3}"
    if k == 1:
        return f"07700900{n3}"
    if k == 2:
        return f"0{rng.choice(['113', '114', '115', '116', '117', '118', '121', '131', '141', '151', '161', '191'])} 496 0{n3}"
    if k == 3:
        return f"020 7946 0{n3}"
    if k == 4:
        return f"+44 7700 900{n3}"
    return f"(0{rng.choice(['116', '161', '121'])}) 496 0{n3}"


def email(rng: random.Random, first: str, last: str, org: str | None = None) -> str:
    """An email address built from a (synthetic) name."""
    f = "".join(c for c in first.lower() if c.isalnum()) or "x"
    la = "".join(c for c in last.lower() if c.isascii() and c.isalnum()) or "y"
    k = rng.randrange(4)
    if k == 0:
        return f"{f}.{la}@nhs.net"
    if k == 1:
        return f"{f}{la}{rng.randrange(10, 99)}@{rng.choice(['gmail.com', 'hotmail.co.uk', 'outlook.com', 'btinternet.com'])}"
    if k == 2:
        return f"{f[0]}.{la}@{org or 'example'}.nhs.uk"
    return f"{f}.{la}@{org or rng.choice(['carehomes', 'supportliving'])}.co.uk"


def ordinal(n: int) -> str:
    if 11 <= n % 100 <= 13:
        return f"{n}th"
    return str(n) + {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


#: UK date styles seen in review narratives
DATE_STYLES = ("dd/mm/yyyy", "d/m/yy", "dd.mm.yy", "dd.mm.yyyy", "ordinal_month_year", "d_month_year",
               "d_mon_yyyy", "dd/mm/yy", "ordinal_of_month_year", "iso", "dd-mm-yyyy", "ordinal_month",
               "weekday_ordinal_month_year")
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def fmt_date(d: dt.date, style: str) -> str:
    """Format a date in one of :data:`DATE_STYLES`.

    >>> fmt_date(dt.date(2018, 8, 17), "ordinal_month_year")
    '17th August 2018'
    >>> fmt_date(dt.date(2022, 11, 16), "dd.mm.yy")
    '16.11.22'
    """
    if style == "dd/mm/yyyy":
        return d.strftime("%d/%m/%Y")
    if style == "d/m/yy":
        return f"{d.day}/{d.month}/{d.year % 100:02d}"
    if style == "dd.mm.yy":
        return d.strftime("%d.%m.%y")
    if style == "dd.mm.yyyy":
        return d.strftime("%d.%m.%Y")
    if style == "ordinal_month_year":
        return f"{ordinal(d.day)} {_MONTHS[d.month - 1]} {d.year}"
    if style == "ordinal_of_month_year":
        return f"{ordinal(d.day)} of {_MONTHS[d.month - 1]} {d.year}"
    if style == "d_month_year":
        return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"
    if style == "d_mon_yyyy":
        return f"{d.day} {_MONTHS[d.month - 1][:3]} {d.year}"
    if style == "dd/mm/yy":
        return d.strftime("%d/%m/%y")
    if style == "iso":
        return d.isoformat()
    if style == "dd-mm-yyyy":
        return d.strftime("%d-%m-%Y")
    if style == "ordinal_month":  # no year: "4th March"
        return f"{ordinal(d.day)} {_MONTHS[d.month - 1]}"
    if style == "weekday_ordinal_month_year":
        return f"{_WEEKDAYS[d.weekday()]} {ordinal(d.day)} {_MONTHS[d.month - 1]} {d.year}"
    raise ValueError(f"unknown date style {style!r}")


def month_year(d: dt.date, rng: random.Random) -> str:
    """"March 2021", "Mar 2021" or "March of 2021"."""
    m = _MONTHS[d.month - 1]
    return rng.choice([f"{m} {d.year}", f"{m} {d.year}", f"{m[:3]} {d.year}", f"{m} of {d.year}"])


def day_list(days: list[int], month: int, year: int | None) -> str:
    """"4th, 22nd and 28th February" (optionally with the year)."""
    days = sorted(set(days))
    ords = [ordinal(x) for x in days]
    head = ", ".join(ords[:-1]) + " and " + ords[-1] if len(ords) > 1 else ords[0]
    out = f"{head} {_MONTHS[month - 1]}"
    return f"{out} {year}" if year else out


__all__ = ["nhs_checksum_ok", "nhs_number", "nino", "hospital_number", "phone", "email", "ordinal",
           "fmt_date", "month_year", "day_list", "DATE_STYLES"]
