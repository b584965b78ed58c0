"""Rules added after scoring real coroners' text: each case is a sentence of our own that shows
the rule (recall: a name or place is caught; precision: a clinical or generic word is not)."""
import pytest

from leder_insights.deid._entities import Entity
from leder_insights.deid._engine import relabel_people
from leder_insights.deid._second_pass import propagate
from leder_insights.deid.recognizers.ages import AgeRecognizer
from leder_insights.deid.recognizers.care import HospitalRecognizer, NhsTrustRecognizer, PublicServiceRecognizer
from leder_insights.deid.recognizers.dates import WrittenDateRecognizer
from leder_insights.deid.recognizers.people import InitialsRecognizer, RoleNameRecognizer, TitledNameRecognizer
from leder_insights.deid.recognizers.uk import StreetAddressRecognizer


def _found(rec, text):
    return [text[r.start:r.end] for r in rec.analyze(text, rec.supported_entities) if r.score >= 0.35]


@pytest.mark.parametrize("rec,text,expected", [
    (WrittenDateRecognizer, "She was not reviewed on 14th or 15th or 16th.", ["14th or 15th or 16th"]),
    (WrittenDateRecognizer, "pain on the night of 13th/14th, then", ["13th/14th"]),
    (WrittenDateRecognizer, "on the night of 13th /14th January", ["13th /14th January"]),
    (WrittenDateRecognizer, "after the 2nd and 3rd doses", []),
    (WrittenDateRecognizer, "a scan on 1 July 2021showed", ["1 July 2021"]),
    (InitialsRecognizer, "(Hollins J, Okafor T, Brandt H et al. 2021)", ["Hollins J", "Okafor T", "Brandt H"]),
    (TitledNameRecognizer, "the death of Master Tyrese Ogundipe (aged 9)", ["Tyrese Ogundipe"]),
    (RoleNameRecognizer, "the bay, known as 'Location 5' by the rangers", []),
    (NhsTrustRecognizer, "Although the Trust has recruited, gaps remain.", []),
    (NhsTrustRecognizer, "Wessex & Solent NHS partnership Trust accepted", ["Wessex & Solent NHS partnership Trust"]),
    (NhsTrustRecognizer, "the Ashdown Valley NHS Trust said", ["Ashdown Valley NHS Trust"]),
    (HospitalRecognizer, "taken to Northgate Maritime hospital on", ["Northgate Maritime hospital"]),
    (HospitalRecognizer, "moved to a Psychiatric hospital", []),
    (PublicServiceRecognizer, "admitted to the Fernleigh 2 Ward of the unit", ["Fernleigh 2 Ward"]),
    (PublicServiceRecognizer, "she collapsed on Hartley ward", ["Hartley ward"]),
    (PublicServiceRecognizer, "moved to the Respiratory ward", []),
    (PublicServiceRecognizer, "I attach the Final Police Report", []),
    (StreetAddressRecognizer, "struck near the Five Ways Roundabout in", ["Five Ways Roundabout"]),
    (StreetAddressRecognizer, "On 17th January 2021, Pamela Green was seen", []),
    (AgeRecognizer, "Tomasz Nowak, 25 had a diagnosis of PTSD", ["25"]),
])
def test_engine_real_text_rules_recognizers(rec, text, expected):
    assert _found(rec(), text) == expected


def test_engine_real_text_rules_relabel_org_after_death_of_as_person():
    t = "into the death of Ocean-Leigh Hayes. Ocean had been asleep."
    e = Entity(18, 35, "ORGANIZATION", "ORGANIZATION", 0.85, "spacy")
    assert t[e.start:e.end] == "Ocean-Leigh Hayes"
    (out,) = relabel_people(t, [e])
    assert out.category == "PERSON"
    # as a person, its first name is now found alone too
    assert [t[x.start:x.end] for x in propagate(t, [out])] == ["Ocean"]


def test_engine_real_text_rules_relabel_keeps_real_organisations():
    t = "the death of Brampton Lodge residents; Kyron Marcus and Kyron"
    i, j = t.index("Kyron Marcus"), t.rindex("Kyron")
    org = Entity(13, 27, "ORGANIZATION", "ORGANIZATION", 0.85, "spacy")
    pair = Entity(i, i + 12, "ORGANIZATION", "ORGANIZATION", 0.85, "spacy")
    person = Entity(j, j + 5, "PERSON", "PERSON", 0.85, "spacy")
    out = relabel_people(t, [org, pair, person])
    assert [x.category for x in out] == ["ORGANIZATION", "PERSON", "PERSON"]


def test_engine_real_text_rules_second_pass_lower_case_not_from_weak_single_words():
    t = "Location was known. The location of the bay was well known."
    e = Entity(0, 8, "PERSON", "PERSON", 0.55, "person_role")
    assert [t[x.start:x.end] for x in propagate(t, [e])] == []
    t = "Roger Blakely had epilepsy; roger had a seizure."
    e = Entity(0, 13, "PERSON", "PERSON", 0.55, "person_role")
    assert [t[x.start:x.end] for x in propagate(t, [e])] == ["roger"]
    t = "Shabana had epilepsy; shabana had a seizure."
    e = Entity(0, 7, "PERSON", "PERSON", 0.85, "spacy")
    assert [t[x.start:x.end] for x in propagate(t, [e])] == ["shabana"]


def test_engine_real_text_rules_second_pass_finds_company_without_legal_form():
    t = "Scans by Orbis Scan Imaging Ltd were late. Orbis Scan Imaging never sent them."
    e = Entity(9, 31, "CARE_PROVIDER", "ORGANIZATION", 0.65, "care_provider")
    assert [t[x.start:x.end] for x in propagate(t, [e])] == ["Orbis Scan Imaging"]


def test_engine_real_text_rules_clinical_words_and_national_bodies_survive(detector):
    text = ("The conclusion was Misadventure. She had TB and Bronchopneumonia; her INR was 1.3 and "
            "the ACS pathway was not followed. The Royal College of Radiologists and National "
            "Highways were told. The Head Ranger gave evidence. His Glasgow Coma Score was 3.")
    found = [text[e.start:e.end] for e in detector.analyze(text)]
    assert found == [], found


def test_engine_real_text_rules_people_named_once_are_caught_everywhere(detector):
    text = ("I opened an inquest into the death of Ocean-Leigh Pauline Hayes. Ocean had been asleep. "
            "Mr McDonald’s section 17 leave was suspended; Mr McDonald then left.")
    found = {text[e.start:e.end] for e in detector.analyze(text) if e.category == "PERSON"}
    assert {"Ocean-Leigh Pauline Hayes", "Ocean", "McDonald"} <= found, found
