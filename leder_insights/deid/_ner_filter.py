"""What is kept of a Presidio result: the NER filter (spaCy guesses that are numbers, conditions,
everyday words or generic bodies are dropped; spans cut at a sentence end) and the category mapping.

>>> from presidio_analyzer import RecognizerResult
>>> meta = {"recognizer_name": "spacy"}
>>> t = "He had Post Traumatic Stress Disorder."
>>> keep_result(t, RecognizerResult("PERSON", 7, 37, 0.85, recognition_metadata=meta), 0.35) is None
True
"""
from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Optional

from ..errors import ConfigError, Errors
from ._entities import Entity, category_of
from ._presidio import src_is_ner
from ._second_pass import looks_like_english_word
from ._spans import SENTENCE_START_RX, common_words, gazetteer, trim_entity
from ._tokens import count_whole
from ._wordlists import words

_MONTH_RX = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b")
_DIGIT_RX = re.compile(r"\d")
_NER_CUT_RX = re.compile(r"\n|\s[-–—]\s|:\s|\s\(|(?<!\bSt)(?<!\bDr|\bMr|\bMs|\bMt|\bJr|\bSr)(?<!\bMrs)(?<!\b[A-Z])"
                         r"\.\s+(?=[A-Z])")  # a sentence ends inside the span
#: last words that mark a spaCy PERSON/ORG/LOCATION span as a condition, document or generic body
GENERIC_HEADS = words("generic_heads")
_LIST_MARKER_RX = re.compile(r"^(?:[a-z]|[ivx]+|\d+)[.)]\s+")
_LEAD_ROMAN_RX = re.compile(r"^(?:[IVX]+|\d[a-z]?)[\s.)]+(?=[A-Z])")
_ROMAN_RX = re.compile(r"^(?:[IVXLC]+|[ivx]+)(?:[\s().,]+(?:[IVXLC]+|[a-z]))*$")
#: word endings of conditions and procedures ("Bronchitis", "Bronchopneumonia", "Cholecystectomy")
_MEDICAL_WORD_RX = re.compile(r"(?:itis|osis|aemia|emia|pneumonia|opathy|ectomy|otomy|ostomy|plasty|"
                              r"algia|penia|uria|plegia|trophy|scopy|[a-z]{3}oma|plasia|esia|oxia)$")


_ORG_TAIL_ROLES = words("org_tail_roles")
_ORG_WORDS = words("org_words")
_TOKEN_END_RX = re.compile(r"\s*\S+$")


def _org_end(text: str, start: int, end: int) -> int:
    """Where a spaCy organisation really ends: role nouns ("... Police Officers") and lower-case
    words that are no part of a service's name ("Inquest of a paternal") are cut from its end.

    >>> t = "seen by Metropolitan Police Officers today"
    >>> t[8:_org_end(t, 8, 36)]
    'Metropolitan Police'
    """
    while True:
        while end > start and text[end - 1].isspace():
            end -= 1
        m = _TOKEN_END_RX.search(text, start, end)
        if m is None or m.start() <= start:
            return end
        word = text[m.start():end].strip().strip(".,;:'’")
        low = word.lower()
        if low in _ORG_TAIL_ROLES or (word.islower() and low not in _ORG_WORDS):
            end = m.start()
            continue
        return end


_JOB_TITLE_WORDS = words("job_title_words")


def _title_end(text: str, start: int, end: int) -> int:
    """Where a spaCy span ends without the job-title words at its end ("Nurse Practitioners" is
    a role, "Ann Lowe Consultant" is "Ann Lowe"); ``start`` when nothing else is left.

    >>> t = "seen by Advanced Nurse Practitioners and Ann Lowe Consultant"
    >>> _title_end(t, 8, 36) == 8, t[41:_title_end(t, 41, 60)]
    (True, 'Ann Lowe')
    """
    while True:
        while end > start and text[end - 1].isspace():
            end -= 1
        m = _TOKEN_END_RX.search(text, start, end)
        if m is None:
            return end
        low = text[m.start():end].strip().strip(".,;:'’").lower()
        if low in _JOB_TITLE_WORDS or (low.endswith("s") and low[:-1] in _JOB_TITLE_WORDS):
            end = max(m.start(), start)
            if end == start:
                return start
            continue
        return end


def keep_result(text: str, r, score_threshold: float) -> Optional[Entity]:
    """The entity to keep for Presidio result ``r`` in ``text`` (``None`` when it is dropped)."""
    if r.score < score_threshold:
        return None
    cat = category_of(r.entity_type)
    if cat is None:
        return None
    if src_is_ner(r) and cat in ("PERSON", "ORGANIZATION", "LOCATION") and \
            _DIGIT_RX.search(text, r.start, r.end):
        return None  # "5ml Oramorph", "Ward 7": not a name
    if r.entity_type == "DATE_TIME":  # spaCy dates: only specific ones (a month and a number)
        span = text[r.start:r.end]
        if not (_MONTH_RX.search(span) and re.search(r"\d", span)):
            return None
    src = (r.recognition_metadata or {}).get("recognizer_name", "?")
    start, end = r.start, r.end
    if src == "spacy":
        cut = _NER_CUT_RX.search(text, start, end)
        if cut:
            end = cut.start()
        span = text[start:end]
        if (not any(c.isupper() for c in span) or not re.search(r"[^\W\d_]{2}", span)
                or _ROMAN_RX.match(span.strip())):
            return None
        lead = _LEAD_ROMAN_RX.match(span) or _LIST_MARKER_RX.match(span)
        if lead:
            start += lead.end()
        if cat == "ORGANIZATION":
            end = _org_end(text, start, end)
        end = _title_end(text, start, end)
        toks = text[start:end].split()
        last = toks[-1].lower().strip(".,;:'’") if toks else ""
        if not toks or last in GENERIC_HEADS:
            return None  # "Post Traumatic Stress Disorder", "The Patient Safety Review"
        if len(toks) > 1 and _MEDICAL_WORD_RX.search(last) and last not in gazetteer():
            return None  # "Hypoxic Ischaemic Encephalopathy", "Follicular Lymphoma": a condition
        single_word = toks[0].lower().strip(".,;:'’") if len(toks) == 1 else None
        if single_word and single_word not in gazetteer() and (
                _MEDICAL_WORD_RX.search(single_word) or single_word in common_words()
                or looks_like_english_word(single_word)):
            return None  # "Bronchopneumonia", "City": a condition or an everyday word
        if len(toks) == 1 and toks[0].lower() not in gazetteer() and count_whole(text, toks[0].lower()):
            return None  # "Suicide" when "suicide" is also written: an ordinary word
        single = " " not in text[start:end].strip()
        if single and SENTENCE_START_RX.search(text[max(0, start - 4):start]) is not None and (
                cat != "PERSON" or text[start:end].lower() not in gazetteer()):
            return None  # "Outpatient appointment", "Crackles heard": a capitalised common word
        if single and cat == "ORGANIZATION" and not text[start:end].isupper():
            return None  # "Good", "Providers": a local service is named in more than one word
    return trim_entity(text, Entity(start, end, r.entity_type, cat, float(r.score), src))


#: sources whose PERSON guesses are checked against the words of the text: the regex guesses from
#: context (not titles, initials or name lists, and not spaCy, which reads more than one word)
_GUESSING_SOURCES = frozenset({"person_context", "person_role"})
_WORD_RX = re.compile(r"[^\W\d_]+")
#: forenames that are everyday words ("Frank", "Hope"), left out of the name gazetteer
_WORD_NAMES = words("common_word_names")


def drop_ordinary_phrases(text: str, entities: list[Entity]) -> list[Entity]:
    """Drop guessed PERSON spans of two or more words, all of which the text also writes in lower case,
    and guessed ones whose last word ends like an English noun ("Resuscitation", "Prevention") or
    names a condition ("Aortic Aneurysm", "Arthritis").

    "Cardiac Disorder" taken for a name, in a text that also says "cardiac" and "disorder", is a
    phrase of the text, not a name; a span with a known forename or surname is kept ("Hope Green"
    with "we hope" elsewhere; "Frank"), a lone word is left to the recognizer's own check, and
    anything spaCy, a title, initials or a name list found is kept.

    >>> t = "FH: Cardiac Disorder (code). A cardiac history; a disorder of rhythm."
    >>> e = Entity(4, 20, "PERSON", "PERSON", 0.5, "person_context")
    >>> drop_ordinary_phrases(t, [e])
    []
    """
    out = []
    for e in entities:
        if e.category == "PERSON" and e.source in _GUESSING_SOURCES:
            words_ = _WORD_RX.findall(text, e.start, e.end)
            last = words_[-1].lower() if words_ else ""
            if last and (looks_like_english_word(last) or (last not in gazetteer() and (
                    last in GENERIC_HEADS or _MEDICAL_WORD_RX.search(last)))):
                continue  # "Cardio Pulmonary Resuscitation was started", "Aortic Aneurysm was": not a name
            if len(words_) >= 2 and all(w[0].isupper() for w in words_) and \
                    not any(w.lower() in gazetteer() or w.lower() in _WORD_NAMES for w in words_) and \
                    all(count_whole(text, w.lower()) for w in words_):
                continue
        out.append(e)
    return out


GENERIC_WORDS_PATH = Path(__file__).parent / "conf" / "generic_words.txt"
#: sources whose spans are taken from the words alone: spaCy's guesses, the regex guesses from
#: context and the care patterns ("X Unit", "X Trust"); a title, initials or a name list is evidence
#: of its own, so a PERSON found after "Mrs" is kept even when the name is an everyday word
_WORD_ONLY_SOURCES = frozenset({"spacy", "person_context", "person_role", "hospital", "nhs_trust",
                                "care_home", "gp_practice", "council", "care_provider", "public_service",
                                "lower_case_org"})
_GENERIC_WORD_RX = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|&")
_TITLE_BEFORE_RX = re.compile(r"\b(?:" + "|".join(sorted(words("titles"), key=lambda w: (-len(w), w))) +
                              r")\.?\s+$", re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def generic_words() -> frozenset:
    """Lower-case words that say what kind of service, body, document or condition something is
    (``deid/conf/generic_words.txt``), less any known name or place.

    >>> "nursing" in generic_words(), "keats" in generic_words()
    (True, False)
    """
    from .recognizers.uk.place_gazetteer import place_index

    try:
        listed = {w.strip().lower() for w in GENERIC_WORDS_PATH.read_text(encoding="utf-8").splitlines()}
    except OSError as exc:
        raise ConfigError(Errors.E001, path=GENERIC_WORDS_PATH, reason=exc) from exc
    listed = {w for w in listed if w and not w.startswith("#")}
    listed |= _JOB_TITLE_WORDS | {w + "s" for w in _JOB_TITLE_WORDS}
    places = {name.lower() for name in place_index()[1] if " " not in name}  # one-word places
    return frozenset(listed - gazetteer() - _WORD_NAMES - places)


@functools.lru_cache(maxsize=1)
def _generic_person_words() -> frozenset:
    """Generic words that are not also surnames ("Ward", "Day", "Small" can be a person's name)."""
    return generic_words() - (words("gazetteer_excluded") - _JOINING)


def is_generic_phrase(span: str, allowed=None, person: bool = False) -> bool:
    """Whether every word of ``span`` is a generic word (possessive ``'s`` aside) or, with an
    allow-list ``allowed``, a term it allows (a national body's acronym: "HSE Information Sheet").
    For a ``person``, words that are also names (``gazetteer_excluded`` of words.yaml) are not generic.

    >>> is_generic_phrase("Falls Review Panel"), is_generic_phrase("Keats Ward"), is_generic_phrase("Ward 7")
    (True, False, False)
    >>> is_generic_phrase("Stroke Ward"), is_generic_phrase("Stroke Ward", person=True)
    (True, False)
    """
    if _DIGIT_RX.search(span):
        return False  # "Ward 7", a postcode: a number makes it particular
    found = _GENERIC_WORD_RX.findall(span)
    vocab = _generic_person_words() if person else generic_words()
    return bool(found) and all(
        w.lower().removesuffix("’s").removesuffix("'s") in vocab
        or (allowed is not None and w.isupper() and len(w) > 1 and allowed.is_allowed_text(w)) for w in found)


def _is_job_title(span: str) -> bool:
    """Whether every word of ``span`` is a job-title word ("Nurse Practitioners" after "Advanced").

    >>> _is_job_title("Practitioners"), _is_job_title("Young")
    (True, False)
    """
    found = _GENERIC_WORD_RX.findall(span)
    return bool(found) and all(w.lower() in _JOB_TITLE_WORDS or w.lower()[:-1] in _JOB_TITLE_WORDS and
                               w.lower().endswith("s") for w in found)


#: an acronym defined in brackets right after capitalised words: "Visual Flight Rules (VFR)"
_DEFINED_ACRONYM_RX = re.compile(r"((?:(?:[A-Z][\w’'-]*|&|and|of|for|the|in|on|to)\s+){1,8})"
                                 r"\(\s*[\"“'‘]?([A-Z]{2,8})(?:['’]?s)?[\"”'’]?\s*\)")
_JOINING = frozenset({"&", "and", "of", "for", "the", "in", "on", "to"})


def _defined_acronyms(text: str) -> list[tuple[str, int, int]]:
    """``(acronym, start, end)`` of each expansion the text gives for an acronym: the shortest
    run of words before the bracket whose capitalised words' initials spell it.

    >>> t = "He flew under Visual Flight Rules (VFR) near Oakfield General Hospital (OGH)."
    >>> [(a, t[s:e]) for a, s, e in _defined_acronyms(t)]
    [('VFR', 'Visual Flight Rules'), ('OGH', 'Oakfield General Hospital')]
    >>> t = "on Non-Invasive Ventilation (NIV)"
    >>> [(a, t[s:e]) for a, s, e in _defined_acronyms(t)]
    [('NIV', 'Non-Invasive Ventilation')]
    """
    out = []
    for m in _DEFINED_ACRONYM_RX.finditer(text):
        acronym = m.group(2)
        words_ = list(re.finditer(r"\S+", text[m.start(1):m.end(1)]))
        found = None
        for split in (False, True):  # "Tracheo-Oesophageal Fistula (TOF)": hyphen parts count too
            for i in range(len(words_) - 1, -1, -1):
                if words_[i].group() in _JOINING:
                    continue
                initials = "".join(p[0] for w in words_[i:] if w.group() not in _JOINING
                                   for p in (w.group().split("-") if split else [w.group()]) if p)
                if initials == acronym:
                    found = (acronym, m.start(1) + words_[i].start(), m.start(1) + words_[-1].end())
                if initials == acronym or len(initials) >= len(acronym):
                    break
            if found:
                out.append(found)
                break
    return out


_VEHICLE_MAKES = words("vehicle_makes")
_VEHICLE_SOURCES = _WORD_ONLY_SOURCES | {"second_pass", "propagated", "uk_place", "person_gazetteer"}
_MAKE_MODEL_RX = re.compile(r"(?<![\w-])([A-Z][\w-]*[A-Za-z]|VW|BMW|DAF)[ \u00a0]+([A-Z][\w-]*)")


def _vehicle_words(text: str) -> frozenset:
    """Lower-case makes and models the text writes as ``Make Model`` ("Vauxhall Corsa", "VW Golf"):
    a model that is a known name or place ("Vauxhall London") is not taken.

    >>> sorted(_vehicle_words("She drove a Vauxhall Corsa; the Corsa hit a Citroen Berlingo in Vauxhall London."))
    ['berlingo', 'citroen', 'corsa', 'vauxhall']
    """
    from .recognizers.uk.place_gazetteer import place_index

    out: set = set()
    for m in _MAKE_MODEL_RX.finditer(text):
        make, model = m.group(1).lower(), m.group(2)
        if make in _VEHICLE_MAKES and model.lower() not in gazetteer() and model not in place_index()[1] \
                and model.lower() not in _VEHICLE_MAKES:
            out.update((make, model.lower()))
    return frozenset(out)


def _is_vehicle(span: str, cars: frozenset) -> bool:
    """Every word of ``span`` is a make or model of ``cars``; a lone word that is also a known name
    ("Ford") stays a name (fail closed)."""
    found = _GENERIC_WORD_RX.findall(span)
    if len(found) == 1 and found[0].lower() in gazetteer():
        return False
    return bool(found) and all(w.lower() in cars for w in found)


_TERM_NOUNS = words("term_nouns")
_TERM_SOURCES = frozenset({"spacy", "second_pass"})
_CAPS_TOKEN_RX = re.compile(r"^[A-Z][A-Z&]{1,5}$")


def _term_acronyms(text: str, entities: list[Entity]) -> set:
    """Capitals-only words spaCy took for a name or body that the text also uses as the name of a
    term, test or system: right before a noun of ``term_nouns`` ("the XYZ protocol"), or before
    lower-case words that spell its end and name a kind of team ("the XHTT treatment team").

    >>> t = "The XYZ protocol asks; XYZ said no. Oakby NHS ABC staff came."
    >>> es = [Entity(4, 7, "ORGANIZATION", "ORGANIZATION", 0.85, "spacy"),
    ...       Entity(41, 44, "ORGANIZATION", "ORGANIZATION", 0.85, "spacy")]
    >>> sorted(_term_acronyms(t, es))
    ['XYZ']
    """
    out = set()
    for e in entities:
        word = text[e.start:e.end]
        if e.source not in _TERM_SOURCES or word in out or not _CAPS_TOKEN_RX.match(word):
            continue
        for m in re.finditer(r"(?<![\w&])" + re.escape(word) + r"((?:\s+[a-z]+){1,3})", text):
            after = m.group(1).split()
            if after[0] in _TERM_NOUNS or _spells_own_kind(word, after):
                out.add(word)
                break
    return out


_KIND_HEADS = frozenset({"team", "service", "unit"})


def _spells_own_kind(word: str, after: list) -> bool:
    """Whether the lower-case words after a capitals-only word spell its last letters and end in a
    kind of service: "the XHTT treatment team", an acronym for a kind of team, not a named one.

    >>> _spells_own_kind("XHTT", ["treatment", "team", "saw"]), _spells_own_kind("ABC", ["team"])
    (True, False)
    """
    for k in range(len(after), 1, -1):
        if after[k - 1] in _KIND_HEADS and word.endswith("".join(w[0] for w in after[:k]).upper()):
            return True
    return False


_LABEL_NOUNS = words("person_label_nouns")
_LABEL_NOUN_RX = "|".join(sorted(map(re.escape, _LABEL_NOUNS), key=lambda w: (-len(w), w)))
#: a label noun with a letter or a number standing for a person, on one line: "Child X", "Resident C"
_LABEL_USE_RX = re.compile(rf"(?i:\b({_LABEL_NOUN_RX}))[ \u00a0]+(?:[A-HJ-Z]|\d{{1,2}})(?![\w’'-])")
#: a guessed person that is only a label: "Child X", "Child x", "Child", "Patient 2"
_LABEL_SPAN_RX = re.compile(rf"(?i:({_LABEL_NOUN_RX}))(?:[ \u00a0]+(?:[A-Za-z]|\d{{1,2}}))?(?:['’]s)?")


def _person_labels(text: str) -> frozenset:
    """Label nouns (lower case) that the text uses with a letter or number for a person.

    >>> sorted(_person_labels("Child X was placed with Resident C; the child was 3."))
    ['child', 'resident']
    """
    return frozenset(m.group(1).lower() for m in _LABEL_USE_RX.finditer(text))


def _is_label_span(span: str, labels: frozenset) -> bool:
    """Whether ``span`` is one of the text's label nouns, alone or with its letter or number."""
    m = _LABEL_SPAN_RX.fullmatch(span)
    return m is not None and m.group(1).lower() in labels


#: an organisation guessed as "<Name>'s <thing>": the person's notes, INR or hospital, not a body
_POSSESSIVE_HEAD_RX = re.compile(r"([A-Z][a-z]+)['’]s\s+\S")
#: a hospital's short name, then a unit's acronym: "OGH CCU" ("CALDERSHIRE ICB" names a body whole)
_CAPS_TAIL_RX = re.compile(r"^([A-Z]{2,5})\s+([A-Z]{2,5})$")


def _org_heads_and_tails(text: str, entities: list[Entity], allowed) -> list[Entity]:
    """Organisation spans cut to what names the body: a unit's clinical acronym after the hospital's
    short name leaves ("[OGH] CCU", "[KLM] PED"; the acronym on the allow-list), and "<Name>'s X",
    where Name is a person found in the text, is that person ("[Sam]'s hospital notes").

    >>> t = "Sam was in OGH CCU, then Sam’s hospital notes were lost."
    >>> es = [Entity(0, 3, "PERSON", "PERSON", 0.85, "spacy"), Entity(11, 18, "ORGANIZATION", "ORGANIZATION", 0.85, "spacy"),
    ...       Entity(25, 39, "ORGANIZATION", "ORGANIZATION", 0.6, "lower_case_org")]
    >>> from leder_insights.deid._allow_list import load_allow_list
    >>> [(t[e.start:e.end], e.category) for e in _org_heads_and_tails(t, es, load_allow_list())]
    [('Sam', 'PERSON'), ('OGH', 'ORGANIZATION'), ('Sam', 'PERSON')]
    """
    people = {w for e in entities if e.category == "PERSON" for w in _WORD_RX.findall(text, e.start, e.end)}
    out = []
    for e in entities:
        if e.category == "ORGANIZATION" and e.source in _WORD_ONLY_SOURCES | {"second_pass"}:
            span = text[e.start:e.end]
            m = _POSSESSIVE_HEAD_RX.match(span)
            if m and m.group(1) in people:
                out.append(Entity(e.start, e.start + len(m.group(1)), "PERSON", "PERSON", e.score, e.source))
                continue
            m = _CAPS_TAIL_RX.match(span)
            if (m and allowed is not None and allowed.is_allowed_text(m.group(2))
                    and not allowed.is_allowed_text(m.group(1)) and len(m.group(1)) >= 2):
                out.append(Entity(e.start, e.start + len(m.group(1)), e.entity_type, e.category, e.score, e.source))
                continue
        out.append(e)
    return out


def drop_generic_names(text: str, entities: list[Entity], allowed=None) -> list[Entity]:
    """Drop organisations, people and places guessed from words alone whose words are all generic,
    and acronyms that the text defines by words no detector kept.

    A local service is named by a proper word (a place, a person, a made-up name: "Oakfield
    Nursing Home", "Keats Ward"); "the Nursing Home", "a Falls Review Panel", "the Surgical
    Assessment Unit" and "Lower Respiratory Tract" name none, whoever found them. A span after a
    title ("Mrs Young") is kept, unless it is a job title ("Advanced Nurse Practitioners"). An acronym spelt out in the text ("Visual Flight Rules (VFR)",
    "Small & Medium Enterprises (SMEs)") is an identifier only if its expansion is: when nothing
    found in the expansion is kept, the acronym is dropped wherever it was found in the text; so is
    a capitals-only word spaCy guessed that the text uses as a term ("the XYZ protocol"), and a guessed
    span made only of a vehicle's make and model the text writes ("a Vauxhall Corsa", "the Corsa").

    >>> t = "She moved to the Nursing Home, then Oakfield Nursing Home."
    >>> ents = [Entity(17, 29, "ORGANIZATION", "ORGANIZATION", 0.85, "spacy"),
    ...         Entity(36, 57, "ORGANIZATION", "ORGANIZATION", 0.85, "spacy")]
    >>> [t[e.start:e.end] for e in drop_generic_names(t, ents)]
    ['Oakfield Nursing Home']
    """
    labels = _person_labels(text)
    if labels:  # "Child X", "Resident C": a coroner's label for a person, not a name
        entities = [e for e in entities if not (
            e.category == "PERSON" and e.source in _WORD_ONLY_SOURCES | {"second_pass"}
            and _is_label_span(text[e.start:e.end], labels)
            and not _TITLE_BEFORE_RX.search(text, max(0, e.start - 12), e.start))]
    entities = _org_heads_and_tails(text, entities, allowed)
    out = []
    for e in entities:
        if (e.category in ("ORGANIZATION", "PERSON", "LOCATION") and e.source in _WORD_ONLY_SOURCES
                and is_generic_phrase(text[e.start:e.end], allowed, person=e.category == "PERSON")
                and (not _TITLE_BEFORE_RX.search(text, max(0, e.start - 12), e.start)
                     or _is_job_title(text[e.start:e.end]))):
            continue
        out.append(e)
    cars = _vehicle_words(text)
    if cars:
        out = [e for e in out if not (e.source in _VEHICLE_SOURCES and e.category != "DATE"
                                      and _is_vehicle(text[e.start:e.end], cars))]
    terms = _term_acronyms(text, out)
    if terms:
        out = [e for e in out if not (e.source in _TERM_SOURCES and text[e.start:e.end] in terms)]
    if "(" in text and out:
        defined = _defined_acronyms(text)
        generic = {a for a, s, t in defined if not any(e.start < t and s < e.end for e in out)}
        generic -= {a for a, s, t in defined if a not in generic}  # defined twice: kept if kept once
        if generic:
            out = [e for e in out if text[e.start:e.end] not in generic]
    return out


__all__ = ["keep_result", "drop_ordinary_phrases", "drop_generic_names", "generic_words", "is_generic_phrase",
           "GENERIC_HEADS"]
