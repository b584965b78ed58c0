"""The parts of an address written as a list: ``Linden Chambers, Oakby, EC2A;`` (ending in a
postcode or a postcode district), ``43 Elmtree, Oakby, Milton Keynes`` (starting with a house
number, three parts or more) or ``Flat 7, the Elms, The Row, Oakby`` (starting with a flat's number,
three parts or more, articles outside the parts). Each part is a LOCATION of its own, as in the gold
guideline. A list is an address only when one part is a listed place (``conf/uk_places.txt``) or
ends in a street or building word (``words.yaml`` street suffixes, ``conf/address_anchor_words.txt``),
and no part is made only of everyday words (``3 Nurses, Doctors, Carers``; ``Iron, Folate, B12``);
after a flat's number, which no list of words starts with, everyday words may name a part.

>>> r = AddressChainRecognizer()
>>> t = "She reached Linden Chambers, Oakby, EC2A; and at 43 Elmtree, Oakby, Milton Keynes."
>>> [t[x.start:x.end] for x in r.analyze(t, ["PLACE"])]
['Linden Chambers', 'Oakby', 'EC2A', '43 Elmtree', 'Oakby', 'Milton Keynes']
>>> t = "Her home, Flat 7, the Elms, The Row, Brighton, had no alarm."
>>> [t[x.start:x.end] for x in r.analyze(t, ["PLACE"])]
['Flat 7', 'Elms', 'Row', 'Brighton']
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
#: three parts or more after a flat's number, each may open with an article: "Flat 7, the Elms, The Row, Oakby"
_FLAT = r"(?:Flat|Apartment|Apt|Studio|Maisonette)[ ]\d{1,4}[A-Za-z]?"
_FROM_FLAT = re.compile(rf"(?<![\w,])\b{_FLAT}(?:,[ ](?:[Tt]he[ ])?{_PART}){{2,4}}(?![\w'’-])")
_ITEM = re.compile(rf"{_FLAT}(?![\w-])|{_POSTCODE}(?![\w-])|\d{{1,4}}[A-Za-z]?[ ]{_PART}|(?:The[ ])?{_PART}")
_LETTERS = re.compile(r"[A-Za-z][a-z][\w'’-]*")


@functools.lru_cache(maxsize=1)
def _anchors() -> frozenset:
    lines = ANCHORS_PATH.read_text(encoding="utf-8").splitlines()
    return frozenset(ln.strip().lower() for ln in lines if ln.strip() and not ln.startswith("#")) | \
        word_list("street_suffixes")


def _is_address(text: str, parts: list[tuple[int, int]], common: frozenset, flat: bool = False) -> bool:
    """One part a listed place or ending in a street/building word; no part only everyday words
    (allowed after a flat's number)."""
    _, places = place_index()
    anchored = False
    for s, e in parts:
        part = text[s:e]
        ws = _LETTERS.findall(part)
        if not ws or (flat and s == parts[0][0]):
            continue  # a postcode, the flat's number
        if all(w.lower() in common for w in ws) and not flat:
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
        for rx in (_TO_POSTCODE, _FROM_NUMBER, _FROM_FLAT):
            for m in rx.finditer(text):
                # a leading "The" stays outside its part ("The [Row]"), as in the gold guideline
                parts = [(p.start() + m.start() + (4 if p.group().startswith("The ") else 0), p.end() + m.start())
                         for p in _ITEM.finditer(m.group())]
                if not _is_address(text, parts, common, flat=rx is _FROM_FLAT):
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
