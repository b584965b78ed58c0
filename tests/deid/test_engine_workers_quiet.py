"""Worker processes end quietly when the pool is terminated, even under a raising SIGTERM handler."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
_SCRIPT = """
import signal
class Terminated(KeyboardInterrupt):
    pass
def _raise(*_):
    raise Terminated()
signal.signal(signal.SIGTERM, _raise)   # what the CLI installs in the parent
from leder_insights.deid._engine import build_detector
det = build_detector()
out = det.analyze_many(["Karen Smith visited on 3 May 2021."] * 40, n_process=2, batch_size=4)
print(len(out), sum(len(x) > 0 for x in out))
"""


@pytest.mark.slow
def test_terminated_workers_print_no_traceback():
    proc = subprocess.run([sys.executable, "-c", _SCRIPT], capture_output=True, text=True, cwd=REPO,
                          env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.split() == ["40", "40"]
    assert "Traceback" not in proc.stderr and "Terminated" not in proc.stderr, proc.stderr[-2000:]
