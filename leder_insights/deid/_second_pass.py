"""Second pass over one document: once a name or organisation is found, find its other mentions.

A person found as "Karen Smith" makes every other "Karen", "Smith", "SMITH", "Smith's" and
"Smiths" (the span is the name part, without the possessive) identifiers too, and so are
misspellings at edit distance 1 of name tokens of 5+ characters ("Smyth" for "Smith"). A name
token is matched in lower case only as a one-off slip: written in lower case twice or more in the
text, it is an ordinary word there ("quarry" of "Kellow Quarry"). An
organisation found once ("Vancouver House") is found again wherever the full name recurs, in
any case. Only capitalised words are matched.

>>> from leder_insights.deid._entities import Entity
>>> text = "Karen Smith attended. Later SMITH's notes and Karens bag; Mrs Smyth came."
>>> found = [Entity(0, 11, "PERSON", "PERSON", 0.85, "spacy")]
>>> [text[e.start:e.end] for e in propagate(text, found)]
['SMITH', 'Karen', 'Smyth']
"""
from __future__ import annotations

import re
from typing import Iterable, Optional, Sequence

from ._entities import Entity
from ._tokens import count_whole
from ._wordlists import words

_ACRONYM_AFTER = re.compile(r"['’]?s?\s*\(([A-Z][A-Za-z]{1,7}[A-Z])\)")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
#: tokens never propagated on their own (titles, function words, generic name parts)
STOP_TOKENS = words("stop_tokens")
#: names that are also everyday words: never matched when written in lower case
COMMON_WORD_NAMES = words("common_word_names")
_PROPAGATE_CATEGORIES = frozenset({"PERSON", "ORGANIZATION"})
#: single words these recognizers call names are not trusted in lower case ("known as 'Location 5'")
_WEAK_SOURCES = frozenset({"person_role", "person_context", "second_pass"})
#: a company's legal form, which a second mention often leaves out
_LEGAL_SUFFIX = re.compile(r",?\s+(?:Ltd\.?|Limited|plc|PLC|LLP|CIC|Group)$")


def org_name_stem(name: str) -> Optional[str]:
    """A company's name without its legal form, when that still names it ("Orbis Scan Imaging").

    >>> org_name_stem("Orbis Scan Imaging Ltd"), org_name_stem("Acme Ltd"), org_name_stem("Leeds Hospital")
    ('Orbis Scan Imaging', None, None)
    """
    stem = _LEGAL_SUFFIX.sub("", name)
    return stem if stem != name and len(stem) >= 6 and " " in stem else None
_MAX_SOURCE_TOKENS = 6
#: endings of English nouns and adjectives ("institution", "observation", "assessment"): such a word in
#: lower case is the word, not a misspelt name, even when a misread entity contained it
_ENGLISH_SUFFIX = re.compile(r"(?:tion|sion|ment|ness|ity|ance|ence|ship|ology|ism|ist|ical|ious|eous|ative|"
                             r"ible|able|ular|ency|ancy|ward|wards|hood|less|ful)$")


def looks_like_english_word(low: str) -> bool:
    """Whether a lower-case word ends like an English noun/adjective and is not a known name.

    >>> looks_like_english_word("institution"), looks_like_english_word("karen")
    (True, False)
    """
    if not _ENGLISH_SUFFIX.search(low):
        return False
    from .recognizers.people.name_gazetteer import name_set

    return low not in name_set()


def _strip_possessive(word: str) -> str:
    if len(word) > 2 and word[-2] in "'’" and word[-1] in "sS":
        return word[:-2]
    if len(word) > 1 and word[-1] in "'’":
        return word[:-1]
    return word


def within_one_edit(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by at most one insertion, deletion or substitution.

    >>> within_one_edit("smith", "smyth"), within_one_edit("smith", "smiths"), within_one_edit("ab", "ba")
    (True, True, False)
    """
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la > lb:
        a, b, la, lb = b, a, lb, la
    i = 0
    while i < la and a[i] == b[i]:
        i += 1
    if la == lb:
        return a[i + 1:] == b[i + 1:]
    return a[i:] == b[i + 1:]


def _name_tokens(text: str, entities: Iterable[Entity]) -> dict[str, Entity]:
    """Lower-cased name tokens of found people -> the entity they came from."""
    tokens: dict[str, Entity] = {}
    for e in entities:
        if e.category != "PERSON":
            continue
        words = [_strip_possessive(m.group()) for m in _WORD.finditer(text, e.start, e.end)]
        if len(words) > _MAX_SOURCE_TOKENS:
            continue
        for w in words:
            parts = [w] + (w.split("-") if "-" in w else [])
            for p in parts:
                if len(p) >= 2 and p[0].isupper() and p.lower() not in STOP_TOKENS:
                    tokens.setdefault(p.lower(), e)
    return tokens


_LONE_INITIAL_VERBS = words("lone_initial_verbs")
_LONE_INITIAL_LABELS = words("lone_initial_label_words")
#: one capital letter on its own (not "A" or "I", which are words), possessive or before a verb
_LONE_LETTER_RX = re.compile(r"(?<![\w.&/’'-])([B-HJ-Z])(?:(['’]s)|(?=\s+([a-z]+)\b))(?![\w.&/-])")
_WORD_BEFORE_RX = re.compile(r"([^\W\d_]+)\s+$")
_COUNT_BEFORE_RX = re.compile(r"\d\s*$")


def lone_initials(text: str, entities: Sequence[Entity]) -> list[Entity]:
    """A single letter that stands for a person: ``B was born``, ``B's mother``.

    A letter (not A or I) before a verb only a person takes, or with a possessive, and not after a
    capitalised word or a label word ("Ward B was", "Resident C had", "vitamin D was" are labels),
    is a person when the text uses it so twice or more, or when it is the initial of a person found
    in the text ("Boycie ... B was born"). Found spans (source ``lone_initial``) are not added
    where something was already found.

    >>> t = "B was born early. At birth B was unwell. Ward C was full; vitamin D was low."
    >>> [t[e.start:e.end] for e in lone_initials(t, [])]
    ['B', 'B']
    >>> t = "Mia Lowe was 3. M had a fever."
    >>> [t[e.start:e.end] for e in lone_initials(t, [Entity(0, 8, "PERSON", "PERSON", 0.85, "spacy")])]
    ['M']
    """
    slots: dict[str, list[int]] = {}
    for m in _LONE_LETTER_RX.finditer(text):
        if m.group(3) is not None and m.group(3) not in _LONE_INITIAL_VERBS:
            continue
        before = _WORD_BEFORE_RX.search(text, max(0, m.start() - 30), m.start())
        if before and (before.group(1)[0].isupper() or before.group(1) in _LONE_INITIAL_LABELS):
            continue
        if _COUNT_BEFORE_RX.search(text, max(0, m.start() - 4), m.start()):
            continue  # "the 4 H's and 4 T's": letters counted, not a person
        slots.setdefault(m.group(1), []).append(m.start(1))
    if not slots:
        return []
    initials = {w[0] for e in entities if e.category == "PERSON"
                for w in _WORD.findall(text, e.start, e.end) if w[0].isupper()}
    taken = [(e.start, e.end) for e in entities]
    out = []
    for letter, starts in slots.items():
        if len(starts) < 2 and letter not in initials:
            continue
        for s in starts:
            if not any(a < s + 1 and s < b for a, b in taken):
                out.append(Entity(s, s + 1, "NAME_INITIALS", "PERSON", 0.5, "lone_initial"))
    return out


def propagate(text: str, entities: Sequence[Entity], fuzzy_min_len: int = 5,
              override_ner: bool = True) -> list[Entity]:
    """New entities for other mentions of names/organisations in ``entities`` (none duplicated).

    Parameters
    ----------
    text : str
    entities : sequence of Entity
        What the recognizers found in ``text`` (already above the score threshold).
    fuzzy_min_len : int
        Tokens at least this long also match at edit distance 1.
    override_ner : bool
        Also propose spans that overlap spaCy's entities (the caller resolves overlaps).
    """
    # spaCy's own guesses may be overridden (e.g. "SMITH" tagged ORG when Smith is a person found
    # elsewhere); the engine's overlap resolution then prefers the person by category precedence
    taken = [(e.start, e.end) for e in entities if not (override_ner and e.source == "spacy")]
    same_cat = [(e.start, e.end, e.category) for e in entities]
    found: list[Entity] = []

    def _free(s: int, t: int) -> bool:
        return not any(a < t and s < b for a, b in taken)

    def _add(s: int, t: int, src: Entity):
        inside = any(a <= s and t <= b and c == src.category for a, b, c in same_cat)
        if s < t and not inside and _free(s, t):
            found.append(Entity(s, t, src.entity_type, src.category, src.score,
                                "lone_initial" if src.source == "lone_initial" else "second_pass"))
            taken.append((s, t))

    # 1) full strings of names and organisations, any case; an acronym defined right after an
    #    organisation ("Milton Keynes University Hospital (MKUH)") is that organisation too
    fulls: dict = {}
    for e in entities:
        if e.category in _PROPAGATE_CATEGORIES and e.end - e.start >= 4:
            fulls.setdefault(text[e.start:e.end].lower(), e)
            stem = org_name_stem(text[e.start:e.end]) if e.category == "ORGANIZATION" else None
            if stem:
                fulls.setdefault(stem.lower(), e)
        if e.category == "ORGANIZATION":
            m = _ACRONYM_AFTER.match(text, e.end)
            if m:
                _add(m.start(1), m.end(1), e)
                acr = m.group(1)
                for a in re.finditer(r"(?<![\w-])" + re.escape(acr) + r"(?![\w-])", text):
                    _add(a.start(), a.end(), e)
    for key, src in sorted(fulls.items(), key=lambda kv: -len(kv[0])):
        rx = re.compile(r"(?<!\w)" + re.escape(key).replace(r"\ ", r"\s+") + r"(?!\w)", re.IGNORECASE)
        for m in rx.finditer(text):
            if m.group().islower() and not text[src.start:src.end].islower():
                continue  # "care" is not "Care" (an organisation found as one capitalised word)
            _add(m.start(), m.end(), src)

    # 2) a single letter standing for a person ("B was born")
    for e in lone_initials(text, entities):
        _add(e.start, e.end, e)
    # 3) single name tokens of people: exact (any case), possessive, fuzzy
    tokens = _name_tokens(text, entities)
    if not tokens:
        return found
    from ._nicknames import name_variants
    from .recognizers.people.context_name import common_words, in_person_slot

    everyday = common_words()
    fuzzy = [t for t in tokens if len(t) >= fuzzy_min_len]
    # other forms of a found forename ("Kimmy", "Kim" for Kimberley), matched only capitalised
    variants: dict[str, Entity] = {}
    for t, src in tokens.items():
        for v in name_variants(t):
            if v not in tokens:
                variants.setdefault(v, src)
    for m in _WORD.finditer(text):
        word = m.group()
        base = _strip_possessive(word) if word[-1] in "sS'’" else word
        low = base.lower()
        if not word[0].isupper():  # a lower-cased name ("karen") only when it is not a word
            src = tokens.get(low)
            if src is not None and len(low) >= 4 and low not in everyday and not looks_like_english_word(low):
                # written in lower case more than once, or found by a weak guess, it needs a person's
                # place in the sentence ("Dr Shah saw shabana", "reported that shabana had"); a name
                # that is also a word ("carol") needs a verb that takes a person right before it
                if low in COMMON_WORD_NAMES:
                    if in_person_slot(text, m.start(), m.start() + len(base), "strict"):
                        _add(m.start(), m.start() + len(base), src)
                    continue
                once = count_whole(text, low) < 2
                slot = in_person_slot(text, m.start(), m.start() + len(base), "any" if once else "verb")
                if (once or slot) and \
                        (src.source not in _WEAK_SOURCES or " " in text[src.start:src.end].strip() or slot):
                    _add(m.start(), m.start() + len(base), src)
            continue
        src = tokens.get(low) or variants.get(low)
        if src is None and "-" in base.strip("-"):  # "Taylor-Smith" when "Taylor" was found
            parts = base.strip("-").split("-")
            if all(p[:1].isupper() for p in parts):
                src = next((tokens[p.lower()] for p in parts if p.lower() in tokens), None)
        if src is None and low.endswith("s") and low[:-1] in tokens:  # possessive without apostrophe
            base, src = base[:-1], tokens[low[:-1]]
        if src is None and len(low) >= fuzzy_min_len and low not in STOP_TOKENS:
            n = len(low)
            src = next((tokens[t] for t in fuzzy if abs(len(t) - n) <= 1 and within_one_edit(low, t)), None)
        if src is not None:
            _add(m.start(), m.start() + len(base), src)
    return found


__all__ = ["propagate", "lone_initials", "within_one_edit", "STOP_TOKENS", "looks_like_english_word"]
