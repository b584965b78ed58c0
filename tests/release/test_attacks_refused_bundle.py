"""Attacker 3's F11: a bundle refused for k (exit 3) keeps only ``manifest.json`` and
``qa_report.html``, and they printed each failing combination with its exact size (a size-1 cell
"sex: other", where the audit would print "<5"), the achieved k and shares from which the size
follows, and the input's sha256 (anyone holding a candidate file could confirm it was the input).

The intruder here reads only the two published files of a refused bundle made from six invented
reviews, one of them the only "other" sex, and tries to (1) read the size of a failing
combination, (2) work it out from k, the uniques or a share times the record count, (3) confirm
the input file by its sha256.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import stat

import pytest

from leder_insights.cli import main
from leder_insights.corpus import synthesize
from leder_insights.jobs._submission import RISK_FILE, local_dir_for

K = 5


def _numbers_below_k(value) -> list:
    """Every whole count below k (and above 0) in a record's count fields."""
    return [value] if isinstance(value, int) and not isinstance(value, bool) and 0 < value < K else []


@pytest.fixture(scope="module")
def refused(tmp_path_factory):
    root = tmp_path_factory.mktemp("refused")
    reviews = synthesize(n_reviews=6, seed=303).reviews.copy()
    reviews.loc[0, ["sex", "ethnic_group", "age_at_death"]] = ["other", "White: Roma", 97]
    src = root / "tiny.csv"
    reviews.to_csv(src, index=False)
    key = root / "k.key"
    key.write_text(secrets.token_hex(32))
    os.chmod(key, 0o600)
    out = root / "bundle"
    code = main(["submit", str(src), "-o", str(out), "--key-file", str(key), "--n-process", "1"])
    return code, src, out


@pytest.mark.slow
def test_attack_refused_bundle_gives_no_small_count_and_no_input_fingerprint(refused, capsys):
    code, src, out = refused
    assert code == 3 and sorted(p.name for p in out.iterdir()) == ["manifest.json", "qa_report.html"]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    qa = (out / "qa_report.html").read_text(encoding="utf-8")
    plan, risk = manifest["release"]["plan"], manifest["release"]["risk"]
    assert manifest["release"]["releasable"] is False and plan["k_target"] == K
    # (1) the failing combinations are named, their sizes are not
    failing = plan["failing"] + risk["failing"]
    assert failing and {f["size"] for f in failing} == {f"<{K}"}
    cells = re.search(r"Failing combinations.*?</table>", qa, re.S)
    assert cells and re.findall(r"<td>(&lt;\d|\d+)</td></tr>", cells.group(0)) == [f"&lt;{K}"] * len(risk["failing"])
    # (2) nor follow from the achieved k, the uniques or a share times the record count
    leaks = []
    for part in (plan, risk):
        for name, value in part.items():
            if name.startswith(("n_", "k")) and name not in ("n_records", "k_target", "n_classes"):
                leaks += [(name, v) for v in _numbers_below_k(value)]
            if name.startswith("share_") and isinstance(value, float):
                count = round(value * risk["n_records"])
                leaks += [(name, count)] if 0 < count < K else []
    assert leaks == [], leaks
    # (3) the input cannot be confirmed from its sha256
    sha = hashlib.sha256(src.read_bytes()).hexdigest()
    assert sha not in json.dumps(manifest) and sha not in qa
    # the operator still gets the exact record, beside the bundle and owner-only
    exact = local_dir_for(out) / RISK_FILE
    assert stat.S_IMODE(exact.stat().st_mode) == 0o600
    assert 1 in {f["size"] for f in json.loads(exact.read_text(encoding="utf-8"))["risk"]["failing"]}
