"""Bad files end to end through `submit` (real detector): clear errors, every row accounted for,
nothing raw exported, the key never written."""
import json
import os

import pandas as pd
import pytest

from leder_insights.cli import main
from leder_insights.io import read_reviews

KEY = "9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0"


@pytest.fixture
def key_file(tmp_path):
    path = tmp_path / "deid.key"
    path.write_text(KEY)
    os.chmod(path, 0o600)
    return path


def _rows():
    return [
        {"review_id": "A1", "care_grade": 2, "pen_portrait": "<p>Seen by <b>Dr Abernethy</b> at home.</p>",
         "learning": "<ul><li>Ensure SALT review.</li></ul>"},
        {"review_id": "A2", "care_grade": 3, "pen_portrait": "Karen Whitfield\x00 visited weekly.",
         "learning": ""},
        {"review_id": "A2", "care_grade": 3, "pen_portrait": "a duplicate id", "learning": ""},
        {"review_id": "", "care_grade": 1, "pen_portrait": "no id here", "learning": ""},
        {"review_id": "A5", "care_grade": 9, "pen_portrait": "care grade out of range", "learning": ""},
        {"review_id": "A6", "care_grade": 4, "pen_portrait": "x" * 5_100_000, "learning": ""},
        {"review_id": "A7", "care_grade": 2, "pen_portrait": "Café owner Zoë Kowalczyk’s mum – £5",
         "learning": None},
    ]


def _submit(src, out, key_file):
    """Submit with a lenient gate and release (k = 2, any suppression): these tests are about row
    accounting on a handful of rows, and a refused release (exit 3) publishes no data to inspect.
    The text policy is ``full`` (not the national default) so that the de-identified pen portraits
    are in the bundle to be checked."""
    lenient = out.parent / f"{out.name}-lenient.yaml"
    lenient.write_text("submit:\n  residual_risk_threshold_per_1k_words: 1000\n"
                       "release:\n  k: 2\n  max_suppressed_share: 1.0\n  text: full\n  accept_weakened: true\n")
    return main(["submit", str(src), "-o", str(out), "--key-file", str(key_file), "--n-process", "1",
                 "--config", str(lenient)])


@pytest.mark.slow
def test_bad_rows_end_to_end_are_accounted_for_and_never_exported_raw(tmp_path, key_file):
    src = tmp_path / "bad.csv"
    df = pd.DataFrame(_rows())
    df["empty_column"] = None
    df.to_csv(src, index=False, encoding="cp1252", errors="replace")
    out = tmp_path / "bundle"
    code = _submit(src, out, key_file)
    assert code == 0
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["rows_in"] == 7
    assert manifest["rows_out"] + manifest["rows_quarantined"] == 7
    quarantine = pd.read_csv(out / "quarantine.csv")
    assert len(quarantine) == manifest["rows_quarantined"] >= 4
    assert quarantine["reason"].notna().all() and "_row" not in quarantine.columns
    rows = pd.read_csv(out.with_name(out.name + ".local") / "quarantine_rows.csv")  # the operator's
    assert len(rows) == len(quarantine) and rows["_row"].notna().all()
    reviews = pd.read_parquet(out / "reviews.parquet")
    from leder_insights.release import Release

    # review ids are released as keyed pseudonyms (the release schema)
    assert set(reviews["review_id"]) == {Release(key=KEY.encode()).pseudonym(r) for r in ("A1", "A2", "A7")}
    text = "\n".join(reviews["pen_portrait"].astype(str))
    for raw in ("Abernethy", "Whitfield", "Kowalczyk", "\x00", "x" * 1000):
        assert raw not in text
    assert "Zoë" not in text  # a name, de-identified; the cp1252 text was decoded, not mangled
    for path in out.rglob("*"):
        if path.is_file():
            blob = path.read_bytes()
            assert KEY.encode() not in blob, path.name
            assert b"x" * 1000 not in blob, f"raw quarantined text leaked into {path.name}"


def test_mixed_encoding_file_is_read_with_a_warning(tmp_path):
    src = tmp_path / "mixed.csv"
    body = "review_id,pen_portrait\nB1,Zoë liked café trips\n".encode("utf-8")
    body += "B2,Chloë’s sister – £5\n".encode("cp1252")
    src.write_bytes(body)
    res = read_reviews(src)
    assert res.n_rows == len(res.valid) + len(res.quarantine) == 2
    assert any("mixed utf-8/cp1252" in p.message for p in res.problems), [p.message for p in res.problems]
    assert list(res.valid["pen_portrait"]) == ["Zoë liked café trips", "Chloë’s sister – £5"]


@pytest.mark.parametrize("suffix", [".parquet", ".xlsx"])
def test_truncated_or_malformed_files_exit_1_with_a_numbered_message(tmp_path, key_file, suffix, capsys):
    good = tmp_path / f"good{suffix}"
    df = pd.DataFrame([{"review_id": "C1", "pen_portrait": "text"}] * 3)
    if suffix == ".parquet":
        df.to_parquet(good)
    elif suffix == ".xlsx":
        df.to_excel(good, index=False)
    else:
        df.to_json(good, orient="records", lines=True)
    bad = tmp_path / f"bad{suffix}"
    bad.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 2])
    code = _submit(bad, tmp_path / "out", key_file)
    err = capsys.readouterr().err
    assert code == 1
    assert "[E1" in err and str(bad.name) in err


@pytest.mark.slow
def test_truncated_jsonl_quarantines_the_broken_line(tmp_path, key_file):
    good = tmp_path / "good.jsonl"
    pd.DataFrame([{"review_id": f"D{i}", "pen_portrait": "Seen by the GP."} for i in range(4)]).to_json(
        good, orient="records", lines=True)
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(good.read_bytes()[:-12])  # the last line is cut off
    out = tmp_path / "out"
    assert _submit(bad, out, key_file) in (0, 3)
    manifest = json.loads((out / "manifest.json").read_text())
    assert (manifest["rows_in"], manifest["rows_out"], manifest["rows_quarantined"]) == (4, 3, 1)
    assert "JSON" in pd.read_csv(out / "quarantine.csv")["reason"].iloc[0]
