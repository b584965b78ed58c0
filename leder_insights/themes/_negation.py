"""Negation-aware text preparation for theme classification.

Learning points often *mention* a topic to say it was absent ("no concerns with swallowing",
"sepsis was ruled out"). Those mentions must not count as the theme. Failures of care are
also phrased with "not" ("was not referred to SALT", "family concerns were not acted on"), and
there the theme *is* present. So only **existence negation** opens a scope:

* forward cues ("no evidence of", "no concerns with", "did not require", "was not at risk",
  "negative for", ...) negate the words after them up to the end of the clause;
* backward cues ("... was ruled out", "... was excluded", "... was not a factor") negate the
  words before them back to the start of the clause;
* "was not" / "were not" followed by a participle ("was not referred") is a failure, not a scope.

Tokens inside a scope are prefixed ``neg_`` for the word features and removed from the text the
character features see, so "sepsis" inside "sepsis was ruled out" is not evidence of sepsis.

>>> prepare("No concerns with swallowing.")[0]
'no concerns with neg_swallowing'
>>> scopes = negation_scopes("Sepsis was ruled out.")
>>> "Sepsis was ruled out."[scopes[0][0]:scopes[0][1]]
'Sepsis'
"""
from __future__ import annotations

import re

TOKEN_RE = re.compile(r"[A-Za-z0-9]+(?:['\u2019\-][A-Za-z0-9]+)*")
NEG_PREFIX = "neg_"
MAX_SCOPE_TOKENS = 8

_FORWARD_CUES = [
    r"no (?:clear |definite |obvious |further )?(?:evidence|signs?|indications?|suggestion|history|record) of",
    r"no (?:clear |definite |obvious |further )?(?:evidence|indications?|suggestion|reason to (?:believe|think|suspect)) that",
    r"nothing to (?:suggest|indicate|show) that",
    r"no (?:concerns?|issues?|problems?|difficult(?:y|ies)|worries) (?:with|about|regarding|around|over|re|in relation to)",
    r"no (?:known|need for|requirement for|clinical need for|reported)",
    r"(?:did|does|do) not (?:require|need|have any|show any|have a history of|display any|present with any)",
    r"(?:was|were|is|are) not (?:at risk of|at any risk of|considered at risk of|thought to have|felt to have|known to have|diagnosed with|suffering from|affected by)",
    r"(?:was|were|is|are) not (?:a|an) (?:factor|concern|issue|problem|risk) (?:in|for|with)",
    r"negative for", r"free (?:of|from)", r"absence of", r"nil", r"denied(?: any)?",
    r"without (?:any )?(?:signs?|evidence|symptoms?|history) of",
    r"there (?:was|were|is|are) no (?:concerns?|issues?|problems?) (?:with|about|regarding|around)",
    r"ruled out", r"excluded",
]
_BACKWARD_CUES = [
    r"(?:was|were|had been|has been|have been|is|are) (?:ruled out|excluded|discounted|negative)",
    r"(?:was|were|is|are) not (?:a|an) (?:factor|concern|issue|problem|risk)(?![\w ]*(?:in|for|with)\b)",
    r"(?:was|were|is|are) (?:not (?:present|found|required|needed|indicated|relevant|warranted|an issue|a concern|a factor|a problem|suspected|thought likely|likely|the cause)|unlikely|absent)",
    r"(?:did not|does not|do not) (?:contribute|play a part|play a role|apply|feature|affect|influence)",
    r"(?:was|were|is|are) not (?:the|a) (?:reason|cause|trigger|explanation)",
    r"(?:was|were) (?:considered|checked|investigated|assessed|queried) and (?:ruled out|excluded|discounted)",
    r"(?:and|but) (?:was |were )?(?:ruled out|excluded|discounted)",
    r"(?:was|were) not (?:felt|thought|considered|judged) to be (?:a factor|relevant|present|the cause|an issue|a concern)",
]
_W = r"[\w'-]+"
# the negated words sit inside the cue: group 1 is the scope ("no safeguarding concerns")
_INNER_CUES = [
    rf"no ((?:{_W} ){{0,2}}{_W}) (?:concerns?|issues?|problems?|worries|difficult(?:y|ies)|risks?|signs?|symptoms?)",
    rf"no ((?:{_W} ){{0,3}}{_W}) (?:was|were) (?:needed|required|found|identified|raised|noted|indicated|necessary|"
    rf"appropriate|suspected|present|seen|detected)",
    rf"(?:has|had|have) no ((?:{_W} ){{0,2}}{_W}) (?:problems?|difficult(?:y|ies)|issues?|history|symptoms?|concerns?|needs?)",
    r"(?:was|were|is|are) not ((?:choking|constipated|septic|dehydrated|malnourished|depressed|in pain|"
    r"at risk|unwell|ill|distressed|epileptic|diabetic)\b)",
    r"never had any ((?:problems?|difficult(?:y|ies)|issues?)(?: with [\w' -]{0,40})?)",
]
_INNER_RE = re.compile(r"(?<![\w])(?:" + "|".join(f"(?:{c})" for c in _INNER_CUES) + r")(?![\w])", re.IGNORECASE)
# "ruled out"/"excluded" after the topic is a backward cue; before it ("ruled out sepsis") forward.
_FORWARD_RE = re.compile(r"(?<![\w])(?:" + "|".join(_FORWARD_CUES) + r")(?![\w])", re.IGNORECASE)
_BACKWARD_RE = re.compile(r"(?<![\w])(?:" + "|".join(_BACKWARD_CUES) + r")(?![\w])", re.IGNORECASE)
_CLAUSE_BREAK_RE = re.compile(
    r"[.;:!?,()\n\u2022]|(?<![\w])(?:but|however|although|though|whereas|while|which|who|because|so|yet|despite|and then)(?![\w])",
    re.IGNORECASE)


def tokens_with_offsets(text: str) -> list[tuple[str, int, int]]:
    """Lower-cased word tokens with their character offsets.

    >>> tokens_with_offsets("SALT referral")
    [('salt', 0, 4), ('referral', 5, 13)]
    """
    return [(m.group().lower().replace("\u2019", "'"), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]


def _clause_end(text: str, pos: int) -> int:
    m = _CLAUSE_BREAK_RE.search(text, pos)
    return m.start() if m else len(text)


def _clause_start(text: str, pos: int) -> int:
    start = 0
    for m in _CLAUSE_BREAK_RE.finditer(text, 0, pos):
        start = m.end()
    return start


def _limit(text: str, start: int, end: int, forward: bool) -> tuple[int, int]:
    toks = list(TOKEN_RE.finditer(text, start, end))
    if not toks:
        return start, start
    if len(toks) > MAX_SCOPE_TOKENS:
        toks = toks[:MAX_SCOPE_TOKENS] if forward else toks[-MAX_SCOPE_TOKENS:]
    return toks[0].start(), toks[-1].end()


def negation_scopes(text: str) -> list[tuple[int, int]]:
    """Character spans of ``text`` that are negated (existence negation), merged and sorted.

    >>> t = "No evidence of aspiration; he choked later."
    >>> [t[s:e] for s, e in negation_scopes(t)]
    ['aspiration']
    """
    if not text:
        return []
    spans: list[tuple[int, int]] = []
    backward_hits = list(_BACKWARD_RE.finditer(text))
    back_starts = {m.start() for m in backward_hits}
    for m in _FORWARD_RE.finditer(text):
        # "sepsis was ruled out": the backward reading wins over a forward one on the same words
        if any(b <= m.start() < b + 25 for b in back_starts) and m.group().lower() in ("ruled out", "excluded"):
            continue
        s, e = _limit(text, m.end(), _clause_end(text, m.end()), forward=True)
        if e > s:
            spans.append((s, e))
    for m in _INNER_RE.finditer(text):
        g = next((i for i in range(1, (m.lastindex or 0) + 1) if m.group(i)), None)
        if g is not None:
            spans.append((m.start(g), m.end(g)))
    for m in backward_hits:
        s, e = _limit(text, _clause_start(text, m.start()), m.start(), forward=False)
        if e > s:
            spans.append((s, e))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def in_scopes(start: int, end: int, scopes: list[tuple[int, int]]) -> bool:
    """True when the span ``[start, end)`` overlaps any negation scope."""
    return any(start < se and ss < end for ss, se in scopes)


def analyse(text: str):
    """``(tokens, scopes, marked_words, masked_text)`` of ``text`` in one pass (see :func:`prepare`)."""
    text = text or ""
    toks = tokens_with_offsets(text)
    scopes = negation_scopes(text) if _MAYBE_NEG.search(text) else []
    if not scopes:
        return toks, scopes, " ".join(t for t, _, _ in toks), text
    words = []
    masked = list(text)
    for tok, s, e in toks:
        if in_scopes(s, e, scopes):
            words.append(NEG_PREFIX + tok)
            masked[s:e] = " " * (e - s)
        else:
            words.append(tok)
    return toks, scopes, " ".join(words), "".join(masked)


_MAYBE_NEG = re.compile(r"(?<![\w])(?:no|not|nothing|nil|free|absence|negative|denied|without|ruled|excluded|"
                        r"discounted|unlikely|absent|never)(?![\w])", re.IGNORECASE)


def prepare(text: str) -> tuple[str, str]:
    """Return ``(marked_words, masked_text)`` for the word and character features.

    ``marked_words``: lower-cased tokens joined by spaces, ``neg_`` before negated ones.
    ``masked_text``: the text with negated words blanked (same length), for character n-grams.

    >>> prepare("Sepsis was ruled out")
    ('neg_sepsis was ruled out', '       was ruled out')
    """
    _, _, marked, masked = analyse(text)
    return marked, masked


__all__ = ["negation_scopes", "prepare", "analyse", "tokens_with_offsets", "in_scopes", "NEG_PREFIX"]
