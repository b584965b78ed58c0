"""UK phone numbers: landlines, mobiles, ``+44`` and ``0044`` forms, with spaces, hyphens or brackets;
other countries' numbers with an international prefix (``+353 …``, ``0048 …``).

>>> [x.entity_type for x in UkPhoneRecognizer().analyze("Call 0116 258 5000 today", ["UK_PHONE"])]
['UK_PHONE']
>>> UkPhoneRecognizer().analyze("NHS 111 and 999", ["UK_PHONE"])
[]
>>> t = "Text his dad on 7700900119."
>>> [t[x.start:x.end] for x in UkPhoneRecognizer().analyze(t, ["UK_PHONE"])]
['7700900119']
>>> t = "Mobile 07700 9OO 123."
>>> [t[x.start:x.end] for x in UkPhoneRecognizer().analyze(t, ["UK_PHONE"])]
['07700 9OO 123']
"""
from __future__ import annotations

import re

from .... import registry
from .._base import SEP, LederPatternRecognizer, Pattern


@registry.recognizers.register("uk_phone")
class UkPhoneRecognizer(LederPatternRecognizer):
    """A UK number with 10-11 digits (national form) or +44 followed by 9-10 digits."""

    ENTITY = "UK_PHONE"
    PATTERNS = [
        Pattern("uk_phone",
                r"(?<![\w/+])(?:(?:\+|00\s?)44\s?(?:\(0\)\s?)?|\(?0)\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}(?![\w/])",
                0.6),
        # other countries: +353 87 123 4567, 0048 601 234 567
        Pattern("international",
                r"(?<![\w/+])(?:\+|00\s?)[1-9]\d{0,2}(?:[\s.-]?\(?\d{1,4}\)?){2,5}(?![\w/])", 0.5),
        # any grouping ("07700 900 1 2 3") and a letter O typed for a zero ("07700 9OO 123",
        # "O7700 900123"); the digit count is checked as for the other forms
        Pattern("uk_phone_loose",
                r"(?<![\w/+.,])(?:\+\s?44|[0O](?=[ .-]{0,2}[1-9O]))(?:[ .()-]{0,2}[\dO]){9,10}"
                r"(?![ .-]{0,2}\d)(?!\w)", 0.6),
        # any other separator, the same one between the groups ("0113/496/0005", "07700|900|123",
        # "0113:496:0005")
        Pattern("uk_phone_separated",
                rf"(?<![\w+])(?<!\d{SEP})(?:\+44|0)\d{{2,5}}(?P<sep>{SEP})\d{{3,4}}(?:(?P=sep)\d{{3,4}})?"
                rf"(?!\w|{SEP}\d)", 0.6),
        # a mobile without its leading 0 after a phone word ("text his dad on 7700900119")
        Pattern("uk_mobile_no_zero",
                rf"(?i:\b(?:mobile|phone|tel|telephone|text|texted|call|ring|whatsapp)\b)[^\d\n]{{0,25}}?"
                rf"(?<![\w+])(?P<ent>7[1-9]\d{{2}}(?P<sep>{SEP}?)\d{{3}}(?P=sep)\d{{3}})(?!\w|{SEP}\d)", 0.6),
    ]
    CONTEXT = ["tel", "telephone", "phone", "mobile", "call", "contact", "number", "ring"]

    def validate_result(self, pattern_text: str) -> bool:
        if "O" in pattern_text:  # a letter O among digits: at least six real digits, O read as 0
            if sum(ch.isdigit() for ch in pattern_text) < 6:
                return False
            pattern_text = pattern_text.replace("O", "0")
        digits = re.sub(r"\D", "", pattern_text)
        if pattern_text.lstrip().startswith(("+", "00")):
            digits = digits[2:] if digits.startswith("00") else digits
            if not digits.startswith("44"):
                return 8 <= len(digits) <= 15
        if digits.startswith("44"):
            rest = digits[2:].lstrip("0")
            return 9 <= len(rest) <= 10
        if digits.startswith("7") and len(digits) == 10:  # a mobile typed without its 0
            return True
        return digits.startswith("0") and 10 <= len(digits) <= 11
