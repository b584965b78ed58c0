"""``deid run``: outputs in the input's format, audit, quarantine, run.json; counts add up; no leaks."""
import contextlib
import io
import json
import os

import pandas as pd
import pytest

from leder_insights.cli import main
from leder_insights.jobs import run_deid
from leder_insights.jobs._deid_run import QUARANTINE_NOTE
from leder_insights.config import load_config
from leder_insights.io import read_reviews
from test_deidentifier_fake import FakeDetector

KEY_TEXT = "5d2c8e1f0a9b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d"
RAW = ["Karen Smith", "Vancouver House", "943 476 5919", "LE1 5WW", "07700 123456", "John Jones",
       "17/08/2018", "karen@example.com"]


def _corpus(n=8):
    rows = []
    for i in range(n):
        rows.append({
            "review_id": f"R{i:03d}", "care_grade": 2 + i % 3,
            "pen_portrait": f"Karen Smith lived at Vancouver House, LE1 5WW (case {i}).",
            "timeline": "Seen on 17/08/2018; NHS 943 476 5919; email karen@example.com.",
            "learning": "John Jones rang 07700 123456." + (" EXPLODE" if i == 5 else ""),
        })
    rows.append(dict(rows[0]))  # duplicate review_id -> quarantined when reading
    return pd.DataFrame(rows)


def _write(df, path):
    suffix = path.suffix
    if suffix == ".csv":
        df.to_csv(path, index=False)
    elif suffix == ".jsonl":
        df.to_json(path, orient="records", lines=True)
    elif suffix == ".parquet":
        df.to_parquet(path, index=False)
    else:
        df.to_excel(path, index=False)
    return path


@pytest.fixture
def key_file(tmp_path):
    path = tmp_path / "deid.key"
    path.write_text(KEY_TEXT + "\n")
    os.chmod(path, 0o600)
    return path


@pytest.fixture
def fake_detector(monkeypatch):
    from leder_insights.deid import _deidentifier

    monkeypatch.setattr(_deidentifier, "_default_detector",
                        lambda cfg: FakeDetector(fail_on="EXPLODE"))


def _all_text(out_dir):
    return {p.name: p.read_bytes().decode("utf-8", errors="replace")
            for p in out_dir.rglob("*") if p.is_file() and p.suffix != ".xlsx"}


@pytest.mark.slow
@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet", ".xlsx"])
def test_cli_deid_run_writes_same_format_and_accounts_for_rows(tmp_path, key_file, suffix):
    src = _write(_corpus(), tmp_path / f"reviews{suffix}")
    out = tmp_path / "out"
    summary = run_deid(src, out, profile="national", key=key_file.read_text().strip().encode(),
                       detector=FakeDetector(fail_on="EXPLODE"), chunk_rows=3,
                       config=load_config(release={"text": "full"}))  # text columns released
    assert summary["rows_in"] == 9
    assert summary["rows_quarantined_input"] == 1 and summary["rows_quarantined_deidentify"] == 1
    assert summary["rows_out"] == 7 and summary["accounted"]
    written = read_reviews(out / src.name)
    assert len(written.valid) == 7 and written.quarantine.empty
    assert set(written.valid.columns) - {"_row"} == set(_corpus().columns)
    assert "R005" not in set(written.valid["review_id"])
    for col in ("pen_portrait", "timeline", "learning"):
        joined = " ".join(written.valid[col].astype(str))
        for raw in RAW:
            assert raw not in joined, (col, raw)


@pytest.mark.slow
def test_cli_deid_run_side_files_have_no_raw_text_or_key(tmp_path, key_file):
    src = _write(_corpus(), tmp_path / "reviews.csv")
    out = tmp_path / "out"
    run_deid(src, out, profile="national", key=key_file.read_text().strip().encode(),
             detector=FakeDetector(fail_on="EXPLODE"))
    files = _all_text(out)
    assert set(files) == {"reviews.csv", "audit.jsonl", "quarantine.csv", "run.json"}
    for name, blob in files.items():
        assert KEY_TEXT not in blob and KEY_TEXT[:16] not in blob, name
        for raw in RAW + ["EXPLODE"]:
            assert raw not in blob, (name, raw)
    audit = [json.loads(line) for line in files["audit.jsonl"].splitlines()]
    assert len(audit) == 7 and all(a["config_hash"] == load_config().hash() for a in audit)
    quarantine = pd.read_csv(out / "quarantine.csv")
    assert list(quarantine.columns) == ["stage", "_row", "review_id", "reason_code", "reason"]
    assert sorted(quarantine["stage"]) == ["deidentify", "input"]
    assert set(quarantine["reason_code"]) >= {"E304"}
    run = json.loads(files["run.json"])
    assert run["rows_in"] == run["rows_out"] + run["rows_quarantined"]
    assert run["model_info"]["model"] == "fake_regex" and run["quarantine_note"] == QUARANTINE_NOTE
    assert run["entities_by_category"]["PERSON"] >= 14


class _Result:
    def __init__(self, exit_code: int, output: str):
        self.exit_code, self.output = exit_code, output


def _deid_cli(args: list[str]) -> _Result:
    """Run ``leder-insights deid ARGS`` through ``main`` (the one place errors become exit codes)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = main(["deid", *args])
    return _Result(code, out.getvalue())


def test_cli_deid_run_command_exit_codes(tmp_path, key_file, fake_detector, monkeypatch):
    monkeypatch.delenv("LEDER_DEID_KEY", raising=False)
    src = _write(_corpus(), tmp_path / "reviews.csv")
    res = _deid_cli(["run", str(src), "-o", str(tmp_path / "a"), "--profile", "national"])
    assert res.exit_code == 1 and "E301" in res.output
    res = _deid_cli(["run", str(src), "-o", str(tmp_path / "b"), "--profile", "national",
                                 "--key-file", str(key_file), "--n-process", "1"])
    assert res.exit_code == 0, res.output
    assert "rows in 9 = out 7 + quarantined 2" in res.output
    assert KEY_TEXT not in res.output
    res = _deid_cli(["run", str(tmp_path / "missing.csv"), "-o", str(tmp_path / "c")])
    assert res.exit_code == 1 and "E101" in res.output
    res = _deid_cli(["run", str(src), "-o", str(tmp_path / "d"), "--profile", "nope"])
    assert res.exit_code == 2 and "E005" in res.output
    res = _deid_cli(["run", str(src), "--profile", "national"])
    assert res.exit_code == 2  # usage: -o missing


def test_cli_deid_run_key_from_environment(tmp_path, fake_detector, monkeypatch):
    monkeypatch.setenv("LEDER_DEID_KEY", KEY_TEXT)
    src = _write(_corpus(), tmp_path / "reviews.csv")
    res = _deid_cli(["run", str(src), "-o", str(tmp_path / "o"), "--profile",
                                      "national"])
    assert res.exit_code == 0, res.output
    run = json.loads((tmp_path / "o" / "run.json").read_text())
    assert run["model_info"]["key_mode"] == "keyed"


def test_cli_deid_run_registered_in_main_cli(tmp_path, key_file, fake_detector):
    src = _write(_corpus(), tmp_path / "reviews.csv")
    code = main(["deid", "run", str(src), "-o", str(tmp_path / "o"), "--profile", "national",
                 "--key-file", str(key_file)])
    assert code == 0
    assert (tmp_path / "o" / "run.json").exists()


@pytest.mark.parametrize("stray", ["run", "keygen"])
def test_cli_deid_commands_are_not_also_top_level(stray):
    """``run`` and ``keygen`` belong to the ``deid`` group only (they once leaked to the top)."""
    from leder_insights.cli import app

    top = {c.name for c in app.registered_commands} | {g.name for g in app.registered_groups}
    assert stray not in top
    assert {"corpus", "deid", "themes", "submit", "explore", "demo"} <= top


def test_cli_deid_run_refuses_to_overwrite_input(tmp_path, key_file, fake_detector):
    src = _write(_corpus(), tmp_path / "reviews.csv")
    before = src.read_bytes()
    res = _deid_cli(["run", str(src), "-o", str(tmp_path), "--key-file", str(key_file)])
    assert res.exit_code == 2 and "E309" in res.output
    assert src.read_bytes() == before


def test_cli_deid_run_does_not_mix_two_runs_in_one_folder(tmp_path, key_file, fake_detector, capsys):
    """faults f05: a second run of another input replaced the first run's quarantine, audit and
    run.json and left its data file beside them. Now: [E028], nothing changed; --force removes
    the first run's files; the same run again replaces its own files."""
    a = _write(_corpus(), tmp_path / "a.csv")  # holds a duplicate id: one row quarantined
    b = _write(_corpus(3), tmp_path / "b.csv")
    out = tmp_path / "out"
    common = ["-o", str(out), "--profile", "local", "--key-file", str(key_file), "--n-process", "1"]
    assert main(["deid", "run", str(a), *common]) == 0
    quarantine = (out / "quarantine.csv").read_bytes()
    assert main(["deid", "run", str(a), *common]) == 0  # the same run again
    capsys.readouterr()
    assert main(["deid", "run", str(b), *common]) == 1
    err = capsys.readouterr().err
    assert "[E028]" in err and "a.csv" in err and "--force" in err
    assert not (out / "b.csv").exists() and (out / "quarantine.csv").read_bytes() == quarantine
    assert json.loads((out / "run.json").read_text())["input"] == "a.csv"
    assert main(["deid", "run", str(b), *common, "--force"]) == 0
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "audit.jsonl", "b.csv", "quarantine.csv", "run.json"]


def test_cli_deid_run_keeps_a_users_file_of_the_same_name(tmp_path, key_file, fake_detector, capsys):
    src = _write(_corpus(), tmp_path / "reviews.csv")
    out = tmp_path / "out"
    out.mkdir()
    (out / "audit.jsonl").write_text("my notes\n")
    common = ["-o", str(out), "--profile", "local", "--key-file", str(key_file), "--n-process", "1"]
    assert main(["deid", "run", str(src), *common]) == 1
    assert "[E027]" in capsys.readouterr().err
    assert (out / "audit.jsonl").read_text() == "my notes\n" and not (out / "reviews.csv").exists()


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_deid_run_local_deidentifies_columns_the_schema_does_not_know(tmp_path, key_file, suffix,
                                                                      fake_detector, capsys):
    """faults F2: a narrative column under a header the schema does not know ("Timeline of
    events", "text" in JSON Lines) was copied raw into the local profile's output. Fail closed:
    it is de-identified as free text, and the console says so."""
    df = _corpus().rename(columns={"timeline": "Timeline of events"})
    df["text"] = df["pen_portrait"]
    src = _write(df, tmp_path / f"reviews{suffix}")
    out = tmp_path / "out"
    assert main(["deid", "run", str(src), "-o", str(out), "--profile", "local", "--key-file",
                 str(key_file), "--n-process", "1"]) == 0
    assert "'Timeline of events', 'text'" in capsys.readouterr().err
    written = read_reviews(out / src.name)
    for col in ("Timeline of events", "text"):
        joined = " ".join(written.valid[col].astype(str))
        for raw in RAW:
            assert raw not in joined, (col, raw)
    run = json.loads((out / "run.json").read_text())
    assert run["unlisted_text_columns"] == ["Timeline of events", "text"]


def test_cli_deid_run_reads_a_semicolon_export_with_delimiter(tmp_path, key_file, fake_detector,
                                                             capsys):
    """faults F8: E106 advised --delimiter, which deid run did not have."""
    src = tmp_path / "reviews.csv"
    _corpus(3).to_csv(src, index=False, sep=";")
    common = ["-o", str(tmp_path / "out"), "--profile", "local", "--key-file", str(key_file),
              "--n-process", "1"]
    assert main(["deid", "run", str(src), *common]) == 1
    assert "[E106]" in capsys.readouterr().err
    assert main(["deid", "run", str(src), *common, "--delimiter", ";"]) == 0
    run = json.loads((tmp_path / "out" / "run.json").read_text())
    assert run["rows_in"] == 4 and run["rows_out"] + run["rows_quarantined"] == 4


def test_cli_deid_run_on_a_header_without_rows_is_not_usable(tmp_path, key_file, fake_detector,
                                                             capsys):
    """faults F14: validate said NOT usable (E109) but deid run exited 0 with an empty output."""
    src = tmp_path / "reviews.csv"
    src.write_text("review_id,pen_portrait,learning\n")
    out = tmp_path / "out"
    assert main(["deid", "run", str(src), "-o", str(out), "--profile", "local", "--key-file",
                 str(key_file)]) == 1
    assert "[E109]" in capsys.readouterr().err
    assert not out.exists()


def test_cli_deid_run_local_withholds_values_off_a_coded_columns_list(tmp_path, key_file,
                                                                      fake_detector, capsys):
    """faults6 F04: an NHS number in `region`, a name and address in `place_of_death` and a name
    in `sex` were copied unchanged by the local profile, with no warning. Fail closed: withheld,
    counted in run.json, one warning per column without the value; allowed values unchanged."""
    from leder_insights.jobs import WITHHELD_MARKER

    src = tmp_path / "in.csv"
    src.write_text(
        "review_id,region,place_of_death,sex,pen_portrait\n"
        "R-1,943 476 5919,home,Male,He liked music.\n"
        "R-2,North West,at home with Pella Vorrin at 4 Elm Road,female,She liked gardens.\n"
        "R-3,north west,Care home,Ixo Vorrin,He liked buses.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["deid", "run", str(src), "-o", str(out), "--profile", "local", "--key-file",
                 str(key_file), "--n-process", "1"]) == 0
    err = capsys.readouterr().err
    text = (out / "in.csv").read_text(encoding="utf-8")
    for raw in ("943 476 5919", "Vorrin", "Elm Road"):
        assert raw not in text and raw not in err and raw not in (out / "run.json").read_text()
    rows = pd.read_csv(out / "in.csv")
    assert rows["region"].tolist() == [WITHHELD_MARKER, "North West", "north west"]
    assert rows["place_of_death"].tolist() == ["home", WITHHELD_MARKER, "care_home"]
    assert rows["sex"].tolist() == ["Male", "female", WITHHELD_MARKER]
    run = json.loads((out / "run.json").read_text())
    assert run["coded_values_withheld"] == {"region": 1, "place_of_death": 1, "sex": 1}
    for column in ("region", "place_of_death", "sex"):
        assert err.count(f"[E312] 1 value(s) in the coded column '{column}'") == 1, err


@pytest.mark.parametrize("profile", ["local", "national"])
def test_cli_deid_run_that_fails_writing_leaves_no_output_under_a_final_name(
        tmp_path, key_file, fake_detector, monkeypatch, capsys, profile):
    """faults6 F05: a failed write of the data file (file-size limit, full disk) left audit.jsonl
    published under its final name without the data file or run.json."""
    import errno

    import leder_insights.io as lio

    def too_big(df, path, *a, **kw):
        raise OSError(errno.EFBIG, "File too large", str(path))  # as atomic_path names it

    monkeypatch.setattr(lio, "write_reviews", too_big)
    src = _write(_corpus(3), tmp_path / "reviews.csv")
    out = tmp_path / "out"
    code = main(["deid", "run", str(src), "-o", str(out), "--profile", profile, "--key-file",
                 str(key_file), "--n-process", "1"])
    err = capsys.readouterr().err
    assert code == 1 and "[E026]" in err and str(out / "reviews.csv") in err, err
    assert ".deid-staging" not in err
    left = sorted(p.name for p in out.iterdir()) if out.exists() else []
    assert left == [], left
