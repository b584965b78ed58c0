"""Second pass: other mentions of found names and organisations."""
from leder_insights.deid._entities import Entity
from leder_insights.deid._second_pass import propagate, within_one_edit


def _texts(text, ents):
    return [text[e.start:e.end] for e in propagate(text, ents)]


def test_engine_second_pass_name_variants():
    text = "Karen Smith attended. Later SMITH's notes and Karens bag; Mrs Smyth came; karen smiled."
    found = [Entity(0, 11, "PERSON", "PERSON", 0.85, "titled")]
    assert _texts(text, found) == ["SMITH", "Karen", "Smyth", "karen"]


def test_engine_second_pass_org_full_name_any_case():
    text = "Vancouver House staff. VANCOUVER HOUSE was inspected."
    found = [Entity(0, 15, "CARE_HOME", "ORGANIZATION", 0.9, "care_home")]
    assert _texts(text, found) == ["VANCOUVER HOUSE"]


def test_engine_second_pass_org_acronym():
    text = "Milton Keynes University Hospital (MKUH) admitted him; MKUH later said."
    found = [Entity(0, 33, "HOSPITAL", "ORGANIZATION", 0.9, "hospital")]
    assert _texts(text, found) == ["MKUH", "MKUH"]


def test_engine_second_pass_leaves_common_words():
    text = "Will Smith came. He will go. We hope so."
    found = [Entity(0, 10, "PERSON", "PERSON", 0.85, "titled")]
    assert _texts(text, found) == []


def test_engine_second_pass_edit_distance():
    assert within_one_edit("smith", "smyth") and within_one_edit("smith", "smiths")
    assert not within_one_edit("smith", "smote")
