"""Span heuristics of the detector: trimming, overlap resolution, people relabelled and extended, and
spans of the normalised text moved back onto the original.

>>> t = "(Dr Patel's)"
>>> e = trim_entity(t, Entity(0, len(t), "PERSON", "PERSON", 0.85, "spacy"))
>>> t[e.start:e.end]
'Patel'
"""
from __future__ import annotations

import re
from typing import Iterable, Optional

from ._allow_list import AllowList
from ._entities import CATEGORY_PRECEDENCE, Entity
from ._normalise import Normalised
from ._second_pass import STOP_TOKENS
from ._wordlists import words

_TITLE_RX = re.compile(r"^(?:(?:Dr|Doctor|Mr|Mrs|Ms|Miss|Mx|Master|Prof|Professor|Nurse|Sister|Matron|Rev|"
                       r"Reverend|Sir|Dame|Lady|Lord|Cllr|Councillor|Coroner|Judge)\.?\s+)+")
_LEAD_RX = re.compile(r"^(?:the|a|an)\s+")
_LEAD_PUNCT = " \t\r\n\"'“‘([{<*-–•"
_TRAIL_PUNCT = " \t\r\n\"”’)]}>.,;:!?*-–"
_ROLE_TOKENS = words("role_tokens")
_LOW_TIER = frozenset({"spacy", "second_pass", "person_gazetteer", "uk_place",
                       "person_context"})
_INNER_POSSESSIVE_RX = re.compile(r"['’`]s\s+(?=\S)")
_TRAIL_JOINER_RX = re.compile(r"(?:\s+(?:and|or|on|of|the|in|at|upon|to|&))+$")
#: text just before a sentence's first word
SENTENCE_START_RX = re.compile(r"(?:^|[.!?:;\n•·]\s*|\n\s*[-–•*]?\s*|\s[-–]\s|\d[.)]\s*)$")
_PRECEDENCE = {c: i for i, c in enumerate(CATEGORY_PRECEDENCE)}


def gazetteer() -> frozenset:
    from .recognizers.people.name_gazetteer import name_set

    return name_set()


def common_words() -> frozenset:
    from .recognizers.people.context_name import common_words

    return common_words()


def trim_entity(text: str, e: Entity) -> Optional[Entity]:
    """Trim punctuation, leading titles/articles and possessive ``'s``; ``None`` if nothing is left.

    >>> t = "(Dr Patel's)"
    >>> e = trim_entity(t, Entity(0, len(t), "PERSON", "PERSON", 0.85, "spacy"))
    >>> t[e.start:e.end]
    'Patel'
    """
    s, t = e.start, e.end
    if t - s > 2 and text[s] == "(" and text[t - 1] == ")":
        s, t = s + 1, t - 1
    while s < t and text[s] in _LEAD_PUNCT and not (text[s] == "(" and ")" in text[s:t]):
        s += 1
    while t > s and text[t - 1] in _TRAIL_PUNCT and not (text[t - 1] == ")" and "(" in text[s:t]):
        t -= 1
    if e.category in ("PERSON", "LOCATION", "ORGANIZATION"):
        span = text[s:t]
        lead = _LEAD_RX.match(span)
        if lead:
            s += lead.end()
        if e.category == "PERSON":
            m = _TITLE_RX.match(text[s:t])
            if m and m.end() < t - s:
                s += m.end()
        tail = _TRAIL_JOINER_RX.search(text, s, t)
        if tail and tail.start() > s:
            t = tail.start()
        if e.category == "PERSON" and e.source == "spacy":
            inner = _INNER_POSSESSIVE_RX.search(text, s, t)
            if inner and inner.start() > s:
                t = inner.start()  # "Farida’s GP": the name ends at its possessive
        span = text[s:t]
        if len(span) > 2 and span[-2] in "'’`" and span[-1] == "s":
            t -= 2
        while t > s and text[t - 1] in _TRAIL_PUNCT:
            t -= 1
        if t - s > 1 and text[t - 1] == "'" and s > 0 and text[s - 1] == "'" and "'" not in text[s:t - 1]:
            t -= 1  # "advocate 'Ann Lee'": the closing quote of a quoted name stays outside the mask
    if t <= s or not any(ch.isalnum() for ch in text[s:t]):
        return None
    if (s, t) == (e.start, e.end):
        return e
    return Entity(s, t, e.entity_type, e.category, e.score, e.source)


def _name_like_extension(text: Optional[str], k: Entity, e: Entity) -> bool:
    """Whether the part of ``e`` outside ``k`` is made of name-like words (no "She", "NHS")."""
    if text is None:
        return True
    extra = text[min(e.start, k.start):k.start] + " " + text[k.end:max(e.end, k.end)]
    words = extra.replace(".", " ").split()
    return all(w[:1].isupper() and w.lower().strip("'’s") not in STOP_TOKENS and
               w.lower() not in _ROLE_TOKENS for w in words)


def resolve_overlaps(entities: Iterable[Entity], text: Optional[str] = None) -> list[Entity]:
    """Non-overlapping entities: our recognizers before spaCy/second-pass guesses, then longer
    first, then category precedence, then higher score.

    >>> a = Entity(0, 25, "HOSPITAL", "ORGANIZATION", 0.65, "hospital")
    >>> b = Entity(0, 9, "LOCATION", "LOCATION", 0.85, "spacy")
    >>> [x.entity_type for x in resolve_overlaps([b, a])]
    ['HOSPITAL']
    """
    ranked = sorted(entities, key=lambda e: (e.source in _LOW_TIER, -(e.end - e.start),
                                             _PRECEDENCE.get(e.category, 99), -e.score, e.start))
    kept: list[Entity] = []
    for e in ranked:
        hits = [i for i, k in enumerate(kept) if e.start < k.end and k.start < e.end]
        if not hits:
            kept.append(e)
        elif len(hits) == 1 and e.category == "PERSON" == kept[hits[0]].category and \
                _name_like_extension(text, kept[hits[0]], e):
            # "Vikram" (gazetteer) + "Vikram UDDIN" (NER): one person, keep the union
            k = kept[hits[0]]
            s, t = min(k.start, e.start), max(k.end, e.end)
            if all(t <= o.start or s >= o.end for i, o in enumerate(kept) if i != hits[0]):
                kept[hits[0]] = Entity(s, t, k.entity_type, k.category, max(k.score, e.score), k.source)
    return sorted(kept, key=lambda e: (e.start, e.end))


#: a name word after a space, or after a slash with none ("Sam Oak/Ash": two surnames)
_NEXT_WORD_RX = re.compile(r"(?:[ \u00a0]|/(?=[A-Z][a-z]))([A-Z][\w'’-]*[^\W\d_])")
_PREV_WORD_RX = re.compile(r"([A-Z][\w'’-]*[^\W\d_])(?:[ \u00a0]|(?<=[a-z])/)$")


def _name_part(word: str, allow_list: AllowList) -> bool:
    caps_surname = len(word) > 2 and word.isupper()  # "Shirley SHARP"
    return ((caps_surname or (word.lower() not in common_words() and word.lower() not in STOP_TOKENS))
            and not allow_list.is_allowed_text(word) and not _TITLE_RX.match(word + " "))


_DEATH_OF_RX = re.compile(r"(?:\bdeath|\bdeaths|\bdied|\bknown|\bnamed|\bcalled)\s+(?:of\s+|as\s+)?$",
                          re.IGNORECASE)
_ORG_WORDS = words("org_words")


def _forename_then_person_verb(text: str, e: Entity, words: list) -> bool:
    """"Rowena Staunton lived at home" tagged ORG: two or three name words, the first a known forename,
    where a person stands (before a person's verb or right after a verb that takes a person)."""
    if not 2 <= len(words) <= 3:
        return False
    from .recognizers.people.context_name import in_person_slot
    from .recognizers.people.name_gazetteer import forenames

    return words[0].lower() in forenames() and in_person_slot(text, e.start, e.end, "verb")


#: a name and a possessive opening a span ("Eifion’s GP")
_POSSESSOR_RX = re.compile(r"([A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)['’]s\s+\S")


def _is_person_word(name: str, people: set) -> bool:
    """Whether ``name`` (before a possessive) is a person found in the text or a listed forename,
    and not a place ("Oakby’s hospital" stays an organisation)."""
    from .recognizers.people.name_gazetteer import forenames
    from .recognizers.uk.place_gazetteer import place_index

    first = name.split()[0].split("-")[0].lower()
    return name not in place_index()[1] and (name.split()[0].lower() in people or first in forenames())


def relabel_people(text: str, entities: list[Entity]) -> list[Entity]:
    """Turn spaCy's ORGANIZATION/LOCATION guesses into PERSON when they are people's names.

    A span made only of capitalised name words (no "Hospital", "Trust", ...) is a person when it
    follows "death of" / "known as", when one of its words is a person found elsewhere in the
    text ("Kyron Marcus" tagged ORG, "Kyron" tagged PERSON), or when it starts with a known forename
    and stands where a person does ("Rowena Staunton lived at home"). A span that opens with a
    person's name and a possessive ("Eifion’s GP") becomes that person.

    >>> t = "the death of Ocean-Leigh Hayes. Ocean had been asleep."
    >>> e = Entity(13, 30, "ORGANIZATION", "ORGANIZATION", 0.85, "spacy")
    >>> [x.category for x in relabel_people(t, [e])]
    ['PERSON']
    >>> t = "Rowena’s GP referred her."
    >>> [(t[x.start:x.end], x.category) for x in relabel_people(t, [Entity(0, 11, "ORGANIZATION", "ORGANIZATION", 0.85, "spacy")])]
    [('Rowena', 'PERSON')]
    """
    people = {w.lower() for e in entities if e.category == "PERSON"
              for w in re.findall(r"[^\W\d_][\w'’-]+", text[e.start:e.end])}
    out = []
    for e in entities:
        owner = _POSSESSOR_RX.match(text, e.start, e.end) if e.source == "spacy" and \
            e.category in ("ORGANIZATION", "LOCATION") else None
        if owner and _is_person_word(owner.group(1), people):
            # "Eifion’s GP", "Kingsley’s INR": the person whose GP or result it is, not a body
            e = Entity(e.start, owner.end(1), "PERSON", "PERSON", e.score, e.source)
        elif e.source == "spacy" and e.category in ("ORGANIZATION", "LOCATION"):
            words = re.findall(r"[^\W\d_][\w'’-]*", text[e.start:e.end])
            name_like = 1 <= len(words) <= 5 and all(w[0].isupper() for w in words) and \
                not any(w.lower().strip("'’s") in _ORG_WORDS for w in words)
            if name_like and (_DEATH_OF_RX.search(text, max(0, e.start - 30), e.start)
                              or (len(words) > 1 and any(w.lower() in people for w in words))
                              or _forename_then_person_verb(text, e, words)):
                e = Entity(e.start, e.end, "PERSON", "PERSON", e.score, e.source)
        out.append(e)
    return out


def extend_people(text: str, entities: list[Entity], allow_list: AllowList, max_words: int = 2
                  ) -> list[Entity]:
    """Grow person spans over adjacent capitalised name-like words ("Reginal [Victor Smith]").

    >>> from leder_insights.deid._allow_list import load_allow_list
    >>> t = "the death of Reginal Victor Smith, born"
    >>> (e,) = extend_people(t, [Entity(21, 33, "PERSON", "PERSON", 0.85, "spacy")], load_allow_list())
    >>> t[e.start:e.end]
    'Reginal Victor Smith'
    >>> t = "the death of Sam Oakley/Ashdown, aged 6"
    >>> (e,) = extend_people(t, [Entity(13, 23, "PERSON", "PERSON", 0.85, "spacy")], load_allow_list())
    >>> t[e.start:e.end]
    'Sam Oakley/Ashdown'
    """
    out = list(entities)
    for i, e in enumerate(out):
        if e.category != "PERSON":
            continue
        s, t = e.start, e.end
        lo = out[i - 1].end if i > 0 else 0
        hi = out[i + 1].start if i + 1 < len(out) else len(text)
        for _ in range(max_words):
            m = _NEXT_WORD_RX.match(text, t)
            if not m or m.end() > hi or not _name_part(m.group(1), allow_list):
                break
            t = m.end()
        for _ in range(max_words):
            m = _PREV_WORD_RX.search(text, max(lo, s - 40), s)
            if not m or m.start() < lo or not _name_part(m.group(1), allow_list) or \
                    SENTENCE_START_RX.search(text[max(0, m.start() - 4):m.start()]) is not None:
                break
            s = m.start()
        if (s, t) != (e.start, e.end):
            out[i] = Entity(s, t, e.entity_type, e.category, e.score, e.source)
    return out


def to_original(norm: Normalised, entities: list[Entity]) -> list[Entity]:
    """Entities found in ``norm.text`` moved onto the original text's characters."""
    if norm.identity:
        return entities
    out = []
    for e in entities:
        s, t = norm.to_original(e.start, e.end)
        if t > s:
            out.append(Entity(s, t, e.entity_type, e.category, e.score, e.source))
    return out


__all__ = ["trim_entity", "resolve_overlaps", "relabel_people", "extend_people", "to_original",
           "SENTENCE_START_RX", "gazetteer", "common_words"]
