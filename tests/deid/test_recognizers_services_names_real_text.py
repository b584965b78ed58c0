"""Services and names from the real-text development sets (issue 13), on sentences of our own."""
import pytest

from leder_insights.deid._ner_filter import _org_end
from leder_insights.deid.recognizers.care import CareHomeRecognizer, CareProviderRecognizer, PublicServiceRecognizer
from leder_insights.deid.recognizers.people.context_name import ContextNameRecognizer


def _found(rec, text):
    rec = rec()
    return [text[r.start:r.end] for r in rec.analyze(text, rec.supported_entities) if r.score >= 0.35]


@pytest.mark.parametrize("rec, text, expected", [
    (PublicServiceRecognizer, "calls go to SCAS or to SWASFT at night", ["SCAS", "SWASFT"]),
    (PublicServiceRecognizer, "she was moved to the Heather and then Thistle wards", ["Thistle"]),
    (PublicServiceRecognizer, "the surgical wards were full", []),
    (CareProviderRecognizer, "care was provided by Q&R Homecare Ltd from May", ["Q&R Homecare Ltd"]),
    (CareProviderRecognizer, "the healthcare provider (Lumen Community Health) agreed", ["Lumen Community Health"]),
    (CareProviderRecognizer, "referred to Adult Community Health in the town", []),
    (CareHomeRecognizer, "she moved to Orchard Lea Nursing home in 2019", ["Orchard Lea Nursing home"]),
    (CareHomeRecognizer, "the death of Rowena Ashfield at home", []),   # a surname, not a house
    (ContextNameRecognizer, "into the death of Rowena Ashfield.\u00a0 The inquest", ["Rowena Ashfield"]),
    (ContextNameRecognizer, "touching upon the death of Ilse Marie Dorn\nThe investigation", ["Ilse Marie Dorn"]),
])
def test_services_and_names(rec, text, expected):
    assert _found(rec, text) == expected


@pytest.mark.parametrize("text, start, end, expected", [
    ("verified by Cumbria Police Officers who", 12, 35, "Cumbria Police"),
    ("having heard evidence at the Hearing of a paternal history", 29, 51, "Hearing"),
    ("admitted to Henley Ward", 12, 23, "Henley Ward"),
    ("sent to Pinecroft Nursing home today", 8, 32, "Pinecroft Nursing home"),
])
def test_spacy_organisation_ends_before_roles_and_lower_case_words(text, start, end, expected):
    assert text[start:_org_end(text, start, end)] == expected


def test_person_ends_at_an_inner_possessive(detector):
    text = "A letter was sent to Farida\u2019s GP. Later Kenneth`s dentist rang."
    spans = [text[e.start:e.end] for e in detector.analyze(text) if e.category == "PERSON"]
    assert "Farida\u2019s GP" not in spans and "Farida" in spans
    assert "Kenneth`s" not in spans


@pytest.mark.parametrize("text, expected", [
    ("Her placement was funded at a home run by Barchester until May.", ["Barchester"]),
    ("the nursing home, operated by HC-One, told the inquest", ["HC-One"]),
    ("She was admitted to a Cygnet Health Care unit.", ["Cygnet Health Care"]),
    ("He used a Bupa dentist plan before", ["Bupa"]),
    ("Mencap's easy-read leaflet was used", []),   # a national charity stays (allow-list)
])
def test_national_care_providers_are_organisations(text, expected):
    assert _found(CareProviderRecognizer, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Advanced Nurse Practitioners visited twice a week.", []),   # a role in the plural, not a name
    ("Nurse Specialists reviewed the wound.", []),
    ("Nurse Okonjo dressed the wound.", ["Okonjo"]),
])
def test_title_before_a_plural_role_is_not_a_name(text, expected):
    from leder_insights.deid.recognizers.people import TitledNameRecognizer
    assert _found(TitledNameRecognizer, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("An Advanced Nurse Practitioner examined him.", []),
    ("seen by a Consultant Medical Physician on the ward", []),
    ("his sister Oriel rang the ward", ["Oriel"]),
    ("support worker Tamsin Vale found him", ["Tamsin Vale"]),
])
def test_job_title_words_after_a_role_are_not_names(text, expected):
    from leder_insights.deid.recognizers.people import RoleNameRecognizer
    assert _found(RoleNameRecognizer, text) == expected


def test_a_nickname_that_is_a_title_word_elsewhere_is_still_a_name():
    from leder_insights.deid.recognizers.people import RoleNameRecognizer
    assert _found(RoleNameRecognizer, "He was known as Junior to his friends.") == ["Junior"]
