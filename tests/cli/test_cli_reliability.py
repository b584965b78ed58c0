"""The CLI's edge: no command writes over its input, output paths that cannot work and OS errors are
numbered errors (never a traceback), bad options are usage errors (exit 2), key-file checks."""
from __future__ import annotations

import json
import os
import secrets

import pytest

from leder_insights.cli import main


@pytest.fixture
def lines(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": "a", "text": "Seen by the GP."}\n{"id": "b", "text": "Fine."}\n')
    return path


@pytest.mark.parametrize("command", [["deid", "analyze"], ["themes", "predict"]])
def test_output_over_the_input_is_refused_and_the_input_kept(lines, command, capsys):
    before = lines.read_bytes()
    code = main([*command, str(lines), "-o", str(lines)])
    err = capsys.readouterr().err
    assert code == 2 and "[E007]" in err and "Traceback" not in err
    assert lines.read_bytes() == before
    # also through another spelling of the same path
    code = main([*command, str(lines), "-o", str(lines.parent / "." / lines.name)])
    assert code == 2 and lines.read_bytes() == before


@pytest.mark.parametrize("command", [["deid", "analyze"], ["themes", "predict"]])
def test_output_that_is_a_directory_or_below_a_file_is_a_numbered_error(lines, tmp_path, command,
                                                                        capsys):
    outdir = tmp_path / "adir"
    outdir.mkdir()
    assert main([*command, str(lines), "-o", str(outdir)]) == 1
    assert "[E022]" in capsys.readouterr().err
    assert list(outdir.iterdir()) == [] and not list(tmp_path.glob("*.part"))
    assert main([*command, str(lines), "-o", str(lines / "out.jsonl")]) == 1
    assert "[E023]" in capsys.readouterr().err


@pytest.mark.parametrize("command,code", [(["deid", "analyze"], "E303"), (["themes", "predict"], "E404")])
def test_wrong_text_field_is_an_error_not_empty_results(lines, tmp_path, command, code, capsys):
    out = tmp_path / "out.jsonl"
    assert main([*command, str(lines), "-o", str(out), "--text-field", "body"]) == 1
    err = capsys.readouterr().err
    assert f"[{code}]" in err and "line 1" in err and "--text-field" in err
    assert not out.exists()


@pytest.mark.parametrize("command", [["deid", "analyze"], ["themes", "predict"]])
def test_deeply_nested_or_latin1_lines_are_numbered_errors(tmp_path, command, capsys):
    for data in (b'{"id": "a", "text": ' + b"[" * 5000 + b"]" * 5000 + b"}\n",
                 '{"id": "a", "text": "Zoë"}\n'.encode("latin-1")):
        src = tmp_path / "bad.jsonl"
        src.write_bytes(data)
        assert main([*command, str(src), "-o", str(tmp_path / "o.jsonl")]) == 1
        err = capsys.readouterr().err
        assert "line 1" in err and "Traceback" not in err, err


def test_corpus_validate_streams_and_reports_nested_json_as_a_row(tmp_path, capsys):
    src = tmp_path / "r.jsonl"
    src.write_text(json.dumps({"review_id": "R0", "pen_portrait": "fine"}) + "\n"
                   + '{"review_id": "R1", "pen_portrait": ' + "[" * 5000 + "]" * 5000 + "}\n")
    assert main(["corpus", "validate", str(src)]) == 0
    out = capsys.readouterr().out
    assert "rows in 2 = valid 1 + quarantined 1" in out and "nested too deeply" in out


def test_corpus_load_writes_its_quarantine_atomically_and_counts(tmp_path, capsys):
    src = tmp_path / "r.csv"
    src.write_text("review_id,care_grade,pen_portrait\nR0,2,fine\nR1,9,bad grade\n,1,no id\n")
    project = tmp_path / "proj"
    assert main(["corpus", "load", str(src), "--project", str(project)]) == 0
    out = capsys.readouterr().out
    assert "rows in 3 = valid 1 + quarantined 2" in out
    assert (project / "quarantine.csv").read_text().count("\n") == 3
    assert not [p for p in project.iterdir() if p.name.startswith(".tmp-")]


def test_key_path_that_is_a_directory_is_named_as_such(tmp_path, capsys):
    src = tmp_path / "r.csv"
    src.write_text("review_id,pen_portrait\nR0,fine\n")
    code = main(["submit", str(src), "-o", str(tmp_path / "b"), "--key-file", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 1 and "[E022]" in err and "is a directory" in err


def test_key_file_readable_by_others_gets_a_warning(tmp_path):
    from leder_insights.deid import load_key

    key = tmp_path / "k"
    key.write_text(secrets.token_hex(32))
    os.chmod(key, 0o644)
    with pytest.warns(UserWarning, match=r"\[E310\].*chmod 600"):
        load_key(key, env_var=None)
    os.chmod(key, 0o600)
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        load_key(key, env_var=None)


@pytest.mark.parametrize("argv", [
    ["deid", "analyze", "IN", "-o", "OUT", "--n-process", "0"],
    ["deid", "run", "IN", "-o", "OUT", "--n-process", "-3"],
    ["deid", "run", "IN", "-o", "OUT", "--chunk-rows", "0"],
    ["demo", "--n-process", "0"],
])
def test_bad_numeric_options_exit_2(lines, tmp_path, argv):
    argv = [str(lines) if a == "IN" else str(tmp_path / "out") if a == "OUT" else a for a in argv]
    assert main(argv) == 2


@pytest.mark.parametrize("argv", [["submit", "IN", "-o", "FILE", "--key-file", "KEY"],
                                  ["submit", "IN", "-o", "FILE/sub", "--key-file", "KEY"],
                                  ["deid", "run", "IN", "-o", "FILE"],
                                  ["corpus", "synth", "-n", "2", "-o", "FILE"]])
def test_an_output_directory_that_is_a_file_is_a_numbered_error(tmp_path, argv, capsys):
    src = tmp_path / "r.csv"
    src.write_text("review_id,pen_portrait\nR0,fine\n")
    a_file = tmp_path / "afile"
    a_file.write_text("not a directory")
    key = tmp_path / "k"
    key.write_text(secrets.token_hex(32))
    os.chmod(key, 0o600)
    subs = {"IN": str(src), "FILE": str(a_file), "KEY": str(key)}
    argv = [subs.get(a, a.replace("FILE", str(a_file))) for a in argv]
    code = main(argv)
    err = capsys.readouterr().err
    assert code == 1 and "[E023]" in err and "Traceback" not in err, err
    assert a_file.read_text() == "not a directory"


def test_submit_into_the_inputs_own_directory_is_refused(tmp_path, capsys):
    src = tmp_path / "r.csv"
    src.write_text("review_id,pen_portrait\nR0,fine\n")
    key = tmp_path / "k"
    key.write_text(secrets.token_hex(32))
    os.chmod(key, 0o600)
    assert main(["submit", str(src), "-o", str(tmp_path), "--key-file", str(key)]) == 2
    assert "[E007]" in capsys.readouterr().err
    assert src.read_text() == "review_id,pen_portrait\nR0,fine\n"


@pytest.mark.parametrize("argv, option", [(["deid", "evaluate"], "--pfd-reports"),
                                          (["themes", "evaluate"], "--reports")])
def test_missing_shared_reports_say_how_to_point_at_them(tmp_path, monkeypatch, capsys, argv, option):
    """Away from the repository the reports are not at ../shared/data: the error names the option
    and the environment variable instead of only 'file not found'."""
    from leder_insights.config import data_path

    monkeypatch.setenv("LEDER_SHARED_DATA", str(tmp_path / "nowhere"))
    gold = data_path("gold") / ("pfd_deid_dev.jsonl" if argv[0] == "deid" else "pfd_themes.jsonl")
    code = main([*argv, str(gold.resolve())])
    err = capsys.readouterr().err
    assert code == 1 and "[E163]" in err and "Traceback" not in err
    assert f"{option} PATH" in err and "LEDER_SHARED_DATA" in err


@pytest.mark.parametrize("command", [["corpus", "validate"], ["corpus", "load"], ["deid", "run"],
                                     ["submit"]])
def test_every_command_reading_a_review_export_has_the_options_its_errors_advise(command):
    """faults F8: E106 says "pass --delimiter" and E124 "choose another with --sheet", but
    `deid run` and `submit` had neither option."""
    import typer.main

    from leder_insights.cli import app

    cmd = typer.main.get_command(app)
    for name in command:
        cmd = cmd.commands[name]  # type: ignore[attr-defined]
    options = {o for p in cmd.params for o in getattr(p, "opts", [])}
    assert {"--delimiter", "--sheet", "--mapping"} <= options, options


@pytest.mark.parametrize("command", [["deid", "analyze"], ["themes", "predict"]])
def test_a_lone_surrogate_is_a_numbered_error_naming_the_line(tmp_path, command, capsys):
    """faults F12: '\\ud83d' (half an emoji) ended in a UnicodeEncodeError traceback."""
    src = tmp_path / "p.jsonl"
    src.write_text('{"id": "P1", "text": "Staff should adjust."}\n'
                   '{"id": "P2", "text": "Invented \\ud83d text"}\n')
    out = tmp_path / "o.jsonl"
    assert main([*command, str(src), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "line 2" in err and "lone surrogate" in err and "Traceback" not in err
    assert not out.exists()


def test_a_numbered_warning_is_one_line_without_python_source(tmp_path, capsys):
    """faults F14: E310 was shown as Python's warning with the source file and line."""
    from leder_insights._files import output_dir

    src = tmp_path / "r.csv"
    src.write_text("review_id,pen_portrait\nR0,fine\n")
    key = tmp_path / "k"
    key.write_text(secrets.token_hex(32))
    os.chmod(key, 0o644)
    with output_dir(tmp_path / "b", command="another"):  # stops the run right after the key check
        code = main(["submit", str(src), "-o", str(tmp_path / "b"), "--key-file", str(key)])
    err = capsys.readouterr().err
    assert code == 1 and "warning: [E310]" in err and "chmod 600" in err
    assert "UserWarning" not in err and ".py:" not in err


def test_ctrl_c_inside_a_command_says_what_happened(tmp_path, monkeypatch, capsys):
    """typer returns 130 (it does not raise) for Ctrl-C inside a command: the user is still told."""
    import leder_insights.jobs as jobs

    def interrupted(*_a, **_k):
        raise KeyboardInterrupt

    monkeypatch.setattr(jobs, "run_deid", interrupted)
    data = tmp_path / "r.csv"
    data.write_text("review_id,pen_portrait\nR1,Some text.\n")
    key = tmp_path / "k.key"
    key.write_text(secrets.token_hex(32))
    key.chmod(0o600)
    assert main(["deid", "run", str(data), "-o", str(tmp_path / "out"), "--key-file", str(key)]) == 130
    assert "interrupted:" in capsys.readouterr().err
