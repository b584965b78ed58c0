"""The hand-made PFD de-identification gold set: integrity against the real reports, and the
loader's behaviour on small fixtures of our own (no real text is copied into tests)."""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from leder_insights.errors import InputError
from leder_insights.evaluation import (
    CATEGORIES,
    GOLD_SPANS,
    PFD_FIELDS,
    iter_pfd_gold,
    load_pfd_reports,
    span_sha1,
)
from leder_insights.evaluation.pfd import docs_path_for

#: the development set (the detector was tuned on it) and the held-out sets (annotated later,
#: reports drawn at random from the rest; scored, never tuned on). test2 and test3 were drawn on
#: 2026-12-06 (test3 after test2 had been scored and became development text); test4 was drawn
#: the same day from the reports used in none of the others (not scored when committed); test5
#: likewise, from the reports used in none of the five before it (not scored when committed);
#: test6 likewise, from the reports used in none of the six before it (not scored when committed).
GOLD_SETS = {"dev": GOLD_SPANS, "test": GOLD_SPANS.with_name("pfd_deid_test.jsonl"),
             "test2": GOLD_SPANS.with_name("pfd_deid_test2.jsonl"),
             "test3": GOLD_SPANS.with_name("pfd_deid_test3.jsonl"),
             "test4": GOLD_SPANS.with_name("pfd_deid_test4.jsonl"),
             "test5": GOLD_SPANS.with_name("pfd_deid_test5.jsonl"),
             "test6": GOLD_SPANS.with_name("pfd_deid_test6.jsonl")}
MIN_REPORTS = {"dev": 40, "test": 20, "test2": 25, "test3": 25, "test4": 25, "test5": 25,
               "test6": 25}


@pytest.fixture(params=sorted(GOLD_SETS))
def gold(request) -> str:
    return request.param


def _gold_rows(gold: str = "dev") -> list[dict]:
    return [json.loads(line) for line in GOLD_SETS[gold].read_text(encoding="utf-8").splitlines()
            if line.strip()]


def _gold_docs(gold: str = "dev") -> list[dict]:
    return json.loads(docs_path_for(GOLD_SETS[gold]).read_text(encoding="utf-8"))


# --- the committed gold files on their own (no shared data needed) ------------------------------
def test_pfd_gold_files_hold_no_text_only_offsets(gold):
    allowed = {"ref", "field", "start", "end", "category", "sha1"}
    for row in _gold_rows(gold):
        assert set(row) == allowed
        assert len(row["sha1"]) == 10 and int(row["sha1"], 16) >= 0
    for doc in _gold_docs(gold):
        assert set(doc) == {"ref", "field"}


def test_pfd_gold_categories_and_fields_are_valid(gold):
    rows = _gold_rows(gold)
    assert {r["category"] for r in rows} <= set(CATEGORIES)
    assert {r["field"] for r in rows} <= set(PFD_FIELDS)
    present = {r["category"] for r in rows}
    # every category except possibly the rare ID and CONTACT must be represented
    assert set(CATEGORIES) - {"ID", "CONTACT"} <= present


def test_pfd_gold_has_enough_reports_and_unique_docs(gold):
    docs = _gold_docs(gold)
    keys = [(d["ref"], d["field"]) for d in docs]
    assert len(keys) == len(set(keys))
    assert len({d["ref"] for d in docs}) >= MIN_REPORTS[gold]
    # every span belongs to a listed document
    assert {(r["ref"], r["field"]) for r in _gold_rows(gold)} <= set(keys)


def test_pfd_gold_spans_do_not_overlap(gold):
    by_doc: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for r in _gold_rows(gold):
        assert 0 <= r["start"] < r["end"]
        by_doc.setdefault((r["ref"], r["field"]), []).append((r["start"], r["end"]))
    for key, spans in by_doc.items():
        spans.sort()
        for (s1, e1), (s2, _) in zip(spans, spans[1:]):
            assert e1 <= s2, f"overlapping spans in {key}: {s1}-{e1} and {s2}"


@pytest.mark.parametrize("a, b", [("dev", "test"), ("dev", "test2"), ("test", "test2"),
                                  ("dev", "test4"), ("test", "test4"), ("test2", "test4"),
                                  ("test3", "test4"), ("dev", "test5"), ("test", "test5"),
                                  ("test2", "test5"), ("test3", "test5"), ("test4", "test5"),
                                  ("dev", "test6"), ("test", "test6"), ("test2", "test6"),
                                  ("test3", "test6"), ("test4", "test6"), ("test5", "test6")])
def test_pfd_gold_sets_share_no_report(a, b):
    refs_a = {d["ref"] for d in _gold_docs(a)}
    refs_b = {d["ref"] for d in _gold_docs(b)}
    assert refs_a and refs_b and not refs_a & refs_b


def test_pfd_gold_docs_path_sits_beside_the_span_file():
    assert docs_path_for(GOLD_SETS["dev"]).name == "pfd_deid_dev_docs.json"
    assert docs_path_for(GOLD_SETS["test2"]).name == "pfd_deid_test2_docs.json"
    for path in GOLD_SETS.values():
        assert path.exists() and docs_path_for(path).exists(), path


# --- against the real reports ------------------------------------------------------------------
def test_pfd_gold_every_sha1_matches_the_text(gold, pfd_reports_path):
    reports = {r["ref"]: r for r in load_pfd_reports(pfd_reports_path)}
    rows = _gold_rows(gold)
    for r in rows:
        text = reports[r["ref"]][r["field"]] or ""
        assert r["end"] <= len(text), r
        span = text[r["start"]:r["end"]]
        assert span_sha1(span) == r["sha1"], r
        assert span == span.strip() and span, f"span with outer whitespace: {r}"
        # spans sit on word boundaries: never part of a longer word ("Alex" in "Alexander")
        before = text[r["start"] - 1] if r["start"] > 0 else " "
        after = text[r["end"]] if r["end"] < len(text) else " "
        # a lost space before a date: "on15 November 2024"
        glued_start = r["category"] == "DATE" and span[0].isdigit() and before.isalpha()
        assert glued_start or not (before.isalnum() and span[0].isalnum()), r
        # a lost space: "1 July 2021suggested", "1 April 20211 commenced" (an OCR'd "I")
        glued = span[-1].isdigit() and (after.isalpha() or (
            r["category"] == "DATE" and re.search(r"(?:19|20)\d\d$", span) is not None))
        assert glued or not (after.isalnum() and span[-1].isalnum()), r


def test_pfd_gold_iter_yields_consistent_documents(gold, pfd_reports_path):
    docs = list(iter_pfd_gold(GOLD_SETS[gold], reports_path=pfd_reports_path))
    assert len(docs) == len(_gold_docs(gold))
    assert sum(len(d["entities"]) for d in docs) == len(_gold_rows(gold))
    counts = Counter()
    for d in docs:
        ref, field = d["id"].split(":")
        assert field in PFD_FIELDS and d["text"].strip()
        starts = [e["start"] for e in d["entities"]]
        assert starts == sorted(starts)
        for e in d["entities"]:
            assert set(e) == {"start", "end", "category"}
            assert 0 <= e["start"] < e["end"] <= len(d["text"])
            counts[e["category"]] += 1
    assert counts["PERSON"] > 0 and counts["DATE"] > 0
    assert sum(len(d["text"]) for d in docs) > 40_000  # 25 random reports hold 46k-60k characters


def test_pfd_gold_deceased_names_are_annotated(gold, pfd_reports_path):
    """A recall check on the annotator: wherever the deceased's surname appears (any case) in an
    annotated section, it is inside a PERSON span."""
    reports = {r["ref"]: r for r in load_pfd_reports(pfd_reports_path)}
    missed = []
    for d in iter_pfd_gold(GOLD_SETS[gold], reports_path=pfd_reports_path):
        ref = d["id"].split(":")[0]
        names = reports[ref]["deceased_name"] or ""
        if "," in names or " and " in names:  # several deceased: skip the heuristic
            continue
        surname = names.split()[-1]
        person = [(e["start"], e["end"]) for e in d["entities"] if e["category"] == "PERSON"]
        low, pos = d["text"].lower(), 0
        while (i := low.find(surname.lower(), pos)) >= 0:
            pos = i + 1
            word_start = i == 0 or not low[i - 1].isalpha()
            word_end = i + len(surname) >= len(low) or not low[i + len(surname)].isalpha()
            if word_start and word_end and not any(s <= i < e for s, e in person):
                missed.append((d["id"], i))
    assert not missed


# --- loader behaviour on fixtures of our own ------------------------------------------------------
@pytest.fixture()
def tiny(tmp_path: Path) -> dict[str, Path]:
    text = "On 3 May 2021 Mr Example Person, aged 70, was admitted to Sampleton Hospital."
    reports = tmp_path / "reports.jsonl"
    reports.write_text(json.dumps({"ref": "2099-0001", "inquest": text, "circumstances": "",
                                   "concerns": "Nothing identifying here."}) + "\n")
    spans = [(3, 13, "DATE"), (17, 31, "PERSON"), (38, 40, "AGE"), (58, 76, "ORGANIZATION")]
    gold = tmp_path / "pfd_deid_dev.jsonl"
    gold.write_text("".join(json.dumps({"ref": "2099-0001", "field": "inquest", "start": s,
                                        "end": e, "category": c,
                                        "sha1": span_sha1(text[s:e])}) + "\n"
                            for s, e, c in spans))
    (tmp_path / "pfd_deid_dev_docs.json").write_text(json.dumps(
        [{"ref": "2099-0001", "field": "inquest"}, {"ref": "2099-0001", "field": "concerns"}]))
    return {"gold": gold, "reports": reports, "text": text}


def test_pfd_gold_iter_on_fixture_yields_spans_and_empty_docs(tiny):
    docs = list(iter_pfd_gold(tiny["gold"], tiny["reports"]))
    assert [d["id"] for d in docs] == ["2099-0001:inquest", "2099-0001:concerns"]
    got = [tiny["text"][e["start"]:e["end"]] for e in docs[0]["entities"]]
    assert got == ["3 May 2021", "Example Person", "70", "Sampleton Hospital"]
    assert docs[1]["entities"] == []


def test_pfd_gold_iter_detects_changed_text(tiny):
    changed = tiny["text"].replace("Example Person", "Exemple Person")
    row = json.loads(tiny["reports"].read_text())
    row["inquest"] = changed
    tiny["reports"].write_text(json.dumps(row) + "\n")
    with pytest.raises(InputError, match=r"\[E161\].*2099-0001:inquest \[17:31\]"):
        list(iter_pfd_gold(tiny["gold"], tiny["reports"]))


def test_pfd_gold_iter_rejects_missing_report(tiny):
    tiny["reports"].write_text(json.dumps({"ref": "2099-0002", "inquest": "x"}) + "\n")
    with pytest.raises(InputError, match=r"\[E162\].*2099-0001"):
        list(iter_pfd_gold(tiny["gold"], tiny["reports"]))


@pytest.mark.parametrize("mutate, message", [
    (lambda r: {**r, "category": "NAME"}, "unknown category"),
    (lambda r: {**r, "field": "pen_portrait"}, "unknown field"),
    (lambda r: {k: v for k, v in r.items() if k != "sha1"}, "missing keys"),
    (lambda r: {**r, "start": 20, "end": 10}, "bad offsets"),
    (lambda r: {**r, "ref": "2099-0009"}, "not listed"),
])
def test_pfd_gold_iter_rejects_malformed_gold_lines(tiny, mutate, message):
    lines = tiny["gold"].read_text().splitlines()
    lines[1] = json.dumps(mutate(json.loads(lines[1])))
    tiny["gold"].write_text("\n".join(lines) + "\n")
    with pytest.raises(InputError, match=rf"\[E160\].*line 2: .*{message}"):
        list(iter_pfd_gold(tiny["gold"], tiny["reports"]))


def test_pfd_gold_missing_files_give_numbered_errors(tmp_path, tiny):
    with pytest.raises(InputError, match=r"\[E163\].*--pfd-reports PATH.*LEDER_SHARED_DATA"):
        load_pfd_reports(tmp_path / "absent.jsonl")
    with pytest.raises(InputError, match=r"\[E101\]"):
        list(iter_pfd_gold(tmp_path / "absent" / "pfd_deid_dev.jsonl", tiny["reports"]))


def test_pfd_gold_load_reports_rejects_bad_json(tmp_path):
    bad = tmp_path / "r.jsonl"
    bad.write_text('{"ref": "2099-0001"}\n{not json\n')
    with pytest.raises(InputError, match=r"\[E107\].*line 2"):
        load_pfd_reports(bad)
