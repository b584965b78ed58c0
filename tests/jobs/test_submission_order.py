"""Released rows are ordered by the keyed pseudonym, streaming: parts sorted, then merged."""
from __future__ import annotations

import json
import random

import pandas as pd

from leder_insights.jobs._submission import _by_pseudonym, _merge_by_pseudonym, _merge_jsonl_by_pseudonym


def _parts(tmp_path, n_parts=7, rows=23, seed=3):
    rng = random.Random(seed)
    files, everything = [], []
    for i in range(n_parts):
        ids = ["R" + "".join(rng.choice("bcdfghjk") for _ in range(6)) for _ in range(rows - i)]
        frame = pd.DataFrame({"review_id": [x for x in ids for _ in range(2)],  # two rows per review
                              "n": list(range(2 * len(ids))), "part": i,
                              "text": [f"t{i}-{j}" for j in range(2 * len(ids))]})
        everything.append(frame)
        path = tmp_path / f"p-{i}.parquet"
        _by_pseudonym(frame).to_parquet(path, index=False)
        files.append(path)
    return files, pd.concat(everything, ignore_index=True)


def test_merge_by_pseudonym_orders_all_rows_in_blocks(tmp_path):
    files, everything = _parts(tmp_path)
    out = _merge_by_pseudonym(files, tmp_path, "reviews", block_rows=10, batch_rows=4)
    merged = pd.concat([pd.read_parquet(p) for p in out], ignore_index=True)
    assert all(len(pd.read_parquet(p)) == 10 for p in out[:-1])
    assert len(merged) == len(everything)                      # nothing lost
    assert list(merged["review_id"]) == sorted(everything["review_id"])
    # the rows of one review keep their order (stable), and every row is the same row
    expected = everything.iloc[everything["review_id"].argsort(kind="stable")].reset_index(drop=True)
    pd.testing.assert_frame_equal(merged, expected[merged.columns], check_dtype=False)
    # a second merge replaces the first's files
    again = _merge_by_pseudonym(files[:2], tmp_path, "reviews", block_rows=1000)
    assert len(list(tmp_path.glob("reviews-merged-*.parquet"))) == len(again) == 1


def test_merge_jsonl_by_pseudonym(tmp_path):
    files = []
    for i, ids in enumerate((["Rb", "Rd", "Rf"], ["Ra", "Rc"], [])):
        path = tmp_path / f"a-{i}.jsonl"
        path.write_text("".join(json.dumps({"review_id": r, "part": i}) + "\n" for r in ids))
        files.append(path)
    out = _merge_jsonl_by_pseudonym(files, tmp_path, "audit", block_rows=2)
    recs = [json.loads(line) for p in out for line in p.read_text().splitlines()]
    assert [r["review_id"] for r in recs] == ["Ra", "Rb", "Rc", "Rd", "Rf"] and len(out) == 3
