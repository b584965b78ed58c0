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
                          str(labelled), "--synthetic-reviews", "0", "--cv-folds", "2", "--no-written"],
                         cwd=REPO, env=env, capture_output=True, text=True, timeout=900)
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
    assert meta["model_class"] == "encoder" and meta["encoder"]["onnx_sha256"]


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


@pytest.mark.slow
def test_train_model_cross_fits_real_concerns_and_reports_zero_shot(tmp_path, seed_data, pfd_reports_path):
    from leder_insights.themes._data import pfd_gold_path
    PFD_GOLD_PATH = pfd_gold_path()
    from leder_insights.themes._train import train_model

    # a small gold file: the first 40 labelled real concerns (offsets only), from about a dozen reports
    gold = tmp_path / "pfd.jsonl"
    gold.write_text("".join(PFD_GOLD_PATH.read_text(encoding="utf-8").splitlines(keepends=True)[:40]))
    from leder_insights.themes._data import PFD_TRAIN_PATH

    # and 30 training-only concerns of other reports
    extra = tmp_path / "pfd_train.jsonl"
    extra.write_text("".join(PFD_TRAIN_PATH.read_text(encoding="utf-8").splitlines(keepends=True)[:30]))
    labelled = _labelled_file(tmp_path / "labelled.jsonl", seed_data)
    meta = train_model(tmp_path / "m", labelled_path=labelled, synthetic_reviews=0, cv_folds=2,
                       pfd_gold_path=gold, pfd_reports_path=pfd_reports_path, pfd_train_path=extra,
                       params={"max_char_features": 5000, "cv": 2}, include_written=False)
    ev = meta["pfd_concerns_eval"]
    assert meta["model_class"] == "encoder" and meta["training_data"]["written"]["n"] == 0
    # ablations on the same folds: the shipped design, its n-gram part alone, the encoder alone
    for name in ("both", "ngrams", "encoder"):
        assert meta["ablations"][name]["pfd"]["n"] == 40
    assert meta["ablations"]["both"]["pfd"]["micro_f1"] == ev["crossfit"]["micro_f1"]
    assert ev["n"] == 40 and ev["trained_on"] and meta["training_data"]["pfd"]["n"] == 40
    assert meta["training_data"]["pfd_train"]["n"] == 30
    assert ev["crossfit"]["n"] == 40 and ev["zero_shot"]["n"] == 40  # both figures, separately named
    assert meta["cv"]["pfd"] == ev["crossfit"] and meta["cv"]["pfd_train"]["n"] == 30
    refs = {json.loads(line)["ref"] for f in (gold, extra) for line in f.read_text().splitlines()}
    assert set(ev["trained_refs"]) == refs
    assert {"pfd_crossfit", "pfd_train_crossfit", "pfd_zero_shot", "pfd_keyword", "cv_labelled"} <= set(meta["summary"])


def test_build_training_data_refuses_training_labels_on_a_gold_report(tmp_path, pfd_reports_path):
    from leder_insights.themes._data import pfd_gold_path
    PFD_GOLD_PATH = pfd_gold_path()
    from leder_insights.themes._train import build_training_data

    first = PFD_GOLD_PATH.read_text(encoding="utf-8").splitlines(keepends=True)[0]
    dup = tmp_path / "pfd_train.jsonl"
    dup.write_text(first)
    with pytest.raises(InputError, match="also in the gold set"):
        build_training_data(synthetic_reviews=0, include_pfd=True, pfd_reports_path=pfd_reports_path,
                            pfd_train_path=dup)


def test_grouped_oof_keeps_each_report_in_one_fold():
    import numpy as np
    import pandas as pd

    from leder_insights.themes import ThemeClassifier
    from leder_insights.themes import _train

    data = pd.DataFrame({"text": [f"text {i} about sepsis" if i % 2 else f"text {i} about choking" for i in range(24)],
                         "themes": [["sepsis_deterioration"] if i % 2 else ["aspiration_pneumonia"] for i in range(24)],
                         "group": [f"pfd:r{i // 4}" for i in range(24)], "source": "pfd"})
    seen = []

    class Spy(ThemeClassifier):
        def fit(self, X, y, groups=None, sample_weight=None):
            seen.append((set(groups), sample_weight))
            return super().fit(X, y, groups=groups, sample_weight=sample_weight)

        def predict(self, X, n_jobs=None):
            seen[-1] = seen[-1] + ({t.split()[1] for t in X},)
            return super().predict(X)

    w = _train.source_weights(data, {"pfd": 2.0})
    _train.grouped_oof(Spy(cv=2, max_char_features=500), data, n_splits=3, sample_weight=w)
    for train_groups, weights, test_rows in seen:
        test_groups = {f"pfd:r{int(i) // 4}" for i in test_rows}
        assert not train_groups & test_groups
        assert np.all(weights == 2.0)
