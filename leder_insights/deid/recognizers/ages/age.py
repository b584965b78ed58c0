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


_MONTH = (r"(?i:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
#: what may follow a bare number when it is not an age: a unit, a time, a score, a fraction
#: ("he was 12 hours", "at 3 pm", "was 9/10", "was 38.5", "was 1 of 5", "was 6 foot")
_NOT_AGE_NUMBER_AFTER = (rf"(?!{_NOT_AGE_AFTER})(?![.,:/'\u2019\"]\d)(?!\s*(?i:x\b|/|am\b|pm\b|a\.m|p\.m|"
                         r"o['\u2019]clock|hrs?\b|h\b|ft\b|feet\b|foot\b|inch|in\.|cm\b|mm|lbs?\b|bpm|"
                         r"litres?|l/min|mph|nd\b|st\b|rd\b|th\b))"
                         r"(?!\s+(?i:of|out|or|to|on\s+the|on\s+(?:room\s+)?air|on\s+oxygen|and\s+a\s+half\s+stone)\b)"
                         rf"(?!\s+(?i:in)\s+(?!{_MONTH}\b|(?:19|20)\d\d\b))")
#: a singular person noun before "(23)": "the youngest person (23)", "her brother (61)"
_PERSON_NOUN = rf"(?:(?i:person|man|woman|gentleman|lady|patient|resident|boy|girl|child|adult)|{_RELATIVES})"
#: life events written with the age they happened at: "died at 58", "left school at 16"
_LIFE_EVENT_AT = (r"(?i:died|dying|death|passed\s+away|diagnosed|retired|married|left\s+(?:school|home|college)|"
                  r"moved\s+out|started\s+(?:school|college|work))")


#: "over the age of 75", "children under 18 years of age" state a threshold, nobody's age (checked
#: before each match)
_THRESHOLD_BEFORE = re.compile(r"(?i)\b(?:over|under|above|below)\s+(?:the\s+(?:age\s+of\s+)?)?$")
#: one age of a list, with the name it belongs to in brackets: "17 (Kit)"
_AGE_ITEM = r"\d{1,3}(?:\s*\([^()\n]{1,30}\))?"


@registry.recognizers.register("age")
class AgeRecognizer(LederPatternRecognizer):
    """The age expression (number with its ``years old`` / ``aged`` wording). Thresholds ("over
    the age of 75") state nobody's age and are not matched."""

    ENTITY = "AGE"
    PATTERNS = [
        # "aged 54", "Aged just 34", "Age at death: 66"
        Pattern("aged_n", r"(?i:\b(?:aged?|age\s+of|ages?\s*:|age\s+at\s+(?:death|diagnosis|admission)\s*:?)\s+"
                          r"(?:(?:just|only|barely|nearly|almost|about|around|approximately|roughly|exactly)\s+)?)"
                          r"(?P<ent>\d{1,3})\b(?!\s*(?:%|mg|ml|kg|/))", 0.7),
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
        # on one line: "Kerensa (47)"; "Falls Assessment\n(2) The ..." numbers a list
        Pattern("name_paren_n", r"(?<=\b[A-Z][a-z]+[ \u00a0]\()(?P<ent>\d{1,3})(?=\))", 0.45),
        # the later ages of a list after "aged": "aged 17 (Kit), 16 (Bo) and 15 (Ty)", "aged 9, 7 and 4"
        Pattern("aged_list", rf"(?<=\b(?i:aged)\s+{_AGE_ITEM}(?:,\s*{_AGE_ITEM}){{0,6}}(?:,\s*|,?\s+(?i:and|&)\s+))"
                             rf"(?P<ent>\d{{1,3}})\b(?!{_NOT_AGE_AFTER})(?![.,:/]\d)", 0.55),
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
        Pattern("turned_n", rf"\b(?i:turned|turns|turning)\s(?P<ent>\d{{1,3}}|(?i:{_WORD_AGE_10}))\b"
                            rf"{_NOT_AGE_NUMBER_AFTER}", 0.5),
        # "He was 70 when he died", "since he was 47", "He had been 62 for only a week" (attacker 4's F4)
        Pattern("was_n", rf"(?<=\b(?i:he|she|they)\s+(?i:was|is|were|had\s+been|has\s+been|became|becomes)\s+)"
                         rf"(?P<ent>\d{{1,3}})\b{_NOT_AGE_NUMBER_AFTER}", 0.5),
        # "Tom Smith was 70 when he died": any subject, when "when" or "at the time" follows
        Pattern("was_n_when", r"\b(?i:was|had\s+been)\s+(?P<ent>\d{1,3})(?=,?\s+(?i:when|at\s+the\s+time)\b)", 0.5),
        # "She died at 58", "left school at 19", "At 70 he ...", "At seventy-two, she",
        # "at 19 in 1970"
        Pattern("event_at_n", rf"\b{_LIFE_EVENT_AT}\s+(?i:at)\s+(?:(?i:the\s+age\s+of)\s+)?"
                              rf"(?P<ent>\d{{1,3}}|(?i:{_WORD_AGE_10}))\b{_NOT_AGE_NUMBER_AFTER}(?!\s+[A-Z][a-z])", 0.5),
        Pattern("at_n_he", rf"\b(?i:at)(?<=(?:^|[.!?;:(\n])\s*(?i:at))\s+(?P<ent>\d{{1,3}}|(?i:{_WORD_AGE_10}))\b"
                           rf"(?=,?\s+(?i:he|she|they|his|her|their)\b){_NOT_AGE_NUMBER_AFTER}", 0.5),
        Pattern("at_n_in_year", rf"(?<=\b(?i:at)\s+)(?P<ent>\d{{1,3}})(?=\s+(?i:in|during)\s+(?:(?:{_MONTH}\s+)?(?:19|20)\d\d\b))",
                0.5),
        # "on the morning of his 71st" (birthday unwritten); the suffix is masked too ("[AGE]st" says 1)
        Pattern("ordinal_his", r"(?<=\b(?i:his|her|their)\s+)(?P<ent>\d{1,3}(?:st|nd|rd|th))"
                               r"(?=\s*(?:[.,;:!?)]|$)|\s+(?i:birthday|year\s+of\s+life)\b)", 0.5),
        # "the youngest person (23)", "her brother (61)"
        Pattern("noun_paren_n", rf"(?<=\b{_PERSON_NOUN}\s*\()(?P<ent>\d{{1,3}})(?=\))(?!\)\s+[A-Z])", 0.45),
        # "a man of 76", "a woman of seventy"
        Pattern("person_of_n", rf"(?<=\b(?i:a|an)\s(?i:man|woman|gentleman|lady|person|boy|girl)\sof\s)"
                               rf"(?P<ent>\d{{1,3}}|(?i:{_WORD_AGE}))\b(?!{_NOT_AGE_AFTER})", 0.55),
    ]
    CONTEXT = ["aged", "age", "old", "year", "born"]
    REGEX_MODULE = ("words_years_of_age", "word_years_old", "aged_word", "aged_n", "n_yo", "in_her_decade",
                    "was_word_age", "turned_n", "person_of_n", "was_n", "event_at_n", "at_n_he", "at_n_in_year",
                    "ordinal_his", "noun_paren_n", "was_n_when", "aged_list")

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        return [r for r in results if not _THRESHOLD_BEFORE.search(text, max(0, r.start - 30), r.start)]

    def validate_result(self, pattern_text: str):
        m = re.match(r"\d+", pattern_text)
        if m is None:
            return None
        return 0 <= int(m.group()) <= 120
