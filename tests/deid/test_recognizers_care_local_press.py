"""Local newspapers and radio stations name the area (attack9 F7); national titles are allowed.
Invented place names only."""
import pytest

from leder_insights.deid.recognizers.care import LocalPressRecognizer


def _found(text):
    return [text[r.start:r.end] for r in LocalPressRecognizer().analyze(text, ["ORGANIZATION"])]


@pytest.mark.parametrize("text, name", [
    ("The Wexbridge Gazette ran the story.", "Wexbridge Gazette"),
    ("She wrote to the Harrowdene Echo.", "Harrowdene Echo"),
    ("It was on Radio Quillham that morning.", "Radio Quillham"),
    ("Pollardby Live said the home had closed.", "Pollardby Live"),
    ("The Stanmoreton Evening News printed it.", "Stanmoreton Evening News"),
])
def test_local_title_is_masked(text, name):
    assert _found(text) == [name]


@pytest.mark.parametrize("text", [
    "BBC News covered it.", "The Guardian and The Times reported it.", "He read the Radio Times.",
    "The Daily Post arrived.", "He liked Radio 2.", "The Nursing Times article.",
])
def test_national_or_ordinary_title_is_kept(text):
    assert _found(text) == []
