"""The detector: normalise, run Presidio ``AnalyzerEngine`` (a lean spaCy NER pipeline + our
recognizers; ALL-CAPS sentences a second time re-cased), then overlap resolution, a per-document
second pass, the allow-list and non-Latin scripts, and map spans back onto the original text.

The parts live by concern: Presidio subclasses and configuration in :mod:`._presidio`, the NER
filter in :mod:`._ner_filter`, span heuristics in :mod:`._spans`, the normaliser in
:mod:`._normalise`; this module wires them into :class:`Detector`.

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
import signal
from pathlib import Path
from typing import Iterable, Iterator, Optional, Sequence

from ._allow_list import AllowList, load_allow_list
from ._case import caps_windows, lower_windows
from ._chunking import merge_chunk_entities, split_text
from ._entities import Entity, category_of
from ._name_edges import complete_person_edges, grow_surname
from ._org_edges import complete_org_edges
from ._ner_filter import drop_generic_names, drop_ordinary_phrases, keep_result
from ._normalise import normalise
from ._presidio import (LANGUAGE, RECOGNIZER_CONFIG_PATH, build_recognizers, fast_context_enhancer_class,
                        lean_nlp_engine_class, read_recognizer_config)
from ._scripts import non_latin_entities
from ._second_pass import propagate
from ._spans import extend_people, relabel_people, resolve_overlaps, to_original, trim_entity

_CASED_CATEGORIES = frozenset({"PERSON", "ORGANIZATION", "LOCATION", "DATE"})


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
        # what a re-cased ALL-CAPS sentence can add: entities whose recognizers read capitals
        # (numbers, e-mails and phones read the same in any case and were found the first time)
        self._case_entities = [t for t in self._entities if category_of(t) in _CASED_CATEGORIES]
        self._recognizer_cache: dict = {}
        # our pattern recognizers read which strings a text holds in one pass, shared by all
        from .recognizers import share_literal_index

        share_literal_index(analyzer.registry.recognizers)

    # -- one chunk ---------------------------------------------------------------------------
    def _recognizers_for(self, entities: Sequence[str]) -> list:
        key = tuple(entities)
        recs = self._recognizer_cache.get(key)
        if recs is None:  # Presidio's registry selection, once per entity set, in registry order
            wanted = set(entities)
            recs = [r for r in self.analyzer.registry.recognizers
                    if r.supported_language == LANGUAGE and wanted.intersection(r.supported_entities)]
            self._recognizer_cache[key] = recs
        return recs

    def _recognize(self, text: str, artifacts, entities: Sequence[str]) -> list:
        """What ``AnalyzerEngine.analyze`` returns here, without its per-call overhead.

        Presidio selects the recognizers again for every text, walks every recognizer's
        (no-op) context hook over all results and strips the decision process; here the
        selection is cached, and only the context enhancer (the one that can change a score)
        runs. Scores are filtered later by :func:`keep_result`; duplicates go as in Presidio.
        """
        from presidio_analyzer import EntityRecognizer, RecognizerResult

        recs = self._recognizers_for(entities)
        ents = list(entities)
        results = []
        for rec in recs:
            if not rec.is_loaded:
                rec.load()
                rec.is_loaded = True
            found = rec.analyze(text=text, entities=ents, nlp_artifacts=artifacts)
            if found:
                for r in found:
                    meta = r.recognition_metadata
                    if meta is None:
                        r.recognition_metadata = meta = {}
                    meta.setdefault(RecognizerResult.RECOGNIZER_IDENTIFIER_KEY, rec.id)
                    meta.setdefault(RecognizerResult.RECOGNIZER_NAME_KEY, rec.name)
                results.extend(found)
        if results:
            results = self.analyzer.context_aware_enhancer.enhance_using_context(
                text=text, raw_results=results, nlp_artifacts=artifacts, recognizers=recs, context=None)
        return EntityRecognizer.remove_duplicates(results)

    def _chunk_entities(self, text: str, doc, entities: Optional[list] = None) -> list[Entity]:
        artifacts = self._nlp_engine._doc_to_nlp_artifact(doc, LANGUAGE)
        artifacts.leder_literals = {}  # this text's strings, read once for all pattern recognizers
        results = self._recognize(text, artifacts, entities or self._entities)
        out = []
        for r in results:
            e = keep_result(text, r, self.score_threshold)
            if e is not None:
                out.append(e)
        return out

    # -- whole document ----------------------------------------------------------------------
    def _finish(self, text: str, entities: list[Entity]) -> list[Entity]:
        ents = self.allow_list.filter(text, self._resolve(text, entities))
        ents = extend_people(text, relabel_people(text, ents), self.allow_list)
        ents = drop_ordinary_phrases(text, complete_org_edges(text, complete_person_edges(text, ents)))
        ents = drop_generic_names(text, ents, self.allow_list)
        if self.second_pass:
            extra = propagate(text, ents)
            if extra:
                # spaCy's "Karens" yields to the propagated "Karen" (possessive outside the span)
                starts = {x.start: x.end for x in extra}
                ents = [e for e in ents if not (e.source == "spacy" and e.start in starts and
                                                text[starts[e.start]:e.end] in ("s", "'s", "’s"))]
            ents = ents + extra
            ents = self.allow_list.filter(text, self._resolve(text, ents))
            if extra:  # a propagated town may name a service ("[Oakby] Recovery Service")
                ents = complete_org_edges(text, ents)
            ents = grow_surname(text, ents)  # "[Tamsin] Rookley Act": the surname beside a propagated forename
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
        for found in resolve_overlaps(entities, text):
            e = trim_entity(text, found)
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
            # sentences with ALL-CAPS runs, and sentences typed without capitals, are analysed a
            # second time, re-cased (same offsets)
            windows = (caps_windows(norm.text, self._acronyms) + lower_windows(norm.text)
                       if self.restore_caps else [])
            plans.append((norm, chunks, first, windows, len(pieces)))
            pieces.extend(w[2] for w in windows)
        docs = self.nlp.pipe(pieces, batch_size=batch_size)
        cased = {i for _, _, _, windows, wfirst in plans for i in range(wfirst, wfirst + len(windows))}
        per_piece = [self._chunk_entities(p, d, self._case_entities if i in cased else None)
                     for i, (p, d) in enumerate(zip(pieces, docs))]
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
            pool = ctx.Pool(n_process, initializer=_quiet_signals)
        else:  # pragma: no cover - platforms without fork
            spawn = mp.get_context("spawn")
            pool = spawn.Pool(n_process, initializer=_init_worker, initargs=(self._config_dump,))
        try:
            for result in pool.imap(_work, ((b, batch_size) for b in batches), chunksize=1):
                yield from result
        finally:
            pool.terminate()
            pool.join()
            _WORKER = None


_WORKER: Optional[Detector] = None


def _quiet_signals() -> None:
    """Workers end quietly when the pool terminates them and leave Ctrl-C to the parent (a forked
    worker would otherwise inherit the CLI's handlers and print a traceback on SIGTERM)."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _init_worker(config_dump: Optional[dict]) -> None:
    global _WORKER
    _quiet_signals()
    from ..config import Config

    _WORKER = build_detector(Config.model_validate(config_dump) if config_dump else None)


def _work(args) -> list[list[Entity]]:
    batch, batch_size = args
    assert _WORKER is not None, "the detector is set before the workers fork"
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
    engine = lean_nlp_engine_class()(nlp, model, ner_conf)
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
        context_aware_enhancer=fast_context_enhancer_class()(**(rc.get("context_enhancer") or {})),
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
           "relabel_people", "extend_people", "to_original", "read_recognizer_config", "RECOGNIZER_CONFIG_PATH"]
