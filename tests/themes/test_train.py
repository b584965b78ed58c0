"""`themes train` reproduces the model bit-for-bit; training data loaders validate their input."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from leder_insights.errors import InputError
from leder_insights.themes._data import data_sha256, load_pfd_gold, read_labelled_jsonl

REPO = Path(__file__).resolve().parents[2]


def _labelled_file(path: Path, seed_data) -> Path:
    texts, labels = seed_data
    path.write_text("".join(json.dumps({"id": f"s{i}", "text": t, "themes": y}) + "\n"
                            for i, (t, y) in enumerate(zip(texts[::2], labels[::2]))), encoding="utf-8")
    return path


def _train(out: Path, labelled: Path, hashseed: str):
    env = {**os.environ, "PYTHONHASHSEED": hashseed}
    code = ("import sys; from leder_insights.cli import main; sys.exit(main(sys.argv[1:]))")
    res = subprocess.run([sys.executable, "-c", code, "themes", "train", "--out", str(out), "--labelled",
                          str(labelled), "--synthetic-reviews", "0", "--cv-folds", "2"],
                         cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr


@pytest.mark.slow
def test_train_cli_is_bit_for_bit_reproducible(tmp_path, seed_data):
    labelled = _labelled_file(tmp_path / "labelled.jsonl", seed_data)
    _train(tmp_path / "a", labelled, "1")
    _train(tmp_path / "b", labelled, "2")  # different hash seed: no set/dict-order leaks
    for name in ("model.joblib", "meta.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    meta = json.loads((tmp_path / "a" / "meta.json").read_text())
    assert meta["training_data"]["labelled"]["n"] == len(seed_data[0][::2])
    assert meta["training_data"]["sha256"] and meta["cv"]["labelled"]["micro_f1"] > 0.5
    assert {"sklearn_version", "package_version", "taxonomy_version", "random_state"} <= set(meta)


def test_read_labelled_rejects_unknown_theme_with_line(tmp_path):
    p = tmp_path / "bad.jsonl"
    p.write_text('{"id": "1", "text": "a", "themes": []}\n{"id": "2", "text": "b", "themes": ["falls"]}\n')
    with pytest.raises(InputError, match=r"\[E404\].*line 2.*falls"):
        read_labelled_jsonl(p)


def test_data_sha256_changes_with_labels(tmp_path):
    p = tmp_path / "ok.jsonl"
    p.write_text('{"id": "1", "text": "a", "themes": ["cancer"]}\n')
    a = data_sha256(read_labelled_jsonl(p))
    p.write_text('{"id": "1", "text": "a", "themes": []}\n')
    assert a != data_sha256(read_labelled_jsonl(p))


def test_pfd_gold_spans_resolve_against_reports(tmp_path, pfd_reports_path):
    first = json.loads(pfd_reports_path.open(encoding="utf-8").readline())
    concerns = first["concerns"]
    gold = tmp_path / "g.jsonl"
    gold.write_text(json.dumps({"ref": first["ref"], "field": "concerns", "start": 0, "end": 40,
                                "themes": ["communication_coordination"]}) + "\n")
    df = load_pfd_gold(gold, pfd_reports_path)
    assert df.loc[0, "text"] == concerns[:40] and df.loc[0, "themes"] == ["communication_coordination"]
    gold.write_text(json.dumps({"ref": first["ref"], "field": "concerns", "start": 0,
                                "end": len(concerns) + 5, "themes": []}) + "\n")
    with pytest.raises(InputError, match=r"\[E404\].*outside"):
        load_pfd_gold(gold, pfd_reports_path)
