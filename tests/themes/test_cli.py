"""`leder-insights themes ...` commands: predict contract (interfaces.md §3), evaluate, discover."""
from __future__ import annotations

import json

import pytest

from leder_insights.cli import main
from leder_insights.themes import load_taxonomy


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory, fitted_clf):
    d = tmp_path_factory.mktemp("model")
    fitted_clf.save(d)
    return d


def _write(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _read(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_predict_cli_contract(tmp_path, model_dir):
    rows = [{"id": "lp1", "text": "He choked at lunch and no SALT referral was made."},
            {"id": 2, "text": ""},
            {"id": "lp3", "text": "Sepsis was ruled out."},
            {"id": "lp4", "text": "No annual health check had been offered."}]
    inp = _write(tmp_path / "in.jsonl", rows)
    out = tmp_path / "out.jsonl"
    assert main(["themes", "predict", str(inp), "-o", str(out), "--model", str(model_dir)]) == 0
    res = _read(out)
    ids = load_taxonomy().ids
    assert [r["id"] for r in res] == ["lp1", 2, "lp3", "lp4"]
    for row, r in zip(rows, res):
        assert set(r) == {"id", "themes", "scores", "evidence"}
        assert set(r["scores"]) == set(ids)
        assert set(r["themes"]) <= set(ids) and set(r["evidence"]) == set(r["themes"])
        for spans in r["evidence"].values():
            assert spans and all(0 <= s < e <= len(row["text"]) for s, e in spans)
    assert "aspiration_pneumonia" in res[0]["themes"]
    assert res[1]["themes"] == [] and res[2]["themes"] == []
    assert res[3]["themes"] == ["health_checks_prevention"]


def test_predict_cli_split_keeps_one_line_per_input(tmp_path, model_dir):
    text = "- No bowel chart was kept.\n- The family were not listened to."
    inp = _write(tmp_path / "in.jsonl", [{"id": "r1", "text": text}, {"id": "r2", "text": "Nothing."}])
    out = tmp_path / "out.jsonl"
    assert main(["themes", "predict", str(inp), "-o", str(out), "--split", "--model", str(model_dir)]) == 0
    res = _read(out)
    assert len(res) == 2 and [p["lp_id"] for p in res[0]["points"]] == ["r1-1", "r1-2"]
    p1, p2 = res[0]["points"]
    assert text[p1["start"]:p1["end"]] == "No bowel chart was kept."
    assert "constipation" in p1["themes"] and "family_involvement" in p2["themes"]
    assert set(res[0]["themes"]) == set(p1["themes"]) | set(p2["themes"])
    for spans in res[0]["evidence"].values():
        assert all(0 <= s < e <= len(text) for s, e in spans)
    assert res[0]["scores"]["constipation"] == p1["scores"]["constipation"]


def test_predict_cli_bad_line_is_numbered_error(tmp_path, model_dir, capsys):
    inp = tmp_path / "in.jsonl"
    inp.write_text('{"id": "a", "text": "ok"}\n{"id": "b", "text": 5}\n', encoding="utf-8")
    assert main(["themes", "predict", str(inp), "-o", str(tmp_path / "o.jsonl"), "--model", str(model_dir)]) == 1
    err = capsys.readouterr().err
    assert "[E404]" in err and "line 2" in err
    assert not (tmp_path / "o.jsonl").exists()


def test_predict_cli_missing_model_exit_1(tmp_path, capsys):
    inp = _write(tmp_path / "in.jsonl", [{"id": "a", "text": "x"}])
    assert main(["themes", "predict", str(inp), "-o", str(tmp_path / "o.jsonl"),
                 "--model", str(tmp_path / "none")]) == 1
    assert "[E402]" in capsys.readouterr().err


def test_evaluate_cli_reports_model_baseline_and_kappa(tmp_path, model_dir, capsys):
    gold = _write(tmp_path / "gold.jsonl", [
        {"id": "1", "text": "No SALT referral after choking.", "themes": ["aspiration_pneumonia"]},
        {"id": "2", "text": "Sepsis was not recognised.", "themes": ["sepsis_deterioration"]},
        {"id": "3", "text": "He liked football.", "themes": []}])
    second = _write(tmp_path / "second.jsonl", [
        {"id": "1", "text": "x", "themes": ["aspiration_pneumonia"]},
        {"id": "2", "text": "x", "themes": []},
        {"id": "3", "text": "x", "themes": []}])
    report = tmp_path / "report.json"
    assert main(["themes", "evaluate", str(gold), "--second", str(second), "--model", str(model_dir),
                 "-o", str(report)]) == 0
    full = json.loads(report.read_text())
    assert full["n"] == 3 and full["model"]["micro_f1"] == 1.0
    assert "keyword_baseline" in full and full["kappa"]["n_common"] == 3
    assert 0 < full["kappa"]["pooled"] < 1
    assert "kappa_pooled" in capsys.readouterr().out


@pytest.mark.slow
def test_discover_cli_writes_outputs(tmp_path, model_dir, seed_data):
    texts, _ = seed_data
    inp = _write(tmp_path / "lp.jsonl", [{"id": f"p{i}", "text": t} for i, t in enumerate(texts)])
    out = tmp_path / "disc"
    assert main(["themes", "discover", str(inp), "-o", str(out), "--model", str(model_dir),
                 "--k-min", "4", "--k-max", "10"]) == 0
    html = (out / "clusters.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<script" not in html and "http" not in html
    import pandas as pd

    pts = pd.read_csv(out / "points.csv")
    cl = pd.read_csv(out / "clusters.csv")
    assert len(pts) == len(texts) and pts["cluster"].notna().all()
    assert cl["size"].sum() == len(texts) and {"name", "emerging", "top_terms"} <= set(cl.columns)


def test_evaluate_cli_flags_gold_rows_the_model_was_trained_on(tmp_path, fitted_clf, pfd_reports_path, capsys):
    from leder_insights.themes import file_sha256
    from leder_insights.themes._data import pfd_gold_path
    PFD_GOLD_PATH = pfd_gold_path()

    lines = PFD_GOLD_PATH.read_text(encoding="utf-8").splitlines(keepends=True)[:12]
    gold = tmp_path / "pfd.jsonl"
    gold.write_text("".join(lines), encoding="utf-8")
    refs = sorted({json.loads(line)["ref"] for line in lines})
    trained = [refs[0]]
    d = tmp_path / "m"
    fitted_clf.save(d, meta={"pfd_concerns_eval": {"trained_refs": trained,
                                                   "crossfit": {"n": 12, "micro_f1": 0.5},
                                                   "zero_shot": {"n": 12, "micro_f1": 0.4}}})
    report = tmp_path / "r.json"
    assert main(["themes", "evaluate", str(gold), "--model", str(d), "--reports", str(pfd_reports_path),
                 "-o", str(report)]) == 0
    full = json.loads(report.read_text())
    n_seen = sum(json.loads(line)["ref"] in trained for line in lines)
    assert "model" not in full and full["in_training_data"] == n_seen
    assert full["model_held_out"]["n"] == 12 - n_seen and "model_in_sample" in full
    assert full["meta_pfd_crossfit"]["micro_f1"] == 0.5 and full["meta_pfd_zero_shot"]["micro_f1"] == 0.4
    assert "not held out" in capsys.readouterr().out

    # a labelled gold file identical to the training file: every row is in-sample
    lab = _write(tmp_path / "lab.jsonl", [{"id": "1", "text": "No SALT referral after choking.",
                                           "themes": ["aspiration_pneumonia"]}])
    fitted_clf.save(d, meta={"training_data": {"labelled": {"sha256": file_sha256(lab)}}})
    assert main(["themes", "evaluate", str(lab), "--model", str(d), "-o", str(report)]) == 0
    full = json.loads(report.read_text())
    assert full["in_training_data"] == 1 and "model_held_out" not in full


def test_discover_cli_on_points_too_alike_is_a_numbered_error(tmp_path, capsys):
    """faults f01: a few short repetitive points gave a scikit-learn traceback."""
    inp = _write(tmp_path / "points.jsonl", [{"id": f"P{i}", "text": "Staff should adjust."}
                                             for i in range(6)])
    out = tmp_path / "out"
    assert main(["themes", "discover", str(inp), "-o", str(out), "--no-predict"]) == 1
    err = capsys.readouterr().err
    assert "[E405]" in err and str(inp) in err and "Traceback" not in err
    assert not out.exists()


def test_discover_cli_keeps_files_it_did_not_write(tmp_path, capsys):
    texts = [f"the {w} was broken and {x} stayed in bed" for w in ("hoist", "bed", "chair", "lift")
             for x in ("he", "she", "the man", "the woman")]
    inp = _write(tmp_path / "lp.jsonl", [{"id": f"p{i}", "text": t} for i, t in enumerate(texts)])
    out = tmp_path / "disc"
    out.mkdir()
    (out / "points.csv").write_text("my own notes\n")
    args = ["themes", "discover", str(inp), "-o", str(out), "--no-predict", "--k-min", "2",
            "--k-max", "4"]
    assert main(args) == 1
    assert "[E027]" in capsys.readouterr().err
    assert (out / "points.csv").read_text() == "my own notes\n"
    assert main([*args, "--force"]) == 0
    assert main(args) == 0  # its own earlier output is replaced without asking
    assert len((out / "points.csv").read_text().splitlines()) == len(texts) + 1


def _points_csv(path, n=12):
    kinds = ["The hoist was broken", "No annual health check", "The passport was not used"]
    path.write_text("id,text\n" + "".join(f"p{i},{kinds[i % 3]} (invented {i})\n" for i in range(n)),
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_discover_cli_never_writes_over_its_input(tmp_path, capsys, force):
    """faults6 F01: `discover DIR/points.csv -o DIR --force` wrote its points.csv over the input."""
    inp = _points_csv(tmp_path / "points.csv")
    before = inp.read_bytes()
    code = main(["themes", "discover", str(inp), "-o", str(tmp_path), "--no-predict",
                 "--k-min", "2", "--k-max", "3", *force])
    err = capsys.readouterr().err
    assert code == 2 and "[E007]" in err and "--force does not change that" in err, err
    assert inp.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["points.csv"]  # nothing else written


def test_discover_cli_refuses_k_min_above_k_max(tmp_path, capsys):
    inp = _points_csv(tmp_path / "lp.csv")
    out = tmp_path / "out"
    code = main(["themes", "discover", str(inp), "-o", str(out), "--no-predict",
                 "--k-min", "5", "--k-max", "3"])
    err = capsys.readouterr().err
    assert code == 2 and "[E006]" in err and "--k-max" in err and not out.exists()


@pytest.mark.parametrize("which", ["gold", "second", "reports"])
def test_evaluate_cli_never_writes_over_a_labelled_input(tmp_path, capsys, which):
    """faults6 F08: `evaluate GOLD -o GOLD` replaced the hand labels with the JSON report."""
    rows = [{"id": "p1", "text": "The annual health check was not offered.",
             "themes": ["health_checks_prevention"]}]
    files = {name: _write(tmp_path / f"{name}.jsonl", rows) for name in ("gold", "second", "reports")}
    before = {name: p.read_bytes() for name, p in files.items()}
    code = main(["themes", "evaluate", str(files["gold"]), "--second", str(files["second"]),
                 "--reports", str(files["reports"]), "--model", str(tmp_path / "no-model"),
                 "-o", str(files[which])])
    err = capsys.readouterr().err
    assert code == 2 and "[E007]" in err and str(files[which]) in err, err
    assert {name: p.read_bytes() for name, p in files.items()} == before


def test_evaluate_cli_writes_its_report_atomically(tmp_path, model_dir, monkeypatch):
    """The report is whole or absent: a failed write leaves no file under the final name."""
    import errno

    import leder_insights._files as files_mod

    gold = _write(tmp_path / "gold.jsonl", [{"id": "p1", "text": "No annual health check.",
                                             "themes": ["health_checks_prevention"]}])
    report = tmp_path / "report.json"
    real_publish = files_mod.publish

    def full_disk(tmp, path):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files_mod, "publish", full_disk)
    assert main(["themes", "evaluate", str(gold), "--model", str(model_dir), "-o", str(report)]) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gold.jsonl"]
    monkeypatch.setattr(files_mod, "publish", real_publish)


@pytest.mark.parametrize("decimals", ["-3", "-1", "17"])
def test_predict_cli_refuses_decimals_out_of_range(tmp_path, decimals):
    """faults6 F07: --decimals -3 wrote every score as 0.0 and exited 0."""
    inp = _write(tmp_path / "in.jsonl", [{"id": "a", "text": "No annual health check."}])
    out = tmp_path / "out.jsonl"
    assert main(["themes", "predict", str(inp), "-o", str(out), "--fast",
                 "--decimals", decimals]) == 2
    assert not out.exists()


def test_discover_cli_names_the_line_of_a_bad_byte(tmp_path, capsys):
    """faults6 F02: a non-UTF-8 byte in a JSON Lines input named the wrong line (or none)."""
    inp = tmp_path / "lp.jsonl"
    inp.write_bytes(b'{"id": "a", "text": "fine"}\n{"id": "b", "text": "also fine"}\n'
                    b'{"id": "c", "text": "caf\xe9"}\n')
    assert main(["themes", "discover", str(inp), "-o", str(tmp_path / "o"), "--no-predict"]) == 1
    err = capsys.readouterr().err
    assert "[E404]" in err and "line 3" in err and "not UTF-8" in err and "Traceback" not in err
