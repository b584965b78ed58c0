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


@pytest.mark.parametrize("text, age", [
    ("Dev was 70 when he died and had no health check.", "70"),
    ("Nadia died at 58 without a screen.", "58"),
    ("At 70 he still had no hospital passport.", "70"),
    ("He was admitted on the morning of his 71st.", "71st"),
    ("He had lived there since 1998, since he was 47, and the plan was not reviewed.", "47"),
    ("Aged just 34, she had not been offered a check.", "34"),
    ("He had been 62 for only a week when he was admitted.", "62"),
    ("Age at death: 66.", "66"),
    ("She was the youngest person (23) the team had seen.", "23"),
    ("At seventy-two he was still not offered a screening.", "seventy-two"),
    ("Having turned 45 in January 2022, he was due a check.", "45"),
    ("He left school at 19 in 1970 and worked for years.", "19"),
    ("He had been under the team since he was 18 in 1985.", "18"),
    ("Mr Quarrie was 79 at the time of his death.", "79"),
])
def test_ages_of_attack4_f4_are_ages(text, age):
    """Exact ages a fourth attacker found released verbatim (ATTACK_REPORT4 F4); invented text."""
    assert age in _found(text)


@pytest.mark.parametrize("text", [
    "He was 12 hours late and she was 38 weeks pregnant.",
    "He was 1 of 5 children; he was 1 in 10.",
    "At 3 pm he was seen; at 2 weeks he was fine.",
    "Her GCS was 15; she was 15 out of 15 and 9/10 on the scale.",
    "He was 39.5 on admission and she was 88 on room air.",
    "He was 6 foot tall and was 2 stone heavier.",
    "He died at 3.20am; she died at 14:05.",
    "This was his 3rd admission and he was 2nd in the queue.",
    "The residents (12) were told. The patient (2) The staff.",
    "He died at 3 Fern Lane on the Tuesday.",
    "He turned 180 degrees and was seen at 19 in the clinic.",
])
def test_clinical_numbers_next_to_the_new_age_cues_stay(text):
    """Doses, scores, counts, times, durations and house numbers beside "was", "at", "(...)"."""
    assert _found(text) == []
