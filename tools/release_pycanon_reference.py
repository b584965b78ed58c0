"""Record pyCANON's k-anonymity and l-diversity of the fixtures in ``tests/release/data``.

pyCANON pins numpy 2.0.2 and pandas 2.3.3 exactly, so it cannot live in the toolkit's
environment (pandas 3); run this script with an interpreter of its own::

    python3 -m venv /tmp/canon && /tmp/canon/bin/pip install pycanon==1.3.5 anjana==1.2.3
    /tmp/canon/bin/python tools/release_pycanon_reference.py

It writes ``tests/release/data/pycanon_reference.json``; ``tests/release/test_risk_pycanon.py``
checks ``leder_insights.release.measure_risk`` against it, and also runs this script live when
``LEDER_PYCANON_PYTHON`` names such an interpreter. It also times both libraries on the
10k-row fixture (the figures in docs/release.md).
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pandas as pd

DATA = Path(__file__).resolve().parents[1] / "tests" / "release" / "data"
QI = ["icb", "region", "death_year", "age_band", "sex", "ethnic_group", "ld_severity", "place_of_death"]


def main(out: Path | None = None) -> dict:
    t0 = time.perf_counter()
    from pycanon import anonymity

    import_s = time.perf_counter() - t0
    result = {"pycanon_import_seconds": round(import_s, 2), "fixtures": {}}
    for path in sorted(DATA.glob("released_*.csv")):
        df = pd.read_csv(path, dtype=str, keep_default_na=False)
        suppressed = (df[QI] == "*").all(axis=1)
        rest = df[~suppressed].reset_index(drop=True)  # pyCANON indexes by position
        t = time.perf_counter()
        k = int(anonymity.k_anonymity(rest, QI))
        k_s = time.perf_counter() - t
        t = time.perf_counter()
        l_div = int(anonymity.l_diversity(rest, QI, ["care_grade"]))
        l_s = time.perf_counter() - t
        result["fixtures"][path.name] = {"rows": len(df), "rows_measured": len(rest), "k": k,
                                         "l_diversity": l_div, "k_seconds": round(k_s, 3),
                                         "l_seconds": round(l_s, 3)}
    # speed on 10,000 rows: the k5 fixture repeated 25 times (every class 25 times larger)
    big = pd.concat([pd.read_csv(DATA / "released_k5.csv", dtype=str, keep_default_na=False)] * 25,
                    ignore_index=True)
    big = big[~(big[QI] == "*").all(axis=1)].reset_index(drop=True)
    t = time.perf_counter()
    k_big = int(anonymity.k_anonymity(big, QI))
    result["speed_10k"] = {"rows": len(big), "k": k_big,
                           "k_seconds": round(time.perf_counter() - t, 3)}
    text = json.dumps(result, indent=2, sort_keys=True)
    if out is not None:
        out.write_text(text + "\n", encoding="utf-8")
    print(text)
    return result


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DATA / "pycanon_reference.json")
