"""Attack report 7, F3: person names in ordinary forms (invented names and sentences only).

Each family is fixed at its cause: the normaliser (decomposed accents, full-width letters, spaced
capitals, Markdown), the re-cased copies (a lower-case line inside ordinary text, a
lone ALL-CAPS forename), the person edges (a forename beside a found surname, "SURNAME, Forename"),
cue recognizers (a list of attendees, a quoted name, "X from the day centre"), CamelCase file
names and the initials of references. Ordinary text must still pass.
"""
import pytest

from leder_insights.deid._case import caps_windows, lone_caps_names, lower_windows
from leder_insights.deid._normalise import normalise
from leder_insights.deid.recognizers.people import (InitialsRecognizer, LowerTitledNameRecognizer,
                                                    NameFormRecognizer, NameListRecognizer, NameSlotRecognizer)


def _found(recognizer, entity, text):
    return [text[r.start:r.end] for r in recognizer.analyze(text, [entity])]


def _masked(detector, text, categories=None):
    """The text with every span (of ``categories``, or any) replaced by '#'."""
    out = list(text)
    for e in detector.analyze(text):
        if categories is None or e.category in categories:
            out[e.start:e.end] = "#" * (e.end - e.start)
    return "".join(out)


# --- normaliser -------------------------------------------------------------------------------

def test_decomposed_accent_reads_as_one_letter_and_maps_back():
    text = "Seen by Aoifa\u0301 Quennelby."
    n = normalise(text)
    assert n.text == "Seen by Aoifá Quennelby."
    s = n.text.index("Aoifá")
    assert n.to_original(s, s + 5) == (8, 14)


@pytest.mark.parametrize("text, word", [
    ("B E R N A D E T T E was not told.", "BERNADETTE"),
    ("Her name, P-E-N-R-O-S-E, was misspelt.", "PENROSE"),
])
def test_spaced_capitals_read_as_one_word(text, word):
    n = normalise(text)
    s = n.text.index(word)
    a, b = n.to_original(s, s + len(word))
    assert text[a:b].replace(" ", "").replace("-", "") == word


@pytest.mark.parametrize("text", ["Options A B C were offered.", "Grade A-B was given.", "He said I O U."])
def test_three_or_fewer_spaced_capitals_stay(text):
    assert normalise(text).text == text


# --- re-cased copies ------------------------------------------------------------------------------

def test_lower_case_line_inside_ordinary_text_is_recased():
    text = "The review found gaps in care.\n- staff said maureen quillfeather had refused."
    [(s, t, copy, _)] = lower_windows(text)
    assert "Maureen Quillfeather" in copy and len(copy) == t - s


def test_lower_case_fragment_inside_ordinary_prose_is_left_alone():
    assert lower_windows("He was seen by the GP. firstly, before the nail was inserted it may be moved.") == []


def test_title_abbreviation_does_not_end_a_lower_case_sentence():
    text = "Notes.\n- dr. siobhán ní quarrendon did not review the plan."
    [(_, _, copy, _)] = lower_windows(text)
    assert "Dr. Siobhán Ní Quarrendon" in copy


def test_lone_caps_forename_is_recased_but_not_an_acronym_or_word():
    text = "NIAMH was not offered an easy read letter. MRSA was found. WARNING was given."
    assert [text[a:b] for a, b in lone_caps_names(text, frozenset({"MRSA"}))] == ["NIAMH"]
    [(_, _, copy, _)] = caps_windows(text, frozenset({"MRSA"}))
    assert copy.startswith("Niamh was not offered")


# --- recognizers ------------------------------------------------------------------------------

def test_lower_title_name_with_accents_and_particle():
    text = "Seen by dr. éadaoin nic quarrie on the ward."
    assert _found(LowerTitledNameRecognizer(), "TITLED_PERSON", text) == ["éadaoin nic quarrie"]


@pytest.mark.parametrize("text, names", [
    ("Attendees Perpetua Vane, Kwadwo Ashby-Rook and Ines Torrance agreed.",
     ["Perpetua Vane", "Kwadwo Ashby-Rook", "Ines Torrance"]),
    ("Present: GP, Social Worker and Dr Olwen Brackley.", ["Olwen Brackley"]),
])
def test_names_of_a_list_of_people(text, names):
    assert _found(NameListRecognizer(), "PERSON_CONTEXT", text) == names


def test_no_list_cue_no_list_names():
    assert _found(NameListRecognizer(), "PERSON_CONTEXT", "Oak Ward, Elm Ward and Ash Ward were open.") == []


@pytest.mark.parametrize("text, name", [
    ("'Tibbsy', as his friends knew him, was not asked.", "Tibbsy"),
    ("\u2018Tibbsy\u2019, as his friends knew him, was not asked.", "Tibbsy"),
    ("\u201cQuorrel\u201d had no hospital passport.", "Quorrel"),
    ("\"Quorrel\" had no hospital passport.", "Quorrel"),
    ("Folake from the day centre noticed he was unwell.", "Folake"),
    ("- Ine\u0301s Quarrie from the GP surgery phoned twice.", "Quarrie"),
])
def test_quoted_name_and_name_from_a_place(text, name):
    assert name in _found(NameSlotRecognizer(), "PERSON_CONTEXT", text)


@pytest.mark.parametrize("text", [
    "'Never' was all he said.",
    "Staff from the day centre noticed he was unwell.",
    "\"Sepsis\" was not considered.",
])
def test_quoted_words_and_staff_are_not_names(text):
    assert _found(NameSlotRecognizer(), "PERSON_CONTEXT", text) == []


@pytest.mark.parametrize("text, token", [
    ("The file MaureenQuillfeather_notes was not shared.", "MaureenQuillfeather_notes"),
    ("See folder QuillfeatherDoreen2021 for details.", "QuillfeatherDoreen2021"),
    ("Attached: MaureenQuillfeatherCarePlan.pdf was late.", "MaureenQuillfeatherCarePlan.pdf"),
])
def test_camel_case_file_names_holding_a_name(text, token):
    assert token in _found(NameFormRecognizer(), "PERSON_NAME", text)


@pytest.mark.parametrize("text", ["Slides in PowerPoint and calls on WhatsApp.", "He used SystmOne and YouTube.",
                                  "Mr McDonald came."])
def test_camel_case_products_are_not_names(text):
    assert _found(NameFormRecognizer(), "PERSON_NAME", text) == []


@pytest.mark.parametrize("text, found", [
    ("Per QW/xr the plan was not updated.", ["QW/xr"]),
    ("Ref: LDR/BMc/0417 refers.", ["LDR", "BMc"]),
    ("Our ref HVZ/2211 was quoted.", ["HVZ"]),
])
def test_initials_in_references(text, found):
    assert sorted(set(_found(InitialsRecognizer(), "NAME_INITIALS", text))) == sorted(found)


@pytest.mark.parametrize("text", ["Care was 24/7 and/or n/a.", "The GP/ok box; ref 2021/0045."])
def test_slashes_without_initials_stay(text):
    assert _found(InitialsRecognizer(), "NAME_INITIALS", text) == []


# --- end to end (the detector) ------------------------------------------------------------------

@pytest.mark.parametrize("line, secret", [
    ("- dr. siobhán ní quarrendon did not review the swallowing plan.", "quarrendon"),
    ("- B E R N A D E T T E was not given accessible information.", "B E R N A D E T T E"),
    ("- QUILLFEATHER, Bartholomew was given food of the wrong texture.", "QUILLFEATHER"),
    ("- \u2018Tibbsy\u2019, as his friends knew him, was not consulted.", "Tibbsy"),
    ("- **Folake** from the day centre noticed he was unwell.", "Folake"),
    ("- The file MaureenQuillfeather_notes was not shared.", "Maureen"),
    ("- NIAMH was not offered a reasonable adjustment.", "NIAMH"),
    ("- Attendees Perpetua Vane, Kwadwo Ashby-Rook and Ines Torrance agreed.", "Kwadwo"),
    ("- Cia\u0301ran Quennelby from the CLDT was not invited.", "Cia"),
    ("- \uff2d\uff41\uff55\uff52\uff45\uff45\uff4e Quennelby was not told.", "\uff2d\uff41\uff55"),
    ("- staff said maureen quillfeather-rook had refused the bloods.", "quillfeather"),
    ("- Per QW/xr the plan was not updated after the fall.", "QW/xr"),
    ("- **Ojuolape** Quennelby was not invited to the meeting.", "Ojuolape"),
    ("- Ojuolape Quennelby from the GP surgery phoned twice.", "Quennelby"),
    ("- Ine\u0301s Quarrie from the GP surgery phoned twice.", "Quarrie"),
    ("- The letter went to QUILLFEATHER-ROOK, Ivor at the old address.", "QUILLFEATHER"),
])
def test_detector_masks_every_family_inside_ordinary_text(detector, line, secret):
    text = "The review found gaps in care and communication.\n" + line
    assert secret not in _masked(detector, text)


@pytest.mark.parametrize("text", [
    "The review found gaps in care.\n- the home said the gp was informed and the ward was busy.",
    "The review found gaps in care.\n- pain relief was given at 10:00 and again at noon.",
    "NOTE: the NHS and CQC were told. WARNING signs were missed.",
])
def test_detector_leaves_ordinary_lower_case_and_caps_lines(detector, text):
    assert "#" not in _masked(detector, text, {"PERSON"})
