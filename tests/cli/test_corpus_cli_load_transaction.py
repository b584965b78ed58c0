"""``corpus load`` reads its file once and saves it as one transaction (faults7 F2, F3, F4):
a file changed while it is read, an interruption or a file-size limit leaves the project as it was."""
from __future__ import annotations

import sys
from pathlib import Path

import duckdb
import pytest

from leder_insights.cli import corpus as corpus_cli
from leder_insights.cli import main
from leder_insights.store import ProjectStore

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_cli_os_faults import _cli  # noqa: E402  (one subprocess runner with a file-size limit)

HEADER = "review_id,icb,care_grade,pen_portrait\n"


def _csv(path: Path, ids, text="Invented portrait.") -> Path:
    path.write_text(HEADER + "".join(f"{i},North,3,{text}\n" for i in ids), encoding="utf-8")
    return path


def _count(project: Path) -> int:
    with duckdb.connect(str(project / "project.duckdb"), read_only=True) as con:
        return con.execute("SELECT count(*) FROM reviews").fetchone()[0]


@pytest.fixture()
def small_chunks(monkeypatch):
    monkeypatch.setattr(corpus_cli, "CHUNK_ROWS", 3)


def test_corpus_load_file_changed_while_read_is_refused_and_undone(tmp_path, small_chunks,
                                                                    monkeypatch, capsys):
    src = _csv(tmp_path / "in.csv", [f"A{i}" for i in range(9)])
    project = tmp_path / "p"
    assert main(["corpus", "load", str(_csv(tmp_path / "first.csv", ["Z1"])),
                 "--project", str(project)]) == 0
    before = (project / "quarantine.csv").read_text()
    from leder_insights import io as io_mod

    real = io_mod.iter_reviews

    def rewriting(*args, **kw):  # the export job rewrites the file after the first chunk
        for k, part in enumerate(real(*args, **kw)):
            yield part
            if k == 0:
                _csv(src, [f"B{i}" for i in range(20)])

    monkeypatch.setattr(io_mod, "iter_reviews", rewriting)
    capsys.readouterr()
    assert main(["corpus", "load", str(src), "--project", str(project)]) == 1
    err = capsys.readouterr().err
    assert "[E140]" in err and str(src) in err and "Nothing was saved" in err
    assert _count(project) == 1  # only the earlier load's review
    assert (project / "quarantine.csv").read_text() == before


def test_corpus_load_saved_count_is_what_the_store_holds(tmp_path, small_chunks, capsys):
    src = _csv(tmp_path / "in.csv", [f"A{i}" for i in range(7)] + ["A1"])  # a repeated id
    project = tmp_path / "p"
    assert main(["corpus", "load", str(src), "--project", str(project)]) == 0
    out = capsys.readouterr().out
    assert "rows in 8 = valid 7 + quarantined 1" in out and "saved 7 reviews" in out
    assert _count(project) == 7


@pytest.mark.parametrize("signal_kind", ["ctrl-c", "sigterm"])
def test_corpus_load_interrupted_mid_save_leaves_the_project_as_it_was(tmp_path, small_chunks,
                                                                       monkeypatch, capsys,
                                                                       signal_kind):
    project = tmp_path / "p"
    assert main(["corpus", "load", str(_csv(tmp_path / "a.csv", ["K1", "K2"])),
                 "--project", str(project)]) == 0
    from leder_insights.cli import Terminated

    real = ProjectStore.save_reviews
    calls = []

    def save_then_stop(self, df):
        n = real(self, df)
        calls.append(n)
        if len(calls) == 2:
            raise Terminated() if signal_kind == "sigterm" else KeyboardInterrupt()
        return n

    monkeypatch.setattr(ProjectStore, "save_reviews", save_then_stop)
    capsys.readouterr()
    rc = main(["corpus", "load", str(_csv(tmp_path / "b.csv", [f"B{i}" for i in range(9)])),
               "--project", str(project)])
    err = capsys.readouterr().err
    assert rc == 130 and "E009" not in err
    assert "the load was undone; the project holds the same 2 review(s)" in err
    assert _count(project) == 2
    with ProjectStore(project, read_only=True) as store:
        assert list(store.runs()["status"]) == ["ok"]  # no unfinished run record is left


def test_corpus_load_sigterm_turned_into_a_library_error_is_an_interruption(tmp_path, monkeypatch,
                                                                            capsys):
    """A library may turn the KeyboardInterrupt of SIGTERM into its own error (the tester saw a
    RuntimeError): still exit 130, never [E009]."""
    from leder_insights.cli import Terminated

    def save(self, df):
        Terminated.received = True
        raise RuntimeError("query interrupted")

    monkeypatch.setattr(ProjectStore, "save_reviews", save)
    rc = main(["corpus", "load", str(_csv(tmp_path / "a.csv", ["K1"])),
               "--project", str(tmp_path / "p")])
    err = capsys.readouterr().err
    assert rc == 130 and "E009" not in err and "interrupted" in err
    assert _count(tmp_path / "p") == 0


@pytest.mark.slow
def test_corpus_load_new_project_under_a_file_size_limit_leaves_no_broken_store(tmp_path):
    src = _csv(tmp_path / "in.csv", [f"A{i}" for i in range(8)])
    project = tmp_path / "p"
    res = _cli(["corpus", "load", src, "--project", project], limit_bytes=10 * 1024)
    assert res.returncode == 1 and "[E026]" in res.stderr, res.stderr
    assert str(project / "project.duckdb") in res.stderr and ".tmp-" not in res.stderr
    assert not (project / "project.duckdb").exists()
    assert not project.exists() or not [p.name for p in project.iterdir()
                                        if p.name.startswith(".tmp-")]
    res = _cli(["corpus", "load", src, "--project", project])
    assert res.returncode == 0, res.stderr
    assert "(8 in the project)" in res.stdout


def test_store_damaged_file_error_says_what_to_do(tmp_path):
    path = tmp_path / "project.duckdb"
    path.write_bytes(b"not a database" * 100)
    with pytest.raises(Exception, match=r"\[E202\].*move it aside and run the command again"):
        ProjectStore(path)
