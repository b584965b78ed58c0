"""Review and case references in any spelling (``conf/case_references.yaml``): ``LDR/2021/00037``,
``LDR2021-00033``, ``ldr 2021 00036``, ``LeDeR.2020.00412``, ``LDR 00321``, ``SAR/2020/0117``.

The reference is found whole, so a date recognizer cannot take its year and leave the serial
("LDR [2 years before death] 00019": attacker 8's F2). A listed prefix may be in any case; an
unlisted one must be capitals followed by a four-digit year and a serial.

>>> r = CaseReferenceRecognizer()
>>> t = "See ldr 2021 00036, LDR/2021/00037, LDR2021-00033 and ABC/2020/0117; not LDR 2021 figures."
>>> [t[x.start:x.end] for x in r.analyze(t, ["REFERENCE_NUMBER"])]
['ldr 2021 00036', 'LDR/2021/00037', 'LDR2021-00033', 'ABC/2020/0117']
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

from .... import registry
from ..._wordlists import read_lists, word_alternation
from .._base import LederPatternRecognizer, Pattern

CONF = Path(__file__).resolve().parents[2] / "conf" / "case_references.yaml"


@functools.lru_cache(maxsize=1)
def _conf() -> dict:
    return read_lists(CONF, ("prefixes", "separators", "max_separator", "serial_digits", "serial_digits_without_year",
                             "unlisted_serial_min_digits"))


def _patterns() -> list[Pattern]:
    c = _conf()
    sep = "[" + re.escape(str(c["separators"])) + "]"
    most = int(c["max_separator"])
    low, high = (int(x) for x in c["serial_digits"])
    serial = rf"(?!(?:19|20)\d\d(?!\d))\d{{{low},{high}}}(?![\w/.-]?\d)(?![A-Za-z])"
    year = r"(?:(?:19|20)\d\d|\d\d)"
    bare = serial.replace(f"{{{low},", f"{{{int(c['serial_digits_without_year'])},")
    listed = (rf"(?<![\w/.-])(?i:{word_alternation(c['prefixes'])})"
              rf"(?:{sep}{{0,{most}}}{year}{sep}{{0,{most}}}{serial}|{sep}{{0,{most}}}{bare})")
    unlisted = (rf"(?<![\w/.-])[A-Z]{{2,5}}(?P<s>[/._\-\u2013])(?:19|20)\d\d(?P=s)"
                rf"\d{{{int(c['unlisted_serial_min_digits'])},{high}}}(?![\w/.-]?\d)(?![A-Za-z])")
    return [Pattern("listed_prefix", listed, 0.85), Pattern("unlisted_prefix", unlisted, 0.6)]


@registry.recognizers.register("case_reference")
class CaseReferenceRecognizer(LederPatternRecognizer):
    """A listed prefix (any case), an optional year and a serial, any separators or none."""

    ENTITY = "REFERENCE_NUMBER"
    PATTERNS = _patterns()
    CONTEXT = ["review", "case", "reference", "ref", "see", "compare"]
