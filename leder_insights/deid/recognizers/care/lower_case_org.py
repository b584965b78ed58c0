"""Local organisations written with lower-case words: ``Carrowfield borough council``, ``Pendlemere
community mental health team``, ``Kestrel Lane care services ltd``, ``Linford Green surgery``.

A proper name (one to four capitalised words, the first not an everyday word) followed by up to
four lower-case words of organisation names and an organisation head word. The capitalised forms
are left to the other recognizers.

>>> r = LowerCaseOrgRecognizer()
>>> t = "He attended Oakhurst borough council day services; social services were told."
>>> [t[x.start:x.end] for x in r.analyze(t, ["ORGANIZATION"])]
['Oakhurst borough council']
"""
from __future__ import annotations

import regex
from .._base import Pattern

from .... import registry
from .._base import NOT_A_NAME_START, ORG_WORD, LederPatternRecognizer

_INNER = (r"(?:community|mental|health|learning|disability|disabilities|care|social|support|primary|secondary|"
          r"special|infant|junior|valley|borough|district|county|city|town|parish|metropolitan|medical|nursing|"
          r"residential|day|NHS|foundation|university|general|royal|children's|adult|adults|and|&)")
_HEAD = (r"(?:council|trust|surgery|practice|school|college|academy|hospital|hospice|team|services|service|"
         r"ltd|limited|plc|centre|clinic|partnership|group|home|lodge)")


@registry.recognizers.register("lower_case_org")
class LowerCaseOrgRecognizer(LederPatternRecognizer):
    """Proper name + lower-case organisation words + a lower-case head word."""

    ENTITY = "ORGANIZATION"
    PATTERNS = [
        Pattern("lower_case_org", rf"(?<![\w'’-]){NOT_A_NAME_START}(?P<ent>{ORG_WORD}(?:\s+(?:{ORG_WORD}|St\.?)){{0,3}}"
                                  rf"(?:\s+{_INNER}){{0,4}}\s+{_HEAD})(?![\w'’-])", 0.5),
    ]
    CONTEXT = []

    _HEADS = regex.compile(rf"(?<![\w'’-]){_HEAD}(?![\w'’-])")
    _INNER_RX = regex.compile(rf"{_INNER}$")
    _WINDOW = 140  # characters before a head word where the name can start

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        """The pattern runs only just before lower-case head words (same matches, less scanning)."""
        heads = []
        for m in self._HEADS.finditer(text):
            before = text[max(0, m.start() - 30):m.start()].split()
            # only after a capitalised word or an organisation word ("… care home", "Leeds trust")
            if before and (before[-1][:1].isupper() or self._INNER_RX.match(before[-1])):
                heads.append(m.end())
        if not heads:
            return []
        out, seen = [], set()
        for end in heads:
            window = text[max(0, end - self._WINDOW):end]
            for r in super().analyze(window, entities, nlp_artifacts, regex_flags):
                shift = end - len(window)
                if r.end + shift == end and (r.start + shift, end) not in seen:
                    seen.add((r.start + shift, end))
                    r.start += shift
                    r.end += shift
                    out.append(r)
        return out

    def invalidate_result(self, pattern_text: str) -> bool:
        from ..people.context_name import common_words

        words = regex.findall(r"[\w'’&]+", pattern_text)
        first = words[0].lower().strip("'’s")
        caps = [w for w in words if w[:1].isupper() and w != "NHS"]
        lower_head = words[-1].islower()
        generic_head = words[-1] in ("team", "service", "services", "group", "home")
        inner = len(words) >= 2 and words[-2].islower()
        # "Occupational Health team", "Rescue service": a generic head needs a lower-case word before it
        return first in common_words() or not caps or not lower_head or (generic_head and not inner)
