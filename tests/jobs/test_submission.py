"""National submission job: accounting, manifest, resumability, the gate, no key or identifiers out."""
import json
import os
import secrets

import pandas as pd
import pytest

from leder_insights.cli import main
from leder_insights._files import sha256_file
from leder_insights.jobs import _submission, build_submission
from leder_insights.errors import DeidError, InputError


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


@pytest.mark.slow
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


@pytest.mark.slow
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


class _Interrupted(Exception):
    """Stands for a crash or Ctrl-C after the first finished chunk."""


def _interrupt(i, n):
    raise _Interrupted


@pytest.mark.slow
def test_bundle_resumes_without_duplicates(synthetic, key_file, tmp_path):
    _, paths = synthetic
    key = key_file.read_text().strip().encode()
    out = tmp_path / "bundle"
    with pytest.raises(_Interrupted):  # one process: chunk 0 finishes, then the run stops
        build_submission(paths["reviews_csv"], out, key=key, chunk_rows=10, n_process=1,
                         on_chunk=_interrupt)
    assert not (out / "manifest.json").exists()
    seen = []
    res = build_submission(paths["reviews_csv"], out, key=key, chunk_rows=10, n_process=1,
                           on_chunk=lambda i, n: seen.append(i))
    assert seen == [1, 2]  # chunk 0 was kept from the interrupted run
    reviews = pd.read_parquet(out / "reviews.parquet")
    assert reviews["review_id"].is_unique
    assert res.manifest["rows_out"] + res.manifest["rows_quarantined"] == res.manifest["rows_in"] == 24


@pytest.mark.slow
def test_bundle_refuses_a_different_existing_directory(synthetic, key_file, tmp_path):
    _, paths = synthetic
    out = tmp_path / "taken"
    out.mkdir()
    (out / "something.txt").write_text("not a bundle")
    with pytest.raises(InputError, match=r"\[E602\]"):
        build_submission(paths["reviews_csv"], out, key=b"k" * 32, n_process=1)


@pytest.mark.slow
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
    # a refused release publishes no data file: only the QA report and the manifest saying so
    assert sorted(p.name for p in out.iterdir()) == ["manifest.json", "qa_report.html"]
    assert list(manifest["files"]) == ["qa_report.html"]
    assert "reviews.parquet" in manifest["withheld"]
    assert "NOT RELEASABLE" in (out / "qa_report.html").read_text()
    assert not _submission.work_dir_for(out).exists()


@pytest.mark.slow
def test_bundle_quarantines_bad_rows_without_raw_text(synthetic, key_file, tmp_path):
    corpus, _ = synthetic
    df = corpus.reviews.head(6).copy()
    df.loc[1, "review_id"] = None                       # missing id
    df.loc[2, "review_id"] = df.loc[3, "review_id"]     # duplicate id
    df.loc[4, "care_grade"] = 9                         # out of range
    df["sex"] = df["sex"].iloc[0]                       # one sex: a lone sex would be a class of 1 (F11)
    src = tmp_path / "bad.csv"
    df.to_csv(src, index=False)
    out = tmp_path / "bundle"
    # three rows are released: k = 2 here, since fewer reviews than k are refused (E705) and a
    # refused release withholds its quarantine; one sex, since sex is never generalised and a
    # lone sex among three, suppressed or not, is a class of 1 (this test is about the quarantine)
    from leder_insights.config import load_config

    res = build_submission(src, out, key=key_file.read_text().strip().encode(), n_process=1,
                           config=load_config(release={"k": 2, "max_suppressed_share": 1.0,
                                                               "accept_weakened": True}))
    m = res.manifest
    assert m["rows_in"] == 6 and m["rows_quarantined"] >= 3
    assert m["rows_out"] + m["rows_quarantined"] == 6
    quarantine = pd.read_csv(out / "quarantine.csv")
    assert set(quarantine.columns) >= {"review_id", "reason_code", "reason"}
    assert not any(c in quarantine.columns for c in ("pen_portrait", "timeline", "learning"))
    # input row numbers only beside the bundle, for the operator (attack6 F4); same rows
    assert "_row" not in quarantine.columns
    rows = pd.read_csv(out.with_name(out.name + ".local") / "quarantine_rows.csv")
    assert sorted(rows["_row"]) == [2, 4, 5] and len(rows) == len(quarantine)  # 1-based data rows
    assert list(quarantine["review_id"].fillna("")) == sorted(quarantine["review_id"].fillna(""))


def _frames_of(out):
    return {name: pd.read_parquet(out / name) for name in ("reviews.parquet", "learning_points.parquet")}


@pytest.mark.slow
def test_bundle_parallel_interrupted_run_equals_one_uninterrupted_process(bundle, synthetic, key_file,
                                                                          tmp_path):
    """Chunks in 2 worker processes, interrupted after the first finished chunk and resumed:
    the same rows (no duplicates, none missing), learning points, audit and gate figure as the
    one-process uninterrupted bundle made with the same key."""
    ref, _ = bundle
    _, paths = synthetic
    key = key_file.read_text().strip().encode()
    out = tmp_path / "parallel"
    with pytest.raises(_Interrupted):
        build_submission(paths["reviews_csv"], out, key=key, chunk_rows=10, n_process=2, on_chunk=_interrupt)
    work = _submission.work_dir_for(out)
    first = json.loads((work / "progress.json").read_text())
    assert len(first["done"]) == 1 and list(first["gate"]) == [str(first["done"][0])]
    seen = []
    res = build_submission(paths["reviews_csv"], out, key=key, chunk_rows=10, n_process=2,
                           on_chunk=lambda i, n: seen.append(i))
    assert sorted(seen) == sorted({0, 1, 2} - set(first["done"]))
    ref_manifest = json.loads((ref / "manifest.json").read_text())
    assert res.manifest["residual_risk"] == ref_manifest["residual_risk"]
    for k in ("rows_in", "rows_out", "rows_quarantined", "learning_points"):
        assert res.manifest[k] == ref_manifest[k], k
    assert not work.exists()  # working files are removed once the manifest is written
    for name, frame in _frames_of(out).items():
        pd.testing.assert_frame_equal(frame, _frames_of(ref)[name])
    for name in ("reviews.csv", "learning_points.csv", "audit.jsonl", "quarantine.csv"):
        assert (out / name).read_bytes() == (ref / name).read_bytes(), name
    # the gate's candidate locations stay beside the bundle, never in it (attacker 3's F8)
    local = _submission.local_dir_for
    assert not (out / "residual_risk_candidates.csv").exists()
    assert ((local(out) / "residual_risk_candidates.csv").read_bytes()
            == (local(ref) / "residual_risk_candidates.csv").read_bytes())
    assert sorted(p.name for p in out.iterdir()) == sorted([*res.manifest["files"], "manifest.json"])


@pytest.mark.slow
def test_bundle_finalise_reads_one_part_at_a_time(bundle, key_file, synthetic, tmp_path, monkeypatch):
    """A run that dies in finalisation is finished by the next run from its parts, which keeps at
    most one part frame alive (no concatenation of all parts) and writes the same content."""
    import weakref

    ref, _ = bundle
    _, paths = synthetic
    key = key_file.read_text().strip().encode()
    out = tmp_path / "again"
    real = _submission._finalise

    def crash(*args, **kwargs):
        raise _Interrupted

    monkeypatch.setattr(_submission, "_finalise", crash)
    with pytest.raises(_Interrupted):
        build_submission(paths["reviews_csv"], out, key=key, chunk_rows=10, n_process=1)
    monkeypatch.setattr(_submission, "_finalise", real)
    assert not (out / "manifest.json").exists()
    alive: list = []
    peak = {"n": 0, "reads": 0}

    def spy(read):
        def wrapper(*args, **kwargs):
            live = sum(r() is not None for r in alive)
            peak["n"] = max(peak["n"], live)
            df = read(*args, **kwargs)
            peak["reads"] += 1
            alive.append(weakref.ref(df))
            return df
        return wrapper

    monkeypatch.setattr(_submission.pd, "read_parquet", spy(pd.read_parquet))
    monkeypatch.setattr(_submission.pd, "read_json", spy(pd.read_json))
    res = build_submission(paths["reviews_csv"], out, key=key, chunk_rows=10, n_process=1,
                           on_chunk=lambda i, n: pytest.fail("redone"))
    monkeypatch.undo()
    assert peak["reads"] >= 12  # reviews, learning points, audit and quarantine of 3 chunks
    assert peak["n"] == 0, f"{peak['n']} part frames still alive when the next one was read"
    for name, frame in _frames_of(out).items():
        pd.testing.assert_frame_equal(frame, _frames_of(ref)[name])
    ref_manifest = json.loads((ref / "manifest.json").read_text())
    assert res.manifest["files"]["reviews.csv"] == ref_manifest["files"]["reviews.csv"]
    assert res.manifest["files"]["audit.jsonl"] == ref_manifest["files"]["audit.jsonl"]


def test_bundle_stream_table_matches_concat_for_mixed_parts(tmp_path):
    """Streaming gives what ``pd.concat(parts)`` then one write gives, also when parts differ:
    int vs float, an all-null column, a column missing from a part, an empty part, bools with None."""
    from leder_insights.jobs._submission import _stream_table

    parts = [
        pd.DataFrame({"id": ["a", "b"], "n": [1, 2], "t": ["x", "y"], "flag": [True, False]}),
        pd.DataFrame({"id": pd.Series([], dtype=object), "n": pd.Series([], dtype="int64")}),
        pd.DataFrame({"id": ["c"], "n": [2.5], "t": [None], "flag": [None], "extra": [7]}),
        pd.DataFrame({"id": ["d", "e"], "n": [3, 4], "t": [None, None], "flag": [True, None]}),
    ]
    files = []
    for k, df in enumerate(parts):
        files.append(tmp_path / f"p{k}.parquet")
        df.to_parquet(files[-1], index=False)
    whole = pd.concat([pd.read_parquet(f) for f in files], ignore_index=True)
    whole.to_parquet(tmp_path / "whole.parquet", index=False)
    whole.to_csv(tmp_path / "whole.csv", index=False)
    whole.to_json(tmp_path / "whole.jsonl", orient="records", lines=True)
    n = _stream_table([(lambda f=f: pd.read_parquet(f)) for f in files], pd.DataFrame(),
                      parquet=tmp_path / "s.parquet", csv=tmp_path / "s.csv", jsonl=tmp_path / "s.jsonl")
    assert n == len(whole) == 5
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "s.parquet"),
                                  pd.read_parquet(tmp_path / "whole.parquet"))
    assert (tmp_path / "s.csv").read_text() == (tmp_path / "whole.csv").read_text()
    assert (tmp_path / "s.jsonl").read_text() == (tmp_path / "whole.jsonl").read_text()


def test_bundle_progress_keeps_one_gate_record_per_chunk(tmp_path):
    """A chunk redone after an interruption replaces its gate counts instead of adding to them;
    progress with another identity is refused naming what changed."""
    from leder_insights.jobs._submission import _Progress

    ident = {"input_sha256": "a", "key_fingerprint": "k1", "profile": "national"}
    prog = _Progress.open(tmp_path / "b", ident)
    prog.mark_done(0, {"n_words": 100, "n_candidates": 2, "per_kind": {"DATE": 2}})
    prog.mark_done(1, {"n_words": 50, "n_candidates": 0, "per_kind": {}})
    prog.mark_done(0, {"n_words": 100, "n_candidates": 1, "per_kind": {"DATE": 1}})
    again = _Progress.open(tmp_path / "b", dict(ident))
    assert again.state["done"] == [0, 1]
    assert again.gate(0) == {"n_words": 100, "n_candidates": 1, "per_kind": {"DATE": 1}}
    assert sum(again.gate(i)["n_words"] for i in (0, 1)) == 150
    with pytest.raises(InputError, match=r"\[E606\].*key_fingerprint, profile"):
        _Progress.open(tmp_path / "b", {**ident, "key_fingerprint": "k2", "profile": "local"})


def test_bundle_qa_excerpts_never_cut_a_word(tmp_path):
    """The QA report's excerpts end at a word boundary: cutting "March" to "Marc…" made a word that
    is not in the text (here a gold first name: the cause of a rare, key-dependent failure of
    the no-gold-identifiers test, since shifted dates move where the cut falls)."""
    import re

    from leder_insights.jobs._qa_report import write_qa_report

    text = "care " * 117 + "seen on 6th March 2021 by [PERSON_123456] and again " + "y " * 40
    for shift in range(0, 40):  # wherever the 600-character limit falls
        t = "z" * shift + " " + text
        manifest = {"releasable": True, "run_id": "r", "rows_in": 1, "rows_out": 1,
                    "rows_quarantined": 0}
        page = write_qa_report(tmp_path / "qa.html", manifest, {}, [("R1", {"timeline": t})],
                               ["timeline"], seed=1).read_text()
        excerpt = re.search(r"<td>timeline</td><td>(.*?)</td>", page, re.S).group(1)
        assert excerpt.endswith("…") and len(excerpt) <= 601
        words = excerpt[:-1].split()
        assert words and all(w in t.split() for w in words), (shift, words[-1])


_REAL_PROCESS_CHUNK = _submission._process_chunk


def _die_on_chunk_1(i, chunk, job=None):
    """A worker that is killed on chunk 1 (as the out-of-memory killer would)."""
    if i == 1:
        os._exit(9)
    return _REAL_PROCESS_CHUNK(i, chunk, job)


@pytest.mark.slow
def test_bundle_dead_worker_fails_with_numbered_error_and_resumes(synthetic, key_file, tmp_path, monkeypatch):
    _, paths = synthetic
    key = key_file.read_text().strip().encode()
    out = tmp_path / "killed"
    monkeypatch.setattr(_submission, "_process_chunk", _die_on_chunk_1)
    with pytest.raises(DeidError, match=r"\[E604\].*chunks [0-9, ]*1"):
        build_submission(paths["reviews_csv"], out, key=key, chunk_rows=10, n_process=2)
    assert 1 not in json.loads((_submission.work_dir_for(out) / "progress.json").read_text())["done"]
    monkeypatch.setattr(_submission, "_process_chunk", _REAL_PROCESS_CHUNK)
    res = build_submission(paths["reviews_csv"], out, key=key, chunk_rows=10, n_process=2)
    assert res.manifest["rows_in"] == res.manifest["rows_out"] + res.manifest["rows_quarantined"]


def test_qa_report_seed_is_never_an_identifier_lookalike(tmp_path):
    """The seed was printed as a decimal: 4119017710 passes the NHS modulus-11 check, so the
    zero-tolerance scan of the report refused about one release in eleven at random."""
    from leder_insights.deid import scan_released_file
    from leder_insights.jobs._qa_report import write_qa_report

    manifest = {"releasable": True, "run_id": "f5840c0e" + "0" * 24, "rows_in": 1, "rows_out": 1,
                "rows_quarantined": 0}
    page = write_qa_report(tmp_path / "qa.html", manifest, {}, [("R1", {})], ["timeline"],
                           seed=4119017710)
    assert "4119017710" not in page.read_text() and "f5840c0e" in page.read_text()
    assert scan_released_file(page) == {}
