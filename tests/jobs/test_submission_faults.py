"""Fault injection on ``submit``: kill the parent, a worker or the finalisation, then run again;
resume with another key or mapping; disk full, read-only output, bad options.

Nothing may be lost or duplicated, and no file under a final name may be incomplete. The
subprocess tests run the real CLI with the fast test components (tests/jobs/_submit_runner.py).
"""
from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from leder_insights._files import sha256_file
from leder_insights.cli import main
from leder_insights.errors import InputError
from leder_insights.jobs import _submission, build_submission

RUNNER = Path(__file__).with_name("_submit_runner.py")
ROOT = Path(__file__).resolve().parents[2]
KEY = "5c1e0a7f3b9d2e4c6a8b0d1f3e5c7a9b5c1e0a7f3b9d2e4c6a8b0d1f3e5c7a9b"
N_REVIEWS = 16


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    from leder_insights.corpus import synthesize, write_corpus

    paths = write_corpus(synthesize(n_reviews=N_REVIEWS, seed=77), tmp_path_factory.mktemp("corpus"))
    return paths["reviews_csv"]


@pytest.fixture(scope="module")
def key_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("key") / "deid.key"
    path.write_text(KEY)
    os.chmod(path, 0o600)
    return path


@pytest.fixture(scope="module")
def lenient(tmp_path_factory):
    """A lenient gate, so that the bundles publish their data files (the gate is not under test)."""
    path = tmp_path_factory.mktemp("cfg") / "lenient.yaml"
    path.write_text("submit:\n  residual_risk_threshold_per_1k_words: 1000\n"
                    "release:\n  accept_weakened: true\n")  # lenient on purpose ([E706])
    return path


def _args(corpus, out, key_file, lenient, n_process=2):
    return ["submit", str(corpus), "-o", str(out), "--key-file", str(key_file), "--chunk-rows", "3",
            "--n-process", str(n_process), "--config", str(lenient)]


def _start(args, **env):
    environ = {**os.environ, "PYTHONPATH": str(ROOT), **{k: str(v) for k, v in env.items()}}
    return subprocess.Popen([sys.executable, str(RUNNER), *args], env=environ,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _run(args, **env) -> subprocess.CompletedProcess:
    proc = _start(args, **env)
    out, err = proc.communicate(timeout=600)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def _children(pid: int) -> list[int]:
    kids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            kids.append(int(stat.parent.name))
    return kids


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")  # a zombie has finished


def _start_slow_run_past_its_first_chunk(corpus, out, key_file, lenient):
    """A submission whose chunks sleep 1.5 s, once its first chunk is done: (process, worker pids)."""
    proc = _start(_args(corpus, out, key_file, lenient), FAULT_CHUNK_SLEEP=1.5)
    _wait_for_done_chunks(out, 1, proc)
    return proc, _children(proc.pid)


def _wait_for_done_chunks(out: Path, n: int, proc, timeout: float = 300) -> list:
    progress = _submission.work_dir_for(out) / "progress.json"
    end = time.time() + timeout
    while time.time() < end:
        assert proc.poll() is None, proc.communicate()
        try:
            done = json.loads(progress.read_text())["done"]
        except (OSError, ValueError):
            done = []
        if len(done) >= n:
            return done
        time.sleep(0.2)
    raise AssertionError("the run made no progress")


@pytest.fixture(scope="module")
def reference(corpus, key_file, lenient, tmp_path_factory):
    """The bundle of one uninterrupted run in one process."""
    out = tmp_path_factory.mktemp("ref") / "bundle"
    res = _run(_args(corpus, out, key_file, lenient, n_process=1))
    assert res.returncode == 0, res.stderr
    return out


def _assert_rerun_finishes_the_same_bundle(corpus, out: Path, key_file, lenient, reference: Path):
    """Run the same submission again into ``out``: it exits 0 with the uninterrupted bundle."""
    res = _run(_args(corpus, out, key_file, lenient))
    assert res.returncode == 0, res.stderr
    _assert_same_bundle(out, reference)


def _assert_same_bundle(out: Path, ref: Path):
    manifest = json.loads((out / "manifest.json").read_text())
    ref_manifest = json.loads((ref / "manifest.json").read_text())
    assert manifest["rows_in"] == manifest["rows_out"] + manifest["rows_quarantined"] == N_REVIEWS
    for k in ("rows_in", "rows_out", "rows_quarantined", "learning_points", "residual_risk"):
        assert manifest[k] == ref_manifest[k], k
    reviews = pd.read_parquet(out / "reviews.parquet")
    assert reviews["review_id"].is_unique  # nothing duplicated
    pd.testing.assert_frame_equal(reviews, pd.read_parquet(ref / "reviews.parquet"))
    for name in ("reviews.csv", "learning_points.csv", "audit.jsonl", "quarantine.csv"):
        assert (out / name).read_bytes() == (ref / name).read_bytes(), name
    # the bundle holds exactly what the manifest lists, each with its sha256; no working files
    assert sorted(p.name for p in out.iterdir()) == sorted([*manifest["files"], "manifest.json"])
    for name, digest in manifest["files"].items():
        assert sha256_file(out / name) == digest, name
    assert not _submission.work_dir_for(out).exists()


@pytest.mark.slow
def test_sigkill_of_the_parent_kills_the_workers_and_a_rerun_resumes(corpus, key_file, lenient,
                                                                      reference, tmp_path):
    out = tmp_path / "bundle"
    proc, workers = _start_slow_run_past_its_first_chunk(corpus, out, key_file, lenient)
    assert workers, "the run should have worker processes"
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    end = time.time() + 10
    while any(_alive(w) for w in workers) and time.time() < end:
        time.sleep(0.2)
    assert not any(_alive(w) for w in workers), "orphaned workers outlived their parent"
    assert not (out / "manifest.json").exists()
    done = json.loads((_submission.work_dir_for(out) / "progress.json").read_text())["done"]
    assert 0 < len(done) < 6
    _assert_rerun_finishes_the_same_bundle(corpus, out, key_file, lenient, reference)


@pytest.mark.slow
def test_sigkill_of_a_worker_fails_with_e604_and_a_rerun_resumes(corpus, key_file, lenient,
                                                                 reference, tmp_path):
    out = tmp_path / "bundle"
    proc, workers = _start_slow_run_past_its_first_chunk(corpus, out, key_file, lenient)
    os.kill(workers[0], signal.SIGKILL)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 1 and "[E604]" in err, err
    assert "Traceback" not in err
    assert not (out / "manifest.json").exists()
    _assert_rerun_finishes_the_same_bundle(corpus, out, key_file, lenient, reference)


@pytest.mark.slow
def test_sigkill_during_finalisation_leaves_no_manifest_and_a_rerun_finishes(corpus, key_file, lenient,
                                                                             reference, tmp_path):
    out = tmp_path / "bundle"
    res = _run(_args(corpus, out, key_file, lenient), FAULT_KILL_IN_PUBLISH=out.name)
    assert res.returncode == -signal.SIGKILL
    # killed after two files were published: they are complete (renamed whole), no manifest yet
    assert not (out / "manifest.json").exists()
    left = sorted(p.name for p in out.iterdir())
    assert left == ["reviews.csv", "reviews.parquet"]
    for name in left:
        assert (out / name).read_bytes() == (reference / name).read_bytes(), name
    assert not [p for p in out.iterdir() if p.name.startswith(".tmp-")]
    _assert_rerun_finishes_the_same_bundle(corpus, out, key_file, lenient, reference)


@pytest.mark.slow
@pytest.mark.parametrize("sig,name", [(signal.SIGINT, "Ctrl-C"), (signal.SIGTERM, "SIGTERM")])
def test_sigint_and_sigterm_stop_cleanly_saying_what_is_saved(corpus, key_file, lenient, tmp_path,
                                                              sig, name):
    out = tmp_path / "bundle"
    proc, workers = _start_slow_run_past_its_first_chunk(corpus, out, key_file, lenient)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "[E607]" in err and name in err and "run the same command again" in err.lower(), err
    assert "Traceback" not in err
    assert not any(_alive(w) for w in workers)
    assert not (out / "manifest.json").exists()


# --- in-process faults (fast: the fake detector, a regex-only gate) --------------------------------

@pytest.fixture(scope="module")
def theme_model():
    return _submission._load_theme_model(None)


@pytest.fixture
def fast(monkeypatch, theme_model):
    """build_submission with the fake detector, a regex-only gate and the theme model loaded once."""
    from _gate_aware_fake import GateAwareFake as FakeDetector

    from leder_insights.deid import Deidentifier, ResidualRiskScanner

    monkeypatch.setattr(_submission, "_load_theme_model", lambda d: theme_model)

    def run(src, out, key, **kw):
        kw.setdefault("n_process", 1)
        deid = Deidentifier(profile="national", key=key, detector=FakeDetector(kw.pop("fail_on", None)))
        return build_submission(src, out, key=key, deidentifier=deid, parallel_chunks=True,
                                scanner=ResidualRiskScanner(use_ner=False), **kw)

    return run


class _Stop(Exception):
    pass


def _stop(i, n):
    raise _Stop


@pytest.mark.slow
@pytest.mark.parametrize("change", ["key", "mapping", "profile"])
def test_resume_with_a_changed_key_mapping_or_profile_is_refused(fast, corpus, tmp_path, change):
    out = tmp_path / "bundle"
    mapping = tmp_path / "map.yaml"
    mapping.write_text("care_grade: care_grade\n")
    with pytest.raises(_Stop):
        fast(corpus, out, KEY.encode(), chunk_rows=3, mapping=mapping, on_chunk=_stop)
    kwargs = {"key": KEY.encode(), "mapping": mapping, "profile": "national"}
    if change == "key":
        kwargs["key"] = b"another key of 32 bytes........."
    elif change == "mapping":
        mapping.write_text("Review ID: review_id\n")
    else:
        kwargs["profile"] = "local"
    expected = {"key": "key_fingerprint", "mapping": "mapping_sha256", "profile": "profile"}[change]
    key = kwargs.pop("key")
    with pytest.raises(InputError, match=rf"\[E606\].*{expected}"):
        build_submission(corpus, out, key=key, chunk_rows=3, n_process=1, **kwargs)
    done = json.loads((_submission.work_dir_for(out) / "progress.json").read_text())["done"]
    assert done == [0]  # the refused resume changed nothing


@pytest.mark.slow
def test_run_identity_never_holds_the_key(fast, corpus, tmp_path):
    res = fast(corpus, tmp_path / "b", KEY.encode(), chunk_rows=8)
    ident = res.manifest["run_identity"]
    assert KEY not in json.dumps(res.manifest) and KEY[:16] not in json.dumps(res.manifest)
    assert set(ident) >= {"input_digest", "key_fingerprint", "profile", "mapping_sha256",
                          "config_hash", "theme_model", "spacy_model"}
    # the same command again: the finished bundle is returned unchanged
    again = fast(corpus, tmp_path / "b", KEY.encode(), chunk_rows=8, on_chunk=_stop)
    assert again.manifest == res.manifest


@pytest.mark.slow
def test_disk_full_during_finalisation_is_a_numbered_error_and_resumable(fast, corpus, tmp_path,
                                                                         monkeypatch, capsys):
    out = tmp_path / "bundle"
    real = _submission._stream_table

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(out) + ".work/staging/reviews.csv")

    monkeypatch.setattr(_submission, "_stream_table", full)
    with pytest.raises(OSError) as info:
        fast(corpus, out, KEY.encode(), chunk_rows=8)
    from leder_insights.errors import os_error

    assert str(os_error(info.value)).startswith("[E021] No space left on the device while writing")
    assert not out.exists() or not any(out.iterdir())  # nothing under a final name
    monkeypatch.setattr(_submission, "_stream_table", real)
    res = fast(corpus, out, KEY.encode(), chunk_rows=8, on_chunk=lambda i, n: pytest.fail("redone"))
    assert res.manifest["rows_in"] == res.manifest["rows_out"] + res.manifest["rows_quarantined"]


@pytest.mark.slow
def test_disk_full_through_the_cli_exits_1_with_e021(corpus, key_file, tmp_path, monkeypatch, capsys):
    import leder_insights._files as files

    def full(tmp, path):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(files, "publish", full)
    out = tmp_path / "analyze.jsonl"
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "Seen by the GP."}\n')
    code = main(["deid", "analyze", str(src), "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 1 and "[E021]" in err and str(out) in err and "Traceback" not in err
    assert not out.exists() and not [p for p in tmp_path.iterdir() if p.name.startswith(".tmp-")]


@pytest.mark.slow
def test_read_only_output_is_a_numbered_error(corpus, tmp_path, monkeypatch, capsys):
    """A read-only output directory: permission denied becomes [E020] naming the path (root
    ignores directory modes, so the refusal is simulated at the write)."""
    import leder_insights._files as files

    ro = tmp_path / "ro"
    ro.mkdir()
    os.chmod(ro, 0o555)
    real_open = open

    def denied(file, mode="r", *args, **kwargs):
        if "w" in mode and str(file).startswith(str(ro)):
            raise PermissionError(errno.EACCES, "Permission denied", str(file))
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr("builtins.open", denied)
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "Seen by the GP."}\n')
    code = main(["themes", "predict", str(src), "-o", str(ro / "out.jsonl")])
    err = capsys.readouterr().err
    assert code == 1 and "[E020] Permission denied" in err and "Traceback" not in err, err
    assert files  # the shared helper wrote nothing under the final name
    assert not (ro / "out.jsonl").exists()


@pytest.mark.parametrize("option,value", [("--chunk-rows", "-1"), ("--chunk-rows", "0"),
                                          ("--n-process", "0"), ("--n-process", "-3"),
                                          ("--profile", "foo"), ("--engine", "gpu")])
def test_bad_options_are_usage_errors(corpus, key_file, tmp_path, option, value):
    out = tmp_path / "bundle"
    code = main(["submit", str(corpus), "-o", str(out), "--key-file", str(key_file), option, value])
    assert code == 2
    assert not out.exists() and not _submission.work_dir_for(out).exists()


def test_build_submission_refuses_bad_chunk_size_from_python(corpus, tmp_path):
    from leder_insights.errors import UsageError

    with pytest.raises(UsageError, match=r"\[E006\]"):
        build_submission(corpus, tmp_path / "b", key=KEY.encode(), chunk_rows=-5)


@pytest.mark.slow
def test_broken_row_accounting_fails_the_run_before_any_manifest(fast, corpus, tmp_path, monkeypatch):
    """A chunk that loses a row (simulated) fails with E605; no manifest is written."""
    from leder_insights.errors import DeidError

    real = _submission._process_chunk

    def lossy(i, chunk, job=None):
        return real(i, chunk.iloc[1:], job) if i == 1 else real(i, chunk, job)

    monkeypatch.setattr(_submission, "_process_chunk", lossy)
    out = tmp_path / "bundle"
    with pytest.raises(DeidError, match=r"\[E605\].*rows in 16 != rows out 15"):
        fast(corpus, out, KEY.encode(), chunk_rows=3)
    assert not (out / "manifest.json").exists()
