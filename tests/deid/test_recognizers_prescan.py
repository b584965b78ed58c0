"""The start-position skip of compiled patterns (``recognizers._prescan``) finds the same matches
as ``re.compile`` for every pattern the detector runs; texts are invented."""
import random
import re
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leder_insights.deid._presidio import build_recognizers, read_recognizer_config
from leder_insights.deid.recognizers._base import _std_flags
from leder_insights.deid.recognizers._prescan import (IGNORECASE_EXTRA, _start_set, compile_skipping, first_chars,
                                                      Needed, fold, required_literals)

TEXTS = [
    "Mr John Smith (his father) was seen by Dr Patel at Oakfield Hospital on 3rd May 2021.",
    "On 12/06/2020 Ann, aged 84, moved to Rose Lodge Care Home, 4 Mill Lane, Leeds LS1 4AB.",
    "THE CORONER NOTED THAT MRS ÉMILE WÓJCIK, 79 YEARS OLD, CALLED 07700 900123.",
    "She attended St Mary's Surgery; the ward staff at Keats Ward and HMP Oakwood were told.",
    "Contact ann.lowe@example.org or @annlowe; NHS number 943 476 5919; NI QQ 12 34 56 C.",
    "İstanbul ſtreet K ıt: the ſenior nurse said Kevin's mother (Mrs Lowe) died on Monday.",
    "", "a", "  \n\n  ", "Lower-case words only, nothing here at all.",
]


def _patterns():
    names = [n for n in read_recognizer_config()["recognizers"] if n != "spacy_ner"]
    for rec in build_recognizers(names):
        for pattern, rx, _ in getattr(rec, "_compiled", []) or []:
            if isinstance(rx, re.Pattern):
                yield f"{rec.name}:{pattern.name}", pattern.regex, rx.flags


PATTERNS = list(_patterns())
COMPILED = [(compile_skipping(p, f), re.compile(p, f)) for _, p, f in PATTERNS]


def _spans(rx, text):
    return [(m.span(), m.groups()) for m in rx.finditer(text)]


def test_most_patterns_get_a_start_set():
    """The point of the module: our patterns start with \\b or a look-ahead, which ``re`` reads as
    "try every position"; most of them now get a set of first characters."""
    assert len(PATTERNS) > 50
    gained = [name for name, pattern, flags in PATTERNS if _start_set(pattern, flags) is not None]
    assert len(gained) >= 0.9 * len(PATTERNS)


@pytest.mark.parametrize("name,pattern,flags", PATTERNS, ids=[p[0] for p in PATTERNS])
def test_same_matches_as_re_on_invented_texts(name, pattern, flags):
    fast, std = compile_skipping(pattern, flags), re.compile(pattern, flags)
    rng = random.Random(13)
    texts = TEXTS + [" ".join(rng.sample(TEXTS[0].split() + TEXTS[1].split() + TEXTS[3].split(), 12))
                     for _ in range(20)]
    for text in texts:
        assert _spans(fast, text) == _spans(std, text)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(list("AaBbDdMmrsS .,'’()-0123456789\nİıſK") +
                                ["Mr ", "Dr ", "Ward", " May ", "Hospital", "aged ", " years"]),
                max_size=40).map("".join))
def test_same_matches_as_re_on_any_text(text):
    for fast, std in COMPILED:
        assert _spans(fast, text) == _spans(std, text)


def test_ignorecase_start_set_and_what_it_skips():
    rx = compile_skipping(r"\b(?:ward|unit)\s+\d+", re.IGNORECASE)
    assert [m.group() for m in rx.finditer("WARD 7, Unit 3, ſward 2, the award 4")] == ["WARD 7", "Unit 3"]
    assert first_chars(r"\b(?!The\b)(?:Dr|Mr)\s+\d") == "DM"
    scoped = compile_skipping(r"(?i:\bstreet|KIN)\s*\d")  # a scoped flag: ſ and K match s and k
    assert [m.group() for m in scoped.finditer("ſtreet 1, STREET 2, street3, \u212aIN 4, Kin 5")] == \
        ["ſtreet 1", "STREET 2", "street3", "\u212aIN 4", "Kin 5"]
    assert set("sSkK\u017f\u212a") <= set(first_chars(r"(?i:\bstreet|KIN)\s*\d"))
    assert first_chars(r"\b\d{2}") == ""        # a class: skips, but no literal character to list
    assert first_chars(r"(?:x)?y*") is None     # can match empty text: every position is tried
    assert first_chars(r".x") is None           # any character can start a match


def test_ignorecase_extra_lists_every_non_ascii_match_of_an_ascii_letter():
    rx = re.compile("[a-z]", re.IGNORECASE)
    found = tuple(c for c in range(128, sys.maxunicode + 1) if rx.fullmatch(chr(c)))
    assert found == IGNORECASE_EXTRA


def test_std_flags_none_for_regex_only_flags():
    import regex

    assert _std_flags(regex.MULTILINE | regex.IGNORECASE) == re.MULTILINE | re.IGNORECASE
    assert _std_flags(regex.VERSION1) is None


# -- the strings every match contains (required_literals, Needed) --------------------------------
def _all_patterns():
    """Every detector pattern with its compiled form (``re`` and ``regex`` module) and check."""
    names = [n for n in read_recognizer_config()["recognizers"] if n != "spacy_ner"]
    for rec in build_recognizers(names):
        for (pattern, rx, _), needed in zip(getattr(rec, "_compiled", []) or [], getattr(rec, "_needed", [])):
            yield f"{rec.name}:{pattern.name}", rx, needed or Needed(())


ALL = list(_all_patterns())


def test_most_patterns_get_required_strings():
    assert len(ALL) > 100
    assert sum(1 for _, _, needed in ALL if needed) >= 0.6 * len(ALL)


@pytest.mark.parametrize("engine", ["re", "regex"])
def test_fold_agrees_with_both_engines_ignorecase(engine):
    """Under IGNORECASE an ASCII character matches only characters that fold to its own fold
    (the check compares folded strings), in ``re`` and in the ``regex`` module."""
    import regex

    mod = re if engine == "re" else regex
    outside = mod.compile(r"[\x00-\x7f]", mod.IGNORECASE)
    non_ascii = [c for c in range(128, sys.maxunicode + 1) if outside.fullmatch(chr(c))]
    assert set(non_ascii) <= set(IGNORECASE_EXTRA)
    for code in range(128):
        single = mod.compile(mod.escape(chr(code)), mod.IGNORECASE)
        for other in list(range(128)) + non_ascii:
            if single.fullmatch(chr(other)):
                assert fold(chr(other)) == fold(chr(code)), (chr(code), hex(other))


@settings(max_examples=200, deadline=None)
@given(st.text(), st.data())
def test_fold_keeps_every_substring_a_literal_can_be(text, data):
    """A string the check can hold (ASCII, or characters without case) found in a text is found,
    folded, in the folded text."""
    i = data.draw(st.integers(0, len(text)))
    j = data.draw(st.integers(i, len(text)))
    sub = text[i:j]
    if all(c.isascii() or c.lower() == c == c.upper() for c in sub):
        assert fold(sub) in fold(text)


def test_required_literals_reads_scopes_lookarounds_and_refuses_what_it_cannot_read():
    assert required_literals(r"(?<=\bin\s)(?P<ent>\d+)(?=\s+(?i:YEARS)\b)") == (("years",), ("in",))
    assert required_literals(r"\bDr\.?\s+[A-Z]", re.IGNORECASE) == (("dr",),)
    assert required_literals(r"(?:Ward|Unit)\s+\d|Bay\s+\d") == (("bay", "unit", "ward"),)
    assert required_literals(r"(?:Ward)?\s*\d{3}") == ()            # optional: nothing required
    assert required_literals(r"(?!Ward)\w+\s+\d") == ()                # a negative look-ahead
    assert required_literals(r"(?:abc){e<=1}x", regex_module=True) == ()  # fuzzy in regex
    assert required_literals(r"[[:alpha:]]+x") == ()                  # a POSIX class in regex
    assert required_literals(r"\p{L}+ward") == ()                     # re cannot read it


def test_needed_check_never_skips_a_text_that_matches():
    rng = random.Random(29)
    words = " ".join(TEXTS).split()
    texts = TEXTS + [" ".join(rng.sample(words, 14)) for _ in range(40)] + [t.upper() for t in TEXTS]
    for name, rx, needed in ALL:
        for text in texts:
            if rx.search(text):
                assert needed.found_in(fold(text)), (name, text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(list("AaBbDdMmrsS .,'’()-0123456789\nİıſK@") +
                                ["Mr ", "Dr ", "Ward", " May ", "Hospital", "aged ", " years", "her ",
                                 "sister", " died", "Road", "LS1 4AB", " at ", ".docx"]),
                max_size=40).map("".join))
def test_needed_check_never_skips_a_match_on_any_text(text):
    folded = fold(text)
    for name, rx, needed in ALL:
        if needed and not needed.found_in(folded):
            assert rx.search(text) is None, name


# -- possessive single-character repeats ---------------------------------------------------------
def _made_possessive(pattern, flags=0):
    from leder_insights.deid.recognizers import _prescan as P

    parsed = P._rp.parse(pattern, flags)
    data, _ = P._possessive_seq(list(parsed.data), (P._END, True), bool((parsed.state.flags | flags) & re.I))

    def walk(items):
        for op, av in items:
            if op is P._C.POSSESSIVE_REPEAT:
                yield "+"
            elif op is P._C.MAX_REPEAT:
                yield "*"
                yield from walk(av[2].data)
            elif op is P._C.SUBPATTERN:
                yield from walk(av[3].data)
            elif op is P._C.BRANCH:
                for alt in av[1]:
                    yield from walk(alt.data)
    return "".join(walk(data))


@pytest.mark.parametrize("pattern,flags,expected", [
    (r"[\w+-]*\s*\(", 0, "++"),            # the next character is never one the repeat takes
    (r"[^,]*,x", 0, "+"),                   # a negated class before the character it excludes
    (r"[A-Z][a-z]+\s+Hospital", 0, "++"),
    (r"\w*\d", 0, "*"),                     # a digit is a word character: the repeat gives back
    (r"[a-z]+\b", 0, "*"),                  # the match may end after the repeat
    (r"[a-z]+(?:x|\d)?", 0, "**"),          # ... here too (an optional rest)
    (r"(?i:[a-z]+)K", 0, "*"),              # IGNORECASE: "k" is taken by [a-z]
    (r"[a-z]+K", 0, "+"),                   # without it, "K" is not
    (r"(?:\.[a-z]+)*\s", 0, "*+"),          # inside a repeated group: "." or a space comes next
    (r"(?:[a-z]+\.)*[a-z]", 0, "*+"),       # inside, "." comes next; the group may give back
    (r"(?:[a-z]+,?)*\s", 0, "**+"),         # the group again (a letter) may come next; "," may not
    (r"[a-z]+(?:,|x)", 0, "*"),             # an alternative starts with a letter the repeat takes
    (r"(?P<ent>[a-z]+)(?<=a)\s", 0, "+"),   # a look-behind consumes nothing; the space must come
    (r"[\u4e00]+x", 0, "*"),                # a character this module uses as a stand-in: not read
])
def test_possessive_only_where_nothing_can_follow_from_the_repeat(pattern, flags, expected):
    assert _made_possessive(pattern, flags) == expected
    fast, std = compile_skipping(pattern, flags), re.compile(pattern, flags)
    for text in TEXTS + ["ab.cd (x", "a,b,x", "Oak Hospital", "ab1 cd", "abK", "abk", "a.b c", "ab,", "aba aa b"]:
        assert _spans(fast, text) == _spans(std, text)


def test_most_patterns_get_a_possessive_repeat():
    changed = [name for name, pattern, flags in PATTERNS if "+" in _made_possessive(pattern, flags)]
    assert len(changed) >= 0.5 * len(PATTERNS)


_PIECES = [r"[a-c]*", r"[ab]+", r"\w+", r"\w*", r"\s*", r"\s+", r"[^,]*", r"[^\W\d]+", r"\d+", r"a?", r"b",
           r",", r" ", r"\b", r"(?<!a)", r"(?=b)", r"(?!c)", r"(?:ab|c)+", r"(?:,\s*)?", r"\d{1,2}", r"(?i:[A-B]+)",
           r"(?i:a)", r"[A-C]{2,}", r"(?:x|\s)", r"\.", r"[\w.]*", r"(?:\.\w+)*", r"$", r"_",
           r"(?i:ab|ka|s|1)", r"(?i:(?:in|is)x|k|\s)", r"(?i:b(?:a|c)|b)",
           r"(?:ab|c|a(b)|ac|[ab]x|a)", r"(?i:ab|kb|ka|b|a\s|k)", r"(?:[a-c]b|[a-c]|d|[a-c],)"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=6), st.integers(0, 5), st.booleans(),
       st.lists(st.text("abcABC ,1.\n_xkKsSiI\u212a\u017f\u0130\u0131", max_size=30), min_size=1, max_size=5))
@pytest.mark.slow
def test_possessive_repeats_find_the_same_matches_and_groups(pieces, cut, branch, texts):
    """Invented patterns from pieces (classes, repeats, look-arounds, scoped flags, groups,
    alternatives) find the same matches and groups as ``re.compile`` on any text."""
    cut = min(cut, len(pieces))
    body = "".join(pieces[:cut]) + "(?P<g>" + "".join(pieces[cut:]) + ")"
    pattern = body + ("|" + "".join(reversed(pieces)) if branch else "")
    try:
        std = re.compile(pattern)
    except re.error:
        return
    fast = compile_skipping(pattern)
    for text in texts:
        assert _spans(fast, text) == _spans(std, text), pattern


def test_case_insensitive_alternatives_are_checked_on_an_exact_first_letter():
    """``(?i:mum|kin)``: each alternative starts with the case-sensitive class of exactly what its
    first letter matches ignoring case (K also matches the Kelvin sign, s the long s)."""
    from leder_insights.deid.recognizers import _prescan as P

    assert P._letter_class(ord("k")) == [(P._C.LITERAL, c) for c in (ord("K"), ord("k"), 0x212A)]
    assert P._letter_class(ord("I")) == [(P._C.LITERAL, c) for c in (ord("I"), ord("i"), 0x130, 0x131)]
    assert P._letter_class(ord("1")) is None
    pattern = r"\b(?i:mum|kin|sister|step-?son|(?:son|dad)-in-law)\s+[A-Z]\w+"
    parsed = P._rp.parse(pattern)
    _, changed = P._guarded_branches(list(parsed.data), False, parsed.state)
    assert changed
    fast, std = compile_skipping(pattern), re.compile(pattern)
    text = "MUM Ann, \u212aIN Bo, \u017fister Cy, STEPSON Di, Son-In-Law Ed, kin ed, mum  Flo"
    assert _spans(fast, text) == _spans(std, text) and len(_spans(std, text)) == 6



def test_alternatives_are_grouped_by_their_first_character():
    """``(?:ab|cd|ae)`` is compiled as ``(?:a(?:b|e)|cd)``: the same matches and groups, in the
    same order of trial; alternatives whose first characters overlap without being equal
    (``a`` and ``[ab]``) are left as they are."""
    from leder_insights.deid.recognizers import _prescan as P

    def factored(pattern):
        parsed = P._rp.parse(pattern)
        icase = bool(parsed.state.flags & re.I)
        data, _ = P._guarded_branches(list(parsed.data), icase, parsed.state)
        return P._factored_branches(data, icase, parsed.state)[1]

    pattern = r"(?i:\b(?:ward|wing|(k)in|kith|unit|w(ard)s?))\s+\d+"
    assert factored(pattern)
    assert factored(r"(?:ab|cd|ae)") and not factored(r"(?:ab|[ab]c|ad)") and not factored(r"(?:ab|cd)")
    fast, std = compile_skipping(pattern), re.compile(pattern)
    text = "Ward 1, WING 2, kin 3, \u212aIN 4, kith 5, Unit 6, wards 7, WARD  8, ward x"
    assert _spans(fast, text) == _spans(std, text) and len(_spans(std, text)) == 8


# -- one pass for the needed strings -------------------------------------------------------------
@settings(max_examples=300, deadline=None)
@given(st.lists(st.text("abAB .’İſ-", min_size=1, max_size=5), max_size=12),
       st.lists(st.text("abAB .’-", min_size=1, max_size=4), max_size=6),
       st.text("abAB .’İıſK\n-", max_size=40))
def test_literal_index_finds_exactly_the_strings_a_text_holds(folded, raw, text):
    from leder_insights.deid.recognizers._prescan import LiteralIndex

    folded = [fold(s) for s in folded]
    got_raw, got_folded = LiteralIndex(folded=folded, raw=raw).present(text)
    assert got_raw == {s for s in raw if s in text}
    assert got_folded == {s for s in folded if s in fold(text)}


def test_literal_index_prefers_nothing_shorter_when_a_longer_string_fails():
    from leder_insights.deid.recognizers._prescan import LiteralIndex

    idx = LiteralIndex(folded=["son", "sons-in-law", "so", "in"], raw=["Dr", "Dr.", "r."])
    assert idx.present("Dr. Sons-in-la") == ({"Dr", "Dr.", "r."}, {"so", "son", "in"})
    assert idx.present("") == (frozenset(), frozenset())
