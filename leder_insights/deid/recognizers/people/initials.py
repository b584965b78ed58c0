"""Initials used as names: ``JS was seen``, ``AB's mother``, ``J.S. told staff``, and the initials
in references: ``Per JW/ak`` (writer and typist), ``LDR/KMc/0912``, ``Ref: LDR/PJH/2211``.

Acronyms that are not people (GP, NHS, SALT...) are removed later by the allow-list; this
recognizer only fires when the initials behave like a subject or a possessor.

>>> r = InitialsRecognizer()
>>> [(x.start, x.end) for x in r.analyze("JS was seen by the team; JS's mother came.", ["NAME_INITIALS"])]
[(0, 2), (25, 27)]
"""
from __future__ import annotations

import re

from .._base import Pattern

from .... import registry
from ..._wordlists import words
from .._base import NAME_WORD, LederPatternRecognizer

_VERBS = (r"(?:was|were|had|has|is|lived|died|said|told|became|went|attended|received|did|would|"
          r"could|should|enjoyed|liked|loved|needed|required|refused|declined|presented|remained|"
          r"appeared|seemed|continued|started|stopped|moved|returned|communicated|used|took|ate|"
          r"drank|fell|collapsed|passed|experienced|developed|underwent|phoned|rang|called|arrived|improved|"
          r"shared|asked|wanted|felt|agreed|visited|cried|slept|woke|walked|smiled|spoke|became|got|"
          r"seemed|wished|chose|told|showed|complained)")
#: verbs whose object is a person ("the nurse told PJ", "paramedics found JR")
_OBJ_VERBS = (r"(?:told|found|gave|saw|visited|supported|helped|asked|informed|called|phoned|rang|took|"
              r"reviewed|assessed|examined|encouraged|reassured|accompanied|collected|sedated|restrained|"
              r"hoisted|fed|washed|dressed|met|"
              r"treated|woke|left|brought)")
_INIT = r"[A-Z]\.?[A-Z]\.?(?:[A-Z]\.?)?"
#: a determiner or a possessor right before: "the ICD was fitted", "an ABG had", "Mr Lee's ECG was":
#: people are not written "the JS", so the capitals are a term, not initials (checked on matches)
_NOT_AFTER = re.compile(r"(?:\b(?:[Tt]he|[Aa]n?|[Tt]his|[Tt]hese|[Tt]hose|[Aa]ny|[Ee]ach|[Ee]very|[Nn]o|[Ii]ts|"
                        r"[Tt]heir|[Hh]is|[Hh]er|[Oo]ur|[Yy]our|[Mm]y)|['’]s)\s$")


_DOTTED_NOT_INITIALS = words("dotted_not_initials")


def _dotted_abbreviation(span: str) -> bool:
    """Dotted capitals that are an abbreviation, not a person: "U.K.", "R.I.P.", "G.P." (an acronym
    of the allow-list written with dots).

    >>> _dotted_abbreviation("U.K."), _dotted_abbreviation("K.T.B."), _dotted_abbreviation("KT")
    (True, False, False)
    """
    if "." not in span:
        return False
    letters = re.sub(r"[.\s]", "", span)
    return letters.lower() in _DOTTED_NOT_INITIALS or letters in _acronyms()


def _acronyms() -> frozenset:
    from ..._allow_list import load_allow_list

    return frozenset(load_allow_list().acronyms)


@registry.recognizers.register("person_initials")
class InitialsRecognizer(LederPatternRecognizer):
    """Two or three capitals (optionally dotted) followed by a verb or a possessive, and not after
    an article or a possessor ("the ICD was", "Mr Lee's ECG was" are terms)."""

    ENTITY = "NAME_INITIALS"
    PATTERNS = [
        Pattern("initials_verb", rf"\b(?P<ent>[A-Z]\.?[A-Z]\.?(?:[A-Z]\.?)?)\s+{_VERBS}\b", 0.45),
        Pattern("initials_possessive", r"\b(?P<ent>[A-Z]\.?[A-Z]\.?(?:[A-Z]\.?)?)['’]s\b", 0.45),
        Pattern("verb_initials", rf"\b{_OBJ_VERBS}\s+(?P<ent>{_INIT})(?![\w.])(?!\s+(?:team|staff|service|ward|unit|"
                                 rf"referral|letter|form|notes?|records?|scan|results?|test)\b)", 0.45),
        # "TO and AS shared a flat": both initials are people
        Pattern("initials_pair", rf"\b(?P<ent>{_INIT})\s+(?:and|&)\s+{_INIT}\s+{_VERBS}\b", 0.45),
        # authors in a citation: "(Neuberger J, Patel J, Caldwell H et al. Gut 2020)"
        # dotted initials stand for a person wherever they are ("seen by K.T.B. today", "K. T. B.'s mum");
        # dotted abbreviations (U.K., R.I.P., D.O.B.) and the allow-list's acronyms are left out below
        Pattern("dotted_initials", r"(?<![\w.])(?P<ent>[A-Z]\.\s?[A-Z]\.(?:\s?[A-Z]\.){0,2})(?![\w])", 0.5),
        Pattern("citation_author", rf"\b(?P<ent>{NAME_WORD}\s[A-Z]{{1,2}})(?=,\s*{NAME_WORD}\s[A-Z]{{1,2}}\b|,?\s+et\s+al\b|,?\s+and\s+{NAME_WORD}\s[A-Z]{{1,2}}\b)",
                0.6),
        # the writer's and typist's initials of a letter reference: "Per JW/ak", "Our ref RT/jm"
        Pattern("writer_typist", r"(?<![\w/.-])(?P<ent>[A-Z]{2,3}/[a-z]{2,3})(?![\w/-])", 0.5),
        # initials with a Mc/Mac surname inside a reference: "LDR/KMc/0912", "CMcK/22/14"
        Pattern("mc_initials", r"(?<![\w])(?P<ent>[A-Z]{1,2}Ma?c[A-Z]{0,2})(?![\w])", 0.5),
        # the capitals of a labelled reference that are not an acronym: "Ref: LDR/PJH/2211"
        Pattern("ref_initials", r"(?i:\b(?:our|your|my)?\s*ref(?:erence)?(?:\s+no)?\.?)\s*[:.]?\s*"
                                r"(?P<ent>[A-Za-z0-9]+(?:/[A-Za-z0-9]+)+)(?![\w/])", 0.5),
    ]
    CONTEXT = []
    REGEX_MODULE = ("initials_verb", "initials_possessive", "initials_pair")

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        out = []
        for r in results:
            how = getattr(r.analysis_explanation, "pattern_name", "")
            if how == "ref_initials":
                out.extend(_ref_segments(text, r))
                continue
            if how == "writer_typist" and text[r.start:r.end].split("/")[0] in _acronyms():
                continue  # "GP/ok": an acronym, not a writer's initials
            if not (text[r.start:r.end].replace(".", "").isupper()
                    and _NOT_AFTER.search(text, max(0, r.start - 7), r.start)) \
                    and not _dotted_abbreviation(text[r.start:r.end]):
                out.append(r)
        return out


_SEGMENT = re.compile(r"[A-Za-z]+")


def _ref_segments(text: str, r) -> list:
    """The segments of a labelled reference that may be initials: two to four letters with a
    capital, not an acronym of the allow-list ("LDR/PJH/2211" gives "LDR" and "PJH"; "LD" stays)."""
    import copy

    out = []
    for m in _SEGMENT.finditer(text, r.start, r.end):
        seg = m.group()
        if 2 <= len(seg) <= 4 and seg[0].isupper() and seg.upper() not in _acronyms() \
                and seg.lower() not in _REF_WORDS:
            x = copy.copy(r)
            x.start, x.end = m.start(), m.end()
            out.append(x)
    return out


#: letters of a reference that are never initials
_REF_WORDS = frozenset({"ref", "no", "nr", "vol", "rev", "ver", "page", "pp"})
