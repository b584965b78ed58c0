"""Tests of the synthetic identifier formats."""
from __future__ import annotations

import datetime as dt
import random
import re

import pytest

from leder_insights.corpus._ids import (DATE_STYLES, day_list, email, fmt_date, hospital_number, month_year,
                                        nhs_checksum_ok, nhs_number, nino, ordinal, phone)


@pytest.mark.parametrize("number,ok", [("9434765919", True), ("9434765918", False), ("943476591", False),
                                       ("94347659A9", False), ("4010232137", True)])
def test_ids_nhs_checksum(number, ok):
    assert nhs_checksum_ok(number) is ok


def test_ids_nhs_number_valid_and_formatted():
    rng = random.Random(0)
    for _ in range(500):
        n = nhs_number(rng)
        assert re.fullmatch(r"\d{3} \d{3} \d{4}|\d{10}", n)
        assert nhs_checksum_ok(n.replace(" ", ""))
    assert nhs_number(rng, spaced=True).count(" ") == 2


def test_ids_nino_format():
    rng = random.Random(1)
    for _ in range(300):
        n = nino(rng).replace(" ", "")
        assert re.fullmatch(r"[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]", n), n
        assert n[:2] not in {"BG", "GB", "NK", "KN", "TN", "NT", "ZZ"}


def test_ids_phone_email_hospital_number():
    rng = random.Random(2)
    for _ in range(200):
        p = phone(rng)
        digits = re.sub(r"\D", "", p)
        assert len(digits) in (11, 12), p
        assert digits.startswith(("0", "44"))
        label, num = hospital_number(rng)
        assert label.endswith(" ") and num and " " not in num
    assert re.fullmatch(r"[\w.]+@[\w.]+", email(rng, "Łukasz", "Wiśniewski"))


def test_ids_date_styles():
    d = dt.date(2018, 8, 7)
    out = {s: fmt_date(d, s) for s in DATE_STYLES}
    assert out["dd/mm/yyyy"] == "07/08/2018" and out["d/m/yy"] == "7/8/18" and out["dd.mm.yy"] == "07.08.18"
    assert out["ordinal_month_year"] == "7th August 2018" and out["d_mon_yyyy"] == "7 Aug 2018"
    assert len(set(out.values())) == len(DATE_STYLES)
    with pytest.raises(ValueError):
        fmt_date(d, "nonsense")


def test_ids_ordinals_and_day_lists():
    assert [ordinal(i) for i in (1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 31)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "31st"]
    assert day_list([22, 4, 28], 2, None) == "4th, 22nd and 28th February"
    assert day_list([3], 3, 2021) == "3rd March 2021"
    assert re.fullmatch(r"(March|Mar) (of )?2021", month_year(dt.date(2021, 3, 9), random.Random(0)))
