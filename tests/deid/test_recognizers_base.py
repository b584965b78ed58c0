"""Tests for the recognizer base class: the literal pre-checks (``REQUIRED`` and the strings read
from each pattern) change no result."""
from __future__ import annotations

import re

import pytest

from leder_insights import registry
from leder_insights.corpus import synthesize
from leder_insights.deid.recognizers._base import LederPatternRecognizer, plain_text
from leder_insights.deid._engine import build_recognizers
from leder_insights.schema import TEXT_FIELDS

EXTRA = [
    "He was taken to HMP Aylesbury, then RAF Brize Norton; Greater Manchester Police attended.",
    "North West Ambulance Service NHS Trust and Essex Fire and Rescue Service were called.",
    "Betsi Cadwaladr University Health Board; Ward 7 then Cedar Ward; Oakfield Primary School.",
    "Bright Futures Support Services Ltd and Sunrise Homecare; Acme Care Group plc.",
    "They walked near Aberdaron beach and Swansea bay; Trafford Park Industrial Estate.",
    "Leicester Royal Infirmary, Hospital of St Cross, Rugby St Cross Hospital, Ivy Medical Centre.",
    "Wellington Surgery, Abbey Health Practice, Castle Partnership; NHS Derby and Derbyshire ICB.",
    "Leeds Teaching Hospitals NHS Trust; Bristol Clinical Commissioning Group; contact j.smith@nhs.net",
]


def _recognizers_with_prechecks() -> list[LederPatternRecognizer]:
    from leder_insights.deid import recognizers as _  # noqa: F401  (registers them)

    names = [n for n in registry.recognizers.get_all()
             if issubclass(registry.recognizers.get(n), LederPatternRecognizer)
             and registry.recognizers.get(n).REQUIRED]
    return build_recognizers(names)


@pytest.fixture(scope="module")
def texts() -> list[str]:
    reviews = synthesize(40, seed=3).reviews
    return [str(r[f]) for r in reviews.to_dict("records") for f in TEXT_FIELDS if r.get(f)] + EXTRA


def test_recognizers_base_required_names_existing_patterns():
    recs = _recognizers_with_prechecks()
    assert len(recs) >= 6
    for rec in recs:
        names = {p.name for p in rec.patterns}
        assert set(rec.REQUIRED) <= names, (rec.name, set(rec.REQUIRED) - names)


@pytest.mark.slow
def test_recognizers_base_every_match_has_a_required_literal_in_or_just_after_it(texts):
    checked = 0
    for rec in _recognizers_with_prechecks():
        for pattern, rx, required in rec._compiled:
            if not required:
                continue
            for text in texts:
                for m in rx.finditer(text):
                    checked += 1
                    near = text[m.start():m.end() + 30]  # lookaheads may hold the literal
                    assert any(w in near for w in required), (rec.name, pattern.name, m.group(0))
    assert checked > 50  # the corpus exercises the patterns


@pytest.mark.slow
def test_recognizers_base_precheck_changes_no_result(texts):
    for rec in _recognizers_with_prechecks():
        with_check = [[(r.start, r.end, r.score) for r in rec.analyze(t, rec.supported_entities)]
                      for t in texts]
        rec._checks = [(None, sets) for _, sets in rec._checks]  # the REQUIRED strings unchecked
        without = [[(r.start, r.end, r.score) for r in rec.analyze(t, rec.supported_entities)]
                   for t in texts]
        assert with_check == without, rec.name


def _all_pattern_recognizers() -> list[LederPatternRecognizer]:
    from leder_insights.deid import recognizers as _  # noqa: F401  (registers them)

    names = [n for n in registry.recognizers.get_all()
             if issubclass(registry.recognizers.get(n), LederPatternRecognizer)]
    return build_recognizers(names)


@pytest.mark.slow
def test_recognizers_base_literal_check_changes_no_result(texts):
    """The strings read from each pattern (``_prescan.required_literals``) only skip texts where
    a pattern finds nothing: every recognizer gives the same results without the check."""
    from leder_insights.deid.recognizers._prescan import fold

    skipped = 0
    for rec in _all_pattern_recognizers():
        with_check = [[(r.start, r.end, r.score) for r in rec.analyze(t, rec.supported_entities)]
                      for t in texts]
        skipped += sum(1 for needed in rec._needed for t in texts
                       if needed and not needed.found_in(fold(t)))
        rec._checks = [(raw, None) for raw, _ in rec._checks]  # the strings read from the patterns unchecked
        without = [[(r.start, r.end, r.score) for r in rec.analyze(t, rec.supported_entities)]
                   for t in texts]
        assert with_check == without, rec.name
    assert skipped > 1000  # the check does skip scans on this corpus


@pytest.mark.slow
def test_recognizers_base_shared_literal_index_gives_the_same_results(texts):
    """The detector gives all pattern recognizers one index of needed strings, read once per
    text through ``nlp_artifacts``; the results are those of each recognizer on its own."""
    from types import SimpleNamespace

    from leder_insights.deid.recognizers import share_literal_index
    from leder_insights.deid.recognizers._prescan import LiteralIndex

    alone = _all_pattern_recognizers()
    shared = _all_pattern_recognizers()
    share_literal_index(shared)
    assert len({id(r._index) for r in shared}) == 1 and len(shared[0]._index.folded) > 500
    for a, b in zip(alone, shared):
        for t in texts[:60]:
            artifacts = SimpleNamespace(leder_literals={})
            assert ([(r.start, r.end, r.score) for r in a.analyze(t, a.supported_entities)] ==
                    [(r.start, r.end, r.score) for r in b.analyze(t, b.supported_entities, artifacts)]), a.name
    with pytest.raises(ValueError, match="lacks strings"):
        next(r for r in alone if r._index.folded).use_literal_index(LiteralIndex(folded=["x"]))


def test_regex_module_patterns_find_the_same_with_re_on_plain_texts():
    """A pattern kept on the ``regex`` module runs with ``re`` on a text of plain characters: the
    same matches and groups there (every such pattern of the detector, on invented texts)."""
    import random

    from leder_insights.deid._presidio import build_recognizers, read_recognizer_config

    names = [n for n in read_recognizer_config()["recognizers"] if n != "spacy_ner"]
    texts = ["Mr John Smith (his father) was seen by Dr Patel at Oakfield Hospital on 3rd May 2021.",
             "On 12/06/2020 ann, aged 84, moved to Rose Lodge; mum Jo and carer Bo said j.s. fell.",
             "She was in her late forties \u2013 AM was dying by the time HJ arrived \u2019til 03-Apr-2021.",
             "file smith_john.docx, a.b@c.org, sister Ann\u2019s 20210410; J.S. saw KL.", ""]
    rng = random.Random(3)
    words = " ".join(texts).split()
    texts += [" ".join(rng.sample(words, 14)) for _ in range(30)]
    twins = 0
    for rec in build_recognizers(names):
        for (pattern, rx, _), twin in zip(getattr(rec, "_compiled", []), getattr(rec, "_plain", [])):
            if twin is None:
                continue
            twins += 1
            for text in texts:
                assert plain_text(text)
                assert ([(m.span(), m.groups()) for m in twin.finditer(text)] ==
                        [(m.span(), m.groups()) for m in rx.finditer(text)]), (rec.name, pattern.name, text)
    assert twins >= 10


def test_plain_characters_read_alike_in_both_engines():
    """Every character :func:`plain_text` accepts is a word character, a digit, a space, a word
    boundary and a case-insensitive letter alike for ``re`` and ``regex``; some it refuses are not."""
    import regex

    from leder_insights.deid.recognizers._base import PLAIN_EXTRA

    probes = [r"\w", r"\d", r"\s", r"\W", r"\D", r"\S", r"\bx", r"x\b", r"(?i:[a-z])", r"(?i:[A-Z])", r"[A-Z]"]
    chars = [chr(c) for c in range(0x20, 0x7F)] + list("\t\n\r" + PLAIN_EXTRA)
    for ch in chars:
        assert plain_text(ch)
        for probe in probes:
            text = ch + "x" if probe.endswith("x") else ("x" + ch if "x" in probe else ch)
            assert bool(re.search(probe, text)) == bool(regex.search(probe, text)), (ch, probe)
        for letter in "abcdefghijklmnopqrstuvwxyz":
            assert bool(re.fullmatch(letter, ch, re.I)) == bool(regex.fullmatch(letter, ch, regex.I)), ch
    assert not any(plain_text(ch) for ch in "\u0130\u0131\u017f\u212a\x1c\u00bd\u00a0")
    # the reason: some of these are read differently
    assert bool(re.fullmatch(r"\s", "\x1c")) != bool(regex.fullmatch(r"\s", "\x1c"))
