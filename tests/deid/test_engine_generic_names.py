"""Organisations, people and places made of generic words only, and acronyms the text spells out
in generic words, are not identifiers (issue 13, precision on real text). Sentences are invented."""
import pytest

from leder_insights.deid._allow_list import load_allow_list
from leder_insights.deid._entities import Entity
from leder_insights.deid._ner_filter import _defined_acronyms, drop_generic_names, generic_words, is_generic_phrase
from leder_insights.deid._spans import gazetteer


def _ent(text, span, category="ORGANIZATION", source="spacy"):
    s = text.index(span)
    return Entity(s, s + len(span), category, category, 0.85, source)


def _kept(text, ents, allowed=None):
    return [text[e.start:e.end] for e in drop_generic_names(text, ents, allowed)]


@pytest.mark.parametrize("span", ["Nursing Home", "Falls Review Panel", "Surgical Assessment Unit",
                                  "Community Mental Health Care", "Gender Identity Clinics",
                                  "Lower Respiratory Tract", "Urgent Care Centre"])
@pytest.mark.parametrize("source", ["spacy", "hospital", "care_home", "nhs_trust"])
def test_a_service_named_only_by_what_it_does_is_dropped(span, source):
    text = f"Staff at the {span} were told on the ward."
    assert _kept(text, [_ent(text, span, source=source)]) == []


@pytest.mark.parametrize("span", ["Oakfield Nursing Home", "Keats Ward", "Brambleton Surgical Assessment Unit",
                                  "Hilltop Urgent Care Centre", "St Anne's Hospice"])
def test_a_service_with_a_proper_word_is_kept(span):
    text = f"Staff at the {span} were told on the ward."
    assert _kept(text, [_ent(text, span)]) == [span]


@pytest.mark.parametrize("source", ["person_titled", "person_gazetteer", "person_initials"])
def test_a_person_found_by_a_title_or_a_name_list_is_kept_even_if_the_word_is_generic(source):
    text = "Mrs Medium and Dr Urgent attended."
    ents = [_ent(text, "Medium", "PERSON", source), _ent(text, "Urgent", "PERSON", source)]
    assert _kept(text, ents) == ["Medium", "Urgent"]


def test_a_guessed_person_right_after_a_title_is_kept():
    text = "Seen by Dr Urgent at noon."
    assert _kept(text, [_ent(text, "Urgent", "PERSON", "spacy")]) == ["Urgent"]


def test_a_national_acronym_with_generic_words_is_dropped_only_with_the_allow_list():
    text = "See the HSE Information Sheet on dogs."
    ents = [_ent(text, "HSE Information Sheet")]
    assert _kept(text, ents, load_allow_list()) == []
    assert _kept(text, ents) == ["HSE Information Sheet"]  # without it, HSE is a proper word


def test_defined_acronyms_are_found_with_their_expansion():
    text = ("He flew under Visual Flight Rules (“VFR”). Small & Medium Enterprises (SMEs) lack staff. "
            "She went to Oakfield General Hospital (OGH). A note (see above) is not one.")
    assert [(a, text[s:e]) for a, s, e in _defined_acronyms(text)] == [
        ("VFR", "Visual Flight Rules"), ("SME", "Small & Medium Enterprises"), ("OGH", "Oakfield General Hospital")]


def test_an_acronym_spelt_out_in_words_nobody_kept_is_dropped_everywhere():
    text = "Gestational Diabetes Mellitus (GDM) was found. The GDM was treated at Oakfield General Hospital (OGH)."
    ents = [_ent(text, "Gestational Diabetes Mellitus"), _ent(text, "GDM"),
            Entity(text.rindex("GDM"), text.rindex("GDM") + 3, "ORGANIZATION", "ORGANIZATION", 0.85, "spacy"),
            _ent(text, "Oakfield General Hospital", source="hospital"), _ent(text, "OGH")]
    assert _kept(text, ents) == ["Oakfield General Hospital", "OGH"]


def test_no_known_name_is_a_generic_word():
    assert not generic_words() & gazetteer()
    assert "nursing" in generic_words() and "oakfield" not in generic_words()
    assert is_generic_phrase("Children’s Community Team") and not is_generic_phrase("Rose Care Team")


def test_end_to_end_generic_services_are_not_masked_but_named_ones_are(detector):
    text = ("Mrs Ann Lowe moved from the Nursing Home to Oakfield Nursing Home. A Falls Review Panel met, "
            "and the Surgical Assessment Unit at Brambleton General Hospital was told.")
    found = {text[e.start:e.end] for e in detector.analyze(text)}
    assert "Oakfield Nursing Home" in found and "Brambleton General Hospital" in found and "Ann Lowe" in found
    assert not found & {"Nursing Home", "Falls Review Panel", "Surgical Assessment Unit"}


def test_a_job_title_after_a_title_word_is_dropped():
    text = "Advanced Nurse Practitioners visited; Nurse Young and a Consultant Anaesthetist came."
    ents = [_ent(text, "Practitioners", "PERSON", "person_context"), _ent(text, "Young", "PERSON", "person_context"),
            _ent(text, "Anaesthetist", "PERSON", "person_role")]
    assert _kept(text, ents) == ["Young"]


@pytest.mark.parametrize("span,category", [("Ward Court", "ORGANIZATION"), ("PE28 9PE", "LOCATION"),
                                           ("Ward 7", "ORGANIZATION")])
def test_a_street_word_or_a_number_keeps_a_span(span, category):
    text = f"He had lived at {span} for years."
    assert _kept(text, [_ent(text, span, category)], load_allow_list()) == [span]


def test_a_lone_guessed_person_whose_name_is_also_a_word_is_kept():
    text = "Ward said the Stroke Ward was full; Day agreed."
    ents = [_ent(text, "Ward", "PERSON"), _ent(text, "Stroke Ward"), _ent(text, "Day", "PERSON"),
            _ent(text, "Stroke Ward", "PERSON")]
    assert _kept(text, ents) == ["Ward", "Day", "Stroke Ward"]  # the organisation goes, the people stay
