"""The calendar's word lists (release/schemas/text_mentions.yaml ``lists``) as patterns."""
import re

import pytest
import yaml

from leder_insights.release._mentions import MENTIONS_FILE, words_pattern

LISTS = [lst for spec in yaml.safe_load(MENTIONS_FILE.read_text(encoding="utf-8"))["calendar"].values()
         for lst in spec.get("lists") or ()]


@pytest.mark.parametrize("i", range(len(LISTS)))
def test_every_listed_word_is_matched_in_any_case_spacing_and_apostrophe(i):
    words = [str(w) for w in LISTS[i]["words"]]
    rx = re.compile(words_pattern(words), re.I)
    for w in words:
        for form in (w, w.upper(), w.lower(), w.replace(" ", "  "), w.replace("'", ""),
                     w.replace("'", "\u2019")):
            assert rx.fullmatch(form), form


def test_trie_matches_exactly_the_words():
    rx = re.compile(words_pattern(["Eid", "Eid al-Fitr", "Easter", "Holi", "Holy Week"]), re.I)
    assert [bool(rx.fullmatch(t)) for t in ("eid", "Eid al-Fitr", "Eid al", "Easter", "Holi", "Holy Week",
                                            "Holy", "Holiday")] == [True, True, False, True, True, True,
                                                                    False, False]
