"""Attacker 5's F3: lone names told by their cues (a person's predicate, an age in brackets, a
quoted nickname, a patronymic, a name with letters beyond Latin-1). Clinical nouns, document parts
and everyday words stay. Invented names; no NLP model is loaded."""
from __future__ import annotations

import pytest

from leder_insights.deid.recognizers.people.name_cues import NameCuesRecognizer


def _found(text):
    return sorted(text[r.start:r.end] for r in NameCuesRecognizer().analyze(text, ["PERSON_CONTEXT"]))


@pytest.mark.parametrize("text,name", [
    ("Pengelly was not weighed for six months.", "Pengelly"),
    ("Staff should have noticed that Hope was losing weight.", "Hope"),
    ("Kerensa (47) was not offered reasonable adjustments.", "Kerensa"),
    ("Trevanion (aged 52) was not seen.", "Trevanion"),
    ('Known to everyone as "Smudge", he was not included.', "Smudge"),
    ("He liked to be called \u2018Bunny\u2019 by staff.", "Bunny"),
    ("Reasonable adjustments were not made for Iolo ap Gruffydd at the scan.", "Iolo ap Gruffydd"),
    ("Nguy\u1ec5n Th\u1ecb Hoa was not given easy-read information.", "Nguy\u1ec5n Th\u1ecb Hoa"),
    ("Grzegorz W\u0105sowicz moved from Poland.", "Grzegorz W\u0105sowicz"),
    ("Morvoren loved music and was in pain for weeks.", "Morvoren"),
])
def test_name_cues_find_the_name(text, name):
    assert name in _found(text)


@pytest.mark.parametrize("text", [
    "Constipation was not treated and Dysphagia was not assessed.",
    "Clozapine was offered but Olanzapine was not offered.",
    "Regulation (28) applies; Section (2) was used; Table (3) shows it.",
    "Hope was expressed that things would improve.", "Staff were upset and Paramedics attended.",
    "The Caf\u00e9 Nero meeting.", 'The policy known as "Making Every Contact Count" was not used.',
    "Mum was not told and Nobody was invited.",
])
def test_name_cues_leave_words_terms_and_documents(text):
    found = _found(text)
    # a quoted title of several words may be masked; a single clinical word or document part never
    assert all(w not in found for w in ("Constipation", "Dysphagia", "Clozapine", "Olanzapine", "Regulation",
                                        "Section", "Table", "Hope", "Staff", "Paramedics", "Mum", "Nobody")), found
    assert "Caf\u00e9 Nero" not in found
