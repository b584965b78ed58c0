"""The detector with a fake NLP pipeline: merging, trimming, allow-list, second pass, categories."""
import pytest

from leder_insights.deid._engine import Detector, build_detector, resolve_overlaps, trim_entity
from leder_insights.deid._entities import Entity
from leder_insights.schema import ENTITY_CATEGORIES



def fake_nlp(people=("Karen Smith", "Julie"), orgs=(), places=("Wigston",)):
    """A stand-in for the NER model: ``spacy.blank('en')`` + an entity ruler (loads no model)."""
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PERSON", "pattern": p} for p in people]
                       + [{"label": "ORG", "pattern": o} for o in orgs]
                       + [{"label": "GPE", "pattern": g} for g in places])
    return nlp


TEXT = ("Karen Smith, 57, lived at Vancouver House, 12 Acacia Avenue, Wigston LE18 4PX. NHS number "
        "943 476 5919 (DOB 28/6/42). She had Down's syndrome and was seen by Dr Patel on 17th August "
        "2018. SMITH's sister Julie rang 07700 900123. Review in 2/52, 5ml Oramorph. NEWS2 of 5. The "
        "Mental Capacity Act was applied by the GP. NHS England and the CQC were told. Karens mother.")


@pytest.fixture(scope="module")
def det() -> Detector:
    return build_detector(nlp=fake_nlp())


def _spans(det, text):
    return {text[e.start:e.end]: e.category for e in det.analyze(text)}


def test_engine_finds_every_kind(det):
    found = _spans(det, TEXT)
    expected = {"Karen Smith": "PERSON", "57": "AGE", "Vancouver House": "ORGANIZATION",
                "12 Acacia Avenue": "LOCATION", "Wigston": "LOCATION", "LE18 4PX": "LOCATION",
                "943 476 5919": "ID", "28/6/42": "DATE", "Patel": "PERSON", "17th August 2018": "DATE",
                "SMITH": "PERSON", "Julie": "PERSON", "07700 900123": "CONTACT", "Karen": "PERSON"}
    for span, cat in expected.items():
        assert found.get(span) == cat, span


@pytest.mark.parametrize("kept", ["Down", "Down's syndrome", "2/52", "5ml", "NEWS2", "Mental Capacity Act",
                                  "GP", "NHS England", "CQC"])
def test_engine_keeps_non_identifiers(det, kept):
    for e in det.analyze(TEXT):
        assert kept not in TEXT[e.start:e.end] or TEXT[e.start:e.end] == "Karen Smith", kept


def test_engine_output_contract(det):
    ents = det.analyze(TEXT)
    assert ents == sorted(ents, key=lambda e: (e.start, e.end))
    assert all(a.end <= b.start for a, b in zip(ents, ents[1:]))        # non-overlapping
    assert all(e.category in ENTITY_CATEGORIES for e in ents)
    assert all(TEXT[e.start:e.end] == TEXT[e.start:e.end].strip(" .,;") for e in ents)
    assert det.model_name and det.model_version and "uk_nhs_number" in det.recognizer_names


def test_engine_possessive_outside_span(det):
    text = "Julie's bag and Julies coat."
    assert [text[e.start:e.end] for e in det.analyze(text)] == ["Julie", "Julie"]


def test_engine_analyze_many_matches_analyze(det):
    texts = [TEXT, "", "Seen by Dr Patel.", TEXT.upper(), "Julie rang."] * 3
    assert det.analyze_many(texts, n_process=1, batch_size=4) == [det.analyze(t) for t in texts]


def test_engine_analyze_many_in_two_processes_keeps_order(det):
    texts = [f"Dr Patel saw Julie on {d}/3/2021." for d in range(1, 25)]
    many = det.analyze_many(texts, n_process=2, batch_size=3)
    assert many == [det.analyze(t) for t in texts]


def test_engine_resolve_overlaps_prefers_own_recognizers_then_length():
    a = Entity(0, 25, "HOSPITAL", "ORGANIZATION", 0.65, "hospital")
    b = Entity(0, 9, "LOCATION", "LOCATION", 0.85, "spacy")
    c = Entity(3, 30, "DATE_TIME", "DATE", 0.85, "spacy")
    assert resolve_overlaps([b, c, a]) == [a]


def test_engine_resolve_overlaps_unions_person_parts():
    text = "Vikram UDDIN came"
    a = Entity(0, 6, "PERSON_NAME", "PERSON", 0.45, "person_gazetteer")
    b = Entity(0, 12, "PERSON", "PERSON", 0.85, "spacy")
    (only,) = resolve_overlaps([a, b], text)
    assert text[only.start:only.end] == "Vikram UDDIN"


@pytest.mark.parametrize("text,cat,expected", [
    ("(Dr Patel's)", "PERSON", "Patel"),
    ("the Meadows Nursing Home,", "ORGANIZATION", "Meadows Nursing Home"),
    ("(0116) 496 0123", "CONTACT", "(0116) 496 0123"),
    ("...", "PERSON", None),
])
def test_engine_trim_entity(text, cat, expected):
    e = trim_entity(text, Entity(0, len(text), cat, cat, 0.9, "x"))
    assert (None if e is None else text[e.start:e.end]) == expected


@pytest.mark.slow
def test_engine_chunked_long_text_finds_entity_at_join():
    det = build_detector(nlp=fake_nlp())
    det.chunk_chars, det.chunk_overlap = 200, 40
    filler = "The team met and talked about care plans. "
    text = filler * 4 + "Seen on 17th August 2018 by Dr Patel." + " " + filler * 4
    whole = Detector.analyze(build_detector(nlp=fake_nlp()), text)
    chunked = det.analyze(text)
    assert [(e.start, e.end) for e in chunked] == [(e.start, e.end) for e in whole]
    assert {text[e.start:e.end] for e in chunked} == {"17th August 2018", "Patel"}


def test_engine_extend_people_over_adjacent_name_words():
    from leder_insights.deid._allow_list import load_allow_list
    from leder_insights.deid._engine import extend_people

    text = "the death of Reginal Victor Smith, born. Shirley SHARP came. Then Karen Smith said"
    ents = [Entity(21, 33, "PERSON", "PERSON", 0.85, "spacy"), Entity(41, 48, "PERSON", "PERSON", 0.85, "spacy"),
            Entity(66, 77, "PERSON", "PERSON", 0.85, "spacy")]
    got = [text[e.start:e.end] for e in extend_people(text, ents, load_allow_list())]
    assert got == ["Reginal Victor Smith", "Shirley SHARP", "Karen Smith"]


@pytest.mark.slow
def test_engine_drops_ner_conditions_and_generic_bodies(det):
    text = "He had Post Traumatic Stress Disorder. The Patient Safety Review found gaps."
    nlp = fake_nlp(people=("Post Traumatic Stress Disorder",), orgs=("The Patient Safety Review",))
    assert build_detector(nlp=nlp).analyze(text) == []
