"""A surname told by the family around it: ``Okonjo family members asked``, ``Fairbairn relatives
were not told``, ``Quenby household``, ``Harrowgate-Lisle family concerns`` (attack report 8, F6).

NER finds "The Penrose family" but often misses a capitalised surname that opens a sentence with
no title or first name beside it. A capitalised word right before ``family``, ``families``,
``relatives`` or ``household`` is taken when it is not an ordinary word: not one of the detector's
everyday words, not a word seen in lower case in the reference reports
(``conf/lowercase_reference_words.txt``, written by ``tools/build_lowercase_reference.py``), not a
family modifier, demonym or religion (``conf/family_modifiers.txt``: "Foster", "Polish",
"Muslim", "Extended" ... family stay), not allow-listed, and not a verb form ("Blended") unless it
is a listed name.

>>> r = FamilyNameRecognizer()
>>> t = "Okonjo family members asked. Foster family and Polish relatives came. Extended family too."
>>> [t[x.start:x.end] for x in r.analyze(t, ["PERSON_CONTEXT"])]
['Okonjo']
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

from .... import registry
from ..._wordlists import word_file_lines
from .._base import NAME_WORD, LederPatternRecognizer, Pattern

CONF = Path(__file__).resolve().parents[2] / "conf"
MODIFIERS_PATH = CONF / "family_modifiers.txt"
REFERENCE_PATH = CONF / "lowercase_reference_words.txt"
_VERB_FORM = re.compile(r"(?:ed|ing|ly)$")


def _read_words(path: Path) -> frozenset:
    """The lower-case words of a word-list file (``#`` lines are comments); a missing file is [E001]."""
    return frozenset(w.lower() for line in word_file_lines(path) for w in line.split())


@functools.lru_cache(maxsize=1)
def family_modifiers() -> frozenset:
    """Words that stand before "family" without being a surname.

    >>> "foster" in family_modifiers() and "polish" in family_modifiers()
    True
    """
    return _read_words(MODIFIERS_PATH)


@functools.lru_cache(maxsize=1)
def _ordinary() -> frozenset:
    from ..._case import everyday_words

    return everyday_words() | _read_words(REFERENCE_PATH)


@functools.lru_cache(maxsize=1)
def _names() -> frozenset:
    from .name_gazetteer import name_set

    return name_set()


def _allowed(word: str) -> bool:
    from ..._allow_list import load_allow_list

    return load_allow_list().is_allowed_text(word)


def is_family_surname(word: str) -> bool:
    """Whether a capitalised ``word`` before "family" reads as a surname.

    >>> [is_family_surname(w) for w in ("Okonjo", "Harrowgate-Lisle", "Foster", "Extended", "Blended", "Our")]
    [True, True, False, False, False, False]
    """
    parts = [p for p in re.split(r"[-'’]", word.lower()) if p]
    if not parts or any(p in family_modifiers() for p in parts) or word.lower() in family_modifiers():
        return False
    if all(p in _ordinary() for p in parts):
        return False
    if len(parts) == 1 and _VERB_FORM.search(parts[0]) and parts[0] not in _names():
        return False
    return not _allowed(word)


@registry.recognizers.register("person_family_name")
class FamilyNameRecognizer(LederPatternRecognizer):
    """A capitalised word that is not an ordinary word, right before "family" / "relatives" /
    "household"."""

    ENTITY = "PERSON_CONTEXT"
    PATTERNS = [
        Pattern("name_family", rf"(?<![\w'’-])(?P<ent>{NAME_WORD})(?:['’]s)?[ ]+"
                               r"(?:famil(?:y|ies)|relatives|households?)\b", 0.6),
    ]
    CONTEXT = ["family", "relatives", "household"]

    def invalidate_result(self, pattern_text: str) -> bool:
        """An ordinary word, a demonym or a family modifier ("Foster", "Polish") is not a surname."""
        return not is_family_surname(pattern_text)
