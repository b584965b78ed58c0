"""Write ``leder_insights/deid/conf/lowercase_reference_words.txt``: words of three letters or more
seen in lower case in at least three of the shared Prevention of Future Deaths reports (OGL), minus
the everyday words the detector already has. The family-name rule reads a capitalised word found
here ("Extended family", "Wider relatives") as an ordinary word, not a surname.

Words are counted once per report, only between spaces or punctuation (never inside an e-mail
address, a URL or a file name), so a name written in lower case once is not kept. No report text
beyond single lower-case words is written.

Run: ``PYTHONPATH=$PWD .venv/bin/python tools/build_lowercase_reference.py [reports.jsonl]``
"""
from __future__ import annotations

import collections
import json
import re
import sys
from pathlib import Path

from leder_insights import config
from leder_insights.deid import everyday_words

OUT = Path(__file__).resolve().parents[1] / "leder_insights" / "deid" / "conf" / "lowercase_reference_words.txt"
MIN_REPORTS = 3
_WORD = re.compile(r"(?<![\w@./_'’-])([a-z]{3,})(?![\w@/_'’])")


def main(path: Path) -> int:
    seen: collections.Counter = collections.Counter()
    with open(path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            text = " ".join(str(r.get(k) or "") for k in ("inquest", "circumstances", "concerns"))
            seen.update({m.group(1) for m in _WORD.finditer(text)})
    kept = sorted(w for w, n in seen.items() if n >= MIN_REPORTS and w not in everyday_words())
    header = ("# Words seen in lower case in at least three Prevention of Future Deaths reports (OGL),\n"
              "# minus the detector's everyday words; written by tools/build_lowercase_reference.py.\n")
    OUT.write_text(header + "\n".join(kept) + "\n", encoding="utf-8")
    print(f"{len(kept)} words -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else config.data_path("shared_data") / "pfd_reports.jsonl"))
