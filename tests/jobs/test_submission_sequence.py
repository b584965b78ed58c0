"""Successive releases (``submit --after``, ``release.sequence``): reviews new, changed or removed
since an earlier release are never singled out by the difference of the two (attacker 9's F8:
a 59-review release, then 60 with one late review: the late one was the only new pseudonym, and
under another ``pseudonym_scope`` the only review whose learning points linked to none)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _gate_aware_fake import GateAwareFake  # noqa: E402

from leder_insights.config import load_config  # noqa: E402
from leder_insights.corpus import synthesize, write_corpus  # noqa: E402
from leder_insights.deid import Deidentifier, ResidualRiskScanner  # noqa: E402
from leder_insights.errors import InputError  # noqa: E402
from leder_insights.jobs._composition import HELD_BACK  # noqa: E402
from leder_insights.jobs._submission import build_submission  # noqa: E402

KEY = b"s" * 32


class _Blind(ResidualRiskScanner):
    """The gate is not under test: the fake detector's misses would refuse the bundles."""

    def scan_many(self, texts, exclude_spans=None, batch_size=64):
        return [[] for _ in texts]

    def direct_identifiers(self, text, exclude_spans=()):
        return []


@pytest.fixture(scope="module")
def reviews(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("seqcorpus")
    write_corpus(synthesize(n_reviews=64, seed=909), tmp / "c")
    return pd.read_csv(tmp / "c" / "reviews.csv", dtype=str, keep_default_na=False)


@pytest.fixture
def corpus(reviews, tmp_path):
    """A folder per test (bundles beside each other are checked against each other), with the
    59-review release A made in it."""
    _submit(tmp_path, reviews.iloc[:59], "A")
    return tmp_path, reviews


def _submit(tmp, frame, out, after=(), **release):
    src = tmp / f"{out}.csv"
    frame.to_csv(src, index=False)
    cfg = load_config(release={"after": [str(tmp / a) for a in after], **release})
    deid = Deidentifier(profile="national", key=KEY, config=cfg, detector=GateAwareFake())
    return build_submission(src, tmp / out, key=KEY, config=cfg, n_process=1, deidentifier=deid,
                            scanner=_Blind(use_ner=False))


def _signatures(bundle):
    lp = pd.read_csv(bundle / "learning_points.csv", dtype=str, keep_default_na=False)
    return {tuple(sorted(" ".join(t.split()) for t in g.text)) for _, g in lp.groupby("review_id")}


def test_one_late_review_is_held_back_then_released_with_k_new(corpus):
    tmp, full = corpus
    a = json.loads((tmp / "A" / "manifest.json").read_text())
    assert a["releasable"] and a["rows_out"] == 59
    late = _submit(tmp, full.iloc[:60], "F", after=["A"])
    m = late.manifest
    assert m["releasable"] and m["rows_out"] == 59 and m["rows_held_back"] == 1
    assert m["rows_in"] == m["rows_out"] + m["rows_quarantined"]
    ra = pd.read_csv(tmp / "A" / "reviews.csv", dtype=str)
    rf = pd.read_csv(tmp / "F" / "reviews.csv", dtype=str)
    assert set(rf.review_id) == set(ra.review_id)            # no new pseudonym
    assert _signatures(tmp / "F") <= _signatures(tmp / "A")  # no learning point the earlier lacks
    q = pd.read_csv(tmp / "F" / "quarantine.csv", dtype=str, keep_default_na=False)
    held = q[q.reason_code == HELD_BACK]
    assert len(held) == 1 and (held.review_id == "").all()   # released: no pseudonym to follow
    local = pd.read_csv(tmp / "F.local" / "quarantine_rows.csv", dtype=str, keep_default_na=False)
    row = local[local.reason_code == HELD_BACK]
    assert len(row) == 1 and row.review_id.iloc[0].startswith("R")
    assert row.review_id.iloc[0] not in set(ra.review_id)
    assert full.review_id.iloc[59] not in (tmp / "F.local" / "quarantine_rows.csv").read_text()
    seq = m["release"]["sequence"]
    assert seq["held_back"] == 1 and seq["earlier"][0]["new"] == 1
    assert "by_source" not in m["audit"]                     # the held review is in the totals
    # five new since A: every one released
    five = _submit(tmp, full.iloc[:64], "G", after=["A"])
    assert five.manifest["rows_out"] == 64 and five.manifest["rows_held_back"] == 0
    rg = pd.read_csv(tmp / "G" / "reviews.csv", dtype=str)
    assert len(set(rg.review_id) - set(ra.review_id)) == 5


def test_a_scoped_release_after_holds_back_the_late_review_too(corpus):
    tmp, full = corpus
    s = _submit(tmp, full.iloc[:60], "S", after=["A"], pseudonym_scope="2026-Q4")
    m = s.manifest
    assert m["releasable"] and m["rows_out"] == 59 and m["rows_held_back"] == 1
    rs = pd.read_csv(tmp / "S" / "reviews.csv", dtype=str)
    ra = pd.read_csv(tmp / "A" / "reviews.csv", dtype=str)
    assert not set(rs.review_id) & set(ra.review_id)           # scoped: no shared pseudonym
    assert _signatures(tmp / "S") == _signatures(tmp / "A")    # text links all, none left over
    assert m["release"]["sequence"]["earlier"][0]["same_scope"] is False


def test_refuse_policy_and_removed_reviews_are_numbered_refusals(corpus):
    tmp, full = corpus
    with pytest.raises(InputError, match=r"\[E611\]"):
        _submit(tmp, full.iloc[:60], "R1", after=["A"], sequence={"few_new": "refuse"})
    assert not (tmp / "R1" / "manifest.json").exists()
    with pytest.raises(InputError, match=r"\[E612\]"):  # two of A's reviews gone
        _submit(tmp, full.iloc[2:59], "R2", after=["A"])
    assert not (tmp / "R2" / "manifest.json").exists()


def test_a_changed_review_counts_as_new(corpus):
    tmp, full = corpus
    changed = full.iloc[:59].copy()
    changed.loc[changed.index[3], "care_grade"] = "1" if changed["care_grade"].iloc[3] != "1" else "2"
    c = _submit(tmp, changed, "C", after=["A"])
    assert c.manifest["rows_held_back"] == 1 and c.manifest["release"]["sequence"]["earlier"][0]["changed"] == 1
    assert c.manifest["rows_out"] == 58


def test_a_second_release_beside_the_first_without_after_is_refused(corpus, tmp_path):
    tmp, full = corpus
    with pytest.raises(InputError, match=r"\[E613\].*--after"):
        _submit(tmp, full.iloc[:60], "N")
    assert not (tmp / "N" / "manifest.json").exists()
    with pytest.warns(UserWarning, match=r"\[E614\]"):
        w = _submit(tmp, full.iloc[:60], "W", sequence={"unnamed_earlier": "warn"}, accept_weakened=True)
    assert w.manifest["rows_out"] == 60
    assert json.loads((tmp / "W" / "manifest.json").read_text())["settings"]["weakened"] == [
        "release.sequence.unnamed_earlier"]
