"""Run ``leder-insights submit`` in a subprocess with the fast test components (a regex fake
detector that also finds what the gate's regexes find, a regex-only gate), for the fault-injection tests: they kill this process, its workers
or its finalisation and check what is left on disk.

Environment: ``FAULT_CHUNK_SLEEP`` seconds each chunk sleeps (time to kill mid-run);
``FAULT_KILL_IN_PUBLISH=1`` SIGKILLs the process after the first file is published.
"""
import os
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _gate_aware_fake import GateAwareFake  # noqa: E402

import leder_insights.deid as deid_pkg  # noqa: E402
from leder_insights import _files  # noqa: E402
from leder_insights.cli import main  # noqa: E402
from leder_insights.jobs import _submission  # noqa: E402

_RealDeid = deid_pkg.Deidentifier


class FastDeidentifier(_RealDeid):
    def __init__(self, **kwargs):
        kwargs.setdefault("detector", GateAwareFake())
        super().__init__(**kwargs)


deid_pkg.Deidentifier = FastDeidentifier
_real_scanner = _submission.ResidualRiskScanner



class _BlindScanner(_real_scanner):
    """The gate is not under test here, and the fake detector misses NI numbers and phones,
    which the gate's zero tolerance for direct identifiers would refuse: find nothing."""

    def scan_many(self, texts, exclude_spans=None, batch_size=64):
        return [[] for _ in texts]

    def direct_identifiers(self, text, exclude_spans=()):
        return []


_submission.ResidualRiskScanner = lambda **kw: _BlindScanner(use_ner=False)
_real_process = _submission._process_chunk
_sleep = float(os.environ.get("FAULT_CHUNK_SLEEP", "0"))


def slow_chunk(i, chunk, job=None):
    time.sleep(_sleep)
    return _real_process(i, chunk, job)


_submission._process_chunk = slow_chunk
if os.environ.get("FAULT_KILL_IN_PUBLISH"):
    _real_publish = _files.publish
    calls = {"n": 0}

    def publish_then_die(tmp, path):
        out = _real_publish(tmp, path)
        calls["n"] += 1
        if calls["n"] == 2 and Path(path).parent.name == os.environ["FAULT_KILL_IN_PUBLISH"]:
            os.kill(os.getpid(), signal.SIGKILL)
        return out

    _submission.publish = publish_then_die

if __name__ == "__main__":
    # Ctrl-C as at a terminal: a process started with SIGINT ignored keeps it ignored (POSIX, and
    # Python installs no KeyboardInterrupt handler then); under pytest-xdist this runner could
    # inherit that from its worker, so the Ctrl-C test saw a run that never heard the signal.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    print(f"pid {os.getpid()}", flush=True)
    sys.exit(main(sys.argv[1:]))
