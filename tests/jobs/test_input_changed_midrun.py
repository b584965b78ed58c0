"""An input rewritten while ``submit`` or ``deid run`` reads it is refused ([E140], naming the file)
and nothing releasable is written (faults7 F1)."""
from __future__ import annotations

import pandas as pd
import pytest

from leder_insights.errors import InputError
from leder_insights.jobs import _submission, build_submission, run_deid

KEY = b"5c1e0a7f3b9d2e4c6a8b0d1f3e5c7a9b5c1e0a7f3b9d2e4c6a8b0d1f3e5c7a9b"


def _reviews(n: int, start: int = 0) -> pd.DataFrame:
    return pd.DataFrame({"review_id": [f"R{start + i:03d}" for i in range(n)],
                         "care_grade": [3] * n, "sex": ["female"] * n,
                         "pen_portrait": ["She enjoyed music and invented walks."] * n,
                         "learning": ["Reasonable adjustments were missed."] * n})


@pytest.fixture
def rewritten_after_first_part(monkeypatch):
    """The review stream rewrites its own file in place after the first chunk (a stand-in for an
    export job saving the file again while the command reads it)."""
    from leder_insights.io import _reviews as reviews_mod

    real = reviews_mod.ReviewStream.__iter__

    def changing(self):
        for k, part in enumerate(real(self)):
            yield part
            if k == 0:
                _reviews(12, start=100).to_csv(self.path, index=False)

    monkeypatch.setattr(reviews_mod.ReviewStream, "__iter__", changing)


def test_submit_input_rewritten_mid_run_is_refused_and_nothing_is_released(
        tmp_path, monkeypatch, rewritten_after_first_part):
    from _gate_aware_fake import GateAwareFake

    from leder_insights.deid import Deidentifier, ResidualRiskScanner

    src = tmp_path / "reviews.csv"
    _reviews(12).to_csv(src, index=False)
    out = tmp_path / "bundle"
    deid = Deidentifier(profile="national", key=KEY, detector=GateAwareFake())
    with pytest.raises(InputError, match=r"\[E140\]") as err:
        build_submission(src, out, key=KEY, deidentifier=deid, n_process=1, chunk_rows=4,
                         scanner=ResidualRiskScanner(use_ner=False))
    assert str(src) in str(err.value) and "Nothing was released" in str(err.value)
    assert not (out / "manifest.json").exists() and not (out / "reviews.csv").exists()
    assert not _submission.work_dir_for(out).exists()  # its chunks came from two files


def test_deid_run_input_rewritten_while_read_is_refused(tmp_path, monkeypatch):
    from test_deidentifier_fake import FakeDetector

    import leder_insights.io as io_mod

    real = io_mod.read_reviews

    def read_then_rewrite(path, **kw):
        loaded = real(path, **kw)
        _reviews(5, start=100).to_csv(path, index=False)
        return loaded

    monkeypatch.setattr(io_mod, "read_reviews", read_then_rewrite)
    src = tmp_path / "reviews.csv"
    _reviews(4).to_csv(src, index=False)
    out = tmp_path / "out"
    with pytest.raises(InputError, match=r"\[E140\].*Nothing was written"):
        run_deid(src, out, profile="local", key=KEY, detector=FakeDetector())
    assert not out.exists() or not any(out.iterdir())


def test_deid_run_unchanged_input_is_read(tmp_path):
    from test_deidentifier_fake import FakeDetector

    src = tmp_path / "reviews.csv"
    _reviews(4).to_csv(src, index=False)
    summary = run_deid(src, tmp_path / "out", profile="local", key=KEY, detector=FakeDetector())
    assert summary["rows_in"] == 4 and summary["accounted"]
