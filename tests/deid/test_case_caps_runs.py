"""ALL-CAPS runs are re-cased for a second look; names, places and dates in capitals are found."""
import functools

import pytest

from leder_insights.deid._case import caps_runs, caps_windows, restore_case


def test_caps_runs_need_two_words_and_not_only_acronyms():
    acr = frozenset({"NHS", "GP", "ICB"})
    t = "Seen by the NHS GP. HIS SISTER LOWRI MADOC CAME. WAST, BCU and ICB staff."
    runs = [t[a:b] for a, b in caps_runs(t, acr)]
    assert runs == ["HIS SISTER LOWRI MADOC CAME"]


def test_restore_case_keeps_length_and_acronyms():
    run = "MR ODHRAN O'KEEFE-DALY WAS SEEN BY THE NHS GP ON 3 MAY 2021"
    out = restore_case(run, frozenset({"NHS", "GP"}))
    assert len(out) == len(run)
    assert out.startswith("Mr Odhran O'Keefe-Daly was seen by the NHS GP on 3 May 2021")


def test_caps_windows_cover_the_sentence_with_the_same_offsets():
    t = "Background. THE DECEASED, ELOWEN TREGARTHEN, LIVED IN PENZANCE. Later text."
    (s, e, copy, runs), = caps_windows(t)
    assert t[s:e].strip().startswith("THE DECEASED") and len(copy) == e - s
    a, b = runs[0]
    assert copy[t.index("ELOWEN") - s:t.index("ELOWEN") - s + 6] == "Elowen"


@functools.lru_cache(maxsize=1)
def _detector():
    from leder_insights.deid._engine import build_detector

    return build_detector()


@pytest.mark.slow
@pytest.mark.parametrize("text, planted", [
    ("THE DECEASED, ELOWEN TREGARTHEN, WAS FOUND AT HIS FLAT ON 2 APRIL 2022.",
     ["ELOWEN TREGARTHEN", "2 APRIL 2022"]),
    ("HE WAS TAKEN TO KINGSMERE GENERAL HOSPITAL BY AMBULANCE.", ["KINGSMERE GENERAL HOSPITAL"]),
    ("Statement of MRS PERPETUA ABERNATHY, care manager.", ["PERPETUA ABERNATHY"]),
])
def test_detector_finds_identifiers_in_capitals(text, planted):
    ents = _detector().analyze(text)
    for p in planted:
        s = text.index(p)
        assert all(any(e.start <= i < e.end for e in ents) for i in range(s, s + len(p)) if text[i].isalnum()), \
            (p, [(text[e.start:e.end], e.category) for e in ents])


@pytest.mark.slow
def test_detector_leaves_acronym_lists_in_capitals():
    text = "The concerns were shared with NHS, CQC and NICE."
    assert [text[e.start:e.end] for e in _detector().analyze(text)] == []
