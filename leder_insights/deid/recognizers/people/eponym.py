"""A person's name inside an eponymous law, campaign, inquiry or document (attack9 F1): "Tamsin
Rookley Act", "Perpetua's Law", "The Rookley Review", "the Lemuel Principles". Campaigns are named
after the person who died, so the name stands for the person.

The capitalised words right before a head word (``conf/eponym_heads.txt``) are the name part; it is
masked from its first to its last word that is not an ordinary English word (everyday words, the
reference list ``conf/lowercase_reference_words.txt``, generic service words, heading words of
``conf/eponym_ordinary_words.txt``, allowed terms). A name part of
ordinary words only names no one ("Mental Capacity Act", "Structured Judgement Review"), and a
public eponym is allowed in ``conf/allow_list.yaml`` (``public_eponyms``: "Francis Report").

>>> r = EponymRecognizer()
>>> t = "Staff to complete Tamsin Rookley Act training; follow Perpetua's Law; The Rookley Review."
>>> [t[x.start:x.end] for x in r.analyze(t, ["PERSON_CONTEXT"])]
['Tamsin Rookley', 'Perpetua', 'Rookley']
>>> r.analyze("The Mental Capacity Act and the Structured Judgement Review; the Francis Report.", ["PERSON_CONTEXT"])
[]
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult

from .... import registry
from .._base import NAME_WORD
from ..._wordlists import word_file_lines
from .family_name import _read_words

HEADS_PATH = Path(__file__).resolve().parents[2] / "conf" / "eponym_heads.txt"
ORDINARY_PATH = Path(__file__).resolve().parents[2] / "conf" / "eponym_ordinary_words.txt"


@functools.lru_cache(maxsize=1)
def _rx() -> re.Pattern:
    heads = sorted(_read_case(HEADS_PATH), key=lambda w: (-len(w), w))
    return re.compile(rf"(?<![\w'’-])(?P<name>{NAME_WORD}(?:[ ]+{NAME_WORD}){{0,3}})(?:['’]s)?[ ]+"
                      rf"(?P<head>{'|'.join(map(re.escape, heads))})(?![\w-])")


def _read_case(path: Path) -> frozenset:
    """The words of ``path`` as written (``_read_words`` lower-cases them)."""
    return frozenset(w for line in word_file_lines(path) for w in line.split())


@functools.lru_cache(maxsize=1)
def _ordinary() -> frozenset:
    from ..._ner_filter import generic_words
    from .family_name import _ordinary as reference

    return reference() | generic_words() | _read_words(ORDINARY_PATH)


def ordinary_word(word: str) -> bool:
    """Whether a capitalised word is an ordinary English/heading word or an allowed term.

    >>> ordinary_word("Structured"), ordinary_word("Rookley"), ordinary_word("Safeguarding-Adults")
    (True, False, True)
    """
    from ..._allow_list import load_allow_list

    parts = [p for p in re.split(r"[-'’]", word.lower()) if p]
    return all(p in _ordinary() for p in parts) or load_allow_list().is_allowed_text(word)


def _place_not_name(word: str) -> bool:
    """A UK place that is no listed name ("Manchester", not "Preston" if listed as a surname)."""
    from ..uk.place_gazetteer import place_index
    from .name_gazetteer import name_set

    return word in place_index()[1] and word.lower() not in name_set()


@registry.recognizers.register("person_eponym")
class EponymRecognizer(LocalRecognizer):
    """The name words of an eponymous Act, Law, Review, Inquiry, Protocol, Report, Standard..."""

    ENTITY = "PERSON_CONTEXT"

    def __init__(self, name: str = "person_eponym"):
        super().__init__(supported_entities=[self.ENTITY], name=name, supported_language="en")

    def load(self) -> None:  # nothing to load: the word lists are read lazily
        pass

    def analyze(self, text, entities, nlp_artifacts=None):
        from ..._allow_list import load_allow_list

        if self.ENTITY not in entities:
            return []
        allow = load_allow_list()
        out = []
        for m in _rx().finditer(text):
            if allow.is_allowed_text(text[m.start():m.end()]):
                continue
            words = list(re.finditer(r"\S+", m.group("name")))
            names = [w for w in words if not ordinary_word(w.group())]
            if not names or all(_place_not_name(w.group()) for w in names):
                continue  # a place's inquiry ("the Oakby Review") is left to the place rules
            s, t = m.start("name") + names[0].start(), m.start("name") + names[-1].end()
            if allow.is_allowed_text(text[s:m.end()]):
                continue
            out.append(RecognizerResult(self.ENTITY, s, t, 0.6, AnalysisExplanation(
                recognizer=self.name, original_score=0.6, pattern_name="eponym", pattern=None)))
        return out


__all__ = ["EponymRecognizer", "ordinary_word"]
