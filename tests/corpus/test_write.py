"""Tests of ``write_corpus``: files, round trips, gold JSONL and manifest."""
from __future__ import annotations

import hashlib
import json

import pandas as pd
import pytest

from leder_insights import schema
from leder_insights.corpus import read_reviews_csv, synthesize, write_corpus


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    corpus = synthesize(n_reviews=60, seed=2)
    out = tmp_path_factory.mktemp("corpus")
    return corpus, write_corpus(corpus, out / "nested")


def test_write_files_and_keys(written):
    _, paths = written
    assert set(paths) == {"reviews_csv", "reviews_parquet", "gold_entities", "gold_learning_points",
                          "gold_deid", "manifest"}
    names = {p.name for p in paths.values()}
    assert names == {"reviews.csv", "reviews.parquet", "gold_entities.jsonl", "gold_learning_points.jsonl",
                     "gold_deid.jsonl", "manifest.json"}
    assert all(p.exists() and p.stat().st_size > 0 for p in paths.values())


def test_write_csv_round_trip(written):
    corpus, paths = written
    raw = paths["reviews_csv"].read_bytes()
    raw.decode("utf-8")  # valid UTF-8 (names such as Łukasz survive)
    back = read_reviews_csv(paths["reviews_csv"])
    pd.testing.assert_frame_equal(back, corpus.reviews)


def test_write_parquet_round_trip(written):
    corpus, paths = written
    back = pd.read_parquet(paths["reviews_parquet"])
    pd.testing.assert_frame_equal(back, corpus.reviews)
    assert list(back.columns) == list(schema.REVIEW_COLUMNS)


def test_write_gold_entities_and_learning_points(written):
    corpus, paths = written
    ents = pd.read_json(paths["gold_entities"], lines=True, dtype=False)
    pd.testing.assert_frame_equal(ents, corpus.entities, check_dtype=False)
    lps = [json.loads(line) for line in paths["gold_learning_points"].read_text(encoding="utf-8").splitlines()]
    assert len(lps) == len(corpus.learning_points)
    assert lps[0].keys() == set(corpus.learning_points.columns)
    assert [x["themes"] for x in lps] == corpus.learning_points.themes.tolist()


def test_write_gold_deid_lines(written):
    corpus, paths = written
    lines = [json.loads(x) for x in paths["gold_deid"].read_text(encoding="utf-8").splitlines()]
    n_nonempty = sum((corpus.reviews[c] != "").sum() for c in schema.FREE_TEXT_COLUMNS)
    assert len(lines) == n_nonempty
    reviews = corpus.reviews.set_index("review_id")
    n_ents = 0
    for rec in lines:
        rid, field = rec["id"].split(":")
        assert rec["text"] == reviews.at[rid, field] and rec["text"]
        for e in rec["entities"]:
            assert set(e) == {"start", "end", "category", "entity_type"}
            assert e["category"] in schema.ENTITY_CATEGORIES
            assert 0 <= e["start"] < e["end"] <= len(rec["text"])
            n_ents += 1
    assert n_ents == len(corpus.entities)


def test_write_manifest_hashes(written):
    corpus, paths = written
    manifest = json.loads(paths["manifest"].read_text(encoding="utf-8"))
    assert manifest["n_reviews"] == 60 and manifest["seed"] == 2
    assert manifest["generator_version"] == corpus.version
    for name, meta in manifest["files"].items():
        digest = hashlib.sha256((paths["manifest"].parent / name).read_bytes()).hexdigest()
        assert digest == meta["sha256"], name
    assert len(manifest["files"]) == 5


def test_write_is_reproducible(tmp_path):
    a = write_corpus(synthesize(10, seed=9), tmp_path / "a")
    b = write_corpus(synthesize(10, seed=9), tmp_path / "b")
    for key in ("reviews_csv", "gold_entities", "gold_learning_points", "gold_deid"):
        assert a[key].read_bytes() == b[key].read_bytes(), key


def test_write_rejects_non_corpus(tmp_path):
    with pytest.raises(ValueError, match=r"\[E151\]"):
        write_corpus(pd.DataFrame(), tmp_path)
