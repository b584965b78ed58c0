"""Exact ages in the forms of attacker 5's F2: clinical shorthand (``A 47M with``, ``Pt (F, 62)``),
the age the person would have reached (``would have been 48 next month``), an age in months or
weeks (``566 months old``), ``all 47 of his years`` and ``47 years and 88 days old``.

The age with its month, day or "next month" becomes an age placeholder (it cannot be banded: the
days give the date of birth). Doses and units are not ages: "47M" needs an article or "patient"
before it or a clinical verb after it, and "would have been 48" not a unit after it.

>>> r = AgeFormsRecognizer()
>>> t = "A 47M with DS; Pt (F, 62); would have been 48 next month; 566 months old; all 47 of his years."
>>> [t[x.start:x.end] for x in sorted(r.analyze(t, ["AGE"]), key=lambda x: x.start)]
['47M', '62', '48 next month', '566 months old', '47']
>>> r.analyze("Give 5 mg; a 2 M solution; a 10M grant; would have been 48 hours; 6 months of therapy.", ["AGE"])
[]
"""
from __future__ import annotations

from .... import registry
from ..._date_age_forms import alternation
from .._base import LederPatternRecognizer, Pattern

_UNITS = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_WORD_AGE = (rf"(?:{_TENS}(?:[\s-]{_UNITS})?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
             rf"seventeen|eighteen|nineteen)")
_SEX = r"(?:M|F|male|female|Male|Female)"
#: what follows "47M" when it is a person (a dose, "a 2M solution", "a 5M grant", is followed by its noun)
_PERSON_NEXT = r"(?:with|who|presented|presenting|presents|admitted|known|PMH|PMHx|hx|Hx|c/o|living|resident|from|brought|found)"
#: what may follow "would have been 48" when it is not an age
_NOT_AGE = (r"(?!\s*(?i:%|per\s?cent|minutes?|mins?|hours?|hrs?|days?|weeks?|months?\s+(?:of|on|in|since|without)|"
            r"times|mg|kg|ml|units?|points?|mmol|cm|miles?|stone|st\b|lbs?|years?\s+(?:of|since|in|on)|degrees?|°|"
            r"in\s+(?:the|his|her)\b|on\s+the\b))")
#: when the age would have been reached: kept with the number, so the whole becomes a placeholder
_WHEN = (r"(?:\s+(?:(?:next|this|the\s+following|that)\s+(?:week|month|year|birthday|spring|summer|autumn|winter)|"
         r"in\s+(?:a|\d{1,2}|two|three|four|five|six|a\s+few)\s+(?:days?|weeks?|months?)|"
         r"on\s+(?:his|her|their)\s+(?:next\s+)?birthday|(?:the\s+)?(?:following|next)\s+(?:day|week|month)))?")


@registry.recognizers.register("age_forms")
class AgeFormsRecognizer(LederPatternRecognizer):
    """Clinical shorthand ages, an age that would have been, ages in months, days after years."""

    ENTITY = "AGE"
    PATTERNS = [
        # "A 47M with", "an 80 F", "Pt 62F", "47M presented"
        Pattern("age_sex_shorthand",
                rf"(?:(?<=\b[Aa]\s)|(?<=\b[Aa]n\s)|(?<=\b[Tt]his\s)|(?<=\bPt\s)|(?<=\bPt:\s)|(?<=\b[Pp]atient\s))"
                rf"(?P<ent>\d{{1,3}}\s?[MF])(?=,?\s+(?:{_PERSON_NEXT}|was|had|has|is|on|in|at)\b|\s*[,;.(]\s)"
                rf"|(?<![\w£$€.,/-])\d{{1,3}}\s?[MF](?=,?\s+(?:{_PERSON_NEXT})\b)", 0.6),
        # "(F, 62)", "(M/47)", "(62, F)", "(62 M)"
        Pattern("sex_age_brackets", rf"\((?:{_SEX})\s?[,/;]?\s?(?P<ent>\d{{1,3}})\)|\((?P<y>\d{{1,3}})\s?[,/;]?\s?(?:{_SEX})\)", 0.6),
        # "would have been 48 next month", "was due to turn 50 in June"
        Pattern("would_have_been", rf"(?i:\b(?:{alternation('would_have_been')})\s+)(?P<ent>(?:\d{{1,3}}|(?i:{_WORD_AGE}))(?![\d.,]\d|[\w-]){_NOT_AGE}"
                                   rf"(?i:{_WHEN}))", 0.55),
        # "566 months old", "at 800 weeks old": an adult's age in small units (a baby "6 weeks old"
        # in a safe-sleeping concern is nobody's age; ages under two are not what this finds)
        Pattern("months_old", r"\b(?:\d{3,5}|[2-9]\d)\s*(?i:months?|mths?)[\s-]+(?i:old|of\s+age)\b"
                              r"|\b\d{3,5}\s*(?i:weeks?|wks?|days?)[\s-]+(?i:old|of\s+age)\b", 0.65),
        # "for all 47 of his years"
        Pattern("all_n_of_his_years", rf"(?i:\ball\s+)(?P<ent>\d{{1,3}}|(?i:{_WORD_AGE}))(?i:\s+(?:of\s+)?(?:his|her|their)\s+"
                                      r"(?:\w+\s+)?years)\b", 0.55),
        # the age as a life's length (attacker 5's F8): "a life of 47 years", "his 47 short years",
        # "born 47 years ago", "in his 48th year"
        Pattern("life_of_n_years", rf"(?i:\b(?:a\s+life\s+of|(?:his|her|their)\s+(?:short|brief|whole|entire)\s+life\s+of)\s+)"
                                   rf"(?P<ent>\d{{1,3}}|(?i:{_WORD_AGE}))(?i:\s+years)\b"
                                   rf"|(?<=\b(?i:his|her|their)\s)(?P<n2>\d{{1,3}}|(?i:{_WORD_AGE}))(?=\s+(?i:short|brief|precious)\s+years\b)"
                                   rf"|(?<=\b(?i:born)\s)(?P<n3>\d{{1,3}}|(?i:{_WORD_AGE}))(?=\s+years?\s+(?i:ago|earlier|before)\b)"
                                   r"|(?<=\b(?i:his|her|their)\s)(?P<n4>\d{1,3}(?:st|nd|rd|th))(?=\s+year\b)", 0.55),
        # an age at a life event a few words after its verb (attacker 5's F8: "moved into the home at
        # 24 and lived there for 23 years", "Diagnosed with epilepsy at 11, he had 36 years of seizures")
        Pattern("event_words_at_n", r"(?i:\b(?:moved|went|came|placed|admitted|diagnosed|started|began|left|entered|"
                                    r"transferred|married|adopted|fostered|institutionalised|sectioned)\b[^.;:\n\d]{0,40}?\bat\s+)"
                                    r"(?P<ent>\d{1,2})(?![\d.:,]\d)(?=\s*(?:,|;|\.|\band\b|\bwhen\b|\s(?:he|she|they)\b))"
                                    r"(?!\s*(?i:am|pm|hrs|o.clock))", 0.5),
        # "47 years and 88 days old", "aged 47 years, 3 months and 2 days"
        Pattern("years_and_days", r"\b\d{1,3}\s+(?i:years?|yrs?),?\s+(?:(?i:and)\s+)?\d{1,3}\s+(?i:days?|months?|weeks?)"
                                  r"(?:,?\s+(?:(?i:and)\s+)?\d{1,3}\s+(?i:days?|weeks?))?(?=\s+(?i:old|of\s+age)\b)"
                                  r"(?:\s+(?i:old|of\s+age))?"
                                  r"|(?<=\b(?i:aged)\s)\d{1,3}\s+(?i:years?|yrs?),?\s+(?:(?i:and)\s+)?\d{1,3}\s+(?i:days?|months?|weeks?)", 0.6),
    ]
    CONTEXT = ["aged", "age", "old", "years", "birthday"]
