"""Ages in every common form; doses, durations and counts are not ages."""
import pytest

from leder_insights.deid.recognizers.ages import AgeRecognizer


def _found(text):
    rec = AgeRecognizer()
    return [text[r.start:r.end] for r in rec.analyze(text, rec.supported_entities)]


@pytest.mark.parametrize("text,expected", [
    ("She died aged 54.", ["54"]),
    ("a 54-year-old man", ["54-year-old"]),
    ("he was 54 years old", ["54 years old"]),
    ("Tom, 57, lived at home", ["57"]),
    ("Her niece, 84, visited", ["84"]),
    ("age 54", ["54"]),
    ("at the age of 54", ["54"]),
    ("aged fifty-four", ["fifty-four"]),
    ("2½ years of age", ["2½"]),
    ("Theobald (48) was found", ["48"]),
    ("in her nine years", ["nine"]),
])
def test_recognizers_ages_found(text, expected):
    assert _found(text) == expected


@pytest.mark.parametrize("text", [
    "5ml of Oramorph", "for 2 years", "2 years ago", "aged 150", "10mg", "items 1, 2, 3",
    # thresholds state nobody's age
    "screening for drivers over the age of 75", "children under the age of 5",
])
def test_recognizers_ages_not_found(text):
    assert _found(text) == []


@pytest.mark.parametrize("text, age", [
    ("She was in her late seventies and lived alone.", "late seventies"),
    ("A man in his mid-70s was admitted.", "mid-70s"),
    ("In his seventies he took up painting.", "seventies"),
    ("He was seventy-six when he died.", "seventy-six"),
    ("He was seventy-six and lived alone.", "seventy-six"),
    ("She turned 80 in May.", "80"),
    ("He was a man of 76 who liked trains.", "76"),
])
def test_ages_in_words_decades_and_person_of_n_are_ages(text, age):
    """Ages a third attacker found left in released text (F6): words, decades, 'a man of 76'."""
    found = [text[r.start:r.end] for r in AgeRecognizer().analyze(text, ["AGE"])]
    assert age in found, found


@pytest.mark.parametrize("text", [
    "He was one of five children.",
    "The score was seventy percent.",
    "They were forty in total.",
    "She was two days late.",
    "He turned 90 degrees to the left.",
])
def test_number_words_that_are_not_ages_stay(text):
    assert [text[r.start:r.end] for r in AgeRecognizer().analyze(text, ["AGE"])] == []
