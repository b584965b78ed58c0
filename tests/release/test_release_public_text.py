"""``PublicTextIndex``: released values that repeat a public document (attacker 6's F10).

Invented public text only (never a real report's words). The real-text check (the attacker's
30 seeded PFD reports) is ``benchmarks/release_public_text.py``; the test at the end runs a small
version of it when ``../shared/data`` is present and skips (saying why) otherwise.
"""
from __future__ import annotations

import json
import random

import pytest

from leder_insights.errors import ConfigError
from leder_insights.release import PublicTextIndex, iter_public_documents

# an invented preamble every invented report opens with (boilerplate: ignored by the measure)
PREAMBLE = ("The inspector records the matters set out below and asks each recipient to reply "
            "within the period stated in the notice, saying what action will be taken.")
CONCERNS = [
    "Night staff on the respite unit did not record the fluid balance chart for three nights running "
    "and nobody escalated the falling intake to the duty doctor.",
    "The hoist sling provided by the agency was the wrong size and carers had not been shown how to "
    "check its labels before a transfer from bed to chair.",
    "Referral letters to the speech and language therapy service were sent to an old address and no "
    "one followed up the missing appointment for eleven weeks.",
    "The annual health check template at the surgery had no prompt for bowel habits, so chronic "
    "constipation went unrecorded across four consecutive reviews.",
]


def _docs(n_extra: int = 10) -> dict:
    """Invented reports: the preamble plus one concern each; extra reports hold the preamble and
    filler, so the preamble's shingles are in more documents than the boilerplate limit."""
    docs = {f"inv-{i}": PREAMBLE + " " + c for i, c in enumerate(CONCERNS)}
    for j in range(n_extra):
        docs[f"filler-{j}"] = PREAMBLE + f" Filler paragraph number {j} about a different service entirely."
    return docs


@pytest.fixture(scope="module")
def index():
    return PublicTextIndex.from_documents(_docs(), shingle_words=4, min_shared_shingles=3,
                                          boilerplate_documents=10)


def test_public_text_a_repeated_concern_matches_its_own_document(index):
    for i, concern in enumerate(CONCERNS):
        m = index.match(concern)
        assert m is not None and m.document == f"inv-{i}" and m.shared >= 3


def test_public_text_masks_split_runs_and_de_identified_repeats_still_match(index):
    # the release masks what it de-identifies; the words between masks still repeat the report
    released = ("Night staff on the [ORGANIZATION_1] did not record the fluid balance chart for "
                "[3 days before death] and nobody escalated the falling intake to the duty doctor.")
    assert index.match(released).document == "inv-0"
    # a mask every three words leaves no 4-word shingle: nothing for the 4-gram rule to match ...
    split = "Night staff on [X] did not record [Y] fluid balance chart [Z] three nights"
    assert int(index.shared_per_document(split).max()) == 0
    # ... but its words are still the report's: the word measure (attacker 7's F2) links them
    m = index.match(split)
    assert m is not None and m.document == "inv-0" and m.measure == "words"


def test_public_text_a_lightly_reworded_concern_still_matches(index):
    reworded = ("Overnight staff on the respite unit failed to record the fluid balance chart for three "
                "nights running and nobody escalated the reduced intake to the duty doctor.")
    assert index.match(reworded).document == "inv-0"


def test_public_text_the_shared_preamble_alone_does_not_match(index):
    assert index.n_boilerplate > 0
    assert index.match(PREAMBLE) is None
    assert index.match("Staff knew her well and her family felt listened to throughout.") is None


def test_public_text_without_the_boilerplate_rule_the_preamble_would_match():
    # control: with a limit above the number of documents, every preamble shingle is distinctive
    idx = PublicTextIndex.from_documents(_docs(), boilerplate_documents=1000)
    assert idx.match(PREAMBLE) is not None


def test_public_text_reads_pfd_jsonl_and_plain_text(tmp_path):
    (tmp_path / "pfd.jsonl").write_text("\n".join(json.dumps(
        {"ref": f"2099-{i:04d}", "deceased_name": "Invented Person", "inquest": PREAMBLE,
         "circumstances": "", "concerns": c}) for i, c in enumerate(CONCERNS)) + "\n", encoding="utf-8")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "press.txt").write_text("A local paper wrote about the garden party.", encoding="utf-8")
    docs = dict(iter_public_documents([tmp_path / "pfd.jsonl", tmp_path / "notes"]))
    assert set(docs) == {f"pfd.jsonl:2099-{i:04d}" for i in range(4)} | {"press.txt"}
    assert "Invented Person" not in docs["pfd.jsonl:2099-0000"]  # only the report's sections
    idx = PublicTextIndex.from_paths([tmp_path / "pfd.jsonl"], boilerplate_documents=3)
    assert idx.match(CONCERNS[2]).document == "pfd.jsonl:2099-0002"
    rec = idx.to_dict()
    assert rec["n_documents"] == 4 and set(rec["sources"]) == {"pfd.jsonl"}
    assert CONCERNS[2][:30] not in json.dumps(rec)  # the record holds no text


@pytest.mark.parametrize("make, code", [
    (lambda p: p / "missing.jsonl", "[E712]"),
    (lambda p: (p / "x.pdf").write_bytes(b"%PDF") and p / "x.pdf", "[E712]"),
    (lambda p: (p / "bad.jsonl").write_text("{not json\n") and p / "bad.jsonl", "[E712]"),
])
def test_public_text_unreadable_corpus_is_a_numbered_error(tmp_path, make, code):
    with pytest.raises(ConfigError) as exc:
        PublicTextIndex.from_paths([make(tmp_path)])
    assert str(exc.value).startswith(code)


def test_public_text_index_memory_is_hashes_not_text(index):
    assert index.hashes.dtype.name == "uint64" and index.docs.dtype.name == "int32"
    assert len(index.hashes) == len(index.docs)


@pytest.mark.shared_data
@pytest.mark.slow
def test_public_text_real_pfd_concerns_match_their_report_and_the_preamble_does_not(pfd_reports_path):
    path = pfd_reports_path  # skips, saying why, when ../shared/data is absent
    idx = PublicTextIndex.from_paths([path])
    reports = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rng = random.Random(11)
    picked = rng.sample([r for r in reports if len(r.get("concerns") or "") > 600], 20)
    hits = preamble_hits = 0
    for r in picked:
        concerns = r["concerns"]
        body = concerns[150:550]  # past the shared opening: the report's own concerns
        m = idx.match(body)
        hits += m is not None and m.document == f"{path.name}:{r['ref']}"
        preamble_hits += idx.match(concerns[:150]) is not None
    assert hits >= 18, hits
    assert preamble_hits <= 2, preamble_hits
