"""``deid analyze`` contract (interfaces.md §2) and ``deid evaluate`` on a small gold file."""
import json

import pytest

from leder_insights.cli import main
from leder_insights.schema import ENTITY_CATEGORIES

DOCS = [{"id": "r1", "text": "Karen Smith (DOB 28/6/42) lived at Vancouver House."},
        {"id": 7, "text": "Seen by Dr Patel; NHS 943 476 5919."},
        {"id": "r3", "text": ""},
        {"id": "r4", "text": "She had Down's syndrome; the GP applied the Mental Capacity Act."}]


def _write(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


@pytest.mark.slow
def test_cli_deid_analyze_contract(tmp_path):
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    _write(inp, DOCS)
    assert main(["deid", "analyze", str(inp), "-o", str(out), "--n-process", "1"]) == 0
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert [x["id"] for x in lines] == [d["id"] for d in DOCS]
    for doc, line in zip(DOCS, lines):
        for e in line["entities"]:
            assert 0 <= e["start"] < e["end"] <= len(doc["text"])
            assert e["category"] in ENTITY_CATEGORIES
            assert set(e) == {"start", "end", "entity_type", "category", "score", "source"}
    assert {DOCS[0]["text"][e["start"]:e["end"]] for e in lines[0]["entities"]} >= {"28/6/42", "Vancouver House"}
    assert lines[2]["entities"] == [] and lines[3]["entities"] == []
    meta = json.loads((tmp_path / "out.jsonl.meta.json").read_text())
    assert meta["n_documents"] == 4 and "uk_nhs_number" in meta["recognizers"]


@pytest.mark.slow
def test_cli_deid_analyze_custom_fields(tmp_path):
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    _write(inp, [{"key": "k1", "body": "NHS number 943 476 5919"}])
    assert main(["deid", "analyze", str(inp), "-o", str(out), "--id-field", "key", "--text-field", "body",
                 "--n-process", "1"]) == 0
    (line,) = [json.loads(x) for x in out.read_text().splitlines()]
    assert line["id"] == "k1" and line["entities"][0]["category"] == "ID"


@pytest.mark.parametrize("bad,reason", [("not json\n", "not valid JSON"),
                                        ('{"text": "no id"}\n', "no 'id' field"),
                                        ('{"id": 1, "text": 5}\n', "not a string")])
def test_cli_deid_analyze_bad_line(tmp_path, capsys, bad, reason):
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    inp.write_text('{"id": "ok", "text": "fine"}\n' + bad, encoding="utf-8")
    assert main(["deid", "analyze", str(inp), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "[E303]" in err and "line 2" in err and reason in err
    assert not out.exists()


@pytest.mark.slow
def test_cli_deid_evaluate_json(tmp_path, capsys):
    text = "Seen by Dr Patel on 16.11.22."
    gold = tmp_path / "gold_deid.jsonl"
    _write(gold, [{"id": "a", "text": text, "entities": [{"start": 11, "end": 16, "category": "PERSON"},
                                                         {"start": 20, "end": 28, "category": "DATE"}]}])
    assert main(["deid", "evaluate", str(gold), "--json", "--n-process", "1"]) == 0
    m = json.loads(capsys.readouterr().out)
    assert m["entity"]["recall"] == 1.0 and m["per_category"]["DATE"]["n_gold"] == 1
