"""The normalised view reads a right-to-left override run in display order and leetspeak words with
letters (attack9 F7); codes and ordinary text stay. Invented names only."""
import pytest

from leder_insights.deid._normalise import normalise


def test_rlo_run_is_read_in_display_order_and_maps_to_the_whole_run():
    t = "Her son \u202ekcirraM\u202c phoned."
    n = normalise(t)
    assert n.text == "Her son Marrick phoned."
    i = n.text.index("Marrick")
    assert n.to_original(i, i + 7) == (8, 17)


@pytest.mark.parametrize("text, want", [
    ("His brother J4sp3r Th0rnby was not called.", "His brother Jasper Thornby was not called."),
    ("Her carer M4rg0t Qu1lter phoned.", "Her carer Margot Quilter phoned."),
])
def test_leet_words_read_with_letters(text, want):
    n = normalise(text)
    assert n.text == want and len(n.text) == len(text)


@pytest.mark.parametrize("text", ["B12 and H1N1 and COVID-19 on Ward 7A", "SpO2 was 94 on A4 paper", "Covid19 in 2020"])
def test_codes_are_not_leet(text):
    assert normalise(text).text == text
