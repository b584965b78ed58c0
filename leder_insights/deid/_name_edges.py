"""Edges of person spans that the NER and the name rules leave short: the ``O’`` of ``O’Reilly``
left outside a span that starts at ``Reilly``, and a surname that is an everyday or job word
(``Senior``, ``Baker``) after a known forename, where the next word is not capitalised
(``Ann Senior travelled``; not ``Ann, Senior Nurse``).

>>> t = "Kevin O’Leary and Ann Senior travelled."
>>> es = [Entity(0, 5, "PERSON", "PERSON", 0.85, "spacy"), Entity(8, 13, "PERSON", "PERSON", 0.85, "spacy"),
...       Entity(18, 21, "PERSON", "PERSON", 0.85, "spacy")]
>>> [t[e.start:e.end] for e in complete_person_edges(t, es)]
['Kevin', 'O’Leary', 'Ann Senior']
"""
from __future__ import annotations

import functools
import re
import unicodedata

from ._entities import Entity
from ._wordlists import words

#: a one-letter Irish/Norman prefix with its apostrophe ("O’", "D'") right before a span
_PREFIX_RX = re.compile(r"(?<![\w'’])[OD]['’]$")
#: the capitalised word after a span, and what follows it
_NEXT_RX = re.compile(r" ([A-Z][a-z]{2,})(?=[ ]+[a-z]|[,.;:)]|$)")


@functools.lru_cache(maxsize=1)
def _not_surnames() -> frozenset:
    from spacy.lang.en.stop_words import STOP_WORDS

    lists = ("stop_tokens", "calendar_words", "role_tokens", "org_words", "generic_heads", "titles",
             "domain_words", "org_tail_roles")
    out = set(STOP_WORDS)
    for name in lists:
        out |= words(name)
    return frozenset(out)


_NOT_SURNAMES: frozenset = frozenset()


#: a capitalised word and one space right before a span ("Doreen" of "- Doreen Halsall was")
_WORD_BEFORE_RX = re.compile(r"(?<![\w'’-])([A-Z][a-z'’]+(?:-[A-Z][a-z]+)?|[^\W\d_][^\W\d_'’]+) $")
#: an ALL-CAPS surname and a comma right before a forename ("STANCLIFFE, Bartholomew")
_CAPS_SURNAME_COMMA_RX = re.compile(r"(?<![\w'’-])([A-Z]{2,}(?:['’-][A-Z]+)*|(?:Mc|Mac|O['’])[A-Z]{3,}), $")


def _grow_left(text: str, s: int, lo: int, n_words: int) -> int:
    """The start of a person span grown over a listed forename just before it ("- Doreen
    [Halsall] was", the forename missed after a bullet), or over an ALL-CAPS surname and a comma
    before a one-word forename ("STANCLIFFE, [Bartholomew]").

    >>> t = "- Doreen Halsall was; STANCLIFFE, Bartholomew was; The Halsall; NHS, Jo"
    >>> _grow_left(t, 9, 0, 1), _grow_left(t, 34, 20, 1), _grow_left(t, 55, 50, 1), _grow_left(t, 69, 60, 1)
    (2, 22, 55, 69)
    """
    from .recognizers.people.name_forms import could_be_name
    from .recognizers.people.name_gazetteer import forenames_wide

    if n_words == 1 and (m := _CAPS_SURNAME_COMMA_RX.search(text, max(lo, s - 40), s)) and \
            text[s:s + 1].isupper() and could_be_name(m.group(1).lower()) and not _acronym(m.group(1)):
        return m.start()
    if n_words <= 2 and (m := _WORD_BEFORE_RX.search(text, max(lo, s - 30), s)):
        w = m.group(1)
        low = w.lower()
        if not w[:1].isupper() or low in _not_surnames():
            return s
        if low in forenames_wide() or _unaccented(low) in forenames_wide():
            return m.start()
        # an unlisted word that is no everyday or allowed word, first in its sentence or after a
        # lower-case word, and no verb form ("- **Olumide** [Adeyemi] was"; not "Notwithstanding [Matthew]")
        if n_words == 1 and len(low) >= 3 and low not in _everyday() and not _allowed(w) and could_be_name(low) and \
                _FREE_BEFORE_RX.search(text, max(0, m.start() - 6), m.start()):
            return m.start()
    return s


#: what may stand before an unlisted forename: a sentence's or line's start, a lower-case word
_FREE_BEFORE_RX = re.compile(r"(?:^|[.!?:;\n]\s*|[-*•]\s+|[a-z,]\s+)$")


@functools.lru_cache(maxsize=1)
def _everyday() -> frozenset:
    from .recognizers.people.context_name import common_words

    from .recognizers.people.name_cues import _cues

    openers = {str(w).lower() for w in _cues()["not_names_before_predicate"]}
    return common_words() | words("org_words") | words("domain_words") | openers


def _allowed(word: str) -> bool:
    from ._allow_list import load_allow_list

    return load_allow_list().is_allowed_text(word)


def _unaccented(word: str) -> str:
    """``word`` without its accents ("félix" -> "felix"), to look it up in the name lists."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def _caps_surname_forename(text: str, e: Entity, lo: int) -> Entity | None:
    """A place span that is a listed forename after an ALL-CAPS surname and a comma, as a person
    span over both ("QUILLFEATHER, Ivor"), else ``None``."""
    from .recognizers.people.name_gazetteer import forenames

    if text[e.start:e.end].lower() not in forenames():
        return None
    s = _grow_left(text, e.start, lo, 1)
    if s == e.start or not text[s:e.start].rstrip(", ").isupper():
        return None
    return Entity(s, e.end, "PERSON", "PERSON", e.score, e.source)


def _acronym(word: str) -> bool:
    from ._allow_list import load_allow_list

    return word in load_allow_list().acronyms


def complete_person_edges(text: str, entities: list[Entity]) -> list[Entity]:
    """Person spans grown over an ``O’`` prefix and an everyday-word surname after a forename.

    ``entities`` are sorted and do not overlap; a span never grows into its neighbour.
    """
    global _NOT_SURNAMES
    if not any(e.category in ("PERSON", "LOCATION") for e in entities):
        return entities
    from .recognizers.people.name_gazetteer import forenames

    if not _NOT_SURNAMES:
        _NOT_SURNAMES = _not_surnames()
    out = list(entities)
    for i, e in enumerate(out):
        if e.category == "LOCATION" and (grown := _caps_surname_forename(text, e, out[i - 1].end if i else 0)):
            out[i] = e = grown  # "PEMBERTON-LOWE, Ivor": a forename taken for a place
        if e.category != "PERSON":
            continue
        s, t = e.start, e.end
        lo = out[i - 1].end if i > 0 else 0
        hi = out[i + 1].start if i + 1 < len(out) else len(text)
        if s - 2 >= lo and _PREFIX_RX.search(text, max(0, s - 3), s):
            s -= 2
        span_words = text[e.start:e.end].split()
        s = _grow_left(text, s, lo, len(span_words))
        if 1 <= len(span_words) <= 2 and span_words[-1].lower() in forenames():
            m = _NEXT_RX.match(text, t)
            if m and m.end(1) <= hi and m.group(1).lower() not in _NOT_SURNAMES:
                t = m.end(1)
        if (s, t) != (e.start, e.end):
            out[i] = Entity(s, t, e.entity_type, e.category, e.score, e.source)
    return out


#: a capitalised word right after a span, its surname when it is no ordinary word ("Tamsin [Rookley] Act")
_SURNAME_AFTER_RX = re.compile(r" ([A-Z][a-z]+(?:['’][A-Z][a-z]+|-[A-Z][a-z]+)?)(?![\w'’-])")


def grow_surname(text: str, entities: list[Entity]) -> list[Entity]:
    """One-word person spans (often a forename propagated from elsewhere) grown over the capitalised
    word right after them when that word is not an everyday, role, heading or allowed word: the
    surname, which would otherwise stand beside the person's placeholder (attack9 F1,
    "[PERSON_1] Rookley Act").

    >>> t = "Tamsin Rookley Act; Ann Senior Nurse; Ann Ward"
    >>> es = [Entity(0, 6, "PERSON", "PERSON", 0.85, "second_pass"), Entity(20, 23, "PERSON", "PERSON", 0.85, "x"),
    ...       Entity(38, 41, "PERSON", "PERSON", 0.85, "x")]
    >>> [t[e.start:e.end] for e in grow_surname(t, es)]
    ['Tamsin Rookley', 'Ann', 'Ann']
    """
    from .recognizers.people.eponym import ordinary_word

    global _NOT_SURNAMES
    if not _NOT_SURNAMES:
        _NOT_SURNAMES = _not_surnames()
    out = list(entities)
    for i, e in enumerate(out):
        if e.category != "PERSON" or " " in text[e.start:e.end].strip():
            continue
        m = _SURNAME_AFTER_RX.match(text, e.end)
        hi = out[i + 1].start if i + 1 < len(out) else len(text)
        if not m or m.end(1) > hi:
            continue
        w = m.group(1)
        if w.lower() in _NOT_SURNAMES or w.lower() in _everyday() or ordinary_word(w):
            continue
        out[i] = Entity(e.start, m.end(1), e.entity_type, e.category, e.score, e.source)
    return out


__all__ = ["complete_person_edges", "grow_surname"]
