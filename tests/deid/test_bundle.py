"""National submission bundle: accounting, manifest, resumability, the gate, no key or identifiers out."""
import json
import os
import secrets

import pandas as pd
import pytest

from leder_insights.cli import main
from leder_insights.config import load_config
from leder_insights.deid._bundle import build_submission, sha256_file
from leder_insights.errors import InputError


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    from leder_insights.corpus import synthesize, write_corpus

    corpus = synthesize(n_reviews=24, seed=4242)
    paths = write_corpus(corpus, tmp_path_factory.mktemp("corpus"))
    return corpus, paths


@pytest.fixture(scope="module")
def key_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("key") / "deid.key"
    path.write_text(secrets.token_hex(32))
    os.chmod(path, 0o600)
    return path


@pytest.fixture(scope="module")
def bundle(synthetic, key_file, tmp_path_factory):
    _, paths = synthetic
    out = tmp_path_factory.mktemp("bundle") / "b"
    code = main(["submit", str(paths["reviews_csv"]), "-o", str(out), "--key-file", str(key_file),
                 "--chunk-rows", "10", "--n-process", "1"])
    return out, code


def test_bundle_manifest_accounts_for_every_row(bundle):
    out, code = bundle
    manifest = json.loads((out / "manifest.json").read_text())
    assert code in (0, 3)
    assert code == (0 if manifest["releasable"] else 3)
    for k in ("rows_in", "rows_out", "rows_quarantined"):
        assert isinstance(manifest[k], int)
    assert manifest["rows_in"] == 24
    assert manifest["rows_in"] == manifest["rows_out"] + manifest["rows_quarantined"]
    reviews = pd.read_parquet(out / "reviews.parquet")
    assert len(reviews) == manifest["rows_out"] and reviews["review_id"].is_unique
    for name, digest in manifest["files"].items():
        assert sha256_file(out / name) == digest, name
    assert manifest["versions"]["model"] and manifest["versions"]["config_hash"]
    assert (out / "qa_report.html").read_text().count("<tr>") > 3
    lps = pd.read_parquet(out / "learning_points.parquet")
    assert len(lps) == manifest["learning_points"] > 24 and lps["lp_id"].is_unique
    assert set(lps["review_id"]) <= set(reviews["review_id"])
    assert lps["themes"].map(lambda v: isinstance(json.loads(v), list)).all()


def test_bundle_contains_no_key_and_no_gold_identifiers(bundle, synthetic, key_file, find_gold_leaks):
    out, _ = bundle
    corpus, _ = synthetic
    key_text = key_file.read_text().strip()
    leaks = {}
    n_files = 0
    for path in out.rglob("*"):
        if not path.is_file() or path.name == "progress.json":
            continue
        n_files += 1
        blob = path.read_bytes().decode("utf-8", errors="replace")
        assert key_text not in blob and key_text[:16] not in blob, f"key found in {path.name}"
        found = find_gold_leaks(corpus, blob)
        if found:
            leaks[path.name] = found
    assert n_files >= 8
    assert not leaks, f"gold identifiers found in the bundle: {leaks}"


def test_bundle_resumes_without_duplicates(synthetic, key_file, tmp_path):
    _, paths = synthetic
    key = key_file.read_text().strip().encode()
    out = tmp_path / "bundle"

    class Interrupted(Exception):
        pass

    def stop_after_first(i, n):
        if i == 0:
            raise Interrupted

    with pytest.raises(Interrupted):
        build_submission(paths["reviews_csv"], out, key=key, chunk_rows=10, n_process=1,
                         on_chunk=stop_after_first)
    assert not (out / "manifest.json").exists()
    seen = []
    res = build_submission(paths["reviews_csv"], out, key=key, chunk_rows=10, n_process=1,
                           on_chunk=lambda i, n: seen.append(i))
    assert seen == [1, 2]  # chunk 0 was kept from the interrupted run
    reviews = pd.read_parquet(out / "reviews.parquet")
    assert reviews["review_id"].is_unique
    assert res.manifest["rows_out"] + res.manifest["rows_quarantined"] == res.manifest["rows_in"] == 24


def test_bundle_refuses_a_different_existing_directory(synthetic, key_file, tmp_path):
    _, paths = synthetic
    out = tmp_path / "taken"
    out.mkdir()
    (out / "something.txt").write_text("not a bundle")
    with pytest.raises(InputError, match=r"\[E602\]"):
        build_submission(paths["reviews_csv"], out, key=b"k" * 32, n_process=1)


def test_bundle_gate_refuses_release_with_exit_3(synthetic, key_file, tmp_path, capsys):
    _, paths = synthetic
    cfg_path = tmp_path / "strict.yaml"
    cfg_path.write_text("submit:\n  residual_risk_threshold_per_1k_words: -1\n")
    out = tmp_path / "strict"
    code = main(["submit", str(paths["reviews_csv"]), "-o", str(out), "--key-file", str(key_file),
                 "--config", str(cfg_path), "--n-process", "1"])
    assert code == 3
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["releasable"] is False
    assert "E601" in capsys.readouterr().err


def test_bundle_quarantines_bad_rows_without_raw_text(synthetic, key_file, tmp_path):
    corpus, _ = synthetic
    df = corpus.reviews.head(6).copy()
    df.loc[1, "review_id"] = None                       # missing id
    df.loc[2, "review_id"] = df.loc[3, "review_id"]     # duplicate id
    df.loc[4, "care_grade"] = 9                         # out of range
    src = tmp_path / "bad.csv"
    df.to_csv(src, index=False)
    out = tmp_path / "bundle"
    res = build_submission(src, out, key=key_file.read_text().strip().encode(), n_process=1)
    m = res.manifest
    assert m["rows_in"] == 6 and m["rows_quarantined"] >= 3
    assert m["rows_out"] + m["rows_quarantined"] == 6
    quarantine = pd.read_csv(out / "quarantine.csv")
    assert set(quarantine.columns) >= {"_row", "reason_code", "reason"}
    assert not any(c in quarantine.columns for c in ("pen_portrait", "timeline", "learning"))
