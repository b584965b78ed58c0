"""No git conflict marker is left in a file of the repository.

A merge once left ``<<<<<<<``/``>>>>>>>`` lines inside an HTML template string of the QA report;
Python parsed it, so no other test failed, and the page printed the markers. Lines are read as
text, so markers inside strings, YAML, Markdown and notebooks are found too.
"""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MARKER = re.compile(r"^(<{7}|>{7})( |$)|^={7}$", re.M)


def _tracked_files() -> list[Path]:
    try:
        out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True)
        names = [n for n in out.stdout.decode().split("\0") if n]
    except (OSError, subprocess.CalledProcessError):  # an unpacked source tree: walk it
        names = [str(p.relative_to(ROOT)) for p in ROOT.rglob("*") if p.is_file()
                 and not any(part.startswith(".") for part in p.relative_to(ROOT).parts)]
    return [ROOT / n for n in names]


def leftovers(text: str) -> list[int]:
    """Line numbers of conflict-marker lines in ``text``.

    >>> leftovers("a\\n" + "<" * 7 + " HEAD\\nb\\n" + "=" * 7 + "\\nc\\n" + ">" * 7 + " main\\n")
    [2, 4, 6]
    >>> leftovers("a heading\\n=========\\n")
    []
    """
    return [text.count("\n", 0, m.start()) + 1 for m in MARKER.finditer(text)]


def test_marker_pattern_catches_a_conflict_and_spares_underlines():
    assert leftovers("x\n<<<<<<< HEAD\ny\n=======\nz\n>>>>>>> h/branch\n") == [2, 4, 6]
    assert leftovers("Title\n=======\n") == [2]  # exactly seven is ambiguous: flagged, none exist
    assert leftovers("Title\n========\n<<<<<<<<\n") == []


def test_no_tracked_file_holds_a_conflict_marker():
    found = []
    for path in _tracked_files():
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue  # binary files (model weights, images)
        found += [f"{path.relative_to(ROOT)}:{n}" for n in leftovers(text)]
    assert not found, f"conflict markers left by a merge: {found}"
