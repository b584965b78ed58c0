"""Local newspapers, news sites and radio stations, whose titles name the area (attack9 F7):
"the Blackshire Gazette", "Oakby Echo", "Blackshire Live", "Radio Oakby", "Oakby Radio".

One to three capitalised words before a head word of ``conf/press_heads.txt`` (or after "Radio")
are a local title when one of them is not an ordinary word (the eponym rule's test: everyday,
reference and generic words, allowed terms). National titles are allowed phrases
(``conf/allow_list.yaml``, ``national_press``: "BBC News", "The Guardian", "Radio Times").

>>> r = LocalPressRecognizer()
>>> t = "She spoke to the Blackshire Gazette and to Radio Oakby; the Daily Post; Radio Times."
>>> [t[x.start:x.end] for x in r.analyze(t, ["ORGANIZATION"])]
['Blackshire Gazette', 'Radio Oakby']
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult

from .... import registry
from ..._wordlists import word_file_lines
from .._base import NAME_WORD
from ..people.eponym import ordinary_word

HEADS_PATH = Path(__file__).resolve().parents[2] / "conf" / "press_heads.txt"


@functools.lru_cache(maxsize=1)
def _rx() -> re.Pattern:
    heads = "|".join(map(re.escape, sorted(word_file_lines(HEADS_PATH), key=lambda w: (-len(w), w))))
    return re.compile(rf"(?<![\w'’-])(?:(?P<name>{NAME_WORD}(?:[ ]+{NAME_WORD}){{0,2}})[ ]+(?:{heads})"
                      rf"|Radio[ ]+(?P<after>{NAME_WORD}(?:[ ]+{NAME_WORD}){{0,1}}))(?![\w'’-])")


@registry.recognizers.register("local_press")
class LocalPressRecognizer(LocalRecognizer):
    """A local paper, news site or radio station named after its area."""

    ENTITY = "ORGANIZATION"

    def __init__(self, name: str = "local_press"):
        super().__init__(supported_entities=[self.ENTITY], name=name, supported_language="en")

    def load(self) -> None:  # the word lists are read lazily
        pass

    def analyze(self, text, entities, nlp_artifacts=None):
        from ..._allow_list import load_allow_list

        if self.ENTITY not in entities:
            return []
        allow = load_allow_list()
        out = []
        for m in _rx().finditer(text):
            name = m.group("name") or m.group("after")
            words = name.split()
            if all(ordinary_word(w) for w in words) or allow.is_allowed_text(m.group()):
                continue
            s, t = m.span()
            if m.group("name"):  # start at the first word that is not ordinary ("The", "Daily")
                first = next(i for i, w in enumerate(words) if not ordinary_word(w))
                s = m.start("name") + len(" ".join(words[:first])) + (1 if first else 0)
            out.append(RecognizerResult(self.ENTITY, s, t, 0.6, AnalysisExplanation(
                recognizer=self.name, original_score=0.6, pattern_name="local_press", pattern=None)))
        return out


__all__ = ["LocalPressRecognizer"]
