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
from ..._wordlists import words
from .._base import UPPER

LOCALES = ("en_US", "en_IE", "en_IN", "en_NG", "en_PK", "pl_PL")
#: names that are also ordinary (capitalised) English words or clinical/legal terms
EXCLUDED = words("gazetteer_excluded")


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
