"""Presidio plumbing of the detector: the recognizer/NLP configuration, a lean spaCy NLP engine whose
artifacts are computed lazily, a faster context enhancer, and building recognizers by name.

>>> [r.name for r in build_recognizers(["uk_nhs_number", "date_written"])]
['uk_nhs_number', 'date_written']
"""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

import yaml

from .. import registry
from ..errors import ConfigError, Errors

RECOGNIZER_CONFIG_PATH = Path(__file__).parent / "conf" / "recognizers.yaml"
LANGUAGE = "en"


def read_recognizer_config(path: str | Path | None = None) -> dict:
    """The recognizer/NLP YAML (defaults to the one shipped in ``deid/conf``)."""
    path = Path(path) if path else RECOGNIZER_CONFIG_PATH
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(Errors.E001, path=path, reason=exc) from exc
    return data


def src_is_ner(result) -> bool:
    """Whether a Presidio result came from spaCy's NER."""
    return (result.recognition_metadata or {}).get("recognizer_name") == "spacy"


def lean_nlp_engine_class():
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
            """``NlpArtifacts.set_keywords``, with each word's stop-word/punctuation test read once
            per process (:meth:`LeanSpacyNlpEngine.keyword_ok`)."""
            ok = self.nlp_engine.keyword_ok
            return [part for k in self.lemmas if ok(k) for part in k.lower().split(":")]

        @functools.cached_property
        def keyword_set(self):
            return frozenset(self.keywords)

    class LeanSpacyNlpEngine(SpacyNlpEngine):
        """Presidio's spaCy engine over an already loaded, lean pipeline.

        Without a lemmatizer, lemmas fall back to the lower-cased token (what the context
        enhancer compares with our lower-case context words).
        """

        def __init__(self, nlp, model_name: str, ner_model_configuration):
            super().__init__(models=[{"lang_code": LANGUAGE, "model_name": model_name}],
                             ner_model_configuration=ner_model_configuration)
            self.nlp = {LANGUAGE: nlp}  # type: ignore[assignment]  # Presidio declares it None until loaded

        def load(self) -> None:  # already loaded
            pass

        def keyword_ok(self, word: str) -> bool:
            """Whether ``NlpArtifacts.set_keywords`` keeps ``word`` (not a stop word, punctuation,
            "-PRON-" or "be"), remembered per word (the vocabulary's answer does not change)."""
            memo = self.__dict__.setdefault("_keyword_ok", {})
            got = memo.get(word)
            if got is None:
                if len(memo) > 100_000:
                    memo.clear()
                got = memo[word] = (not self.is_stopword(word, LANGUAGE) and not self.is_punct(word, LANGUAGE)
                                    and word != "-PRON-" and word != "be")
            return got

        def _doc_to_nlp_artifact(self, doc, language):
            entities, scores = self._get_updated_entities(list(doc.ents),
                                                          self._get_scores_for_entities(doc))
            return LazyNlpArtifacts(entities, doc, self, language, scores)

    return LeanSpacyNlpEngine


def fast_context_enhancer_class():
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
            return rest + self._enhance(text, needs, nlp_artifacts, recognizers, context)

        def _enhance(self, text, results, nlp_artifacts, recognizers, context):
            """Presidio's ``LemmaContextAwareEnhancer.enhance_using_context``, step for step, on the
            results themselves instead of a deep copy (the detector drops the originals)."""
            recognizers_dict = {recognizer.id: recognizer for recognizer in recognizers}
            context = [word.lower() for word in context] if context else []
            if nlp_artifacts is None:
                return results
            for result in results:
                meta = result.recognition_metadata
                recognizer = recognizers_dict.get(meta[RecognizerResult.RECOGNIZER_IDENTIFIER_KEY]) if (
                    meta and RecognizerResult.RECOGNIZER_IDENTIFIER_KEY in meta) else None
                if not recognizer or not recognizer.context:
                    continue
                if meta.get(RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY):
                    continue
                word = text[result.start:result.end]
                surrounding_words = self._extract_surrounding_words(
                    nlp_artifacts=nlp_artifacts, word=word, start=result.start)
                surrounding_words.extend(context)
                supportive = self._find_supportive_word_in_context(
                    surrounding_words, recognizer.context, self.context_matching_mode)
                if supportive != "":
                    result.score += self.context_similarity_factor
                    result.score = max(result.score, self.min_score_with_context_similarity)
                    result.score = min(result.score, self.MAX_SCORE)
                    result.analysis_explanation.set_supportive_context_word(supportive)
                    result.analysis_explanation.set_improved_score(result.score)
            return results

        def _extract_surrounding_words(self, nlp_artifacts, word, start):
            """Presidio's, with the keywords as a set where the artifacts offer one."""
            if not nlp_artifacts.tokens:
                return [""]
            keywords = getattr(nlp_artifacts, "keyword_set", None)
            if keywords is None:
                keywords = nlp_artifacts.keywords
            i = self._find_index_of_match_token(word, start, nlp_artifacts.tokens, nlp_artifacts.tokens_indices)
            lemmas = nlp_artifacts.lemmas
            backward = self._add_n_words_backward(i, self.context_prefix_count, lemmas, keywords)
            forward = self._add_n_words_forward(i, self.context_suffix_count, lemmas, keywords)
            return list(set(backward + forward))

        @staticmethod
        def _find_index_of_match_token(word, start, tokens, tokens_indices):
            i = bisect.bisect_right(tokens_indices, start) - 1
            if i < 0:
                return 0
            if tokens_indices[i] + len(tokens[i]) <= start and tokens_indices[i] != start:
                i = min(i + 1, len(tokens_indices) - 1)
            return i

    return FastLemmaContextAwareEnhancer


def build_recognizers(names: Sequence[str]) -> list:
    """Instantiate registered recognizers by name (numbered error for unknown names)."""
    from . import recognizers as _  # noqa: F401  (registers them)

    out = []
    for name in names:
        cls = registry.get(registry.recognizers, name)
        out.append(cls() if name == "spacy_ner" else cls(name=name))  # source = registry name
    return out


__all__ = ["read_recognizer_config", "RECOGNIZER_CONFIG_PATH", "LANGUAGE", "src_is_ner", "lean_nlp_engine_class",
           "fast_context_enhancer_class", "build_recognizers"]
