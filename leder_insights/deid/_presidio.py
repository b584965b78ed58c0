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
            return self.set_keywords(self.nlp_engine, self.lemmas, self.language)

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
