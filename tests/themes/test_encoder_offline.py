"""The sentence encoder never phones home: onnxruntime's telemetry is off (FAULTS F1)."""
from __future__ import annotations

import pytest

import os
import subprocess
import sys
import textwrap


@pytest.mark.slow
def test_encoder_leaves_no_telemetry_queue_in_home(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("XDG_CACHE_HOME", "ORT_DISABLE_TELEMETRY")}
    env["HOME"] = str(home)
    code = textwrap.dedent("""
        from leder_insights.themes._encoder import SentenceEncoder
        print(SentenceEncoder().fit([]).transform(["Staff made reasonable adjustments."]).shape)
    """)
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "(1, " in out.stdout
    written = sorted(str(p.relative_to(home)) for p in home.rglob("*"))
    assert not [p for p in written if "onnxruntime" in p or "Microsoft" in p], written
