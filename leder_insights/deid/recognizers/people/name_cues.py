"""Lone names told by their cues (attacker 5's F3; cue lists in ``conf/name_cues.yaml``):

* a capitalised word before what only a person is or undergoes: ``Pengelly was not weighed``,
  ``that Hope was losing weight`` (a name that is also a word counts only when it is a listed
  everyday-word name and does not start the sentence);
* a name before an age in brackets: ``Kerensa (47) was not offered``;
* a nickname in quotes after its cue: ``known to everyone as "Smudge"``;
* a patronymic: ``Iolo ap Gruffydd``, ``Siân ferch Rhys`` (the whole name);
* two to four capitalised words, one of them with a letter beyond Latin-1 (``Nguyễn Thị Hoa``,
  ``Grzegorz Wąsowicz``): such a word is rarely English, and the name is taken whole (attacker 5's
  F3: "Nguyễn [PERSON_1]" kept the surname).

>>> r = NameCuesRecognizer()
>>> t = 'Pengelly was not weighed. Kerensa (47) was seen, known as "Smudge"; Iolo ap Gruffydd; that Hope was losing weight.'
>>> [t[x.start:x.end] for x in sorted(r.analyze(t, ["PERSON_CONTEXT"]), key=lambda x: x.start)]
['Pengelly', 'Kerensa', 'Smudge', 'Iolo ap Gruffydd', 'Hope']
>>> t = "The Nguyễn Thị Hoa family; a Café Nero; Zoë."
>>> [t[x.start:x.end] for x in r.analyze(t, ["PERSON_CONTEXT"])]
['Nguyễn Thị Hoa']
>>> t = "Constipation was not treated. Regulation (28) applies. Advanced Nurse Practitioners attended."
>>> r.analyze(t, ["PERSON_CONTEXT"])
[]
"""
from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import ClassVar, List


from .... import registry
from ..._wordlists import read_lists, word_alternation, words
from .._base import NAME_WORD, LederPatternRecognizer, Pattern
from .context_name import common_words

CUES_PATH = Path(__file__).resolve().parents[2] / "conf" / "name_cues.yaml"


@functools.lru_cache(maxsize=1)
def _cues() -> dict:
    return read_lists(CUES_PATH, ("person_predicates", "not_names_before_number", "nickname_cues",
                                  "patronymic_particles", "quoted_name_after", "quoted_name_verbs",
                                  "person_from_places", "people_list_cues"))


def _alts(name: str) -> str:
    return word_alternation(_cues()[name])


#: one capitalised name word (accented letters too)
_NAME = NAME_WORD


def _at_sentence_start(text: str, pos: int) -> bool:
    return pos == 0 or re.search(r"(?:[.!?:;\n\u2022]\s*|\s[-\u2013]\s|\d[.)]\s*|[\"\u201c(]\s*)$",
                                 text[max(0, pos - 4):pos]) is not None


@registry.recognizers.register("person_name_cues")
class NameCuesRecognizer(LederPatternRecognizer):
    """A lone name before a person's predicate or an age in brackets, a quoted nickname, a patronymic."""

    ENTITY = "PERSON_CONTEXT"
    PATTERNS = [
        Pattern("name_person_predicate", rf"(?<![\w'\u2019-])(?P<ent>{_NAME})(?:['\u2019]s)?\s+"
                                         rf"(?i:{_alts('person_predicates')})(?![\w-])", 0.55),
        Pattern("name_age_brackets", rf"(?<![\w'\u2019-])(?P<ent>{_NAME})\s?\((?i:aged?\s+)?\d{{1,3}}\)", 0.55),
        Pattern("quoted_nickname", rf"(?i:\b(?:{_alts('nickname_cues')}))\s*[\"\u201c\u2018']"
                                   rf"(?P<ent>[A-Z][\w'\u2019-]*(?:\s[A-Z][\w'\u2019-]*)?)[\"\u201d\u2019'](?!\w)", 0.6),
        Pattern("diacritic_name", rf"(?<![\w'\u2019-])(?P<ent>{_NAME}(?:\s+{_NAME}){{1,3}})(?![\w'\u2019-])", 0.5),
        Pattern("patronymic", rf"(?<![\w'\u2019-])(?P<ent>{_NAME}\s+(?:{_alts('patronymic_particles')})\s+{_NAME})"
                              rf"(?![\w'\u2019-])", 0.6),
    ]
    CONTEXT: ClassVar[List[str]] = []

    def analyze(self, text: str, entities: List[str], nlp_artifacts=None, regex_flags=None):
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        if not results:
            return results
        common = common_words()
        word_names = words("common_word_names")
        not_names = {str(w).lower() for w in _cues()["not_names_before_number"]}
        not_before = {str(w).lower() for w in _cues()["not_names_before_predicate"]}
        out = []
        for r in results:
            word = text[r.start:r.end]
            low = word.lower()
            how = getattr(r.analysis_explanation, "pattern_name", "")
            if how in ("quoted_nickname", "patronymic"):
                out.append(r)
                continue
            if how == "diacritic_name":
                r = _diacritic_name(text, r, common)
                if r is not None:
                    out.append(r)
                continue
            if low in not_names or _allowed(word):
                continue
            if how == "name_person_predicate" and low in not_before:
                continue  # "Found collapsed", "Later died": a verb or adverb, not a name
            if _CAPITALISED_BEFORE.search(text, max(0, r.start - 40), r.start):
                continue  # "Advanced Nurse Practitioners attended": the end of a title, not a lone name
            if low not in common and re.search(rf"(?<![\w'\u2019-]){re.escape(low)}(?![\w'\u2019-])", text):
                continue  # also written in lower case here: an ordinary word
            if low.endswith("s") and low[:-1] in common:
                continue  # "Paramedics attended": a plural of a common word
            if low in common:
                # a name that is also a word ("Hope"): only a listed one, and not first in its sentence
                if how != "name_person_predicate" or low not in word_names or _at_sentence_start(text, r.start):
                    continue
            out.append(r)
        return out


#: a capitalised word (not a sentence's first) right before the candidate
_CAPITALISED_BEFORE = re.compile(r"(?<![.!?:;\n]\s)(?<![.!?:;\n])\b[A-Z][\w'\u2019-]*\s+$")
_WIDE_LETTER = re.compile(r"[^\W\d_\x00-\xff]")


def _diacritic_name(text: str, r, common: frozenset):
    """The result trimmed of leading everyday words ("The Nguyễn family"), or ``None`` unless a word
    left has a letter beyond Latin-1 and two words or more remain."""
    words_ = list(re.finditer(r"\S+", text[r.start:r.end]))
    while words_ and words_[0].group().lower() in common:
        words_.pop(0)
    if len(words_) < 2 or not any(_WIDE_LETTER.search(w.group()) for w in words_):
        return None
    if all(w.group().lower() in common for w in words_):
        return None
    r.start = r.start + words_[0].start()
    return r


@registry.recognizers.register("person_name_slots")
class NameSlotRecognizer(LederPatternRecognizer):
    """A name in quotes as a sentence's subject, and a name before where the person comes from
    ("Ngozi from the day centre"), a name before its age and town ("Ann Lee, 54, of Leyland");
    apart from :class:`NameCuesRecognizer` so that its longer overlapping matches do not hide these.

    >>> t = "'Tibbsy', as his friends knew him, was not asked. Staff from the home and Ines Quarrie from the GP surgery."
    >>> [t[r.start:r.end] for r in NameSlotRecognizer().analyze(t, ["PERSON_CONTEXT"])]
    ['Tibbsy', 'Quarrie']
    >>> t = "Sadly Ann Lee, 54, of Leyland died. Adults, aged 18 to 64, of all backgrounds."
    >>> [t[r.start:r.end] for r in NameSlotRecognizer().analyze(t, ["PERSON_CONTEXT"])]
    ['Ann Lee']
    """

    ENTITY = "PERSON_CONTEXT"
    PATTERNS = [
        # a name in quotes (straight or curly) as a sentence's subject or with what people called it:
        # "'Bazza', as his friends knew him,", "'Dougie' had no passport"
        Pattern("quoted_name", rf"(?<![\w'\"\u2018\u2019\u201c\u201d])['\"\u2018\u201c](?P<ent>{_NAME})['\"\u2019\u201d]"
                               rf"(?=,?\s+(?i:{_alts('quoted_name_after')})\b"
                               rf"|\s+(?:{_alts('quoted_name_verbs')})\b)", 0.55),
        # "Ngozi from the day centre noticed": a name and where the person comes from
        Pattern("name_from_place", rf"(?<![\w'\u2019-])(?P<ent>{_NAME})\s+from\s+(?:the|his|her|their)\s+"
                                   rf"(?:[\w-]+\s+){{0,3}}?(?i:{_alts('person_from_places')})\b", 0.5),
        # "Hortensia Vellacott, 54, of Skelmersdale died": a local paper's name, age and town (attack10 F2)
        Pattern("name_age_of", rf"(?<![\w'\u2019-])(?P<ent>{_NAME}(?:\s+{_NAME}){{0,3}}),\s+"
                               rf"(?:aged\s+)?\d{{1,3}},\s+(?:of|from)\s+[A-Z]", 0.6),
    ]
    CONTEXT: ClassVar[List[str]] = []

    def analyze(self, text: str, entities: List[str], nlp_artifacts=None, regex_flags=None):
        out = []
        common = common_words()
        for r in super().analyze(text, entities, nlp_artifacts, regex_flags):
            how = getattr(r.analysis_explanation, "pattern_name", "")
            if how == "name_age_of":
                r = _name_before_age(text, r, common)
                if r is not None:
                    out.append(r)
                continue
            word = text[r.start:r.end]
            low = word.lower()
            # a listed forename, or a word that is no everyday word, no allowed term and not
            # first in its sentence ("'Stop' was all he said", "Staff from the home" are words)
            if low in _wide_names() or (low not in common and not _allowed(word) and not
                                        (how == "name_from_place" and _at_sentence_start(text, r.start))):
                out.append(r)
        return out


def _name_before_age(text: str, r, common: frozenset):
    """The name of "Name, 54, of Town" trimmed of leading everyday words ("Sadly Ann Lee"), or
    ``None`` when no word left is a name (a listed forename, or no everyday word nor allowed term).

    >>> from presidio_analyzer import RecognizerResult
    >>> t = "Sadly Ann Lee, 54, of Leyland died."
    >>> r = _name_before_age(t, RecognizerResult("PERSON_CONTEXT", 0, 13, 0.6), common_words())
    >>> t[r.start:r.end]
    'Ann Lee'
    """
    words_ = list(re.finditer(r"\S+", text[r.start:r.end]))
    while words_ and words_[0].group().lower() in common and words_[0].group().lower() not in _wide_names():
        words_.pop(0)
    if not words_ or not any(w.group().lower() in _wide_names() or
                             (w.group().lower() not in common and not _allowed(w.group())) for w in words_):
        return None
    r.start = r.start + words_[0].start()
    return r


def _wide_names() -> frozenset:
    from .name_gazetteer import forenames_wide

    return forenames_wide()


def _allowed(word: str) -> bool:
    """Clinical terms, medicines and national bodies (the allow-list) are never names."""
    from ..._allow_list import load_allow_list

    return load_allow_list().is_allowed_text(word)
