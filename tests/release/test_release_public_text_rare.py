"""The rare-word view of the public-text word measure (attacker 8's F7): a reworded public passage
planted in a review keeps a few rare words, while the review's ordinary words -- shared with many
public documents -- dilute the all-words ratio below ``word_min_ratio``. Counting only words of IDF
``word_rare_idf`` or more, the planted words still single out one document; the release withholds
on either view, alone and over what is left of a review, until neither links. Invented text only.
"""
from __future__ import annotations

import math

import numpy as np
import pytest

from leder_insights.release import PublicTextIndex
from leder_insights.release._public_text import best_two

#: words many public documents share (each in about 8 of 40): IDF about 1.6
COMMON = ["kitchen", "garden", "transport", "meeting", "laundry", "visitor", "window"]
#: invented words only the target document holds: IDF log(40) = 3.7
RARE = ["stowaway", "umber", "quayside"]
MIXED = ("The stowaway on the quayside coughed umber mucus while window, visitor, laundry, meeting, "
         "transport, garden and kitchen matters were discussed.")  # no 4-word run of any document


def docs() -> dict:
    out = {"target": "A " + " ".join(RARE) + " account, with notes.",
           "near": "Minutes on " + " ".join(COMMON) + "."}
    for j in range(38):
        out[f"filler-{j}"] = "Notes on " + " ".join(w for k, w in enumerate(COMMON) if (j + k) % 5 == 0) + "."
    return out


def make(**kw) -> PublicTextIndex:
    settings = {"word_min_score": 15.0, "word_min_ratio": 1.5, "word_rare_idf": 3.0,
                "word_rare_min_score": 10.0, "word_rare_min_ratio": 1.5, **kw}
    return PublicTextIndex.from_documents(docs(), boilerplate_documents=10, **settings)


@pytest.fixture(scope="module")
def index():
    return make()


def _rare_view(idx: PublicTextIndex, text: str) -> tuple:
    assert idx.words is not None
    return best_two(idx.words.scores(idx.words.lookup(text), idx.word_rare_idf))


def test_public_text_rare_all_words_view_alone_is_diluted_but_the_rare_view_links(index):
    assert int(index.shared_per_document(MIXED).max()) < index.min_shared_shingles
    doc, score, ratio = index.word_evidence(MIXED)
    assert not (doc == "target" and score >= 15.0 and ratio >= 1.5)  # all words: diluted
    best, rscore, rratio = _rare_view(index, MIXED)
    assert index.names[best] == "target" and rscore >= 10.0 and rratio >= 1.5
    assert rscore == pytest.approx(3 * math.log(40))
    m = index.match(MIXED)
    assert m is not None and m.document == "target" and m.measure == "words"


def test_public_text_rare_view_off_releases_the_diluted_value():
    assert make(word_rare_idf=0.0).match(MIXED) is None


def test_public_text_rare_ordinary_common_words_do_not_link(index):
    assert index.match("Kitchen and garden staff met the visitor about transport.") is None
    assert index.match("Staff knew him well and the family felt listened to.") is None


def test_public_text_rare_split_rewording_is_withheld_until_what_is_left_no_longer_links(index):
    # each fragment alone is below the rare view's score; the review's points together link, so the
    # strongest fragments go until the released rest links on neither view
    points = ["The stowaway was seen.", "He coughed umber mucus on the quayside.",
              "Kitchen and garden staff met the visitor about transport.",
              "Laundry and window checks were late."]
    for p in points:
        assert index.match(p) is None
    got = index.match_group(points)
    withheld = [p for p, m in zip(points, got) if m is not None]
    kept = [p for p, m in zip(points, got) if m is None]
    assert withheld and all(m.document == "target" for m in got if m is not None)
    assert points[2] in kept and points[3] in kept  # ordinary points stay
    rest = " ".join(kept)
    _, score, ratio = index.word_evidence(rest)
    assert not (score >= index.word_min_score and ratio >= index.word_min_ratio)
    best, rscore, rratio = _rare_view(index, rest)
    assert not (rscore >= index.word_rare_min_score and rratio >= index.word_rare_min_ratio)


def test_public_text_rare_scores_count_only_words_at_or_above_the_idf_floor(index):
    assert index.words is not None
    pos = index.words.lookup("stowaway kitchen")
    full, rare = index.words.scores(pos), index.words.scores(pos, 3.0)
    assert full.sum() > rare.sum() > 0
    assert np.count_nonzero(rare) == 1 and rare[index.names.index("target")] == pytest.approx(math.log(40))


def test_public_text_rare_settings_are_recorded(index):
    rec = index.to_dict()
    assert (rec["word_rare_idf"], rec["word_rare_min_score"], rec["word_rare_min_ratio"]) == (3.0, 10.0, 1.5)
