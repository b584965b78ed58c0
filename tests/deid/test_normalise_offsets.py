"""The normaliser in front of detection: what it rewrites and that spans map back onto the original."""
import functools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leder_insights.deid._normalise import normalise

_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("raw, expected", [
    ("NHS No: \uff15\uff14\uff19", "NHS No: 549"),                      # full-width digits (NFKC)
    ("945\u00a0807\u200b3022", "945 8073022"),                         # NBSP, zero-width space
    ("a\tb", "a b"),
    ("Carer&nbsp;Ann&nbsp;Lee &amp; co", "Carer Ann Lee & co"),
    ("<p>Seen by <b>Ann</b> <i>Lee</i></p>", "\nSeen by Ann Lee\n"),
    ("Ann&#32;Lee", "Ann Lee"),
    ("seen by\nAnn Lee", "seen by Ann Lee"),                            # a break inside a sentence
    ("Seen by Mr\nLee.", "Seen by Mr Lee."),
    ("He died.\nAnn Lee said", "He died.\nAnn Lee said"),               # a break after a sentence
    ("plan:\n- one", "plan:\n- one"),
    ("soft\u00adhyphen", "softhyphen"),
])
def test_normalise_rewrites(raw, expected):
    assert normalise(raw).text == expected


def test_plain_text_is_identity():
    n = normalise("Karen Smith visited on 3 May.")
    assert n.identity and n.to_original(0, 5) == (0, 5)


_NOISE = st.sampled_from(["\u200b", "\u200d", "\ufeff", "\u00ad", "&nbsp;", "\u00a0", "<b>", "</b>",
                          "<span class=\"x\">", "</span>", "<br>", "&#32;", "\t", "&amp;", "\u2009",
                          "\uff11", "\n", "", " "])
_WORDS = st.sampled_from(["Karen", "Obi", "943", "476", "5919", "the", "nurse", "SMITH", "é", "’s",
                          "<", "&", "&bogus;", ">", "Dr", "\u0641\u0627", "\u738b"])


@st.composite
def _planted(draw):
    """(original text, (start, end) of the planted name in it, the name)."""
    left = "".join(draw(st.lists(st.one_of(_WORDS, _NOISE), max_size=12)))
    first = draw(st.sampled_from(["Tamsin", "Ola", "Bartholomew"]))
    noise = draw(_NOISE.filter(lambda x: x not in ("\n", "<br>", "&amp;", "\uff11")))
    last = draw(st.sampled_from(["Greaves", "Ng", "Oyelaran"]))
    right = "".join(draw(st.lists(st.one_of(_WORDS, _NOISE), max_size=12)))
    sep = draw(st.sampled_from([" ", "\u00a0", "&nbsp;", " <i>", "</b> "]))
    name = first + noise + sep + last
    text = left + " " + name + " " + right
    start = len(left) + 1
    return text, (start, start + len(name)), first, last


@_SETTINGS
@given(st.text(max_size=200), st.data())
def test_mapped_spans_lie_inside_the_original(text, data):
    n = normalise(text)
    if not n.text:
        return
    s = data.draw(st.integers(0, len(n.text) - 1))
    t = data.draw(st.integers(s + 1, len(n.text)))
    a, b = n.to_original(s, t)
    assert 0 <= a < b <= len(text)
    # every original character a normalised character came from is inside the mapped span
    for i in range(s, t):
        ia, ib = n.to_original(i, i + 1)
        assert a <= ia and ib <= b


@pytest.mark.slow  # a second or more of CPU (spaCy NER or many generated cases)
@_SETTINGS
@given(_planted())
def test_a_planted_name_maps_back_over_its_original_characters(case):
    text, (ps, pt), first, last = case
    n = normalise(text)
    # the planted name is the occurrence inside the planted span
    hits = [k for k in range(len(n.text)) if n.text.startswith(first, k)
            and ps <= n.to_original(k, k + 1)[0] < pt]
    assert hits, (text, n.text)
    i = hits[0]
    j = n.text.index(last, i + len(first))
    a, b = n.to_original(i, j + len(last))
    assert a == ps and b == pt, (text, n.text, (a, b), (ps, pt))
    gap = n.text[i + len(first):j]
    assert gap.strip() == "" and gap, (text, n.text)  # the two parts read as two words


@functools.lru_cache(maxsize=1)
def _detector():
    from leder_insights.deid._engine import build_detector

    return build_detector()


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["945 807 3022", "1573681938", "997 2200 337"]),
       st.sampled_from(["\u200b", "\u00a0", "&nbsp;", "\uff10", "", "<b></b>", "\u2009"]),
       st.sampled_from(["NHS number ", "Record for ", "NHS no. "]))
def test_detector_masks_a_disguised_nhs_number_on_its_original_characters(number, noise, lead):
    digits = number.replace(" ", "")
    if noise == "\uff10":  # write the digits full width
        disguised = "".join(chr(0xFF10 + int(d)) for d in digits)
    else:
        disguised = digits[:3] + noise + digits[3:6] + noise + digits[6:]
    text = f"{lead}{disguised} was on the letter."
    ents = _detector().analyze(text)
    s = len(lead)
    t = s + len(disguised)
    hits = [e for e in ents if e.category == "ID"]
    assert hits, (text, ents)
    assert all(0 <= e.start < e.end <= len(text) for e in ents)
    assert any(e.start <= s and t <= e.end for e in hits), (text, hits)
