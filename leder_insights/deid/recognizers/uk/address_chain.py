"""The parts of an address written as a list: ``Linden Chambers, Oakby, EC2A;`` (ending in a
postcode or a postcode district) or ``43 Elmtree, Oakby, Milton Keynes`` (starting with a house
number, three parts or more). Each part is a LOCATION of its own, as in the gold guideline. A
list is an address only when one part is a listed place (``conf/uk_places.txt``) or ends in a street
or building word (``words.yaml`` street suffixes, ``conf/address_anchor_words.txt``), and no part
is made only of everyday words (``3 Nurses, Doctors, Carers``; ``Iron, Folate, B12``).

>>> r = AddressChainRecognizer()
>>> t = "She reached Linden Chambers, Oakby, EC2A; and at 43 Elmtree, Oakby, Milton Keynes."
>>> [t[x.start:x.end] for x in r.analyze(t, ["PLACE"])]
['Linden Chambers', 'Oakby', 'EC2A', '43 Elmtree', 'Oakby', 'Milton Keynes']
"""
from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import List, Optional

from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult

from .... import registry
from ..._wordlists import words as word_list
from .place_gazetteer import place_index

ANCHORS_PATH = Path(__file__).resolve().parents[2] / "conf" / "address_anchor_words.txt"

_WORD = r"[A-Z][a-z][\w'’-]*"
_PART = rf"(?:{_WORD}(?:[ ](?:&[ ])?{_WORD}){{0,2}})"
_NUMBERED = rf"(?:(?!(?:19|20)\d\d\b)\d{{1,4}}[A-Za-z]?[ ]{_PART})"
_POSTCODE = r"(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?(?:[ ]\d[ABD-HJLNP-UW-Z]{2})?)"
#: parts joined by ", " ending in a postcode or district: "Linden Chambers, Oakby, ZZ1A"
_TO_POSTCODE = re.compile(rf"(?<![\w,])(?:(?:{_NUMBERED}|{_PART}),[ ]){{1,4}}(?:{_PART},?[ ])?{_POSTCODE}"
                          r"(?=[;.,)]|\s*$|\s*\n)")
#: three parts or more after a house number: "43 Elmtree, Oakby, Greater Oakshire"
_FROM_NUMBER = re.compile(rf"(?<![\w,])\b{_NUMBERED}(?:,[ ]{_PART}){{2,4}}(?![\w'’-])")
_ITEM = re.compile(rf"{_POSTCODE}(?![\w-])|\d{{1,4}}[A-Za-z]?[ ]{_PART}|{_PART}")
_LETTERS = re.compile(r"[A-Za-z][a-z][\w'’-]*")


@functools.lru_cache(maxsize=1)
def _anchors() -> frozenset:
    lines = ANCHORS_PATH.read_text(encoding="utf-8").splitlines()
    return frozenset(ln.strip().lower() for ln in lines if ln.strip() and not ln.startswith("#")) | \
        word_list("street_suffixes")


def _is_address(text: str, parts: list[tuple[int, int]], common: frozenset) -> bool:
    """One part a listed place or ending in a street/building word; no part only everyday words."""
    _, places = place_index()
    anchored = False
    for s, e in parts:
        part = text[s:e]
        ws = _LETTERS.findall(part)
        if not ws:
            continue  # a postcode
        if all(w.lower() in common for w in ws):
            return False
        if part in places or ws[-1].lower() in _anchors():
            anchored = True
    return anchored


@registry.recognizers.register("uk_address_chain")
class AddressChainRecognizer(LocalRecognizer):
    """Every part of a comma-separated address (see the module docstring)."""

    ENTITY = "PLACE"
    SCORE = 0.5

    def __init__(self, supported_language: str = "en", name: Optional[str] = None):
        super().__init__(supported_entities=[self.ENTITY], supported_language=supported_language,
                         name=name or "uk_address_chain")

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: List[str], nlp_artifacts=None) -> List[RecognizerResult]:
        if ", " not in text:
            return []
        from ..people.context_name import common_words

        common = common_words()
        out: list[RecognizerResult] = []
        seen: set[tuple[int, int]] = set()
        for rx in (_TO_POSTCODE, _FROM_NUMBER):
            for m in rx.finditer(text):
                parts = [(p.start() + m.start(), p.end() + m.start())
                         for p in _ITEM.finditer(m.group())]
                if not _is_address(text, parts, common):
                    continue
                for s, e in parts:
                    if (s, e) in seen:
                        continue
                    seen.add((s, e))
                    why = AnalysisExplanation(recognizer=self.name, original_score=self.SCORE)
                    out.append(RecognizerResult(self.ENTITY, s, e, self.SCORE, analysis_explanation=why,
                                                recognition_metadata={
                                                    RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                                                    RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id}))
        return out


__all__ = ["AddressChainRecognizer"]
