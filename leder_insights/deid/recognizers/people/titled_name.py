"""Names after a title: ``Dr Patel``, ``Nurse O'Brien``, ``Mr J``, ``Mrs Smith-Jones``, ``Dr SMITH``.

The span is the name only (the title is kept as readable context), unless the class constant
``INCLUDE_TITLE`` is true.

>>> r = TitledNameRecognizer()
>>> [(x.start, x.end) for x in r.analyze("Seen by Dr Patel and Nurse O'Brien.", ["TITLED_PERSON"])]
[(11, 16), (27, 34)]
"""
from __future__ import annotations

from presidio_analyzer import Pattern

from .... import registry
from .._base import CAPS_WORD, NAME_WORD, LederPatternRecognizer

TITLES = (r"(?:Dr|Doctor|Mr|Mrs|Ms|Miss|Mx|Master|Prof|Professor|Nurse|Sister|Matron|Father|Rev|Reverend|Sir|"
          r"Dame|Lady|Lord|Cllr|Councillor|PC|DC|DS|DI|Sgt|Sergeant|Inspector|Judge|HHJ|Midwife|Coroner)")
_ROLE_WORDS = (r"(?:Practitioner|Consultant|Registrar|Specialist|Manager|Associate|Lead|Advisor|Adviser|"
               r"Assistant|Prescriber|Nurse|Team|Unit|General|Senior|Junior|Chief|Area|Coroner|"
               r"Justice|Who|Of|In|At|The|And)")
_NOT_NEXT = (r"(?:He|She|They|His|Her|Their|It|This|That|There|Then|When|On|To|A|An|I|We|As|But|Was|Is|"
             r"Had|Has|NHS|GP|DOB|MRN)")
_CAPS = CAPS_WORD
_NAME_OR_INITIAL = rf"(?:{NAME_WORD}|{_CAPS}|[A-Z](?![a-z]))"
_FIRST = rf"(?:{NAME_WORD}|{_CAPS}|[A-Z]\.?(?![a-z]))"


@registry.recognizers.register("person_titled")
class TitledNameRecognizer(LederPatternRecognizer):
    """Title + one to three name words or initials."""

    ENTITY = "TITLED_PERSON"
    INCLUDE_TITLE = False
    PATTERNS = [
        Pattern("title_name",
                rf"\b{TITLES}\.?\s+(?P<ent>(?!{_ROLE_WORDS}s?\b){_FIRST}"
                rf"(?:(?<!\.)\s+(?!(?:{_ROLE_WORDS}s?|{_NOT_NEXT})\b){_NAME_OR_INITIAL}){{0,2}})", 0.7),
    ]
    CONTEXT = []

    def __init__(self, **kwargs):
        if self.INCLUDE_TITLE:
            kwargs.setdefault("patterns", [Pattern(p.name, p.regex.replace("(?P<ent>", "(?:"), p.score)
                                           for p in self.PATTERNS])
        super().__init__(**kwargs)
