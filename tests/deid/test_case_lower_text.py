"""Texts typed in lower case are re-cased for a second look (names, places and organisations are
found); ordinary prose with a lower-case fragment is left alone."""
import functools

import pytest

from leder_insights.deid._case import lower_windows


def test_lower_windows_recase_listed_names_places_and_their_neighbours_same_length():
    t = "mum, sandra pickering, said he was seen at leeds general infirmary. he liked ms okafor-baptiste."
    wins = lower_windows(t)
    assert [len(c) == e - s for s, e, c, _ in wins] == [True, True]
    first, second = (c for _, _, c, _ in wins)
    assert "Sandra Pickering" in first and "Leeds General Infirmary" in first
    assert "mum, " in first and "said he was seen at" in first  # everyday words stay as typed
    assert "Ms Okafor-baptiste" in second or "Ms Okafor-Baptiste" in second


def test_lower_windows_leave_prose_with_capitals_and_list_fragments_alone():
    assert lower_windows("He was seen by the GP and given antibiotics for a chest infection.") == []
    prose = ("The concerns are:\n(i) firstly, before the nail was inserted it may be that it was loose;\n"
             "(ii) secondly, the staff were not told.\nThe trust agreed.")
    assert lower_windows(prose) == []  # most sentences start with a capital


def test_lower_windows_need_a_whole_lower_case_text_not_one_fragment():
    mixed = "He lived at home. His carer said so. the nurse, sandra pickering, visited him at home every week."
    assert lower_windows(mixed) == []
    assert lower_windows(mixed.lower()) != []


@functools.lru_cache(maxsize=1)
def _detector():
    from leder_insights.deid._engine import build_detector

    return build_detector()


@pytest.mark.slow
@pytest.mark.parametrize("text, planted", [
    ("mum, sandra pickering, said he had been unwell for a week before he was admitted.",
     ["sandra pickering"]),
    ("he was very close to ms baptiste, who phoned most days and visited on sundays.", ["baptiste"]),
    ("he was admitted to leeds general infirmary with a chest infection and was treated.",
     ["leeds"]),
])
def test_detector_finds_names_and_places_in_lower_case_text(text, planted):
    ents = _detector().analyze(text)
    for p in planted:
        s = text.index(p)
        assert all(any(e.start <= i < e.end for e in ents) for i in range(s, s + len(p)) if text[i].isalnum()), \
            (p, [(text[e.start:e.end], e.category) for e in ents])
