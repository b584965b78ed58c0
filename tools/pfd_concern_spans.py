"""Split a Prevention of Future Deaths report's ``concerns`` into matters of concern (offsets).

The rules are those of ``gold/pfd_themes_README.md`` ("How a report is split into matters of
concern"): boilerplate lines are dropped; when two or more lines start with an item marker
(``1.``, ``(1)``, ``1)``, ``(i)``, ``(a)``, ``a)``, a bullet) each item runs from its marker to
the next one; otherwise each blank-line-separated paragraph is a span. Spans are trimmed and
those under 60 characters dropped.

Run ``python tools/pfd_concern_spans.py --refs 2023-0006`` to print the spans of a report, or
``--check`` to compare with the hand-made spans of ``gold/pfd_themes.jsonl``.

>>> text = "The MATTERS OF CONCERN are as follows.\\n\\n(1) The ward had no sepsis screening tool in use on the night of admission.\\n\\n(2) Staff were not trained to escalate a rising NEWS2 score to a doctor."
>>> [text[a:b][:12] for a, b in concern_spans(text)]
['(1) The ward', '(2) Staff we']
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MIN_CHARS = 60
_BOILER = re.compile(
    r"during the course of the inquest|in my opinion there is a risk|statutory duty to report|"
    r"matters? of concern (?:is|are) as follows|^\s*(?:the\s+)?matters? of concern\s*[:.]?\s*$|"
    r"^\s*coroner'?s concerns\s*[:.]?\s*$|^\s*concerns?\s*[:.]?\s*$",
    re.I)
_MARKER = re.compile(r"^[ \t]*(?:\(?\d{1,2}[.)]|\(\d{1,2}\)|\((?:[ivx]{1,4}|[a-h])\)"  # 1. 1) (1) (i) (a)
                     r"|(?:[a-h]|[ivx]{1,4})\)|[•\-–*])\s+")  # a) i) and bullets


def _lines(text: str):
    """(start, end) of every line of ``text`` (without its newline)."""
    pos = 0
    for line in text.split("\n"):
        yield pos, pos + len(line)
        pos += len(line) + 1


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def concern_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the matters of concern in ``text`` (see module docstring)."""
    kept = [(a, b) for a, b in _lines(text) if text[a:b].strip() and not _BOILER.search(text[a:b])]
    markers = [(a, b) for a, b in kept if _MARKER.match(text[a:b])]
    spans: list[tuple[int, int]] = []
    if len(markers) >= 2:
        first = markers[0][0]
        pre = [(a, b) for a, b in kept if a < first]
        if pre:
            spans.append((pre[0][0], pre[-1][1]))
        starts = [a for a, _ in markers]
        for i, s in enumerate(starts):
            nxt = starts[i + 1] if i + 1 < len(starts) else None
            body = [(a, b) for a, b in kept if a >= s and (nxt is None or a < nxt)]
            spans.append((body[0][0], body[-1][1]))
    else:  # paragraphs: runs of kept lines not separated by a blank or dropped line
        run: list[tuple[int, int]] = []
        prev_end = None
        for a, b in kept:
            if run and text[prev_end:a].count("\n") > 1 or (run and _gap_dropped(text, prev_end, a)):
                spans.append((run[0][0], run[-1][1]))
                run = []
            run.append((a, b))
            prev_end = b
        if run:
            spans.append((run[0][0], run[-1][1]))
    out = []
    for a, b in spans:
        a, b = _trim(text, a, b)
        if b - a >= MIN_CHARS:
            out.append((a, b))
    return out


def _gap_dropped(text: str, a: int, b: int) -> bool:
    """True when a non-blank (boilerplate) line lies between offsets ``a`` and ``b``."""
    return bool(text[a:b].strip())


def _reports(path: Path) -> dict:
    return {r["ref"]: r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "pfd_reports.jsonl")
    ap.add_argument("--refs", nargs="*", default=[])
    ap.add_argument("--check", action="store_true", help="compare with gold/pfd_themes.jsonl")
    args = ap.parse_args(argv)
    reps = _reports(args.data)
    if args.check:
        gold = [json.loads(x) for x in (ROOT / "gold" / "pfd_themes.jsonl").read_text().splitlines()]
        by_ref: dict = {}
        for g in gold:
            by_ref.setdefault(g["ref"], set()).add((g["start"], g["end"]))
        exact = found = 0
        for ref, gs in by_ref.items():
            ours = set(concern_spans(reps[ref]["concerns"]))
            exact += len(gs & ours)
            found += len(ours)
        n = sum(map(len, by_ref.values()))
        print(f"gold spans {n}; reproduced exactly {exact} ({exact / n:.1%}); tool spans {found}")
        return 0
    for ref in args.refs:
        c = reps[ref]["concerns"]
        for a, b in concern_spans(c):
            print(f"{ref} {a}-{b}: {c[a:b][:100]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
