"""Ages of people: ``aged 54``, ``a 54-year-old``, ``54 years old``, ``Tom, 57,``, ``age 54``,
``aged fifty-four``. Doses (``5ml``) and durations (``2 years ago``) do not match.

>>> r = AgeRecognizer()
>>> [r_.start for r_ in r.analyze("Tom, 57, was aged 54 and a 54-year-old.", ["AGE"])]
[5, 18, 27]
"""
from __future__ import annotations

import re

from .._base import Pattern

from .... import registry
from .._base import LederPatternRecognizer

_RELATIVES = (r"(?i:mother|father|mum|dad|sister|brother|son|daughter|aunt|uncle|niece|nephew|cousin|"
              r"grandmother|grandfather|wife|husband|partner|friend|sister-in-law|brother-in-law|"
              r"housemate|neighbour|carer|stepfather|stepmother|stepbrother|stepsister)")
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_UNITS = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_WORD_AGE = (rf"(?:{_TENS}(?:[\s-]{_UNITS})?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
             rf"seventeen|eighteen|nineteen|one|two|three|four|five|six|seven|eight|nine)")
#: a number word of 10 or more ("he was seventy-six"; "he was one of five" is not an age)
_WORD_AGE_10 = (rf"(?:{_TENS}(?:[\s-]{_UNITS})?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
                rf"seventeen|eighteen|nineteen)")
#: a decade of life: "seventies", "70s", "70's"
_DECADE = r"(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties|[2-9]0['’]?s)"
#: what may follow "he was seventy-six" when it is not an age ("seventy-six percent")
_NOT_AGE_AFTER = (r"(?i:\s*(?:%|per\s?cent|percent|minutes?|mins?|hours?|days?|weeks?|months?|times|mg|kg|ml|"
                  r"units?|beats|breaths|points?|mmol|cm|metres?|miles?|pounds?|stone|years?|degrees?|°))")


#: "over the age of 75" states a threshold, nobody's age (checked before each match)
_THRESHOLD_BEFORE = re.compile(r"(?i)\b(?:over|under|above|below)\s+the\s+(?:age\s+of\s+)?$")


@registry.recognizers.register("age")
class AgeRecognizer(LederPatternRecognizer):
    """The age expression (number with its ``years old`` / ``aged`` wording). Thresholds ("over
    the age of 75") state nobody's age and are not matched."""

    ENTITY = "AGE"
    PATTERNS = [
        Pattern("aged_n", r"(?i:\b(?:aged?|age\s+of|ages?\s*:)\s+)(?P<ent>\d{1,3})\b(?!\s*(?:%|mg|ml|kg|/))",
                0.7),
        Pattern("n_years_old", r"\b\d{1,3}(?:[\s-]|\s*-\s*)(?i:years?|yrs?)(?:[\s-])(?i:old)\b", 0.75),
        Pattern("n_yo", r"\b\d{1,3}\s?(?i:y/o|yo|yrs?\s+old)\b", 0.6),
        # "the death of Ann Lee, 80." (the inquest's opening line gives the age after the name)
        Pattern("death_of_name_n", r"\b(?i:death\s+of)\s+(?:[A-Z][\w'’-]+\s+){0,4}[A-Z][\w'’-]+,\s(?P<ent>\d{1,3})(?=[.;)]|,\s)",
                0.5),
        Pattern("name_comma_n", rf"(?<=\b(?:[A-Z][a-z]+|[A-Z]{{2,}}|{_RELATIVES}),\s)(?P<ent>\d{{1,3}})(?=,\s|\s+(?:had|has|was|is|who|lived|died|became)\b)",
                0.45),
        Pattern("years_of_age", r"\b(?P<ent>\d{1,3}(?:½|\.5)?)\s+(?i:years?|yrs?)\s+(?i:of\s+age)\b", 0.75),
        Pattern("words_years_of_age", rf"\b(?P<ent>(?i:{_WORD_AGE}))(?:\s+and\s+a\s+half)?\s+(?i:years?)\s+(?i:of\s+age)\b",
                0.6),
        Pattern("name_n_years", r"(?<=\b[A-Z][a-z]+,?\s)(?P<ent>\d{1,3})\s+years?(?=[.,;)]|\s+old\b)", 0.5),
        Pattern("name_paren_n", r"(?<=\b[A-Z][a-z]+\s\()(?P<ent>\d{1,3})(?=\))", 0.45),
        Pattern("in_her_n_years", rf"(?<=\b(?:[Ii]n|[Oo]f)\s+(?:his|her|their)\s+(?:short\s+)?)(?P<ent>\d{{1,3}}|(?i:{_WORD_AGE}))"
                                  rf"(?=\s+years\b)", 0.5),
        Pattern("aged_word", rf"(?i:\b(?:aged|age\s+of)\s+)(?P<ent>(?i:{_WORD_AGE}))\b", 0.6),
        Pattern("word_years_old", rf"\b(?i:{_WORD_AGE})[\s-](?i:years?)[\s-](?i:old)\b", 0.6),
        # "in his late seventies", "in her mid-70s", "in their early twenties"
        Pattern("in_her_decade", rf"(?<=\b(?i:in)\s(?i:his|her|their)\s)(?P<ent>(?i:(?:early|mid|late)[\s-]?)?(?i:{_DECADE}))\b",
                0.55),
        # "he was seventy-six when", "she turned 80 in"
        Pattern("was_word_age", rf"(?<=\b(?i:he|she|they)\s(?i:was|is|were|turned)\s)(?P<ent>(?i:{_WORD_AGE_10}))(?![\w-])"
                                rf"(?!{_NOT_AGE_AFTER})(?![\s-](?i:years?))(?!\s+(?i:of|in|out|or|to)\b)", 0.5),
        Pattern("turned_n", rf"(?<=\b(?i:he|she|they)\s(?i:turned)\s)(?P<ent>\d{{1,3}})\b(?!{_NOT_AGE_AFTER})", 0.5),
        # "a man of 76", "a woman of seventy"
        Pattern("person_of_n", rf"(?<=\b(?i:a|an)\s(?i:man|woman|gentleman|lady|person|boy|girl)\sof\s)"
                               rf"(?P<ent>\d{{1,3}}|(?i:{_WORD_AGE}))\b(?!{_NOT_AGE_AFTER})", 0.55),
    ]
    CONTEXT = ["aged", "age", "old", "year", "born"]
    REGEX_MODULE = ("words_years_of_age", "word_years_old", "aged_word", "aged_n", "n_yo", "in_her_decade",
                    "was_word_age", "turned_n", "person_of_n")

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        return [r for r in results if not _THRESHOLD_BEFORE.search(text, max(0, r.start - 30), r.start)]

    def validate_result(self, pattern_text: str):
        m = re.match(r"\d+", pattern_text)
        if m is None:
            return None
        return 0 <= int(m.group()) <= 120
