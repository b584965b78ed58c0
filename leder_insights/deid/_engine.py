"""The detector: Presidio ``AnalyzerEngine`` + a lean spaCy NER pipeline + our recognizers, then
overlap resolution, a per-document second pass and the allow-list.

Speed: spaCy runs only the components NER needs (no tagger/parser/lemmatizer); we build
Presidio's ``NlpArtifacts`` ourselves from ``nlp.pipe`` and pass them to ``analyze``; and
``analyze_many`` runs *all* per-document work (spaCy, regex recognizers, second pass) in worker
processes that load the engine once and return results in input order.

>>> det = build_detector()                                  # doctest: +SKIP
>>> [(e.category, e.source) for e in det.analyze("NHS number 943 476 5919.")]  # doctest: +SKIP
[('ID', 'uk_nhs_number')]
"""
from __future__ import annotations

import multiprocessing as mp
import re
from pathlib import Path
from typing import Iterable, Iterator, Optional, Sequence

import yaml

from .. import registry
from ..errors import ConfigError, Errors
from ._allow_list import AllowList, load_allow_list
from ._chunking import merge_chunk_entities, split_text
from ._entities import CATEGORY_PRECEDENCE, Entity, category_of
from ._case import caps_windows
from ._normalise import Normalised, normalise
from ._scripts import non_latin_entities
from ._second_pass import STOP_TOKENS, looks_like_english_word, propagate

RECOGNIZER_CONFIG_PATH = Path(__file__).parent / "conf" / "recognizers.yaml"
LANGUAGE = "en"

_MONTH_RX = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b")
_TITLE_RX = re.compile(r"^(?:(?:Dr|Doctor|Mr|Mrs|Ms|Miss|Mx|Master|Prof|Professor|Nurse|Sister|Matron|Rev|"
                       r"Reverend|Sir|Dame|Lady|Lord|Cllr|Councillor|Coroner|Judge)\.?\s+)+")
_LEAD_RX = re.compile(r"^(?:the|a|an)\s+")
_LEAD_PUNCT = " \t\r\n\"'“‘([{<*-–•"
_TRAIL_PUNCT = " \t\r\n\"”’)]}>.,;:!?*-–"
_DIGIT_RX = re.compile(r"\d")
_ROLE_TOKENS = frozenset("carer staff key keyworker worker support social manager team leader nurse "
                         "consultant registrar practitioner paramedic advocate".split())
_LOW_TIER = frozenset({"spacy", "second_pass", "person_gazetteer", "uk_place",
                       "person_context"})
_NER_CUT_RX = re.compile(r"\n|\s[-–—]\s|:\s|\s\(|(?<!\bSt)(?<!\bDr|\bMr|\bMs|\bMt|\bJr|\bSr)(?<!\bMrs)(?<!\b[A-Z])"
                         r"\.\s+(?=[A-Z])")  # a sentence ends inside the span
#: last words that mark a spaCy PERSON/ORG/LOCATION span as a condition, document or generic body
GENERIC_HEADS = frozenset("""
disorder disorders disease diseases syndrome infection infections injury injuries failure deficiency
perforation prematurity delay cancer carcinoma tumour pneumonia sepsis shock arrest haemorrhage fracture
encephalopathy assessment assessments review reviews conclusion conclusions plan plans steps document
protocol policy policies report reports enquiry inquiry inquest act regulations regulation professionals
persons authorities authority government welfare services service unit team teams department
procedure procedures guidance framework strategy programme standards standard scheme pathway
training model system systems process cause death therapy treatment medication tablets
epilepsy dementia influenza constipation asthma diabetes cataracts aspiration learning disability
palsy stenosis obstruction ulcer ulcers
""".split())
_LIST_MARKER_RX = re.compile(r"^(?:[a-z]|[ivx]+|\d+)[.)]\s+")
_TRAIL_JOINER_RX = re.compile(r"(?:\s+(?:and|or|on|of|the|in|at|upon|to|&))+$")
_LEAD_ROMAN_RX = re.compile(r"^(?:[IVX]+|\d[a-z]?)[\s.)]+(?=[A-Z])")
_SENTENCE_START_RX = re.compile(r"(?:^|[.!?:;\n•·]\s*|\n\s*[-–•*]?\s*|\s[-–]\s|\d[.)]\s*)$")
_ROMAN_RX = re.compile(r"^(?:[IVXLC]+|[ivx]+)(?:[\s().,]+(?:[IVXLC]+|[a-z]))*$")
_PRECEDENCE = {c: i for i, c in enumerate(CATEGORY_PRECEDENCE)}


def read_recognizer_config(path: str | Path | None = None) -> dict:
    """The recognizer/NLP YAML (defaults to the one shipped in ``deid/conf``)."""
    path = Path(path) if path else RECOGNIZER_CONFIG_PATH
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(Errors.E001, path=path, reason=exc) from exc
    return data


# --------------------------------------------------------------------------- span clean-up

def _gazetteer() -> frozenset:
    from .recognizers.people.name_gazetteer import name_set

    return name_set()


#: word endings of conditions and procedures ("Bronchitis", "Bronchopneumonia", "Cholecystectomy")
_MEDICAL_WORD_RX = re.compile(r"(?:itis|osis|aemia|emia|pneumonia|opathy|ectomy|otomy|ostomy|plasty|"
                              r"algia|penia|uria|plegia|trophy|scopy)$")


def _common_words() -> frozenset:
    from .recognizers.people.context_name import common_words

    return common_words()


def src_is_ner(result) -> bool:
    """Whether a Presidio result came from spaCy's NER."""
    return (result.recognition_metadata or {}).get("recognizer_name") == "spacy"


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
        span = text[s:t]
        if len(span) > 2 and span[-2] in "'’" and span[-1] == "s":
            t -= 2
        while t > s and text[t - 1] in _TRAIL_PUNCT:
            t -= 1
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


_NEXT_WORD_RX = re.compile(r"[ \u00a0]([A-Z][\w'’-]*[^\W\d_])")
_PREV_WORD_RX = re.compile(r"([A-Z][\w'’-]*[^\W\d_])[ \u00a0]$")


def _name_part(word: str, allow_list: AllowList) -> bool:
    caps_surname = len(word) > 2 and word.isupper()  # "Shirley SHARP"
    return ((caps_surname or (word.lower() not in _common_words() and word.lower() not in STOP_TOKENS))
            and not allow_list.is_allowed_text(word) and not _TITLE_RX.match(word + " "))


_DEATH_OF_RX = re.compile(r"(?:\bdeath|\bdeaths|\bdied|\bknown|\bnamed|\bcalled)\s+(?:of\s+|as\s+)?$",
                          re.IGNORECASE)
_ORG_WORDS = frozenset("""
hospital hospitals trust nhs council house home court lodge unit ward centre center surgery practice
school college academy police service services board group ltd limited plc university infirmary
hospice care partnership foundation road street lane avenue team clinic health prison hmp
""".split())


def relabel_people(text: str, entities: list[Entity]) -> list[Entity]:
    """Turn spaCy's ORGANIZATION/LOCATION guesses into PERSON when they are people's names.

    A span made only of capitalised name words (no "Hospital", "Trust", ...) is a person when it
    follows "death of" / "known as", or when one of its words is a person found elsewhere in the
    text ("Kyron Marcus" tagged ORG, "Kyron" tagged PERSON).

    >>> t = "the death of Ocean-Leigh Hayes. Ocean had been asleep."
    >>> e = Entity(13, 30, "ORGANIZATION", "ORGANIZATION", 0.85, "spacy")
    >>> [x.category for x in relabel_people(t, [e])]
    ['PERSON']
    """
    people = {w.lower() for e in entities if e.category == "PERSON"
              for w in re.findall(r"[^\W\d_][\w'’-]+", text[e.start:e.end])}
    out = []
    for e in entities:
        if e.source == "spacy" and e.category in ("ORGANIZATION", "LOCATION"):
            words = re.findall(r"[^\W\d_][\w'’-]*", text[e.start:e.end])
            name_like = 1 <= len(words) <= 5 and all(w[0].isupper() for w in words) and \
                not any(w.lower().strip("'’s") in _ORG_WORDS for w in words)
            if name_like and (_DEATH_OF_RX.search(text, max(0, e.start - 30), e.start)
                              or (len(words) > 1 and any(w.lower() in people for w in words))):
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
                    _SENTENCE_START_RX.search(text[max(0, m.start() - 4):m.start()]) is not None:
                break
            s = m.start()
        if (s, t) != (e.start, e.end):
            out[i] = Entity(s, t, e.entity_type, e.category, e.score, e.source)
    return out


# --------------------------------------------------------------------------- the NLP engine

def _lean_nlp_engine_class():
    import functools

    from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine

    class LazyNlpArtifacts(NlpArtifacts):
        """``NlpArtifacts`` whose lemmas, token offsets and keywords are computed on first use
        (most documents never need them: only context scoring reads them)."""

        def __init__(self, entities, tokens, nlp_engine, language, scores):
            self.entities = entities
            self.tokens = tokens
            self.nlp_engine = nlp_engine
            self.language = language
            self.scores = scores if scores else [0.85] * len(entities)

        @functools.cached_property
        def lemmas(self):
            return [t.lemma_ or t.lower_ for t in self.tokens]

        @functools.cached_property
        def tokens_indices(self):
            return [t.idx for t in self.tokens]

        @functools.cached_property
        def keywords(self):
            return self.set_keywords(self.nlp_engine, self.lemmas, self.language)

    class LeanSpacyNlpEngine(SpacyNlpEngine):
        """Presidio's spaCy engine over an already loaded, lean pipeline.

        Without a lemmatizer, lemmas fall back to the lower-cased token (what the context
        enhancer compares with our lower-case context words).
        """

        def __init__(self, nlp, model_name: str, ner_model_configuration):
            super().__init__(models=[{"lang_code": LANGUAGE, "model_name": model_name}],
                             ner_model_configuration=ner_model_configuration)
            self.nlp = {LANGUAGE: nlp}

        def load(self) -> None:  # already loaded
            pass

        def _doc_to_nlp_artifact(self, doc, language):
            entities, scores = self._get_updated_entities(list(doc.ents),
                                                          self._get_scores_for_entities(doc))
            return LazyNlpArtifacts(entities, doc, self, language, scores)

    return LeanSpacyNlpEngine


def _fast_context_enhancer_class():
    import bisect

    from presidio_analyzer import RecognizerResult
    from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer

    class FastLemmaContextAwareEnhancer(LemmaContextAwareEnhancer):
        """Presidio's lemma context enhancer with a binary search for the entity's token."""

        def enhance_using_context(self, text, raw_results, nlp_artifacts, recognizers, context=None):
            """Only results of recognizers with context words are copied and re-scored."""
            key = RecognizerResult.RECOGNIZER_IDENTIFIER_KEY
            with_context = {r.id for r in recognizers if r.context}
            needs = [r for r in raw_results if (r.recognition_metadata or {}).get(key) in with_context]
            if not needs:
                return list(raw_results)
            rest = [r for r in raw_results if (r.recognition_metadata or {}).get(key) not in with_context]
            return rest + super().enhance_using_context(text, needs, nlp_artifacts, recognizers, context)

        @staticmethod
        def _find_index_of_match_token(word, start, tokens, tokens_indices):
            i = bisect.bisect_right(tokens_indices, start) - 1
            if i < 0:
                return 0
            if tokens_indices[i] + len(tokens[i]) <= start and tokens_indices[i] != start:
                i = min(i + 1, len(tokens_indices) - 1)
            return i

    return FastLemmaContextAwareEnhancer


# --------------------------------------------------------------------------- the detector

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


class Detector:
    """Find identifiers in free text.

    Build it with :func:`build_detector`. ``analyze`` handles one text; ``analyze_many`` is the
    fast path for many (same results).

    Attributes
    ----------
    model_name, model_version : str
        The spaCy model used (recorded in every output).
    recognizer_names : list of str
        Registry names of the recognizers in use.
    allow_list_version : str
    """

    #: documents per task sent to a worker process
    WORK_UNIT = 16

    def __init__(self, analyzer, nlp, allow_list: AllowList, *, model_name: str, model_version: str,
                 recognizer_names: Sequence[str], score_threshold: float = 0.35,
                 chunk_chars: int = 100_000, chunk_overlap: int = 2_000, n_process: int = 1,
                 batch_size: int = 64, second_pass: bool = True, config_dump: Optional[dict] = None,
                 restore_caps: bool = True):
        self.analyzer = analyzer
        self.nlp = nlp
        self.allow_list = allow_list
        self.model_name = model_name
        self.model_version = model_version
        self.recognizer_names = list(recognizer_names)
        self.allow_list_version = allow_list.version
        self.score_threshold = score_threshold
        self.chunk_chars = chunk_chars
        self.chunk_overlap = chunk_overlap
        self.n_process = n_process
        self.batch_size = batch_size
        self.second_pass = second_pass
        self.restore_caps = restore_caps
        self._acronyms = frozenset(allow_list.acronyms)
        self._config_dump = config_dump
        self._nlp_engine = analyzer.nlp_engine
        self._entities = analyzer.get_supported_entities(language=LANGUAGE)

    # -- one chunk ---------------------------------------------------------------------------
    def _chunk_entities(self, text: str, doc) -> list[Entity]:
        artifacts = self._nlp_engine._doc_to_nlp_artifact(doc, LANGUAGE)
        results = self.analyzer.analyze(text=text, language=LANGUAGE, nlp_artifacts=artifacts,
                                        entities=self._entities)
        out = []
        for r in results:
            if r.score < self.score_threshold:
                continue
            cat = category_of(r.entity_type)
            if cat is None:
                continue
            if src_is_ner(r) and cat in ("PERSON", "ORGANIZATION", "LOCATION") and \
                    _DIGIT_RX.search(text, r.start, r.end):
                continue  # "5ml Oramorph", "Ward 7": not a name
            if r.entity_type == "DATE_TIME":  # spaCy dates: only specific ones (a month and a number)
                span = text[r.start:r.end]
                if not (_MONTH_RX.search(span) and re.search(r"\d", span)):
                    continue
            src = (r.recognition_metadata or {}).get("recognizer_name", "?")
            start, end = r.start, r.end
            if src == "spacy":
                cut = _NER_CUT_RX.search(text, start, end)
                if cut:
                    end = cut.start()
                span = text[start:end]
                if (not any(c.isupper() for c in span) or not re.search(r"[^\W\d_]{2}", span)
                        or _ROMAN_RX.match(span.strip())):
                    continue
                lead = _LEAD_ROMAN_RX.match(span) or _LIST_MARKER_RX.match(span)
                if lead:
                    start += lead.end()
                words = text[start:end].split()
                if not words or words[-1].lower().strip(".,;:'’") in GENERIC_HEADS:
                    continue  # "Post Traumatic Stress Disorder", "The Patient Safety Review"
                single_word = words[0].lower().strip(".,;:'’") if len(words) == 1 else None
                if single_word and single_word not in _gazetteer() and (
                        _MEDICAL_WORD_RX.search(single_word) or single_word in _common_words()
                        or looks_like_english_word(single_word)):
                    continue  # "Bronchopneumonia", "City": a condition or an everyday word
                if len(words) == 1 and words[0].lower() not in _gazetteer() and re.search(
                        r"(?<![\w'’-])" + re.escape(words[0].lower()) + r"(?![\w'’-])", text):
                    continue  # "Suicide" when "suicide" is also written: an ordinary word
                single = " " not in text[start:end].strip()
                if single and _SENTENCE_START_RX.search(text[max(0, start - 4):start]) is not None and (
                        cat != "PERSON" or text[start:end].lower() not in _gazetteer()):
                    continue  # "Outpatient appointment", "Crackles heard": a capitalised common word
                if single and cat == "ORGANIZATION" and not text[start:end].isupper():
                    continue  # "Good", "Providers": a local service is named in more than one word
            e = trim_entity(text, Entity(start, end, r.entity_type, cat, float(r.score), src))
            if e is not None:
                out.append(e)
        return out

    # -- whole document ----------------------------------------------------------------------
    def _finish(self, text: str, entities: list[Entity]) -> list[Entity]:
        ents = self.allow_list.filter(text, self._resolve(text, entities))
        ents = extend_people(text, relabel_people(text, ents), self.allow_list)
        if self.second_pass:
            extra = propagate(text, ents)
            if extra:
                # spaCy's "Karens" yields to the propagated "Karen" (possessive outside the span)
                starts = {x.start: x.end for x in extra}
                ents = [e for e in ents if not (e.source == "spacy" and e.start in starts and
                                                text[starts[e.start]:e.end] in ("s", "'s", "’s"))]
            ents = ents + extra
            ents = self.allow_list.filter(text, self._resolve(text, ents))
        # letters of a non-Latin script: masked unless allowed (fail closed), never filtered
        scripts = non_latin_entities(text)
        if scripts:
            ents = resolve_overlaps(ents + scripts, text)
        return ents

    @staticmethod
    def _resolve(text: str, entities: list[Entity]) -> list[Entity]:
        # "Julies" yields to "Julie" found at the same place (possessive outside the span)
        person_ends = {(e.start, e.end) for e in entities if e.category == "PERSON"}
        entities = [e for e in entities if not (
            e.category == "PERSON" and e.end - e.start > 2 and text[e.end - 1] == "s"
            and ((e.start, e.end - 1) in person_ends or (e.start, e.end - 2) in person_ends))]
        out = []
        for e in resolve_overlaps(entities, text):
            e = trim_entity(text, e)
            if e is not None:
                out.append(e)
        return out

    def _analyze_texts(self, texts: Sequence[str], batch_size: int) -> list[list[Entity]]:
        """In-process: one ``nlp.pipe`` over every chunk of every text."""
        plans = []
        pieces: list[str] = []
        for text in texts:
            norm = normalise(text or "")
            chunks = split_text(norm.text, self.chunk_chars, self.chunk_overlap)
            first = len(pieces)
            pieces.extend(norm.text[c.start:c.end] for c in chunks)
            # sentences with ALL-CAPS runs are analysed a second time, re-cased (same offsets)
            windows = caps_windows(norm.text, self._acronyms) if self.restore_caps else []
            plans.append((norm, chunks, first, windows, len(pieces)))
            pieces.extend(w[2] for w in windows)
        docs = self.nlp.pipe(pieces, batch_size=batch_size)
        per_piece = [self._chunk_entities(p, d) for p, d in zip(pieces, docs)]
        out = []
        for norm, chunks, first, windows, wfirst in plans:
            chunk_ents = per_piece[first:first + len(chunks)]
            ents = chunk_ents[0] if len(chunks) == 1 else merge_chunk_entities(chunks, chunk_ents)
            for (ws, _, _, runs), wents in zip(windows, per_piece[wfirst:wfirst + len(windows)]):
                ents = ents + [e.shifted(ws) for e in wents
                               if any(e.start + ws < b and a < e.end + ws for a, b in runs)]
            out.append(to_original(norm, self._finish(norm.text, ents)))
        return out

    def analyze(self, text: str) -> list[Entity]:
        """Identifiers in ``text``: sorted, non-overlapping, categories from the schema.

        Examples
        --------
        >>> det = build_detector()                      # doctest: +SKIP
        >>> [e.category for e in det.analyze("Tom, 57, lived at The Willows.")]  # doctest: +SKIP
        ['PERSON', 'AGE', 'ORGANIZATION']
        """
        return self._analyze_texts([text], self.batch_size)[0]

    def analyze_many(self, texts: Sequence[str], n_process: Optional[int] = None,
                     batch_size: Optional[int] = None) -> list[list[Entity]]:
        """Analyse many texts (same results as :meth:`analyze`), in input order.

        With ``n_process > 1`` every per-document step runs in worker processes that hold the
        engine (forked from this one where the platform allows, otherwise built once each).
        """
        return list(self.iter_analyze(texts, n_process=n_process, batch_size=batch_size))

    def iter_analyze(self, texts: Iterable[str], n_process: Optional[int] = None,
                     batch_size: Optional[int] = None) -> Iterator[list[Entity]]:
        """Streaming form of :meth:`analyze_many` (yields one list per text, in order)."""
        n_process = self.n_process if n_process is None else n_process
        batch_size = batch_size or self.batch_size
        if n_process <= 1:
            batches = _batched(texts, batch_size)
            for batch in batches:
                yield from self._analyze_texts(batch, batch_size)
            return
        global _WORKER
        # small work units keep both workers busy (and results flowing in order)
        batches = _batched(texts, max(1, min(batch_size, self.WORK_UNIT)))
        methods = mp.get_all_start_methods()
        if "fork" in methods:
            ctx = mp.get_context("fork")
            _WORKER = self
            pool = ctx.Pool(n_process)
        else:  # pragma: no cover - platforms without fork
            ctx = mp.get_context("spawn")
            pool = ctx.Pool(n_process, initializer=_init_worker, initargs=(self._config_dump,))
        try:
            for result in pool.imap(_work, ((b, batch_size) for b in batches), chunksize=1):
                yield from result
        finally:
            pool.terminate()
            pool.join()
            _WORKER = None


_WORKER: Optional[Detector] = None


def _init_worker(config_dump: Optional[dict]) -> None:
    global _WORKER
    from ..config import Config

    _WORKER = build_detector(Config.model_validate(config_dump) if config_dump else None)


def _work(args) -> list[list[Entity]]:
    batch, batch_size = args
    return _WORKER._analyze_texts(batch, batch_size)


def _batched(texts: Iterable[str], size: int) -> Iterator[list[str]]:
    batch: list[str] = []
    for t in texts:
        batch.append(t)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def build_recognizers(names: Sequence[str]) -> list:
    """Instantiate registered recognizers by name (numbered error for unknown names)."""
    from . import recognizers as _  # noqa: F401  (registers them)

    out = []
    for name in names:
        cls = registry.get(registry.recognizers, name)
        out.append(cls() if name == "spacy_ner" else cls(name=name))  # source = registry name
    return out


def build_detector(config=None, *, nlp=None, recognizer_config: str | Path | None = None,
                   allow_list: AllowList | None = None) -> Detector:
    """Build a :class:`Detector` from config (spaCy model from ``cfg.nlp``, settings from ``cfg.deid``).

    Parameters
    ----------
    config : leder_insights.config.Config, optional
        Defaults to :func:`leder_insights.config.load_config`.
    nlp : spacy.language.Language, optional
        A ready pipeline (tests pass a small fake one); otherwise the configured model is loaded
        without the components NER does not need.
    recognizer_config : path, optional
        Recognizer/NLP YAML; defaults to ``deid/conf/recognizers.yaml``.
    allow_list : AllowList, optional
        Defaults to ``deid/conf/allow_list.yaml``.
    """
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NerModelConfiguration

    from ..config import load_config
    from ..nlp import load_spacy, resolve_model_name

    cfg = config if config is not None else load_config()
    rc = read_recognizer_config(recognizer_config)
    if nlp is None:
        model = resolve_model_name(cfg.nlp.model, cfg.nlp.fallbacks)
        nlp = load_spacy(model, disable=tuple(rc.get("exclude_components") or ()))
    else:
        model = nlp.meta.get("name", "custom")
    nlp.max_length = max(nlp.max_length, cfg.deid.chunk_chars + 1)
    ner_conf = NerModelConfiguration(**(rc.get("ner_model_configuration") or {}))
    engine = _lean_nlp_engine_class()(nlp, model, ner_conf)
    names = list(rc.get("recognizers") or [])
    recognizers = build_recognizers(names)
    profile = cfg.deid.profiles.get(cfg.deid.default_profile)
    threshold = profile.score_threshold if profile is not None else 0.35
    for rec in recognizers:
        # context words can only change the outcome of patterns scoring below the threshold;
        # for the others, Presidio's context pass is skipped (it costs a fifth of the time)
        scores = [p.score for p in getattr(rec, "patterns", None) or []] or [getattr(rec, "SCORE", 0.0)]
        if rec.context and min(scores) >= threshold:
            rec.context = []
    analyzer = AnalyzerEngine(
        nlp_engine=engine,
        registry=RecognizerRegistry(recognizers=recognizers, supported_languages=[LANGUAGE]),
        supported_languages=[LANGUAGE],
        context_aware_enhancer=_fast_context_enhancer_class()(**(rc.get("context_enhancer") or {})),
    )
    meta = nlp.meta
    return Detector(
        analyzer, nlp, allow_list or load_allow_list(),
        model_name=f"{meta.get('lang', 'en')}_{meta.get('name', model)}",
        model_version=str(meta.get("version", "?")), recognizer_names=names,
        score_threshold=threshold, chunk_chars=cfg.deid.chunk_chars,
        chunk_overlap=cfg.deid.chunk_overlap, n_process=cfg.deid.n_process,
        batch_size=cfg.deid.batch_size, config_dump=cfg.model_dump(mode="json"))


__all__ = ["Detector", "build_detector", "build_recognizers", "resolve_overlaps", "trim_entity",
           "relabel_people", "extend_people",
           "read_recognizer_config", "RECOGNIZER_CONFIG_PATH"]
