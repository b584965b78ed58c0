"""``submit`` with the public-text word measure (attacker 7's F2) and learning-point ids that keep
no trace of a withheld point (attacker 7's F5). Invented public text only."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd
import pytest

from leder_insights.config import load_config
from leder_insights.corpus import synthesize
from leder_insights.deid import Deidentifier, ResidualRiskScanner
from leder_insights.jobs import build_submission
from leder_insights.jobs._submission import released_lp_ids, released_lp_offsets
from leder_insights.release import Release

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "deid"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "release"))
from _gate_aware_fake import GateAwareFake  # noqa: E402
from test_release_public_text_words import FILLER, OWN, PREAMBLE, _every  # noqa: E402

pytestmark = pytest.mark.slow  # module fixture: three small bundles (seconds of CPU)

KEY = b"public-text-words-key-0123456789abcdefgh"
BEFORE, AFTER = "GPs should offer easy read letters before each appointment.", \
    "The learning disability nurse should review the care plan every year."


def _corpus(tmp: Path) -> Path:
    docs = [OWN[0], OWN[1], OWN[2]] + [f"Notes on the {f}" for f in FILLER]
    path = tmp / "pfd_invented.jsonl"
    path.write_text("\n".join(json.dumps({"ref": f"2099-{i:04d}", "inquest": PREAMBLE, "circumstances": "",
                                          "concerns": c}) for i, c in enumerate(docs)) + "\n", encoding="utf-8")
    return path


def _input(tmp: Path) -> tuple[Path, list]:
    reviews = synthesize(n_reviews=15, seed=41).reviews.copy()
    reviews.loc[0, "learning"] = _every(OWN[0], 2)  # reworded: no 4-word run, rare words kept
    reviews.loc[1, "learning"] = f"{BEFORE} {OWN[1]} {AFTER}"  # the middle point repeats a report
    reviews.loc[2, "learning"] = f"{BEFORE} {_every(OWN[2], 2)} {AFTER}"  # reworded, between two
    src = tmp / "reviews.csv"
    reviews.to_csv(src, index=False)
    return src, list(reviews["review_id"])


def _build(tmp: Path, src: Path, name: str, **public):
    cfg = load_config(submit={"residual_risk_threshold_per_1k_words": 100.0},
                      release={"accept_weakened": True, "public_text": public})
    deid = Deidentifier(profile="national", key=KEY, detector=GateAwareFake())
    # each bundle in a folder of its own (bundles side by side with one key are successive releases)
    return build_submission(src, tmp / name / "bundle", key=KEY, deidentifier=deid, n_process=1, config=cfg,
                            scanner=ResidualRiskScanner(use_ner=False), sample_size=3)


@pytest.fixture(scope="module")
def bundles(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("public_words")
    corpus, (src, ids) = _corpus(tmp), _input(tmp)
    # 15 invented documents: a word in one scores log(15) = 2.7, so the score threshold is scaled
    words = {"paths": [str(corpus)], "word_min_score": 12.0}
    return {"words": _build(tmp, src, "words", **words),
            "grams": _build(tmp, src, "grams", words=False, **{k: v for k, v in words.items()}),
            "none": _build(tmp, src, "none"), "ids": ids}


def _lps(res) -> pd.DataFrame:
    return pd.read_csv(res.out_dir / "learning_points.csv", dtype=str, keep_default_na=False)


def _local_matches(res) -> pd.DataFrame:
    return pd.read_csv(res.out_dir.with_name(res.out_dir.name + ".local") / "public_text_matches.csv")


def test_submission_public_text_words_withholds_the_paraphrase_the_4grams_release(bundles):
    rel = Release(key=KEY)
    r0, r2 = rel.pseudonym(bundles["ids"][0]), rel.pseudonym(bundles["ids"][2])
    grams, words = _lps(bundles["grams"]), _lps(bundles["words"])
    def learning(lps, rid):
        return lps.loc[(lps["review_id"] == rid) & (lps["source_field"] == "learning"), "text"].tolist()

    assert learning(grams, r0) and not learning(words, r0)  # released by the 4-grams, not now
    assert "nebuliser" in " ".join(grams["text"]) and "nebuliser" not in " ".join(words["text"])
    assert "valproate" not in " ".join(words["text"])
    m = _local_matches(bundles["words"])
    assert set(m.loc[m["review_id"] == r0, "measure"]) == {"words"}
    assert set(m.loc[m["review_id"] == r2, "measure"]) == {"words"}
    assert (m.loc[m["measure"] == "words", "word_score"] >= 12.0).all()
    assert learning(words, r2) == [BEFORE, AFTER]  # only the reworded point, its neighbours kept
    pub = bundles["words"].manifest["public_text"]
    assert pub["corpus"]["words"] is True and pub["n_withheld"] == len(m)
    assert "2099-" not in json.dumps(bundles["words"].manifest)  # no document id in the bundle


def test_submission_lp_ids_are_consecutive_over_the_released_points(bundles):
    for name in ("words", "grams", "none"):
        lps = _lps(bundles[name])
        for (rid, field), g in lps.groupby(["review_id", "source_field"], sort=False):
            assert g["lp_id"].tolist() == [f"{rid}-{field}-{n}" for n in range(1, len(g) + 1)], (name, rid)


def test_submission_lp_ids_show_no_gap_where_a_point_was_withheld(bundles):
    r1 = Release(key=KEY).pseudonym(bundles["ids"][1])
    before = _lps(bundles["none"]).query("review_id == @r1 and source_field == 'learning'")
    after = _lps(bundles["words"]).query("review_id == @r1 and source_field == 'learning'")
    assert before["text"].tolist() == [BEFORE, OWN[1], AFTER]
    assert after["text"].tolist() == [BEFORE, AFTER]  # the middle one withheld ...
    assert after["lp_id"].tolist() == [f"{r1}-learning-1", f"{r1}-learning-2"]  # ... and no hole left


def test_submission_lp_offsets_show_no_gap_where_a_point_was_withheld(bundles):
    """attacker 8's F8: offsets into the (unreleased) field placed the withheld point between the
    released ones; they now run over the released points only, one space apart."""
    for name in ("words", "grams", "none"):
        for _key, g in _lps(bundles[name]).groupby(["review_id", "source_field"], sort=False):
            starts, ends = g["start"].astype(int).tolist(), g["end"].astype(int).tolist()
            assert starts[0] == 0 and all(s == e + 1 for s, e in zip(starts[1:], ends[:-1])), name
            assert [e - s for s, e in zip(starts, ends)] == g["text"].str.len().tolist()


def test_submission_released_lp_offsets_unit():
    lps = pd.DataFrame({"review_id": ["Ra", "Ra", "Rb"], "source_field": ["learning"] * 3,
                        "start": [50, 3, 7], "end": [60, 8, 9], "text": ["x" * 10, "y" * 5, "zz"]})
    out = released_lp_offsets(lps)
    assert out[["start", "end"]].values.tolist() == [[6, 16], [0, 5], [0, 2]]  # by position in the text
    assert released_lp_offsets(lps.drop(columns=["start"])).equals(lps.drop(columns=["start"]))


def test_submission_lp_ids_are_stable_for_reviews_nothing_was_withheld_from(bundles):
    touched = set(_local_matches(bundles["words"])["review_id"])
    a, b = _lps(bundles["none"]), _lps(bundles["words"])
    a, b = a[~a["review_id"].isin(touched)], b[~b["review_id"].isin(touched)]
    assert len(a) and a[["lp_id", "text"]].values.tolist() == b[["lp_id", "text"]].values.tolist()


def test_submission_released_lp_ids_renumbers_per_review_and_field():
    lps = pd.DataFrame({"lp_id": ["Rb-learning-2", "Ra-learning-4", "Ra-learning-9", "Ra-recommendations-3"],
                        "review_id": ["Rb", "Ra", "Ra", "Ra"],
                        "source_field": ["learning", "learning", "learning", "recommendations"]})
    assert released_lp_ids(lps)["lp_id"].tolist() == ["Rb-learning-1", "Ra-learning-1", "Ra-learning-2",
                                                      "Ra-recommendations-1"]
    assert released_lp_ids(lps.iloc[:0]).empty and released_lp_ids(None) is None
