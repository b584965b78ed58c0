"""``leder-insights corpus validate | load | synth`` through ``leder_insights.cli.main``."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from leder_insights.cli import main
from leder_insights.store import ProjectStore

HEADER = "Review ID,ICB,Care grade,Death date,Pen portrait\n"


def _write(tmp_path, body: str, encoding="utf-8", name="reviews.csv", header=HEADER):
    path = tmp_path / name
    path.write_bytes((header + body).encode(encoding))
    return path


@pytest.fixture()
def mixed(tmp_path):
    return _write(tmp_path, "R1,North,3,01/02/2024,Zoë\n"
                            ",North,2,,no id\n"
                            "R1,South,2,,duplicate\n"
                            "R4,East,9,,grade\n"
                            "R5,East,2,2024-05-06,fine\n")


def test_corpus_cli_validate_reports_rows_and_reasons(mixed, capsys):
    assert main(["corpus", "validate", str(mixed)]) == 0  # usable: quarantined rows do not block
    out = capsys.readouterr().out
    assert "row 2 (no review_id), column review_id" in out and "[E110]" in out
    assert "row 3 (review_id R1), column review_id" in out and "[E111]" in out and "row 1" in out
    assert "row 4 (review_id R4), column care_grade" in out and "[E113]" in out and "'9'" not in out
    assert "rows in 5 = valid 2 + quarantined 3" in out
    assert "usable" in out


def test_corpus_cli_validate_json(mixed, capsys):
    assert main(["corpus", "validate", str(mixed), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["n_rows"], report["n_valid"], report["n_quarantined"]) == (5, 2, 3)
    assert report["n_rows"] == report["n_valid"] + report["n_quarantined"]
    assert report["quarantine_reasons"] == {"E110": 1, "E111": 1, "E113": 1}
    rows = {(p["row"], p["review_id"], p["column"], p["code"]) for p in report["problems"]}
    assert (4, "R4", "care_grade", "E113") in rows and (2, None, "review_id", "E110") in rows


@pytest.mark.parametrize("body,header,code", [("", "", "E103"), ("North,3\n", "ICB,Care grade\n", "E104")])
def test_corpus_cli_validate_unusable_exits_1(tmp_path, capsys, body, header, code):
    path = _write(tmp_path, body, header=header)
    assert main(["corpus", "validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"[{code}]" in err and str(path) in err


def test_corpus_cli_validate_no_valid_rows_exits_1(tmp_path, capsys):
    path = _write(tmp_path, ",North,3,,\n")
    assert main(["corpus", "validate", str(path)]) == 1
    captured = capsys.readouterr()
    assert "[E110]" in captured.out and "[E109]" in captured.err


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8-sig"])
def test_corpus_cli_validate_encodings_keep_characters(tmp_path, capsys, encoding):
    path = _write(tmp_path, "R1,North,3,01/02/2024,Zoë’s £5 – fine\n", encoding=encoding)
    assert main(["corpus", "validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"encoding {encoding}" in out
    assert ("[E120]" in out) == (encoding == "cp1252")
    project = tmp_path / "proj"
    assert main(["corpus", "load", str(path), "--project", str(project)]) == 0
    with ProjectStore(project / "project.duckdb") as store:
        assert store.reviews().loc[0, "pen_portrait"] == "Zoë’s £5 – fine"


def test_corpus_cli_validate_semicolon_file(tmp_path, capsys):
    path = tmp_path / "semi.csv"
    path.write_text("review_id;icb\nR1;North\n", encoding="utf-8")
    assert main(["corpus", "validate", str(path)]) == 1
    assert "[E106]" in capsys.readouterr().err
    assert main(["corpus", "validate", str(path), "--delimiter", "semicolon"]) == 0


def test_corpus_cli_validate_mapping(tmp_path, capsys):
    path = _write(tmp_path, "C-1,North\n", header="Case Ref,ICB\n")
    mapping = tmp_path / "map.yaml"
    mapping.write_text("Case Ref: review_id\n")
    assert main(["corpus", "validate", str(path)]) == 1
    assert main(["corpus", "validate", str(path), "--mapping", str(mapping)]) == 0
    assert "rows in 1 = valid 1 + quarantined 0" in capsys.readouterr().out


def test_corpus_cli_load_writes_store_and_quarantine(mixed, tmp_path, capsys):
    project = tmp_path / "proj"
    assert main(["corpus", "load", str(mixed), "--project", str(project)]) == 0
    out = capsys.readouterr().out
    assert "rows in 5 = valid 2 + quarantined 3" in out
    quarantine = pd.read_csv(project / "quarantine.csv")
    assert sorted(quarantine["_row"]) == [2, 3, 4]
    assert set(quarantine["reason_code"]) == {"E110", "E111", "E113"}
    with ProjectStore(project / "project.duckdb") as store:
        assert list(store.reviews()["review_id"]) == ["R1", "R5"]
        runs = store.runs()
        assert runs.loc[0, "kind"] == "load" and runs.loc[0, "status"] == "ok"
        assert runs.loc[0, "params"]["rows_quarantined"] == 3


def test_corpus_cli_load_nothing_valid_exits_1(tmp_path, capsys):
    path = _write(tmp_path, ",North,3,,\n")
    project = tmp_path / "proj"
    assert main(["corpus", "load", str(path), "--project", str(project)]) == 1
    assert (project / "quarantine.csv").exists() and not (project / "project.duckdb").exists()


def test_corpus_cli_synth_calls_generator(tmp_path, capsys, monkeypatch):
    import leder_insights.corpus as corpus_pkg

    calls = {}

    def fake_synthesize(n_reviews, seed):
        calls["synth"] = (n_reviews, seed)
        return {"n": n_reviews}

    def fake_write_corpus(corpus, out_dir):
        calls["write"] = (corpus, out_dir)
        path = out_dir / "reviews.csv"
        path.write_text("review_id\nS1\n", encoding="utf-8")
        return {"reviews": path}

    monkeypatch.setattr(corpus_pkg, "synthesize", fake_synthesize, raising=False)
    monkeypatch.setattr(corpus_pkg, "write_corpus", fake_write_corpus, raising=False)
    out_dir = tmp_path / "synth"
    assert main(["corpus", "synth", "-n", "7", "--seed", "3", "-o", str(out_dir)]) == 0
    assert calls["synth"] == (7, 3) and calls["write"] == ({"n": 7}, out_dir)
    assert str(out_dir / "reviews.csv") in capsys.readouterr().out


def test_corpus_cli_synth_rejects_bad_n(tmp_path):
    assert main(["corpus", "synth", "-n", "0", "-o", str(tmp_path / "x")]) == 2


def test_corpus_cli_synth_keeps_a_users_file_of_the_same_name(tmp_path, capsys):
    """faults f02: ``corpus synth -o DIR`` silently replaced a reviews.csv the user had in DIR."""
    exports = tmp_path / "exports"
    exports.mkdir()
    mine = exports / "reviews.csv"
    mine.write_text("review_id,pen_portrait\nT-1,Invented text.\n")
    before = mine.read_bytes()
    assert main(["corpus", "synth", "-n", "2", "-o", str(exports)]) == 1
    err = capsys.readouterr().err
    assert "[E027]" in err and "reviews.csv" in err and "--force" in err
    assert mine.read_bytes() == before and sorted(p.name for p in exports.iterdir()) == ["reviews.csv"]
    # its own output is replaced by a later synth; a file changed since is the user's again
    out = tmp_path / "synth"
    assert main(["corpus", "synth", "-n", "2", "-o", str(out)]) == 0
    assert main(["corpus", "synth", "-n", "3", "--seed", "1", "-o", str(out)]) == 0
    assert json.loads((out / "manifest.json").read_text())["n_reviews"] == 3
    with open(out / "reviews.csv", "a") as fh:
        fh.write("edited by hand\n")
    assert main(["corpus", "synth", "-n", "2", "-o", str(out)]) == 1
    assert main(["corpus", "synth", "-n", "2", "-o", str(exports), "--force"]) == 0
    assert json.loads((exports / "manifest.json").read_text())["n_reviews"] == 2


def test_corpus_cli_load_quarantine_holds_no_value_unless_asked(tmp_path, capsys):
    """quarantine.csv names row, id and reason only; --quarantine-values adds the row to fix it."""
    secret = "Quillon Brannoc 943 476 5919"
    path = _write(tmp_path, f"R1,North,3,,{secret}\nR1,North,2,,{secret}\n")
    project = tmp_path / "proj"
    assert main(["corpus", "load", str(path), "--project", str(project)]) == 0
    text = (project / "quarantine.csv").read_text()
    assert "E111" in text and "Brannoc" not in text and "5919" not in text
    assert list(pd.read_csv(project / "quarantine.csv").columns) == ["_row", "review_id", "reason_code", "reason"]
    project2 = tmp_path / "proj2"
    assert main(["corpus", "load", str(path), "--project", str(project2), "--quarantine-values"]) == 0
    assert "Brannoc" in (project2 / "quarantine.csv").read_text()


def test_corpus_cli_load_of_its_own_quarantine_advises_what_load_accepts(mixed, tmp_path, capsys):
    """faults6 F12: loading PROJECT/quarantine.csv back advised -o, which corpus load lacks."""
    project = tmp_path / "proj"
    assert main(["corpus", "load", str(mixed), "--project", str(project)]) == 0
    capsys.readouterr()
    before = (project / "quarantine.csv").read_bytes()
    code = main(["corpus", "load", str(project / "quarantine.csv"), "--project", str(project)])
    err = capsys.readouterr().err
    assert code == 2 and "[E007]" in err and "--project" in err and "with -o" not in err, err
    assert (project / "quarantine.csv").read_bytes() == before


def test_corpus_cli_load_into_a_busy_project_advises_project(mixed, tmp_path, capsys):
    """faults6 F12: [E029] on a project being loaded advised -o too."""
    from leder_insights._files import output_dir

    project = tmp_path / "proj"
    with output_dir(project, command="corpus load", option="--project"):
        code = main(["corpus", "load", str(mixed), "--project", str(project)])
    err = capsys.readouterr().err
    assert code == 1 and "[E029]" in err and "with --project" in err and "with -o" not in err, err
