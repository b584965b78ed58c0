"""UK towns, villages, counties and regions from a shipped list (``deid/conf/uk_places.txt``).

spaCy's small model misses many place names (``Widnes``, ``Didsbury``, ``Padstow``). The list
holds GeoNames places in Great Britain with at least 1,000 people plus counties and regions,
without names that are everyday words (``March``, ``Street``, ``Sale``). ``Reading``, ``Bath``
and ``Rugby`` are kept but not matched at the start of a sentence.

>>> r = PlaceGazetteerRecognizer()
>>> t = "He lived in Widnes and later Stoke-on-Trent, Greater Manchester."
>>> [t[x.start:x.end] for x in r.analyze(t, ["PLACE"])]
['Widnes', 'Stoke-on-Trent', 'Greater Manchester']
"""
from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import List, Optional

from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult

from .... import registry

PLACES_PATH = Path(__file__).resolve().parents[2] / "conf" / "uk_places.txt"
_SENTENCE_START_ONLY_WORDS = frozenset({"Reading", "Bath", "Rugby"})
_WORD = re.compile(r"[A-Z][\w'’.]*(?:-[\w'’.]+)*")


@functools.lru_cache(maxsize=1)
def place_index() -> tuple[dict, frozenset]:
    """First word -> max words in a place starting with it; and the set of full names."""
    names = [ln.strip() for ln in PLACES_PATH.read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    first: dict[str, int] = {}
    for n in names:
        words = n.split()
        first[words[0]] = max(first.get(words[0], 0), len(words))
    return first, frozenset(names)


@registry.recognizers.register("uk_place")
class PlaceGazetteerRecognizer(LocalRecognizer):
    """Longest place name starting at each capitalised word (up to the longest listed)."""

    ENTITY = "PLACE"
    SCORE = 0.5
    CONTEXT = ["lived", "live", "in", "near", "from", "town", "village", "area", "moved"]

    def __init__(self, supported_language: str = "en", name: Optional[str] = None):
        super().__init__(supported_entities=[self.ENTITY], supported_language=supported_language,
                         name=name or "uk_place", context=list(self.CONTEXT))

    def load(self) -> None:
        place_index()

    def analyze(self, text: str, entities: List[str], nlp_artifacts=None) -> List[RecognizerResult]:
        first, names = place_index()
        words = list(_WORD.finditer(text))
        out, i = [], 0
        while i < len(words):
            w = words[i].group().rstrip(".'’")
            n = first.get(w, 0)
            hit = None
            for j in range(min(n, len(words) - i), 0, -1):
                # words of one name are separated by single spaces only (or lower-case joiners)
                start, end = words[i].start(), words[i + j - 1].end()
                cand = text[start:end].rstrip(".'’")
                if cand in names:
                    hit = (start, start + len(cand), j)
                    break
            if hit is None:  # names with lower-case joiners: "Stoke-on-Trent" is one token already,
                m = re.match(r"[A-Z][\w'’-]*(?:\s+(?:upon|on|in|under|le|de|of|the|and)\s+[A-Z][\w'’-]*)+",
                             text[words[i].start():words[i].start() + 60])
                if m and m.group() in names:
                    hit = (words[i].start(), words[i].start() + m.end(), 1)
            if hit is not None:
                s, e, j = hit
                if not (text[s:e] in _SENTENCE_START_ONLY_WORDS and _at_sentence_start(text, s)):
                    why = AnalysisExplanation(recognizer=self.name, original_score=self.SCORE)
                    out.append(RecognizerResult(self.ENTITY, s, e, self.SCORE, analysis_explanation=why,
                                                recognition_metadata={
                                                    RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                                                    RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id}))
                while i < len(words) and words[i].start() < e:
                    i += 1
                continue
            i += 1
        return out


def _at_sentence_start(text: str, pos: int) -> bool:
    before = text[max(0, pos - 4):pos]
    return pos == 0 or bool(re.search(r"(?:[.!?:;\n]\s*|^\s*)$", before))
