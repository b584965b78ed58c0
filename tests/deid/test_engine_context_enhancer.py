"""The detector's context enhancer (``_presidio.fast_context_enhancer_class``) scores every result
as Presidio's ``LemmaContextAwareEnhancer`` does; texts are invented."""
import copy

import pytest

from leder_insights.deid._engine import build_detector
from leder_insights.deid._presidio import LANGUAGE, read_recognizer_config

TEXTS = [
    "Patient reference 4471230 was given by the ward; hospital number RX1234567 on the record.",
    "Her mum said she was 57 years old. Case ref 22-0451 and MRN 00012345 were in the file.",
    "He phoned on 0116 496 0000, NI number QQ 12 34 56 C, passport 123456789, account 12345678.",
    "Born 1960, she lived at 4 Mill Lane; number 943 476 5919; the referral code was AB-12-CD.",
    "",
]


def _snapshot(results):
    return sorted((r.entity_type, r.start, r.end, round(r.score, 9),
                   getattr(r.analysis_explanation, "supportive_context_word", None),
                   getattr(r.analysis_explanation, "score", None)) for r in results)


@pytest.fixture(scope="module")
def det():
    from tests.deid.test_engine import fake_nlp

    return build_detector(nlp=fake_nlp(people=("Ann Lowe",)))


def test_fast_enhancer_scores_as_presidio(det):
    from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer

    presidio = LemmaContextAwareEnhancer(**(read_recognizer_config().get("context_enhancer") or {}))
    recs = det._recognizers_for(det._entities)
    ents = list(det._entities)
    boosted = 0
    for text, doc in zip(TEXTS, det.nlp.pipe(TEXTS)):
        raw = []
        for rec in recs:
            for r in rec.analyze(text=text, entities=ents, nlp_artifacts=det._nlp_engine._doc_to_nlp_artifact(doc, LANGUAGE)) or []:
                r.recognition_metadata = dict(r.recognition_metadata or {}, recognizer_identifier=rec.id,
                                              recognizer_name=rec.name)
                raw.append(r)
        want = presidio.enhance_using_context(text, copy.deepcopy(raw), det._nlp_engine._doc_to_nlp_artifact(doc, LANGUAGE),
                                              recs, None)
        got = det.analyzer.context_aware_enhancer.enhance_using_context(
            text, copy.deepcopy(raw), det._nlp_engine._doc_to_nlp_artifact(doc, LANGUAGE), recs, None)
        assert _snapshot(got) == _snapshot(want), text
        boosted += sum(1 for r in want if getattr(r.analysis_explanation, "supportive_context_word", ""))
    assert boosted > 0  # some context word raised a score: the comparison reads the context path


def test_keywords_as_presidio_reads_them(det):
    from presidio_analyzer.nlp_engine import NlpArtifacts

    for doc in det.nlp.pipe(TEXTS):
        art = det._nlp_engine._doc_to_nlp_artifact(doc, LANGUAGE)
        assert art.keywords == NlpArtifacts.set_keywords(det._nlp_engine, art.lemmas, LANGUAGE)
