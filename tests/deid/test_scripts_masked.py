"""Letters of a non-Latin script in an English review are masked unless allowed (fail closed)."""
import pytest

from leder_insights.deid._scripts import load_script_allowed, non_latin_entities


@pytest.mark.parametrize("name", ["\u0644\u064a\u0644\u0649", "\u674e\u5c0f\u9f99", "\u0905\u0928\u093f\u0932 \u0915\u0941\u092e\u093e\u0930",
                                  "\u041e\u043b\u044c\u0433\u0430", "\u05e9\u05e8\u05d4", "\u0ab0\u0abe\u0a9c\u0ac7\u0ab6",
                                  "\uc774\uc218\uc9c4", "\u0e2a\u0e21\u0e0a\u0e32\u0e22"])
def test_non_latin_runs_are_masked_whole(name):
    text = f"His cousin {name} rang the ward."
    (e,) = non_latin_entities(text)
    assert text[e.start:e.end] == name and e.category == "PERSON"


def test_latin_accents_and_allowed_greek_survive():
    text = "Zoë and Łukasz gave 5 μg; a β-blocker was stopped (café)."
    assert non_latin_entities(text) == []
    assert "β" in load_script_allowed()


def test_an_unlisted_greek_word_is_masked():
    text = "A note said \u039d\u03af\u03ba\u03bf\u03c2 would visit."
    assert [text[e.start:e.end] for e in non_latin_entities(text)] == ["\u039d\u03af\u03ba\u03bf\u03c2"]


@pytest.mark.slow
def test_detector_masks_scripts_in_the_original_text():
    from leder_insights.deid._engine import build_detector

    text = "Interpreter for \u0641\u0627\u0637\u0645\u0629\u200b \u0639\u0644\u064a present."
    ents = build_detector().analyze(text)
    s = text.index("\u0641")
    assert any(e.start <= s and e.end >= text.index("\u064a") + 1 for e in ents)
