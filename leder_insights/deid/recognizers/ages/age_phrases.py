"""Exact ages in the forms of attacker 7's F4: a unit after the number (``Pt 52yrs``, ``52 y.o.``),
years and months (``52y 4m``, ``At 52 years 4 months``), an ordinal year of life in words (``in
his fifty-second year``), Roman numerals (``LII years``), the age noun with its value (``His age
(52)``, ``Age at death: fifty-two``), the length of a life (``He had lived for 52 years``) and a
milestone (``his half-century``). Word lists are data (``conf/date_age_forms.yaml``).

A length of time is not an age: the unit forms do not match after "for", "over", "within" ...
(``duration_before``) or before "ago", "later" ... (``duration_after``), and the length of a life
not before a place or a relative ("lived for 20 years in Leeds", "with his mum").

>>> r = AgePhrasesRecognizer()
>>> t = "Pt 52yrs; 52 y.o.; aged 52y 4m; in his fifty-second year; LII years; His age (52)."
>>> [t[x.start:x.end] for x in sorted(r.analyze(t, ["AGE"]), key=lambda x: x.start)]
['52yrs', '52 y.o.', '52y 4m', 'fifty-second', 'LII', '52']
>>> r.analyze("He was in hospital for 2yrs; 3 years 2 months later; he lived for 20 years in Leeds.", ["AGE"])
[]
"""
from __future__ import annotations

import re

from .... import registry
from ..._date_age_forms import alternation
from .._base import LederPatternRecognizer, Pattern
from .age_forms import _TENS, _UNITS, _WORD_AGE  # the number words, written once in this package

_ORD_UNITS = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
#: an ordinal of ten or more in words ("fifty-second", "twentieth", "eleventh")
_ORD_WORD = (rf"(?:{_TENS}[\s-]{_ORD_UNITS}|(?:twen|thir|for|fif|six|seven|eigh|nine)tieth|tenth|eleventh|"
             r"twelfth|(?:thir|four|fif|six|seven|eigh|nine)teenth|hundredth)")
_VALUE = rf"(?:\d{{1,3}}(?![\d.,]\d)|(?i:{_WORD_AGE})(?![\w-]))"
#: a valid Roman numeral of two letters or more, up to 199
_ROMAN = r"(?=[IVXLC]{2,}(?![A-Za-z]))C?(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})(?![A-Za-z])"
_AGE_UNIT = alternation("age_units")
_YEARS_MONTHS = (r"\d{1,3}\s?(?i:years?|yrs?|y)\.?,?\s*(?i:and\s+)?\d{1,2}\s?(?i:months?|mths?|mos?|m)"
                 r"(?![A-Za-z])\.?")
#: the same in words: "fifty-three years and four months" (attacker 8's F3)
_YEARS_MONTHS_WORDS = (rf"(?<![\w-])(?i:{_WORD_AGE})\s+(?i:years?)\s*,?\s*(?i:and\s+)?"
                       rf"(?i:{_UNITS}|ten|eleven|a|one)\s+(?i:months?)(?![\w-])")


@registry.recognizers.register("age_phrases")
class AgePhrasesRecognizer(LederPatternRecognizer):
    """Exact ages by a unit, years and months, an ordinal year, Roman numerals, the age noun, a
    life's length or a milestone."""

    ENTITY = "AGE"
    PATTERNS = [
        Pattern("age_unit", rf"(?<![\w£$€./-])\d{{1,3}}\s?(?i:{_AGE_UNIT})(?![\w/-])", 0.6),
        Pattern("age_old_unit", rf"(?<![\w£$€./-])\d{{1,3}}\s?(?i:{alternation('age_old_units')})(?![\w/-])", 0.6),
        Pattern("years_months", rf"(?<![\w£$€./-]){_YEARS_MONTHS}", 0.6),
        Pattern("years_months_words", _YEARS_MONTHS_WORDS, 0.6),
        Pattern("ordinal_year", rf"(?i:\b(?:his|her|their)\s+)(?P<ent>(?i:{_ORD_WORD}))(?=\s+(?i:year|birthday)\b)"
                                rf"|\b(?P<o2>(?i:{_ORD_WORD}))(?=\s+(?i:year\s+of\s+(?:(?:his|her|their)\s+)?life)\b)", 0.55),
        Pattern("roman_years", rf"(?<![\w-])(?P<ent>{_ROMAN})(?=\s+(?i:years?|yrs?)\b)", 0.5),
        Pattern("age_noun",
                rf"(?i:\b(?:(?:his|her|their)\s+)?age(?:\s+(?:at|on|of)\s+(?:{alternation('age_noun_events')}))?\s*"
                rf"(?:[:(=\u2013\u2014]|-(?!\s*\d+\s*-)|\bwas\b|\bis\b|\bbeing\b|\bthen\b)\s*"
                rf"(?:(?:just|only|about|around|nearly|almost|exactly)\s+)?)(?P<ent>{_VALUE})"
                r"(?!\s*(?:%|mg|ml|kg|/|points?|per\s?cent|minutes?|hours?|days?|weeks?|months?\s+(?!old)))", 0.6),
        # "fifty-two years young", "52 years young"
        Pattern("years_young", rf"(?<![\w-])(?P<ent>{_VALUE})(?=[\s-]+(?i:years?|yrs?)[\s-]+(?i:young)\b)", 0.55),
        Pattern("life_length",
                rf"(?i:\b(?:lived|life\s+lasted|life\s+of)\s+(?:(?:for|only|just|all|of)\s+){{0,3}})(?P<ent>{_VALUE})"
                r"(?=\s+(?:short\s+)?(?i:years?)\b)(?!\s+(?:short\s+)?(?i:years?)\s+(?i:in|at|there|here|on|near|nearby|"
                r"locally|alone|independently|by|under|with\s+(?:his|her|their|the|a)\s+(?:mum|mother|father|dad|parents?|"
                r"family|sister|brother|partner|wife|husband|carers?|aunt|uncle|grand\w+|friend|foster))\b)", 0.55),
        Pattern("milestone", rf"(?i:\b(?:his|her|their|reached|turned|celebrated|hit|marked|passed)\s+)"
                             rf"(?P<ent>(?i:{alternation('age_milestones')}))(?![\w-])", 0.55),
        # attack9 F4: "after his 60th without", "his sixtieth was", "her 70th birthday" (an ordinal
        # before another noun counts events: "his 60th admission"); "60 candles"; "At sixty and a
        # half"; "three score years and ten"; the words restating a number: "Age 61 (sixty-one)"
        Pattern("ordinal_possessive", rf"(?<=\b(?i:his|her|their)\s)(?P<ent>\d{{1,3}}(?i:st|nd|rd|th)|(?i:{_ORD_WORD}))(?![\w-])"
                                      rf"(?=\s*(?:[.,;:!?)]|$)|\s+(?i:{alternation('ordinal_age_next')})\b)", 0.55),
        Pattern("count_nouns", rf"(?<![\w£$€./-])(?P<ent>\d{{1,3}}|(?i:{_WORD_AGE}))(?![\w-])"
                               rf"(?=\s+(?i:{alternation('age_count_nouns')})\b)", 0.55),
        Pattern("and_a_half", rf"(?<![\w-])(?i:(?:{alternation('half_age_before')})\s+)(?P<ent>(?:\d{{1,3}}|(?i:{_WORD_AGE}))"
                              rf"\s+(?i:and\s+a\s+half))(?![\w-])(?=\s*(?:[.,;:!?)]|$)|\s+(?i:years?\s+old|"
                              rf"{alternation('ordinal_age_next')})\b)", 0.55),
        Pattern("score_years", rf"(?<![\w-])(?i:(?:three|four)[\s-]?score(?:\s+years)?(?:\s+and\s+(?:ten|{_UNITS}))?)(?![\w-])", 0.55),
        Pattern("restated_words", rf"(?i:\b(?:aged?|at|turned|was|is)\b\s*:?\s*)\d{{1,3}}\s*\(\s*(?P<ent>(?i:{_WORD_AGE}))\s*\)", 0.6),
    ]
    CONTEXT = ["aged", "age", "old", "years", "birthday"]

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        return [r for r in results if not _duration(text, r.start, r.end, r.analysis_explanation)]


def _duration(text: str, start: int, end: int, why) -> bool:
    """A length of time ("for 2yrs", "3 years 2 months later", "for II years"), not an age: the unit
    and Roman forms only."""
    name = getattr(why, "pattern_name", "") or ""
    if name not in ("age_unit", "years_months", "years_months_words", "roman_years"):
        return False
    if name == "years_months_words" and re.match(r"\s+(?i:old)\b", text[end:]):
        return False  # "fifty-three years and four months old" is an age (digits: the age recognizer)
    return bool(_before().search(text, max(0, start - 30), start) or _after().match(text, end))


def _before() -> re.Pattern:
    return _compiled(rf"(?i)\b(?:{alternation('duration_before')})\s+(?:(?:about|around|nearly|almost|over|"
                     rf"approximately|roughly|at\s+least|more\s+than|less\s+than)\s+)?$")


def _after() -> re.Pattern:
    return _compiled(rf"(?i)\s+(?:{alternation('duration_after')})\b")


_CACHE: dict[str, re.Pattern] = {}


def _compiled(pattern: str) -> re.Pattern:
    if pattern not in _CACHE:
        _CACHE[pattern] = re.compile(pattern)
    return _CACHE[pattern]


__all__ = ["AgePhrasesRecognizer"]
