"""House and flat numbers said as a dwelling's number (``conf/dwelling_numbers.yaml``): ``flat 6a``,
``apartment 15``, ``the house was number 27``, ``lived at No. 14, the end terrace``, ``moved from
number 80 to number 82``. Masked as a piece of the address (``STREET_ADDRESS``). A count or a
hospital number is not one: "number of falls 3", "No. of admissions 4", "bed 6", "flat affect",
"flat 6 weeks".

>>> r = DwellingNumberRecognizer()
>>> t = "He lived at No. 14, the end terrace; the house was number 27; flat 6a, not flat 6 weeks."
>>> [t[x.start:x.end] for x in r.analyze(t, ["STREET_ADDRESS"])]
['No. 14', 'number 27', 'flat 6a']
>>> r.analyze("Number of falls 3; No. of admissions 4; bed 6; Recommendation No. 3.", ["STREET_ADDRESS"])
[]
"""
from __future__ import annotations

import functools
from pathlib import Path

from .... import registry
from ..._wordlists import read_lists, word_alternation
from .._base import LederPatternRecognizer, Pattern

CONF = Path(__file__).resolve().parents[2] / "conf" / "dwelling_numbers.yaml"
#: "number 27", "No. 14", "no 7", "No.22"
_NUMBER = r"(?:number|no\.?|nr\.?)\s*\d{1,4}[a-z]?(?![\w/.:-]?\d)(?![\w-])"
#: "27a", "118" (a bare number after "lived at")
_BARE = r"\d{1,4}[a-z]?(?![\w/.:-]?\d)(?![\w-])"


@functools.lru_cache(maxsize=1)
def _conf() -> dict:
    return read_lists(CONF, ("unit_words", "measure_words", "dwelling_words", "living_verbs", "window"))


def _patterns() -> list[Pattern]:
    c = _conf()
    units, measures = word_alternation(c["unit_words"]), word_alternation(c["measure_words"])
    homes, verbs = word_alternation(c["dwelling_words"]), word_alternation(c["living_verbs"])
    win = int(c["window"])
    more = rf"(?:\s+(?:to|and|or|not|instead\s+of|then)\s+(?:{_NUMBER}|(?:{units})\s+{_BARE}))*"
    return [
        # "flat 6a", "apartment 15", "flat 31 instead of flat 13"; not "flat 6 weeks"
        Pattern("unit_number", rf"(?i:\b(?:{units})\s+(?:no\.?\s*)?{_BARE}(?!\s*(?:{measures})\b){more})", 0.6),
        # "the house was number 27", "his bungalow, number 5", "house number 61"
        Pattern("dwelling_then_number", rf"(?i:(?<=\b(?:{homes})\b[^.!?;\n]{{0,{win}}})\b{_NUMBER}{more})", 0.6),
        # "lived at number 43", "moved from number 80 to number 82", "lived at 27a, next to ..."
        Pattern("verb_then_number", rf"(?i:(?<=\b(?:{verbs})\s+(?:\w+\s+)?(?:at|to|from|in|into)\s+)"
                                    rf"(?:{_NUMBER}|{_BARE}(?=\s*,)){more})", 0.6),
        # "No. 22, the house by the canal", "No 7, a terraced house"
        Pattern("number_then_dwelling", rf"(?i:\b{_NUMBER}(?=,?\s+(?:the|a|an|his|her|their)\s+"
                                        rf"(?:[\w-]+\s+){{0,2}}(?:{homes})\b))", 0.6),
    ]


@registry.recognizers.register("uk_dwelling_number")
class DwellingNumberRecognizer(LederPatternRecognizer):
    """A flat's or house's number, by a unit word, a dwelling noun or a verb of living before it."""

    ENTITY = "STREET_ADDRESS"
    PATTERNS = _patterns()
    CONTEXT = ["lived", "house", "flat", "address", "home"]
