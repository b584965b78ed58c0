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
from pathlib import Path
from typing import List, Optional

from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult

from .... import registry
from ....errors import ConfigError, Errors
from ..._wordlists import words
from .._base import UPPER

LOCALES = ("en_US", "en_IE", "en_IN", "en_NG", "en_PK", "pl_PL")
#: names that are also ordinary (capitalised) English words or clinical/legal terms
EXCLUDED = words("gazetteer_excluded")


#: locales whose forenames are read only where the context already says "a person" (see
#: :func:`forenames_wide`); never a name-list hit on their own
WIDE_LOCALES = ("en_NZ", "en_KE", "tw_GH", "yo_NG", "ha_NG", "ig_NG", "zu_ZA", "sw", "ga_IE", "fr_FR", "de_DE",
                "it_IT", "pt_PT", "ro_RO", "lt_LT")
_LATIN = re.compile(r"[a-zà-ɏ'’-]+")
_FORENAME_ATTRS = ("first_names", "first_names_male", "first_names_female")


@functools.lru_cache(maxsize=4)
def _faker_names(locales: tuple, attrs: tuple) -> frozenset:
    names: set[str] = set()
    for loc in locales:
        prov = importlib.import_module(f"faker.providers.person.{loc}").Provider
        for attr in attrs:
            vals = getattr(prov, attr, ())
            for v in (vals.keys() if isinstance(vals, dict) else vals):
                if isinstance(v, str) and re.fullmatch(r"[^\W\d_][\w'’-]{2,}", v):
                    names.add(v.lower())
    return frozenset(names)


@functools.lru_cache(maxsize=1)
def name_set() -> frozenset:
    """Lower-cased forenames and surnames from the locales above, minus :data:`EXCLUDED`."""
    return frozenset(_faker_names(LOCALES, _FORENAME_ATTRS + ("last_names",)) - EXCLUDED)


@functools.lru_cache(maxsize=1)
def forenames() -> frozenset:
    """Lower-cased forenames (not surnames) of :data:`LOCALES` and :data:`WIDE_LOCALES`, less
    everyday-word names.

    >>> "peggy" in forenames(), "smith" in forenames(), "hope" in forenames()
    (True, False, False)
    """
    return frozenset(_faker_names(LOCALES, _FORENAME_ATTRS) - EXCLUDED) | (forenames_wide() - name_set())


@functools.lru_cache(maxsize=1)
def forenames_wide() -> frozenset:
    """:func:`name_set` plus the forenames of :data:`WIDE_LOCALES`, less names that are everyday words.

    For decisions where a verb or a role already says "a person" ("Dr Hale saw irene"); the
    gazetteer recognizer itself reads only :func:`name_set`.

    >>> "irene" in forenames_wide(), "hope" in forenames_wide()
    (True, False)
    """
    wide = ({n for n in _faker_names(WIDE_LOCALES, _FORENAME_ATTRS) if _LATIN.fullmatch(n)} | extra_forenames()) \
        - EXCLUDED - words("common_word_names") - words("cross_field_common_words")
    return name_set() | wide


EXTRA_FORENAMES_PATH = Path(__file__).parents[2] / "conf" / "forenames_extra.txt"


@functools.lru_cache(maxsize=1)
def extra_forenames() -> frozenset:
    """Forenames Faker's lists lack (``conf/forenames_extra.txt``), lower case; part of
    :func:`forenames_wide`.

    >>> "siobhán" in extra_forenames() and "tunde" in forenames_wide()
    True
    """
    try:
        lines = EXTRA_FORENAMES_PATH.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(Errors.E001, path=EXTRA_FORENAMES_PATH, reason=exc) from exc
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


@functools.lru_cache(maxsize=1)
def known_names() -> frozenset:
    """Every forename and surname of the lists, everyday-word names included ("Guy", "June").

    Only for the firmest contexts ("Guy (his brother)", "June FORSTER, 76").

    >>> "guy" in known_names(), "guy" in name_set()
    (True, False)
    """
    return forenames_wide() | _faker_names(LOCALES + WIDE_LOCALES, _FORENAME_ATTRS + ("last_names",))


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
