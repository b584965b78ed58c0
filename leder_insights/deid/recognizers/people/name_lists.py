"""Names in a list of people after a cue: ``Attendees Maria Lopes, Tunde Bakare and Ceri Pugh
agreed``, ``Present: Dr Ruth Ames, Kofi Mensah``.

The NER finds the first and last names of a list and often misses one in the middle. After a cue
that opens a list of people (``people_list_cues`` in ``conf/name_cues.yaml``), every item of one to
four capitalised words, with or without a title, is a name; an item made only of everyday, role or
organisation words (``GP``, ``Social Worker``, ``Oak Ward``) is not.

>>> t = "Attendees Maria Lopes, Tunde Bakare and Ceri Pugh agreed the GP was not told."
>>> [t[r.start:r.end] for r in NameListRecognizer().analyze(t, ["PERSON_CONTEXT"])]
['Maria Lopes', 'Tunde Bakare', 'Ceri Pugh']
>>> t = "Present: GP, Social Worker and Dr Ama Owusu."
>>> [t[r.start:r.end] for r in NameListRecognizer().analyze(t, ["PERSON_CONTEXT"])]
['Ama Owusu']
"""
from __future__ import annotations

import functools
import re
from typing import List, Optional

from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult

from .... import registry
from ..._wordlists import word_alternation, words
from .._base import CAPS_WORD, NAME_WORD
from .name_cues import _cues

_TITLE = r"(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Cllr|Rev)\.?\s+)"
#: one item: an optional title, then one to four name words (a particle between: "Iolo ap Gruffydd")
_ITEM = (rf"{_TITLE}?(?:{NAME_WORD}|{CAPS_WORD})(?:\s+(?:(?:ap|ab|de|van|von|der|den|bin|ní|nic|ó|mac)\s+)?"
         rf"(?:{NAME_WORD}|{CAPS_WORD})){{0,3}}")
_SEP = r"(?:\s*[,;]\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+)"


@functools.lru_cache(maxsize=1)
def _list_rx() -> re.Pattern:
    cues = word_alternation(_cues()["people_list_cues"])
    return re.compile(rf"(?<![\w-])(?i:{cues})(?:\s*[:\-–]\s*|\s+)(?P<list>{_ITEM}(?:{_SEP}{_ITEM})+)")


_ITEM_RX = re.compile(rf"(?P<title>{_TITLE})?(?P<name>(?:{NAME_WORD}|{CAPS_WORD})(?:\s+(?:(?:ap|ab|de|van|von|der|"
                      rf"den|bin|ní|nic|ó|mac)\s+)?(?:{NAME_WORD}|{CAPS_WORD})){{0,3}})")


@functools.lru_cache(maxsize=1)
def _not_name_words() -> frozenset:
    from .context_name import common_words

    return common_words() | words("org_words") | words("role_tokens") | words("titles") | words("domain_words")


def _is_name(item: str, titled: bool) -> bool:
    """Whether a list item is a person's name: a title before it, or a word that is no everyday,
    role, organisation or allowed word."""
    from ..._allow_list import load_allow_list

    parts = item.split()
    allow = load_allow_list()
    if any(p.lower() in words("org_words") for p in parts):
        return False
    if titled:
        return True
    return any(p.lower() not in _not_name_words() and not allow.is_allowed_text(p) for p in parts)


@registry.recognizers.register("person_name_list")
class NameListRecognizer(LocalRecognizer):
    """Every name of a list of people after a cue ("Attendees", "Present:", "Panel members")."""

    ENTITY = "PERSON_CONTEXT"
    SCORE = 0.6

    def __init__(self, supported_language: str = "en", name: Optional[str] = None):
        super().__init__(supported_entities=[self.ENTITY], supported_language=supported_language,
                         name=name or "person_name_list")

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: List[str], nlp_artifacts=None) -> List[RecognizerResult]:
        out: list[RecognizerResult] = []
        rx = _list_rx()
        for m in rx.finditer(text):
            a, b = m.span("list")
            for it in _ITEM_RX.finditer(text, a, b):
                name = it.group("name")
                if not _is_name(name, bool(it.group("title"))):
                    continue
                s, t = it.span("name")
                why = AnalysisExplanation(recognizer=self.name, original_score=self.SCORE)
                out.append(RecognizerResult(self.ENTITY, s, t, self.SCORE, analysis_explanation=why,
                                            recognition_metadata={
                                                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                                                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id}))
        return out
