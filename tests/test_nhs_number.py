"""The one NHS modulus-11 helper, and that the package has no other copy of the check."""
import re
from pathlib import Path

import pytest

import leder_insights
from leder_insights.nhs_number import nhs_check_digit, nhs_checksum_ok


@pytest.mark.parametrize("value, ok", [("9434765919", True), ("943 476 5919", True), ("943.476.5919", True),
                                       ("94-34-76-59-19", True), ("9434765918", False), ("943476591", False),
                                       ("94347659A9", False), ("\uff19434765919", False), ("4010232137", True)])
def test_nhs_checksum(value, ok):
    assert nhs_checksum_ok(value) is ok


def test_check_digit_never_ten():
    # 10 is never a check digit: some bodies have no valid number at all
    results = {nhs_check_digit(f"{n:09d}") for n in range(100_000_000, 100_002_000)}
    assert None in results and 10 not in results and results - {None} <= set(range(10))


def test_no_second_copy_of_the_modulus_11_check():
    root = Path(leder_insights.__file__).parent
    copies = [p for p in root.rglob("*.py") if p.name != "nhs_number.py"
              and re.search(r"11\s*-\s*\w+\s*%\s*11|%\s*11\b", p.read_text(encoding="utf-8"))]
    assert copies == []
