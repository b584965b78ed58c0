"""Fifth-round rules (issue 13, test5 read as a development set): recall of a lone initial, named
units written with a lower-case word, two surnames joined by a slash and glued ordinals; precision
on conditions, gerunds, countries, possessive spans and capitals-only terms. Sentences of our own."""
import pytest

from leder_insights.deid._allow_list import load_allow_list
from leder_insights.deid._entities import Entity
from leder_insights.deid._ner_filter import (_defined_acronyms, drop_generic_names, drop_ordinary_phrases,
                                             is_generic_phrase, keep_result)
from leder_insights.deid._org_edges import complete_org_edges
from leder_insights.deid._second_pass import lone_initials, propagate
from leder_insights.deid._spans import extend_people, relabel_people
from leder_insights.deid.recognizers.care import HospitalRecognizer, PublicServiceRecognizer
from leder_insights.deid.recognizers.dates import SlippedDateRecognizer
from leder_insights.deid.recognizers.people.context_name import ContextNameRecognizer


def _found(rec, text):
    return [text[r.start:r.end] for r in rec.analyze(text, rec.supported_entities) if r.score >= 0.35]


def _texts(text, ents):
    return [text[e.start:e.end] for e in ents]


# -- a single letter standing for a person --------------------------------------------------------

def test_lone_initial_used_twice_as_a_subject_is_a_person():
    t = "K was born early. At birth K was unwell and later K developed a cough."
    assert _texts(t, lone_initials(t, [])) == ["K", "K", "K"]


def test_lone_initial_once_needs_a_person_with_that_initial():
    t = "Tamsin Oakes was 2. T had a fever."
    assert _texts(t, lone_initials(t, [])) == []
    person = Entity(0, 11, "PERSON", "PERSON", 0.85, "spacy")
    assert _texts(t, lone_initials(t, [person])) == ["T"]
    # another letter is not her initial
    t2 = "Tamsin Oakes was 2. R had a fever."
    assert _texts(t2, lone_initials(t2, [person])) == []


@pytest.mark.parametrize("text", [
    "Ward C was full. Ward C was closed.",              # a capitalised label before it
    "Resident C had a fall; Miss C had a fall.",
    "vitamin D was low and vitamin D was replaced.",    # a label word before it
    "option B was chosen, then option B was dropped.",
    "A was not done. I was told. I was there.",         # A and I are words
    "the E was read; the E was high.",
    "B. was written in the plan; B.B. was",             # a list marker or dotted letters
])
def test_lone_letter_that_is_a_label_or_a_word_is_not_a_person(text):
    assert lone_initials(text, []) == []


def test_lone_initial_possessive_and_propagate_adds_it():
    t = "J was admitted. J's mother stayed; J had a seizure."
    assert _texts(t, propagate(t, [])) == ["J", "J", "J"]
    assert {e.source for e in propagate(t, [])} == {"lone_initial"}


def test_lone_initial_end_to_end(detector):
    t = "Ruairi Venn was born at 35 weeks. R was born by caesarean section and R had a heart defect."
    found = [t[e.start:e.end] for e in detector.analyze(t) if e.category == "PERSON"]
    assert found.count("R") == 2


# -- named units written with a lower-case word -----------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("she was admitted to the Quillon unit as a voluntary patient", ["Quillon unit"]),
    ("a Marram birth centre midwife", ["Marram birth centre"]),
    ("found in cell 12, Tarrant wing, that morning", ["Tarrant wing"]),
    ("the hospital has an East and a West wing", []),
    ("moved to the Respiratory unit", []),
])
def test_named_unit_with_lower_case_word(text, expected):
    assert _found(PublicServiceRecognizer(), text) == expected


def test_unit_named_only_by_kind_is_generic():
    assert is_generic_phrase("Intensive Care unit") and not is_generic_phrase("Quillon unit")


def test_unit_number_before_a_comma_and_a_hospital_joins_the_unit():
    t = "admitted to Quillon 2, Tarrant Hospital the next day"
    a, b = t.index("Quillon"), t.index("Tarrant")
    ents = [Entity(a, a + 7, "CARE_HOME", "ORGANIZATION", 0.4, "care_home"),
            Entity(b, b + 16, "HOSPITAL", "ORGANIZATION", 0.65, "hospital")]
    assert _texts(t, complete_org_edges(t, ents)) == ["Quillon 2", "Tarrant Hospital"]
    # a two-word name or a number not followed by a comma and a name stays as it was
    t2 = "lived at Quillon 2 days later"
    e2 = Entity(9, 16, "CARE_HOME", "ORGANIZATION", 0.4, "care_home")
    assert _texts(t2, complete_org_edges(t2, [e2])) == ["Quillon"]


def test_department_of_is_not_part_of_a_hospital_name():
    t = "presented to the Emergency Department of Tarrant Vale Hospital on Monday"
    assert _found(HospitalRecognizer(), t) == ["Tarrant Vale Hospital"]


# -- people ----------------------------------------------------------------------------------------

def test_two_surnames_joined_by_a_slash_are_one_span():
    t = "the death of Tamsin Oakes/Varley, aged 6 weeks"
    (e,) = extend_people(t, [Entity(13, 25, "PERSON", "PERSON", 0.85, "spacy")], load_allow_list())
    assert t[e.start:e.end] == "Tamsin Oakes/Varley"
    # not over a lower-case word or a number
    t2 = "Tamsin Oakes/day 2 and Tamsin Oakes/and"
    (e2,) = extend_people(t2, [Entity(0, 12, "PERSON", "PERSON", 0.85, "spacy")], load_allow_list())
    assert t2[e2.start:e2.end] == "Tamsin Oakes"


@pytest.mark.parametrize("text", ["She was certified as having died at 04.05.",
                                  "He was confirmed as having passed away at home."])
def test_a_gerund_before_died_is_not_a_name(text):
    assert _found(ContextNameRecognizer(), text) == []


def test_a_possessive_opening_an_organisation_is_the_person():
    t = "Rowena’s GP referred her; Tarrant’s hospital was full."
    ents = [Entity(0, 11, "ORGANIZATION", "ORGANIZATION", 0.85, "spacy"),
            Entity(26, 44, "ORGANIZATION", "ORGANIZATION", 0.85, "spacy")]
    out = relabel_people(t, ents)
    assert [(t[e.start:e.end], e.category) for e in out] == [("Rowena", "PERSON"),
                                                             ("Tarrant’s hospital", "ORGANIZATION")]


def test_a_guessed_person_ending_like_an_english_noun_is_dropped():
    t = "Then Cardio Pulmonary Resuscitation was started; Anwen was seen."
    a = t.index("Cardio")
    ents = [Entity(a, a + 30, "PERSON_CONTEXT", "PERSON", 0.5, "person_context"),
            Entity(t.index("Anwen"), t.index("Anwen") + 5, "PERSON_CONTEXT", "PERSON", 0.5, "person_context")]
    assert _texts(t, drop_ordinary_phrases(t, ents)) == ["Anwen"]


# -- conditions and terms ---------------------------------------------------------------------------

class _R:
    def __init__(self, entity_type, start, end):
        self.entity_type, self.start, self.end, self.score = entity_type, start, end, 0.85
        self.recognition_metadata = {"recognizer_name": "spacy"}


@pytest.mark.parametrize("phrase", ["Follicular Lymphoma", "Oesophageal Atresia", "Strangulated Hiatus Hernia",
                                    "Scarlet Fever", "Hypoxic Ischaemic Encephalopathy"])
def test_a_condition_taken_for_a_name_is_dropped(phrase):
    t = f"He had {phrase} then."
    for kind in ("PERSON", "ORG"):
        assert keep_result(t, _R(kind, 7, 7 + len(phrase)), 0.35) is None


def test_a_name_ending_in_a_condition_suffix_is_kept_when_it_is_a_known_name():
    t = "seen by Anwen Jones today"
    assert keep_result(t, _R("PERSON", 8, 19), 0.35) is not None


def test_capitals_only_word_used_as_a_term_is_dropped_everywhere():
    t = "The QXPS protocol failed; QXPS gave a code. The ABCT staff said ABCT would help."
    q, a = t.index("QXPS gave"), t.index("ABCT staff")
    ents = [Entity(4, 8, "ORGANIZATION", "ORGANIZATION", 0.85, "spacy"),
            Entity(q, q + 4, "ORGANIZATION", "ORGANIZATION", 0.85, "second_pass"),
            Entity(a, a + 4, "ORGANIZATION", "ORGANIZATION", 0.85, "spacy"),
            Entity(t.rindex("ABCT"), t.rindex("ABCT") + 4, "ORGANIZATION", "ORGANIZATION", 0.85, "spacy")]
    assert _texts(t, drop_generic_names(t, ents)) == ["ABCT", "ABCT"]


def test_capitals_only_word_that_spells_a_kind_of_team_is_dropped():
    t = "She was seen by XHTT. Later the XHTT treatment team closed the case."
    ents = [Entity(16, 20, "ORGANIZATION", "ORGANIZATION", 0.85, "spacy"),
            Entity(32, 36, "ORGANIZATION", "ORGANIZATION", 0.85, "spacy")]
    assert drop_generic_names(t, ents) == []


def test_a_term_found_by_another_recognizer_is_kept():
    t = "The QXPS protocol failed."
    e = Entity(4, 8, "ORGANIZATION", "ORGANIZATION", 0.65, "public_service")
    assert drop_generic_names(t, [e]) == [e]


def test_hyphenated_words_spell_a_defined_acronym():
    t = "with Tracheo-Oesophageal Fistula (TOF) at birth"
    assert [(a, t[s:e]) for a, s, e in _defined_acronyms(t)] == [("TOF", "Tracheo-Oesophageal Fistula")]


# -- dates and places --------------------------------------------------------------------------------

def test_an_ordinal_glued_to_its_month_is_a_date():
    t = "he died on 19thOctober 2021 in hospital; 3rdMay"
    assert _found(SlippedDateRecognizer(), t) == ["19thOctober 2021", "3rdMay"]


@pytest.mark.parametrize("country", ["Russia", "Ukraine", "Vietnam", "Saudi Arabia"])
def test_countries_are_allowed(country):
    assert load_allow_list().is_allowed_text(country)


@pytest.mark.parametrize("name", ["Jordan", "Georgia", "Jersey", "Chad"])
def test_country_names_that_are_forenames_or_small_islands_are_not_allowed(name):
    assert not load_allow_list().is_allowed_text(name)


# -- vehicles --------------------------------------------------------------------------------------

def test_a_vehicle_make_and_model_is_not_a_name_or_place():
    t = "She drove a Vauxhall Corsa and was struck by the Corsa; Mr Ford saw a Ford Focus. Ford said so."
    v, c = t.index("Vauxhall"), t.index("Corsa;")
    f1, f2, f3 = t.index("Ford saw"), t.index("Ford Focus"), t.rindex("Ford")
    ents = [Entity(v, v + 14, "PERSON", "PERSON", 0.85, "spacy"),
            Entity(c, c + 5, "PERSON", "PERSON", 0.85, "second_pass"),
            Entity(f1, f1 + 4, "TITLED_PERSON", "PERSON", 0.85, "person_titled"),
            Entity(f2, f2 + 10, "ORGANIZATION", "ORGANIZATION", 0.85, "spacy"),
            Entity(f3, f3 + 4, "PERSON", "PERSON", 0.85, "spacy")]
    # the titled name and a lone "Ford" (a known surname) are kept; make-and-model spans are not
    assert _texts(t, drop_generic_names(t, ents)) == ["Ford", "Ford"]


def test_a_make_before_a_place_is_not_a_vehicle():
    t = "He lived in Vauxhall London for years."
    v = t.index("Vauxhall")
    ents = [Entity(v, v + 15, "LOCATION", "LOCATION", 0.85, "spacy")]
    assert drop_generic_names(t, ents) == ents


# -- a day of the month alone -----------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("a telephone call was booked on the 15th. She was seen", ["15th"]),
    ("it took until the 8th for the scan to be done", ["8th"]),
    ("the surgeon who saw her on the 24th, considered", ["24th"]),
    ("the ward is on the 13th floor of the hospital", []),
    ("for the 3rd day running; on the 2nd time", []),
])
def test_a_day_of_the_month_alone_after_a_preposition(text, expected):
    from leder_insights.deid.recognizers.dates import WrittenDateRecognizer

    assert _found(WrittenDateRecognizer(), text) == expected


def test_counted_letters_are_not_initials():
    t = "the 4 H's and 4 T's were not considered; the 4 H's were listed"
    assert lone_initials(t, []) == []


@pytest.mark.parametrize("phrase", ["Aortic Aneurysm", "Arthritis", "Follicular Lymphoma"])
def test_a_guessed_person_naming_a_condition_is_dropped(phrase):
    t = f"{phrase} was diagnosed."
    e = Entity(0, len(phrase), "PERSON_CONTEXT", "PERSON", 0.5, "person_context")
    assert drop_ordinary_phrases(t, [e]) == []
