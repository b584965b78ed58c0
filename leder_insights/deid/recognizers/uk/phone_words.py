"""Phone numbers spelt out in words: ``oh seven seven double oh nine …``, also mixed with digits
(``07700 nine oh oh …``). Written out, a number escapes every digit pattern and reaches a person
as surely as the digits.

A run of number words and digit groups is expanded (``double``/``triple`` repeat the next digit,
``oh``/``nought``/``zero`` are 0, ``nine hundred`` is 900, ``twenty six`` is 26, ``fifteen`` 15, ``nine
hundred and six`` 906) and kept when it makes a UK number: 10 or 11 digits starting 0, or ``plus four
four`` and 9 or 10 more. At least one number must be a word (the digit forms are
:class:`UkPhoneRecognizer`'s).

>>> r = UkPhoneWordsRecognizer()
>>> t = "Her mobile was oh seven seven double oh nine double oh one two three, staff said."
>>> [t[x.start:x.end] for x in r.analyze(t, ["UK_PHONE"])]
['oh seven seven double oh nine double oh one two three']
>>> t = "Mobile 07700 nine hundred 226 (her own)."
>>> [t[x.start:x.end] for x in r.analyze(t, ["UK_PHONE"])]
['07700 nine hundred 226']
>>> r.analyze("She had two or three seizures and one fall in five days.", ["UK_PHONE"])
[]
"""
from __future__ import annotations

import re

import regex

from .... import registry
from .._base import LederPatternRecognizer, Pattern

_DIGITS = {"oh": "0", "o": "0", "zero": "0", "nought": "0", "nil": "0", "one": "1", "two": "2", "three": "3",
           "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9"}
_REPEAT = {"double": 2, "triple": 3, "treble": 3}
_TEENS = {w: str(10 + i) for i, w in enumerate(("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
                                                "sixteen", "seventeen", "eighteen", "nineteen"))}
_TENS = {w: str(i + 2) for i, w in enumerate(("twenty", "thirty", "forty", "fifty", "sixty", "seventy",
                                              "eighty", "ninety"))}
_NUM = r"(?:oh|o|zero|nought|nil|one|two|three|four|five|six|seven|eight|nine)"
_ZERO = r"(?:oh|o|zero|nought|nil)"
_TEEN = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_TEN = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_TOKEN = (rf"(?:(?:double|triple|treble)[\s-]+{_NUM}|{_NUM}(?:[\s-]+hundred(?:\s+and)?)?|{_TEEN}|"
          rf"{_TEN}(?:[\s-]+{_NUM})?|\d{{1,5}})")
_SEP = r"(?:[\s,.-]{1,3})"


def spelt_digits(spelt: str) -> str:
    """The digits a spelt-out number stands for.

    >>> spelt_digits("oh seven seven double oh nine 12")
    '07700912'
    >>> spelt_digits("07700 nine hundred 226"), spelt_digits("nine hundred and six"), spelt_digits("twenty six fifteen")
    ('07700900226', '906', '2615')
    """
    out, repeat = [], 1
    hundred = joined = False  # after "nine hundred": a tens/teen word, or "and" and a digit, fills it
    tens = None  # after "twenty": a digit word makes "26", anything else "20"
    for tok in re.findall(r"[a-z]+|\d+", spelt.lower()):
        if tens is not None and tok in _DIGITS and _DIGITS[tok] != "0":
            out.append(tens + _DIGITS[tok])
            tens = None
            continue
        if tens is not None:
            out.append(tens + "0")
            tens = None
        if tok == "hundred":
            hundred, joined = True, False
            continue
        if tok == "and" and hundred:
            joined = True  # "nine hundred and six" is 906; "nine hundred, two two six" is 900 226
            continue
        if hundred:
            hundred = False
            if tok in _TENS:
                tens = _TENS[tok]
                continue
            if tok in _TEENS:
                out.append(_TEENS[tok])
                continue
            out.append("0" if joined and tok in _DIGITS and tok not in _REPEAT else "00")
        if tok in _REPEAT:
            repeat = _REPEAT[tok]
        elif tok.isdigit():
            out.append(tok)
            repeat = 1
        elif tok in _DIGITS:
            out.append(_DIGITS[tok] * repeat)
            repeat = 1
        elif tok in _TEENS:
            out.append(_TEENS[tok])
        elif tok in _TENS:
            tens = _TENS[tok]
    if tens is not None:
        out.append(tens + "0")
    if hundred:
        out.append("00")
    return "".join(out)


@registry.recognizers.register("uk_phone_words")
class UkPhoneWordsRecognizer(LederPatternRecognizer):
    """Six or more number words/digit groups in a row that spell a UK phone number."""

    ENTITY = "UK_PHONE"
    FLAGS = regex.MULTILINE | regex.IGNORECASE
    PATTERNS = [
        # a UK number starts with 0 (or +44): the run starts with a zero word or a digit group from 0
        Pattern("phone_words", rf"(?<![\w-])(?:(?:plus|\+)\s*four\s+four{_SEP}{_TOKEN}|{_ZERO}|(?:double|triple|treble)"
                               rf"[\s-]+{_ZERO}|0\d{{0,4}})(?:{_SEP}{_TOKEN}){{2,}}(?![\w-])", 0.6),
    ]
    REQUIRED = {"phone_words": ("oh", "Oh", "OH", "zero", "Zero", "ZERO", "nought", "Nought", "NOUGHT", "0")}
    CONTEXT = ["tel", "telephone", "phone", "mobile", "call", "contact", "number", "ring"]

    def validate_result(self, pattern_text: str) -> bool:
        if not re.search(r"[A-Za-z]", pattern_text.replace("plus", "")):
            return False  # digits alone are the digit recognizer's
        digits = spelt_digits(pattern_text)
        if re.match(r"(?i)(?:plus|\+)\s*four\s+four", pattern_text):
            return 9 <= len(digits) - 2 <= 10
        return digits.startswith("0") and 10 <= len(digits) <= 11
