"""Day services, centres and schools named with a place-like word (heads in
``conf/named_service_heads.txt``): ``Brackenfield Day Centre``, ``Thornbury Resource Centre``,
``Greenacre School`` -- at the start of a bullet or after "at" too, where NER may miss them
(attacker 6's F1). One or two capitalised name words, at least one of them not an everyday word,
then the head: "the Day Centre", "Primary School" and "Oak Tree Day Centre" are left to the others.

>>> r = NamedServiceRecognizer()
>>> t = "- Staff at Brackenfield Day Centre and Greenacre School; the Day Centre; a Primary School."
>>> [t[x.start:x.end] for x in sorted(r.analyze(t, ["ORGANIZATION"]), key=lambda x: x.start)]
['Brackenfield Day Centre', 'Greenacre School']
"""
from __future__ import annotations

import functools
from pathlib import Path

from .... import registry
from .._base import NAME_WORD, LederPatternRecognizer, Pattern
from ..people.context_name import common_words

HEADS_PATH = Path(__file__).resolve().parents[2] / "conf" / "named_service_heads.txt"
GENERIC_PATH = Path(__file__).resolve().parents[2] / "conf" / "named_service_generic.txt"


@functools.lru_cache(maxsize=2)
def _lines(path: Path) -> tuple[str, ...]:
    return tuple(ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()
                 if ln.strip() and not ln.lstrip().startswith("#"))


def _heads() -> str:
    return "|".join(h.replace(" ", r"\s+") for h in sorted(_lines(HEADS_PATH), key=lambda w: (-len(w), w)))


@registry.recognizers.register("named_service")
class NamedServiceRecognizer(LederPatternRecognizer):
    """One or two name words before a listed head."""

    ENTITY = "ORGANIZATION"
    PATTERNS = [Pattern("named_service", rf"(?<![\w'\u2019-])(?:{NAME_WORD}\s+)?{NAME_WORD}\s+(?:{_heads()})\b", 0.6)]
    CONTEXT = ["centre", "school", "attended"]

    def invalidate_result(self, pattern_text: str) -> bool:
        """Every name word an everyday word ("the Day Centre", "Primary School")."""
        head_words = {w for h in _lines(HEADS_PATH) for w in h.split()}
        names = [w for w in pattern_text.split() if w not in head_words]
        common = common_words() | set(_lines(GENERIC_PATH))
        return not names or all(w.lower() in common for w in names)
