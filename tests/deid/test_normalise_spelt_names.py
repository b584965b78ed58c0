"""The normaliser reads a name spelt out letter by letter as one word (attack report 8, F1);
ordinary spaced or dotted text stays as typed. Invented names and sentences only."""
import pytest

from leder_insights.deid._normalise import normalise


def _maps_back(text, word):
    """The original characters the normalised ``word`` came from, separators removed."""
    n = normalise(text)
    s = n.text.index(word)
    a, b = n.to_original(s, s + len(word))
    return "".join(c for c in text[a:b] if c not in " .-")


@pytest.mark.parametrize("text, expected", [
    ("Signed T a m s i n   K o w a l c z y k today.", "Signed Tamsin Kowalczyk today."),
    ("Her niece s i o b h a n  m c c r e a d y rang.", "Her niece Siobhan Mccready rang."),
    ("Seen by O s w i n  B a l l a n t y n e.", "Seen by Oswin Ballantyne."),
    ("Her keyworker M.a.l.a.c.h.i was told.", "Her keyworker Malachi was told."),
    ("the note from g-r-a-i-n-n-e.", "the note from Grainne."),
    ("D-O-R-C-A-S F-E-N-N-I-M-O-R-E signed.", "DORCAS FENNIMORE signed."),
    ("B E R N A D E T T E was not told.", "BERNADETTE was not told."),
])
def test_spelt_name_reads_as_words(text, expected):
    assert normalise(text).text == expected


@pytest.mark.parametrize("text, word, letters", [
    ("Signed T a m s i n   K o w a l c z y k today.", "Tamsin Kowalczyk", "TamsinKowalczyk"),
    ("Her niece s i o b h a n  m c c r e a d y rang.", "Siobhan Mccready", "siobhanmccready"),
    ("Her keyworker M.a.l.a.c.h.i was told.", "Malachi", "Malachi"),
])
def test_spelt_name_maps_back_to_every_letter(text, word, letters):
    assert _maps_back(text, word) == letters


@pytest.mark.parametrize("text", [
    "Options a b c d were offered.",            # letters in alphabetical order: a list
    "Items a b c d e were ticked.",
    "He said I a m fine.",                       # three letters
    "Given p.r.n. and e.g. and i.e. as noted.",  # dotted abbreviations of three letters or fewer
    "Signed J. R. after A & E at 3 a.m.",        # initials with spaces, an ampersand
    "The dose was 10 m g o d.",                  # no two vowels: a unit, not a name
    "The e.g.f.r. was low.",
    "Grid x y z w was used.",                    # no vowel
    "He typed n o t  s u r e twice.",            # everyday words spelt out
    "Cards said R.S.V.P. by Friday.",            # dotted capitals that are not a name
    "He wrote T a M s on it.",                   # mixed case inside a word
    "Mail a.b.c.d@example.org or www.e.f.g.h.uk",
    "He lived at N G 2 4 1 A B then.",           # a spaced postcode
])
def test_ordinary_spaced_or_dotted_text_stays(text):
    assert normalise(text).text == text


def test_normalise_angle_brackets_round_a_name_are_not_markup():
    """"<Karen Tamsin Greaves >" is not an HTML element: the detector must see the name (it was
    replaced by a line break in the normalised view and kept whole in the output)."""
    from leder_insights.deid._normalise import normalise

    text = "He met <Karen Tamsin Greaves > and <b>Jo</b> there."
    view = normalise(text)
    assert "Karen Tamsin Greaves" in view.text and "<b>" not in view.text
