"""``tools/pfd_concern_spans.py``: splitting a coroner's concerns into matters of concern."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("pfd_concern_spans", REPO_ROOT / "tools" / "pfd_concern_spans.py")
spans_tool = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(spans_tool)


def test_pfd_concern_spans_numbered_items_run_to_the_next_marker():
    text = ("During the course of the inquest the evidence revealed matters giving rise to concern.\n\n"
            "The MATTERS OF CONCERN are as follows.\n\n"
            "(1) The ward had no sepsis screening tool in use on the night of admission.\n\n"
            "It was not clear who was responsible for escalation out of hours.\n\n"
            "(2) Staff were not trained to escalate a rising NEWS2 score to a doctor.\n\nShort.")
    got = [text[a:b] for a, b in spans_tool.concern_spans(text)]
    assert len(got) == 2
    assert got[0].startswith("(1) The ward") and got[0].endswith("out of hours.")
    assert got[1].startswith("(2) Staff") and got[1].endswith("Short.")
    assert not any("statutory" in g or "MATTERS OF CONCERN" in g for g in got)


def test_pfd_concern_spans_paragraphs_without_markers_and_short_ones_dropped():
    text = ("My concern is that there was no system for sharing the discharge summary with the GP practice.\n\n"
            "Too short to be a matter.\n\n"
            "The trust did not audit whether the falls risk assessment was repeated after each fall.")
    got = [text[a:b] for a, b in spans_tool.concern_spans(text)]
    assert got == [text.split("\n\n")[0], text.split("\n\n")[2]]
    assert spans_tool.concern_spans("") == []


def test_pfd_concern_spans_reproduce_most_hand_made_gold_spans(pfd_reports_path):
    reports = {json.loads(x)["ref"]: json.loads(x) for x in pfd_reports_path.read_text(encoding="utf-8").splitlines()}
    gold = [json.loads(x) for x in (REPO_ROOT / "gold" / "pfd_themes.jsonl").read_text().splitlines()]
    by_ref: dict = {}
    for g in gold:
        by_ref.setdefault(g["ref"], set()).add((g["start"], g["end"]))
    exact = sum(len(spans & set(spans_tool.concern_spans(reports[ref]["concerns"]))) for ref, spans in by_ref.items())
    assert exact / len(gold) >= 0.9, exact


def test_pfd_concern_spans_docstring_example_holds():
    import doctest

    assert doctest.testmod(spans_tool).failed == 0
