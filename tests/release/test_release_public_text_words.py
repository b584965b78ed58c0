"""The public-text check's word measure (attacker 7's F2): a concern reworded every second or
third word shares no 4-word run with its report but keeps its rare words, and an intruder links it
by the summed IDF of shared content words when the best report scores well above the next. The
release flags the same evidence, alone and over a review's values together. Invented text only;
the real-text trade-off is ``benchmarks/release_public_text.py``.
"""
from __future__ import annotations

import numpy as np
import pytest

from leder_insights.config import load_config
from leder_insights.jobs._public_text import build_public_index
from leder_insights.release import PublicTextIndex
from leder_insights.release._public_text import best_two, content_word_hashes, load_stop_words

# invented reports: a shared preamble, then each one's own concern with words no other report uses
PREAMBLE = "The inspector records the matters below and asks each recipient to reply within the period."
OWN = [
    "Carers at the lakeside bungalow never calibrated the oximeter and the nebuliser tubing was "
    "perished, so the wheeze went unrecorded until the paramedic arrived at dawn.",
    "The dysphagia passport held at the orchard resource centre listed thickened custard although "
    "the dietitian had withdrawn it, and the lunchtime volunteer followed the passport.",
    "Pharmacy dispensed sodium valproate in blister strips that the kitchen rota could not read, "
    "and the missed evening doses were never reconciled by the community pharmacist.",
]
FILLER = ["gardening club outing", "library van timetable", "swimming gala minutes", "bus pass renewal",
          "choir rehearsal schedule", "allotment committee notes", "bowling league results",
          "pottery class register", "quiz night rota", "craft fair stalls", "bakery order list",
          "cinema trip tickets"]


def _every(text: str, k: int) -> str:
    """Every ``k``-th word of 4 letters or more replaced (the attacker's paraphrase)."""
    out, n = [], 0
    for w in text.split():
        if len(w.strip(".,")) >= 4:
            n += 1
            if n % k == 0:
                out.append("apparently")
                continue
        out.append(w)
    return " ".join(out)


def _docs() -> dict:
    docs = {f"inv-{i}": PREAMBLE + " " + c for i, c in enumerate(OWN)}
    docs.update({f"filler-{j}": PREAMBLE + " Notes on the " + f for j, f in enumerate(FILLER)})
    return docs


@pytest.fixture(scope="module")
def index():
    # 15 documents: a word in one of them scores log(15) = 2.7; the thresholds are set for that size
    return PublicTextIndex.from_documents(_docs(), boilerplate_documents=10, word_min_score=12.0,
                                          word_min_ratio=1.5)


def test_public_text_words_a_paraphrase_the_4gram_rule_misses_is_linked_by_its_rare_words(index):
    reworded = _every(OWN[0], 2)
    assert int(index.shared_per_document(reworded).max()) < index.min_shared_shingles  # 4-grams: no match
    m = index.match(reworded)
    assert m is not None and m.document == "inv-0" and m.measure == "words"
    assert m.score >= 12.0 and m.ratio >= 1.5


def test_public_text_words_off_leaves_the_paraphrase_unmatched():
    idx = PublicTextIndex.from_documents(_docs(), boilerplate_documents=10, words=False)
    assert idx.match(_every(OWN[0], 2)) is None and idx.to_dict()["words"] is False


def test_public_text_words_ordinary_text_and_the_preamble_do_not_link(index):
    assert index.match("Staff knew him well and the family felt listened to at every meeting.") is None
    assert index.match(PREAMBLE) is None  # its words are in every document: IDF 0


def test_public_text_words_evidence_shared_by_two_documents_does_not_link():
    # the same rare words in two documents: the best is not distinctly above the second
    docs = {"a": "oximeter nebuliser paramedic wheeze calibrated", "b": "oximeter nebuliser paramedic wheeze calibrated",
            **{f"f{j}": f for j, f in enumerate(FILLER)}}
    idx = PublicTextIndex.from_documents(docs, word_min_score=5.0, word_min_ratio=1.5)
    doc, score, ratio = idx.word_evidence("the oximeter, nebuliser and paramedic")
    assert score >= 5.0 and ratio == pytest.approx(1.0)
    assert idx.match("the oximeter, nebuliser and paramedic") is None


def test_public_text_words_a_review_split_into_weak_points_is_withheld_until_it_no_longer_links(index):
    # each point alone scores below the threshold; together they link, so points are withheld
    # (most evidence first) until what is left no longer links
    points = ["The oximeter was never calibrated.", "Nebuliser tubing was perished.",
              "The paramedic came at dawn.", "Staff knew him well and his family felt listened to."]
    for p in points:
        assert index.match(p) is None
    got = index.match_group(points)
    withheld = [p for p, m in zip(points, got) if m is not None]
    kept = [p for p, m in zip(points, got) if m is None]
    assert withheld and all(m.document == "inv-0" and m.measure == "words" for m in got if m is not None)
    assert points[3] in kept  # the ordinary point stays
    _, score, ratio = index.word_evidence(" ".join(kept))
    assert not (score >= index.word_min_score and ratio >= index.word_min_ratio)


def test_public_text_words_masks_are_not_words_and_stop_words_come_from_the_data_file():
    stop = load_stop_words()
    assert {"the", "and", "was"} <= stop and "oximeter" not in stop
    assert len(content_word_hashes("[PERSON_1] [ORGANIZATION_2] the and", stop)) == 0
    assert len(content_word_hashes("Oximeter oximeter OXIMETER's", stop)) == 2  # oximeter, oximeters


def test_public_text_words_best_two_orders_and_handles_a_single_scoring_document():
    assert best_two(np.array([0.0, 3.0, 0.0])) == (1, 3.0, float("inf"))
    assert best_two(np.array([2.0, 2.0])) == (0, 2.0, 1.0)
    assert best_two(np.zeros(3))[1:] == (0.0, 0.0)


def test_public_text_words_settings_come_from_config(tmp_path):
    path = tmp_path / "public.txt"
    path.write_text(OWN[1], encoding="utf-8")
    cfg = load_config(release={"public_text": {"paths": [str(path)], "word_min_score": 31.5,
                                               "word_min_ratio": 2.5}})
    idx = build_public_index(cfg)
    assert (idx.words is not None, idx.word_min_score, idx.word_min_ratio) == (True, 31.5, 2.5)
    shipped = load_config().release.public_text
    assert shipped.words is True and shipped.word_min_ratio >= 1.0 and shipped.word_min_score > 0
    off = build_public_index(load_config(release={"public_text": {"paths": [str(path)], "words": False}}))
    assert off.words is None
