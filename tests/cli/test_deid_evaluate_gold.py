"""``deid evaluate`` reads its gold file strictly: a bad line is a numbered error naming the line,
never [E009] or a silent miss (faults7 F5). The detector is never loaded here."""
from __future__ import annotations

import json

import pytest

from leder_insights.cli import main
from leder_insights.cli.deid import _load_gold
from leder_insights.errors import InputError

GOOD = {"id": "a", "text": "Seen by Dr Ann Tolley.",
        "entities": [{"start": 11, "end": 21, "category": "PERSON"}]}


def _gold(tmp_path, second: bytes):
    path = tmp_path / "gold.jsonl"
    path.write_bytes(json.dumps(GOOD).encode() + b"\n" + second + b"\n")
    return path


def _line(text="short", **entity) -> bytes:
    return json.dumps({"id": "b", "text": text, "entities": [entity]}).encode()


@pytest.mark.parametrize("second, code, words", [
    (b'{"id":"b","text":"Seen by', "E303", "cut short"),
    (_line(start="x", end=4, category="PERSON"), "E303", "whole numbers"),
    (_line(start=1.5, end=4, category="PERSON"), "E303", "whole numbers"),
    (_line(start=True, end=4, category="PERSON"), "E303", "whole numbers"),
    (_line(start=3, end=99, category="PERSON"), "E303", "not inside the text"),
    (_line(start=4, end=2, category="PERSON"), "E303", "not inside the text"),
    (_line(start=-1, end=2, category="PERSON"), "E303", "not inside the text"),
    (_line(start=0, end=2, category="PERSN"), "E303", "not known"),
    (_line(start=0, end=2), "E303", "missing"),
    (b'{"id":"b","text":"Caf\xe9 visit","entities":[]}', "E128", "not UTF-8"),
    (b'{"id":"b","text":"x","entities":"none"}', "E303", "'entities' \\(list\\)"),
    (b'[1, 2]', "E303", "not one JSON object"),
])
def test_deid_evaluate_bad_gold_line_is_a_numbered_error_naming_the_line(tmp_path, capsys, second,
                                                                         code, words):
    path = _gold(tmp_path, second)
    with pytest.raises(InputError, match=rf"\[{code}\].*line 2.*{words}"):
        _load_gold(path, None)
    assert main(["deid", "evaluate", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"[{code}]" in err and "E009" not in err and "Traceback" not in err


def test_deid_evaluate_good_gold_is_read(tmp_path):
    path = _gold(tmp_path, _line(text="Mr Bo", start=3, end=5, category="PERSON"))
    docs = _load_gold(path, None)
    assert [d["id"] for d in docs] == ["a", "b"]


def test_deid_evaluate_empty_gold_is_e103(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text("\n\n")
    with pytest.raises(InputError, match=r"\[E103\]"):
        _load_gold(path, None)
