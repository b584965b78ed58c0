"""Attack report 3, F2: names in forms that passed de-identification (invented sentences only).

Lower case after a title or a relation word, Markdown emphasis inside a word, a homoglyph of
another script inside a Latin word, an initial glued to a surname, a dotted lower-case pair and a
file name holding a name; and the clinical words and ordinary text that must still pass.
"""
import pytest

from leder_insights.deid._normalise import normalise
from leder_insights.deid._scripts import non_latin_entities
from leder_insights.deid.recognizers.people import (LowerRoleNameRecognizer, LowerTitledNameRecognizer,
                                                    NameFormRecognizer)


def _found(recognizer, entity, text):
    return [text[r.start:r.end] for r in recognizer.analyze(text, [entity])]


@pytest.mark.parametrize("text, name", [
    ("- mrs pemberthy phoned the ward twice.", "pemberthy"),
    ("Reviewed by dr adeyemi-lockwood on the ward.", "adeyemi-lockwood"),
    ("prof. quennell wrote to the family.", "quennell"),
])
def test_lower_case_title_then_name(text, name):
    assert _found(LowerTitledNameRecognizer(), "TITLED_PERSON", text) == [name]


@pytest.mark.parametrize("text", [
    "The dr said he was fine.",
    "Morphine mr 10mg was given.",
    "The mr scan was normal and the dr reviewed her.",
    "dr appointment booked.",
])
def test_lower_case_title_then_an_ordinary_word_stays(text):
    assert _found(LowerTitledNameRecognizer(), "TITLED_PERSON", text) == []


@pytest.mark.parametrize("text, name", [
    ("her nephew trevor blackmore-hay said staff were kind.", "trevor blackmore-hay"),
    ("dad, kenneth ashworth, said he was not told.", "kenneth ashworth"),
    ("His sister: deborah visited.", "deborah"),
])
def test_relation_then_lower_case_forename(text, name):
    assert _found(LowerRoleNameRecognizer(), "ROLE_PERSON", text) == [name]


@pytest.mark.parametrize("text", [
    "his brother came every week.",
    "Her mum said nobody listened.",
    "His sister Deborah visited.",   # capitalised: the person_role recognizer's
    "The support worker noticed a rash.",
])
def test_relation_then_an_ordinary_word_stays(text):
    assert _found(LowerRoleNameRecognizer(), "ROLE_PERSON", text) == []


@pytest.mark.parametrize("text, name", [
    ("Signed: T.Quarrington (author)", "T.Quarrington"),
    ("Saved as quarrington_t_letter.pdf on the drive.", "quarrington_t_letter.pdf"),
    ("Her address is tamsin.quarrington for now.", "tamsin.quarrington"),
])
def test_initial_glued_dotted_pair_and_file_name(text, name):
    assert _found(NameFormRecognizer(), "PERSON_NAME", text) == [name]


@pytest.mark.parametrize("text", [
    "See discharge_summary_v2.pdf and the care plan.",
    "Guidance is on nhs.uk and gov.uk.",
    "Stool grew E.coli; the M.D. agreed; E.Coli and H.Pylori grew.",
    "The final draft.docx was shared.",
])
def test_file_names_domains_and_abbreviations_without_a_name_stay(text):
    assert _found(NameFormRecognizer(), "PERSON_NAME", text) == []


@pytest.mark.parametrize("text, reads", [
    ("Her friend **Tam**sin Quarrington came.", "Her friend Tamsin Quarrington came."),
    ("Her friend _Tamsin_ came.", "Her friend Tamsin came."),
    ("Her friend *Tam*sin came.", "Her friend Tamsin came."),
])
def test_markdown_emphasis_is_read_as_text_with_offsets(text, reads):
    n = normalise(text)
    assert n.text == reads
    s = n.text.index("Tamsin")
    a, b = n.to_original(s, s + len("Tamsin"))
    assert text[a:b].replace("*", "").replace("_", "") == "Tamsin"


@pytest.mark.parametrize("text", [
    "* a bullet item\n* another",
    "Saved as quarrington_t_letter.pdf",
    "Score 5*3 and [PERSON_2] stays.",
])
def test_bullets_and_inner_underscores_are_not_markdown(text):
    assert normalise(text).text == text


def test_a_mixed_script_word_is_masked_whole():
    text = "Her friend T\u0430msin Qu\u0430rrington (\u03b2-blockers) came."
    assert [text[e.start:e.end] for e in non_latin_entities(text)] == ["T\u0430msin", "Qu\u0430rrington"]


@pytest.mark.slow
def test_end_to_end_forms_are_masked_and_may_stays():
    from leder_insights.deid._deidentifier import Deidentifier

    d = Deidentifier()
    for text, name in [("- mrs pemberthy phoned twice.", "pemberthy"),
                       ("her nephew trevor blackmore said no.", "blackmore"),
                       ("Her friend **Tam**sin Quarrington came.", "sin"),
                       ("Her friend T\u0430msin came.", "msin"),
                       ("Signed: T.Quarrington", "Quarrington")]:
        assert name not in d.deidentify(text, doc_key="t").text, text
    assert d.deidentify("May was a difficult month.", doc_key="t").text == "May was a difficult month."


def test_forename_beside_a_person_span_and_a_role_with_a_colon():
    from leder_insights.deid._deidentifier import _forename_next_to
    from leder_insights.deid.recognizers.people import RoleNameRecognizer

    t = "GARETH PENGELLY, HIS SON; Pengelly, Gareth (Mr); SAW Pengelly"
    assert t[slice(*_forename_next_to(t, 7, 15, 0, 25))] == "GARETH PENGELLY"
    assert t[slice(*_forename_next_to(t, 26, 34, 25, 48))] == "Pengelly, Gareth"
    assert _forename_next_to(t, 53, 61, 48, 61) == (53, 61)
    text = "He was close to his family (sister: Deborah)."
    assert [text[r.start:r.end] for r in RoleNameRecognizer().analyze(text, ["ROLE_PERSON"])] == ["Deborah"]


@pytest.mark.slow
def test_all_caps_hyphenated_surname_with_a_possessive():
    from leder_insights.deid._case import restore_case
    from leder_insights.deid._deidentifier import Deidentifier

    assert restore_case("PENHALIGON-ASARE'S DAD WAS NOT TOLD").startswith("Penhaligon-Asare's")
    out = Deidentifier().deidentify("- PENHALIGON-ASARE'S DAD WAS NOT TOLD.", doc_key="t").text
    assert "PENHALIGON" not in out and "ASARE" not in out, out


def test_forename_with_a_title_in_brackets_and_an_everyday_word_forename_mid_sentence():
    from leder_insights.deid._deidentifier import _forename_next_to

    t = "Statement from Quarry, Tamsin (Mrs). Her carers Joy Pengelly came."
    assert t[slice(*_forename_next_to(t, 15, 21, 0, 40))] == "Quarry, Tamsin"
    assert t[slice(*_forename_next_to(t, 52, 60, 40, 66))] == "Joy Pengelly"
    t2 = "Joy Pengelly came."   # sentence start: an everyday word there is not taken
    assert _forename_next_to(t2, 4, 12, 0, 18) == (4, 12)


def test_a_title_that_is_also_a_listed_name_stays_outside():
    from leder_insights.deid._deidentifier import _forename_next_to

    t = "the report of Master Pengelly was read"
    assert _forename_next_to(t, 21, 29, 0, 38) == (21, 29)
