"""Years written in words and a decade of birth (attacker 5's F2): ``two thousand and nineteen``,
``twenty twenty-one``, ``nineteen seventy-eight``, ``born in the late 1970s``.

A year in words narrows the hidden year as a year in digits does; a count of things ("two
thousand and nineteen patients", ``conf/date_age_forms.yaml``: ``year_words_not_before``) is not
one. Each becomes a date placeholder (it cannot be shifted).

>>> r = YearWordsRecognizer()
>>> t = "Since two thousand and nineteen, in twenty twenty-one; born in the late 1970s; twenty-one."
>>> [t[x.start:x.end] for x in sorted(r.analyze(t, ["DATE"]), key=lambda x: x.start)]
['two thousand and nineteen', 'twenty twenty-one', 'late 1970s']
"""
from __future__ import annotations

from .... import registry
from ..._date_age_forms import alternation
from .._base import LederPatternRecognizer, Pattern

_UNITS = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TEENS = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_TWO_DIGITS = rf"(?:{_TENS}(?:[\s-]+{_UNITS})?|{_TEENS}|(?:oh|o|nought)[\s-]+{_UNITS})"
_DECADE = (r"(?:(?:early|mid|late)[\s-]+)?(?:(?:19|20)?\d0['\u2019]?s|twenties|thirties|forties|fifties|"
           r"sixties|seventies|eighties|nineties)")


def _not_a_count() -> str:
    return rf"(?![\w-])(?!\s+(?:{alternation('year_words_not_before')}|years?|per\s*cent|percent|vision|hindsight)\b)"


@registry.recognizers.register("date_year_words")
class YearWordsRecognizer(LederPatternRecognizer):
    """A year in words (2001-2099, 1910-1999); a decade after "born"."""

    ENTITY = "DATE"
    PATTERNS = [
        Pattern("two_thousand", rf"(?i:\btwo\s+thousand(?:\s+and)?\s+(?:{_TENS}(?:[\s-]+{_UNITS})?|{_TEENS}|{_UNITS}))"
                                rf"{_not_a_count()}", 0.6),
        Pattern("twenty_x", rf"(?i:\btwenty[\s-]+{_TWO_DIGITS}){_not_a_count()}", 0.55),
        Pattern("nineteen_x", rf"(?i:\bnineteen[\s-]+(?:hundred(?:\s+and)?\s+)?{_TWO_DIGITS}){_not_a_count()}", 0.55),
        Pattern("born_decade", rf"(?i:\bborn\b(?:\s+(?:in|during|around|circa|about|sometime\s+in))?(?:\s+the)?\s+)"
                               rf"(?P<ent>(?i:{_DECADE}))(?![\w-])", 0.6),
    ]
    CONTEXT = ["year", "since", "in", "born"]
