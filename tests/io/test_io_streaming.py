"""Streaming review readers: the same result as one read, chunk by chunk, for CSV, JSONL and
Parquet; malformed lines get one clear reason; encodings are detected while streaming."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from leder_insights.errors import InputError
from leder_insights.io import iter_reviews, read_reviews
from leder_insights.io._jsonl import iter_id_text_jsonl


def _rows(n=11):
    rows = [{"review_id": f"R{i}", "care_grade": 1 + i % 6, "pen_portrait": f"Seen {i} times – £{i}"}
            for i in range(n)]
    rows[3]["review_id"] = "R1"        # repeated id: quarantined, across chunks
    rows[7]["care_grade"] = 9           # out of range
    return rows


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
@pytest.mark.parametrize("chunk_rows", [1, 2, 5, 100])
def test_streamed_chunks_add_up_to_one_read(tmp_path, suffix, chunk_rows):
    df = pd.DataFrame(_rows())
    path = tmp_path / f"r{suffix}"
    {".csv": lambda: df.to_csv(path, index=False),
     ".jsonl": lambda: df.to_json(path, orient="records", lines=True, force_ascii=False),
     ".parquet": lambda: df.to_parquet(path, index=False)}[suffix]()
    whole = read_reviews(path)
    stream = iter_reviews(path, chunk_rows=chunk_rows)
    parts = list(stream)
    assert all(p.n_rows <= chunk_rows for p in parts)
    assert stream.n_rows == whole.n_rows == 11
    valid = pd.concat([p.valid for p in parts], ignore_index=True)
    pd.testing.assert_frame_equal(valid, whole.valid)
    quarantined = pd.concat([p.quarantine for p in parts], ignore_index=True)
    assert list(quarantined["_row"]) == list(whole.quarantine["_row"]) == [4, 8]
    assert list(quarantined["reason_code"]) == ["E111", "E113"]


def test_streaming_reader_reads_the_file_lazily(tmp_path):
    """Rows are produced as the file is read: a chunk is ready before the file is read to the end."""
    path = tmp_path / "big.csv"
    pd.DataFrame(_rows(50)).drop(index=[3, 7]).to_csv(path, index=False)
    stream = iter_reviews(path, chunk_rows=5)
    first = next(iter(stream))
    assert first.n_rows == 5 and stream.n_rows == 5


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_csv_with_or_without_bom_is_read(tmp_path, encoding):
    path = tmp_path / "u.csv"
    pd.DataFrame(_rows()).to_csv(path, index=False, encoding=encoding)
    res = read_reviews(path)
    assert res.encoding == encoding and len(res.valid) == 9
    assert res.valid["pen_portrait"].iloc[0] == "Seen 0 times – £0"
    assert any(p.code == "E120" for p in res.problems)


def test_truncated_jsonl_line_is_reported_once(tmp_path):
    path = tmp_path / "t.jsonl"
    lines = [json.dumps({"review_id": f"R{i}", "pen_portrait": "text"}) for i in range(3)]
    path.write_text("\n".join(lines)[:-9])
    res = read_reviews(path)
    assert res.n_rows == 3 and len(res.valid) == 2
    problems = [p for p in res.problems if p.row == 3]
    assert [p.code for p in problems] == ["E107"], [str(p) for p in problems]


def test_deeply_nested_jsonl_line_is_quarantined_not_a_crash(tmp_path):
    path = tmp_path / "n.jsonl"
    deep = "[" * 5000 + "]" * 5000
    path.write_text(json.dumps({"review_id": "R0", "pen_portrait": "ok"}) + "\n"
                    + '{"review_id": "R1", "pen_portrait": ' + deep + "}\n")
    res = read_reviews(path)
    assert res.n_rows == 2 and list(res.valid["review_id"]) == ["R0"]
    assert "nested too deeply" in res.quarantine["reason"].iloc[0]


@pytest.mark.parametrize("value,kind", [({"a": 1}, "an object"), (["x", "y"], "a list")])
def test_object_or_list_as_a_text_field_is_quarantined_with_its_reason(tmp_path, value, kind):
    path = tmp_path / "o.jsonl"
    path.write_text(json.dumps({"review_id": "R0", "pen_portrait": "fine"}) + "\n"
                    + json.dumps({"review_id": "R1", "pen_portrait": value}) + "\n")
    res = read_reviews(path)
    assert list(res.valid["review_id"]) == ["R0"]
    assert res.quarantine["reason_code"].tolist() == ["E127"]
    assert kind in res.quarantine["reason"].iloc[0] and "pen_portrait" in res.quarantine["reason"].iloc[0]
    assert "repr" not in " ".join(res.valid["pen_portrait"])


def test_latin1_jsonl_for_reviews_is_a_numbered_error(tmp_path):
    path = tmp_path / "l.jsonl"
    path.write_bytes(json.dumps({"review_id": "R0", "pen_portrait": "Zoë"}, ensure_ascii=False)
                     .encode("latin-1") + b"\n")
    with pytest.raises(InputError, match=r"\[E128\].*line 1"):
        read_reviews(path)


# faults6 F02: the text decoder reads ahead a block, so a bad byte on line 3 was reported on
# line 1 (and E105 advised re-exporting as CSV)
_GOOD = [b'{"review_id": "R-1", "pen_portrait": "fine", "id": "a", "text": "fine"}',
         b'{"review_id": "R-2", "pen_portrait": "also fine", "id": "b", "text": "x"}']
_BAD = b'{"review_id": "R-3", "pen_portrait": "caf\xe9", "id": "c", "text": "caf\xe9"}'


@pytest.mark.parametrize("newline", [b"\n", b"\r\n"])
def test_jsonl_bad_byte_is_reported_on_its_own_line_for_reviews(tmp_path, newline):
    path = tmp_path / "c.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + newline.join([*_GOOD, _BAD]) + newline)
    with pytest.raises(InputError) as info:
        read_reviews(path)
    message = str(info.value)
    assert "[E128]" in message and "line 3" in message and "JSON Lines" in message
    assert "CSV" not in message


def test_jsonl_bad_byte_is_reported_on_its_own_line_for_id_text(tmp_path):
    from leder_insights.errors import Errors

    path = _lines(tmp_path, b"\n".join([*_GOOD, _BAD]) + b"\n")
    with pytest.raises(InputError, match=r"\[E303\].*line 3") as info:
        list(iter_id_text_jsonl(path, "id", "text", Errors.E303))
    assert "not UTF-8" in str(info.value)


def test_jsonl_reader_keeps_crlf_bom_and_unicode_lines(tmp_path):
    path = _lines(tmp_path, "\ufeff".encode() + b'{"id": "a", "text": "Zo\xc3\xab"}\r\n'
                  b'{"id": "b", "text": "x"}\r\n')
    assert list(iter_id_text_jsonl(path, "id", "text", "E303")) == [("a", "Zoë"), ("b", "x")]


# --- the id/text JSONL reader of `deid analyze` and `themes predict` ------------------------------

def _lines(tmp_path, data: bytes):
    path = tmp_path / "in.jsonl"
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-8-sig"])
def test_id_text_reader_detects_utf16_and_bom(tmp_path, encoding):
    text = '{"id": "a", "text": "Zoë – £5"}\n{"id": "b", "text": "x"}\n'
    path = _lines(tmp_path, text.encode(encoding))
    assert list(iter_id_text_jsonl(path, "id", "text", "E303")) == [("a", "Zoë – £5"), ("b", "x")]


@pytest.mark.parametrize("data,reason", [
    ('{"id": "a", "text": "Zoë"}\n'.encode("latin-1"), "not UTF-8"),
    (b'{"id": "a", "text": "x"}\n{"id": "b", "te', "cut short"),
    (b'{"id": "a", "text": ' + b"[" * 5000 + b"]" * 5000 + b"}\n", "nested too deeply"),
    (b'{"id": "a", "body": "x"}\n', "no 'text' field"),
    (b'{"id": "a", "text": {"nested": 1}}\n', "dict, not a string"),
])
def test_id_text_reader_names_the_line_of_each_problem(tmp_path, data, reason):
    from leder_insights.errors import Errors

    path = _lines(tmp_path, data)
    with pytest.raises(InputError, match=r"\[E303\]") as info:
        list(iter_id_text_jsonl(path, "id", "text", Errors.E303))
    assert reason in str(info.value) and "line" in str(info.value)


def test_id_text_reader_refuses_a_text_over_the_limit(tmp_path):
    from leder_insights.errors import Errors

    path = _lines(tmp_path, b'{"id": "a", "text": "' + b"x" * 50 + b'"}\n')
    with pytest.raises(InputError, match=r"line 1.*over the limit of 10"):
        list(iter_id_text_jsonl(path, "id", "text", Errors.E303, max_chars=10))
