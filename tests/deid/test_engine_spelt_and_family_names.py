"""End to end (the detector): attack report 8's F1 (names spelt out letter by letter) and F6 (a
surname before "family") are masked; ordinary text beside them is not. Invented text only."""
import pytest


def _masked(detector, text):
    out = list(text)
    for e in detector.analyze(text):
        out[e.start:e.end] = "#" * (e.end - e.start)
    return "".join(out)


@pytest.mark.parametrize("text, secrets", [
    ("The signature read T a m s i n   K o w a l c z y k and was filed.", ["T a m s i n", "K o w a l c z y k"]),
    ("Her niece s i o b h a n  m c c r e a d y asked for a copy.", ["s i o b h a n", "m c c r e a d y"]),
    ("Her keyworker M.a.l.a.c.h.i Penhallow was not told.", ["M.a.l.a.c.h.i"]),
    ("Ossowicz family members asked for a second opinion.", ["Ossowicz"]),
    ("Brackenbury relatives were not told of the move.", ["Brackenbury"]),
])
def test_spelt_and_family_names_masked(detector, text, secrets):
    masked = _masked(detector, text)
    for secret in secrets:
        a = text.index(secret)
        assert all(masked[i] == "#" or text[i] in " .-" for i in range(a, a + len(secret))), masked


@pytest.mark.parametrize("text, kept", [
    ("Polish family members attended with an interpreter.", "Polish family"),
    ("Extended family were involved in planning.", "Extended family"),
    ("Options a b c d were offered and p.r.n. doses given.", "a b c d were offered and p.r.n."),
])
def test_ordinary_family_words_and_lists_kept(detector, text, kept):
    assert kept in _masked(detector, text)
