"""Start ``leder-insights explore`` on a free 127.0.0.1 port for browser tests, and stop it.

Used by the session server in ``conftest.py`` and by test modules that need a server of their own
(a project store where actions can be recorded).
"""
from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_explore(project: Path, log: Path, timeout: float = 90.0) -> Iterator[tuple[str, int]]:
    """Run ``leder-insights explore PROJECT --no-browser``; yield (URL with token, server pid).

    The server is stopped by process group (with its kernels) when the block ends.
    """
    port = free_port()
    with open(log, "wb") as fh:
        proc = subprocess.Popen([sys.executable, "-c", "from leder_insights.cli import run; run()",
                                 "explore", str(project), "--port", str(port), "--no-browser"],
                                stdout=fh, stderr=subprocess.STDOUT,
                                env=dict(os.environ, PYTHONUNBUFFERED="1"), start_new_session=True)
    try:
        url, deadline = None, time.time() + timeout
        while url is None:
            if time.time() > deadline:
                raise RuntimeError(f"Voilà did not start in {timeout:.0f} s:\n{log.read_text()}")
            text = log.read_text(errors="replace")
            m = re.search(rf"http://127\.0\.0\.1:{port}/\?token=[\w-]+", text)
            if m and "is running at" in text:
                with socket.socket() as s:
                    url = m.group(0) if s.connect_ex(("127.0.0.1", port)) == 0 else None
            if proc.poll() is not None:
                raise RuntimeError(f"explore exited early:\n{log.read_text()}")
            if url is None:
                time.sleep(0.3)
        yield url, proc.pid
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
