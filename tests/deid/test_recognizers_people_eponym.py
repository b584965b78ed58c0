"""A person's name inside an eponymous Act, Law, Review, Inquiry, Protocol, Report, Standard or
Principles (attack9 F1): masked unless its words are ordinary or the eponym is a public one on the
allow-list. Invented names and sentences only."""
import pytest

from leder_insights.deid._entities import Entity
from leder_insights.deid._name_edges import grow_surname
from leder_insights.deid.recognizers.people import EponymRecognizer
from leder_insights.deid.recognizers.people.eponym import HEADS_PATH, ORDINARY_PATH, ordinary_word


def _found(text):
    return [text[r.start:r.end] for r in EponymRecognizer().analyze(text, ["PERSON_CONTEXT"])]


@pytest.mark.parametrize("text, name", [
    ("Everyone completed Odalys Brennock Act training.", "Odalys Brennock"),
    ("The board adopted Wilhelmina's Law last year.", "Wilhelmina"),
    ("The Tollervey Review made six recommendations.", "Tollervey"),
    ("Evidence went to the Garside-Penrose Inquiry.", "Garside-Penrose"),
    ("Nurses used the Quarrington Protocol at night.", "Quarrington"),
    ("The Ysolde Marrick Report was late.", "Ysolde Marrick"),
    ("They followed the Hollinrake Standards for feeding.", "Hollinrake"),
    ("The Arbuthnot Principles were on the wall.", "Arbuthnot"),
])
def test_name_of_an_eponym_is_masked(text, name):
    assert _found(text) == [name]


@pytest.mark.parametrize("text", [
    "The Mental Capacity Act was not applied.",
    "A Safeguarding Adults Review was held.",
    "The Structured Judgement Review was graded poor.",
    "The Francis Report was quoted.",
    "Martha's Rule posters were on the ward.",
    "The Caldicott Principles apply to sharing.",
    "The Regulation 28 Report was sent.",
    "The Annual Report and the Serious Incident Review.",
])
def test_ordinary_or_public_eponym_is_kept(text):
    assert _found(text) == []


def test_ordinary_word_reads_lists():
    assert ordinary_word("Safeguarding") and ordinary_word("Judgement") and not ordinary_word("Tollervey")
    assert HEADS_PATH.exists() and ORDINARY_PATH.exists()


def test_surname_after_a_one_word_person_span_is_taken():
    t = "Odalys helped. The Odalys Brennock Act; Odalys Ward; Odalys Review"
    starts = [0, t.index("Odalys Brennock"), t.index("Odalys Ward"), t.index("Odalys Review")]
    es = [Entity(s, s + 6, "PERSON", "PERSON", 0.85, "second_pass") for s in starts]
    assert [t[e.start:e.end] for e in grow_surname(t, es)] == ["Odalys", "Odalys Brennock", "Odalys", "Odalys"]
