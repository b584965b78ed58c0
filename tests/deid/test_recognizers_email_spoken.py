"""E-mail addresses whose local part is spelled out (attacker 8's F5): the whole address is masked,
not only its last word. Invented addresses."""
from __future__ import annotations

import pytest

from leder_insights.deid.recognizers.contact.email_forms import EmailFormsRecognizer


def _found(text):
    return [text[r.start:r.end] for r in EmailFormsRecognizer().analyze(text, ["EMAIL_ADDRESS"])]


@pytest.mark.parametrize("value", ["neve dot hollis at nhs dot net", "b dot k dot orme at nhs dot net",
                                   "saul underscore penn at gmail dot com", "ivo hyphen cray at outlook dot com",
                                   "lyra dot vance at hotmail", "tam dot rook at example dot org dot uk"])
def test_email_spoken_local_part_masked_whole(value):
    assert _found(f"Letters to {value} were not answered.") == [value]


@pytest.mark.parametrize("text", ["Dot and underscore were his favourite symbols.",
                                  "He joined the dots at the day centre at 10am.",
                                  "A dot at the top of the chart was the NEWS2 score."])
def test_email_spoken_leaves_ordinary_text(text):
    assert _found(text) == []
