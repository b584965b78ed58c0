"""OS faults met while a command writes (file-size limit, disk full, a failing store) and
unexpected errors: a numbered error naming the file being written, never a traceback.

The file-size limit (``ulimit -f``, RLIMIT_FSIZE) is set in a child process only; it fails a
write with EFBIG as a full disk fails it with ENOSPC, through the same code."""
from __future__ import annotations

import pytest

import csv
import json
import os
import resource
import subprocess
import sys
from pathlib import Path

from leder_insights.cli import main

REPO = Path(__file__).resolve().parents[2]


def _cli(args, limit_bytes=None, timeout=300):
    """Run ``python -m leder_insights.cli ARGS`` with an optional file-size limit."""
    def limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("LEDER_DEBUG", None)
    code = "import sys; from leder_insights.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True,
                          text=True, env=env, timeout=timeout,
                          preexec_fn=limit if limit_bytes else None)


def _reviews(path, n, words=20):
    with open(path, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["review_id", "death_date", "pen_portrait", "learning"])
        for i in range(n):
            w.writerow([f"T-{i}", "2024-03-01", f"Invented portrait text number {i}. " * words,
                        "Staff should adjust."])
    return path


@pytest.mark.slow
def test_corpus_load_when_the_store_cannot_grow_names_the_store(tmp_path):
    """f03: DuckDB's commit fails on the write-ahead log; was a TransactionException traceback."""
    src = _reviews(tmp_path / "in.csv", 400)
    project = tmp_path / "p"
    res = _cli(["corpus", "load", src, "--project", project], limit_bytes=64 * 1024)
    assert res.returncode == 1, res.stderr
    assert "Traceback" not in res.stderr and "TransactionException" not in res.stderr
    assert "[E026]" in res.stderr and str(project / "project.duckdb") in res.stderr
    # the store is still usable: the same command without the limit succeeds
    res = _cli(["corpus", "load", src, "--project", project])
    assert res.returncode == 0, res.stderr
    assert "(400 in the project)" in res.stdout


@pytest.mark.slow
def test_themes_predict_out_of_space_names_the_output(tmp_path):
    """f04: the write() that fails carries no file name; the error said "(unknown path)"."""
    src = tmp_path / "pts.jsonl"
    src.write_text("".join(json.dumps({"id": f"P{i}", "text": f"Staff should make reasonable "
                                       f"adjustments {i}."}) + "\n" for i in range(300)))
    out = tmp_path / "t.jsonl"
    res = _cli(["themes", "predict", src, "-o", out, "--fast"], limit_bytes=20 * 1024)
    assert res.returncode == 1, res.stderr
    assert "unknown path" not in res.stderr and "Traceback" not in res.stderr
    assert "[E026]" in res.stderr and str(out) in res.stderr
    assert not out.exists() and not [p for p in tmp_path.iterdir() if p.name.startswith(".tmp-")]


def test_an_unexpected_exception_is_a_numbered_error_without_its_text(monkeypatch, capsys):
    """The last resort in main(): a bug is [E009] with its type, never a traceback nor the
    exception's text (which may quote review text)."""
    from leder_insights.cli import corpus as corpus_cli

    def boom(*a, **k):
        raise ValueError("Zorbal Quintrell lives at 7 Plumtree Row")

    monkeypatch.setattr("leder_insights.corpus.synthesize", boom)
    assert corpus_cli is not None
    code = main(["corpus", "synth", "-n", "2", "-o", "/nonexistent-dir-for-test/x"])
    err = capsys.readouterr().err
    assert code == 1 and "[E009]" in err and "ValueError" in err and "corpus synth" in err
    assert "Zorbal" not in err and "Traceback" not in err
