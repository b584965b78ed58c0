"""The residual-risk gate: an independent second pass over de-identified text."""
import pytest

from leder_insights.deid._gate import Candidate, ResidualRiskScanner, gate_verdict, words


@pytest.fixture(scope="module")
def regex_scanner():
    return ResidualRiskScanner(use_ner=False)


@pytest.mark.parametrize("text, kind", [
    ("Contact karen.smith@example.co.uk today", "EMAIL"),
    ("Her number is 0116 496 0123.", "PHONE"),
    ("NHS number 943 476 5919 on file", "NHS_NUMBER"),
    ("NI number AB 12 34 56 C", "NI_NUMBER"),
    ("lived at LE1 5WW with staff", "POSTCODE"),
    ("admitted on 16/11/2022 with a cough", "DATE"),
    ("seen on 17th August 2018 by the GP", "DATE"),
    ("reviewed in March 2021", "DATE"),
    ("he was aged 54 when he died", "AGE"),
    ("a 54-year-old man", "AGE"),
    ("seen by Dr Okafor", "TITLE_NAME"),
])
def test_gate_scan_finds_each_kind(regex_scanner, text, kind):
    assert [c.kind for c in regex_scanner.scan(text)] == [kind]


@pytest.mark.parametrize("text", [
    "[PERSON_1] was seen by [PERSON_2] at [ORGANIZATION_1] on [DATE_1].",
    "NEWS2 of 5; review in 2/52 and again at 3/12; 5ml of lactulose.",
    "He had Down's syndrome and the Mental Capacity Act applied; the GP referred him.",
    "Ref 943 476 5918 is not valid",  # bad checksum and no NHS-number cue: not an NHS number
])
def test_gate_scan_ignores_placeholders_and_clinical_text(regex_scanner, text):
    assert regex_scanner.scan(text) == []


def test_gate_scan_excludes_replacement_spans(regex_scanner):
    text = "admitted on 16/11/2022 and discharged on 20/11/2022"
    first = text.index("16/11/2022")
    found = regex_scanner.scan(text, exclude_spans=[(first, first + 10)])
    assert [(c.start, c.kind) for c in found] == [(text.index("20/11/2022"), "DATE")]


@pytest.mark.slow  # a second or more of CPU (spaCy NER or many generated cases)
def test_gate_scan_with_ner_flags_a_leaked_name():
    scanner = ResidualRiskScanner(use_ner=True)
    text = "[PERSON_1] lived with support from Karen Whitfield in Leicester."
    kinds = {(text[c.start:c.end], c.kind) for c in scanner.scan(text)}
    assert ("Karen Whitfield", "NER_PERSON") in kinds
    many = scanner.scan_many([text, "", "[PERSON_2] had Down's syndrome."])
    assert len(many) == 3 and many[1] == [] and many[0] == scanner.scan(text)


def test_gate_verdict_threshold():
    cands = [[Candidate(0, 3, "DATE")], [], [Candidate(5, 9, "AGE"), Candidate(10, 12, "DATE")]]
    ok = gate_verdict(cands, n_words=10_000, threshold_per_1k_words=0.5)
    assert ok.n_candidates == 3 and ok.per_kind == {"AGE": 1, "DATE": 2}
    assert ok.rate_per_1k_words == pytest.approx(0.3) and ok.releasable
    bad = gate_verdict(cands, n_words=1_000, threshold_per_1k_words=0.5)
    assert not bad.releasable and bad.to_dict()["releasable"] is False
    assert words("a b  c\nd") == 4


def test_gate_ner_ignores_clinical_terms_titles_and_lowercase_words():
    scanner = ResidualRiskScanner(use_ner=True)
    text = ("[PERSON_1] had dysphagia and used Makaton; Amoxicillin was started by Dr [PERSON_2]. "
            "He loved Bollywood films and the Shared Lives scheme.")
    found = [(text[c.start:c.end], c.kind) for c in scanner.scan(text)]
    assert found == [], found
    leak = "[PERSON_1] had dysphagia; his friend Gregory Abernethy visited."
    assert ("Gregory Abernethy", "NER_PERSON") in {(leak[c.start:c.end], c.kind) for c in scanner.scan(leak)}


def test_gate_counts_per_chunk_add_up_to_one_pass():
    """Scanning in chunks (as the bundle's workers do) and adding the counts gives the figure of one
    pass over everything; batch size does not change what is found."""
    scanner = ResidualRiskScanner(use_ner=True)
    texts = ["[PERSON_1] lived with support from Karen Whitfield in Leicester.",
             "", "admitted on 16/11/2022; seen by Dr Okafor.", "[PERSON_2] had Down's syndrome.",
             "his friend Gregory Abernethy visited on 3 May 2020, aged 54.", "no identifiers here"]
    excl = [(), (), [(12, 22)], (), (), ()]  # the date in the third text is a replacement
    whole = gate_verdict(scanner.scan_many(texts, excl, batch_size=64), sum(map(words, texts)), 0.5)
    chunks = [gate_verdict(scanner.scan_many(texts[a:a + 2], excl[a:a + 2], batch_size=1),
                           sum(map(words, texts[a:a + 2])), 0.5) for a in range(0, len(texts), 2)]
    per_kind: dict = {}
    for c in chunks:
        for k, v in c.per_kind.items():
            per_kind[k] = per_kind.get(k, 0) + v
    assert whole.n_candidates >= 5
    assert whole.n_candidates == sum(c.n_candidates for c in chunks)
    assert whole.n_words == sum(c.n_words for c in chunks)
    assert whole.per_kind == dict(sorted(per_kind.items()))


@pytest.mark.slow  # a second or more of CPU (spaCy NER or many generated cases)
def test_gate_ner_in_windows_finds_what_one_pass_finds():
    """A long text is read in overlapping windows; candidates map back to the text's offsets, an
    entity on a window edge is found once, and the result equals one pass over the text."""
    filler = "The team met again and the plan was reviewed with the family. "
    text = filler * 40 + "Dr Okafor visited Margaret Wilson in Leeds. " + filler * 40
    text += "Later Margaret Wilson saw Dr Okafor again. " + filler * 10
    whole = ResidualRiskScanner(max_chars=len(text) + 10).scan(text)
    for size in (1200, 1500, 2222):
        windowed = ResidualRiskScanner(max_chars=size)
        assert len(windowed._windows(text)) > 1
        assert windowed.scan(text) == whole, size
    assert any(text[c.start:c.end].startswith("Margaret") for c in whole)


@pytest.mark.slow
def test_gate_reads_a_text_over_spacys_max_length_without_e088():
    text = "Seen at home by the nurse. " * 45_000  # ~1.2M characters, over spaCy's 1M max_length
    text += "Dr Okafor called."
    found = ResidualRiskScanner().scan(text)
    assert [text[c.start:c.end] for c in found if c.kind == "TITLE_NAME"] == ["Dr Okafor"]
