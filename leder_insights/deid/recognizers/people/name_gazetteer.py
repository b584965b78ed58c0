"""Capitalised words that are common forenames or surnames (a gazetteer), scored low.

NER misses many lone first names ("with Jemma present", "He adored Parveen"). A list of names
catches them; names that are everyday words (Will, Hope, Grace, May, Young) are left out, and
the allow-list removes medicines and conditions. Name lists come from Faker's person providers
for several locales (en_US, en_IE, en_IN, en_NG, en_PK, pl_PL), loaded once.

>>> r = NameGazetteerRecognizer()
>>> [(x.start, x.end) for x in r.analyze("He adored Emily and will visit.", ["PERSON_NAME"])]
[(10, 15)]
"""
from __future__ import annotations

import functools
import importlib
import re
from typing import List, Optional

from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult

from .... import registry
from .._base import UPPER

LOCALES = ("en_US", "en_IE", "en_IN", "en_NG", "en_PK", "pl_PL")
#: names that are also ordinary (capitalised) English words or clinical/legal terms
EXCLUDED = frozenset("""
will master hope grace faith joy mark bill rose may june april august summer dawn amber ruby jade holly ivy
daisy violet lily iris pearl robin jack sue pat bob ray rich frank earl dean drew art miles guy jean
carol sandy penny angel heather crystal hazel olive poppy rosemary sky storm autumn patience charity
precious blessing sunny buddy duke princess dolly chance king price bishop major young white black
green brown gray grey long short wood hill park parks hall bell cook baker mason carter hunter fisher
walker turner taylor page rock stone brook brooks lane field fields marsh moss sharp swift best day
church little moody frost winter winters summers strong golden north south east west english french
irish welsh scott wales england london jordan chase case cross gate gates street house home ward
love hart heart lord lady knight pope dean chance noble small large good well wells west hope
major minor judge justice sergeant officer doctor nurse sister father mother son daughter brother
general private colonel captain key steps fall bank primary
secondary respite unit chart
monday tuesday wednesday thursday friday saturday sunday january february march july september
october november december christmas easter
an the and but for nor yet so of in on at to by up as is it be we he she they them his her its
our your their this that these those then than there here when where what which who whom whose
why how all any both each few more most other some such only own same too very can just don
should now also after before again further once during while about against between into through
above below from down out off over under until because if or no not
care trust unit team service services hospital health mental learning support staff family
review report coroner inquest jury court police evidence death life lives
""".split())


@functools.lru_cache(maxsize=1)
def name_set() -> frozenset:
    """Lower-cased forenames and surnames from the locales above, minus :data:`EXCLUDED`."""
    names: set[str] = set()
    for loc in LOCALES:
        prov = importlib.import_module(f"faker.providers.person.{loc}").Provider
        for attr in ("first_names", "first_names_male", "first_names_female", "last_names"):
            vals = getattr(prov, attr, ())
            for v in (vals.keys() if isinstance(vals, dict) else vals):
                if isinstance(v, str) and re.fullmatch(r"[^\W\d_][\w'’-]{2,}", v):
                    names.add(v.lower())
    return frozenset(names - EXCLUDED)


@registry.recognizers.register("person_gazetteer")
class NameGazetteerRecognizer(LocalRecognizer):
    """Capitalised (or ALL-CAPS) words found in the name lists; low score, raised by context."""

    ENTITY = "PERSON_NAME"
    SCORE = 0.45
    CONTEXT = ["said", "told", "sister", "brother", "mother", "father", "mum", "dad", "son", "daughter",
               "nephew", "niece", "aunt", "uncle", "friend", "worker", "carer", "nurse", "saw", "with"]
    _WORD = re.compile(rf"(?<![\w'’-])[{UPPER}][\w'’-]*[^\W\d_]")

    def __init__(self, supported_language: str = "en", name: Optional[str] = None):
        super().__init__(supported_entities=[self.ENTITY], supported_language=supported_language,
                         name=name or "person_gazetteer", context=list(self.CONTEXT))

    def load(self) -> None:
        self._names = name_set()

    def analyze(self, text: str, entities: List[str], nlp_artifacts=None) -> List[RecognizerResult]:
        names = getattr(self, "_names", None) or name_set()
        out = []
        for m in self._WORD.finditer(text):
            w = m.group()
            base = w[:-2] if w[-2:] in ("'s", "’s") else w
            if base.lower() in names:
                why = AnalysisExplanation(recognizer=self.name, original_score=self.SCORE)
                out.append(RecognizerResult(self.ENTITY, m.start(), m.start() + len(base), self.SCORE,
                                            analysis_explanation=why,
                                            recognition_metadata={
                                                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                                                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id}))
        return out
