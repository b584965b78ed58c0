"""read_jsonl / write_jsonl helpers."""
from __future__ import annotations

import math

import numpy as np
import pytest

from leder_insights.errors import InputError
from leder_insights.io import read_jsonl, write_jsonl


def test_jsonl_round_trip_keeps_non_ascii(tmp_path):
    rows = [{"id": "r1", "text": "Zoë’s £5"}, {"id": "r2", "score": np.float64(0.5),
                                                 "n": np.int64(3), "missing": math.nan}]
    path = tmp_path / "sub" / "out.jsonl"
    assert write_jsonl(rows, path) == 2
    assert "Zoë’s £5" in path.read_text(encoding="utf-8")
    assert read_jsonl(path) == [{"id": "r1", "text": "Zoë’s £5"},
                                {"id": "r2", "score": 0.5, "n": 3, "missing": None}]
    assert not list(tmp_path.rglob("*.tmp"))


def test_jsonl_bad_line_names_line_number(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": 1}\n\n{"id": 2,,}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"\[E107\].*line 3"):
        read_jsonl(path)


def test_jsonl_non_object_line_rejected(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": 1}\n[1, 2]\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"\[E107\].*line 2.*list"):
        read_jsonl(path)


def test_jsonl_missing_file(tmp_path):
    with pytest.raises(InputError, match=r"\[E101\]"):
        read_jsonl(tmp_path / "none.jsonl")
