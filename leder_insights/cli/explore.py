"""``leder-insights explore PROJECT``: serve the workshop explorer with Voilà on 127.0.0.1.

The server gets a fresh random token (printed as part of the URL), ``LEDER_PROJECT=PROJECT`` and
``LEDER_WORKSHOP=1`` so only de-identified text is shown and local-only reviewers refuse to run.

Each page load starts a kernel (~350 MB). The package's Voilà template (``leder``) shuts a page's
kernel down when the page is closed, the server culls kernels left without a page
(:data:`CULL_IDLE_SECONDS`), and at most :data:`MAX_KERNELS` run at once
(:class:`~leder_insights.widgets._kernels.WorkshopKernelManager`). The template also serves every font and icon from 127.0.0.1.
"""
from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
from pathlib import Path

import typer


#: a kernel with no page connected is shut down after this many idle seconds
CULL_IDLE_SECONDS = 60
#: how often the server looks for such kernels
CULL_INTERVAL_SECONDS = 15
#: most kernels (open pages) at once; a page load beyond it first shuts down kernels no page is
#: connected to (an aborted load), else gets HTTP 503 saying to close other tabs
MAX_KERNELS = 4


def voila_share_dir() -> Path:
    """The data directory holding the ``leder`` Voilà template (goes on ``JUPYTER_PATH``)."""
    from ..widgets import workshop_notebook

    return workshop_notebook().parent.parent / "share"


def voila_command(notebook: Path, port: int, token: str, open_browser: bool) -> list[str]:
    """The Voilà command line: bound to 127.0.0.1, token required, no tracebacks to users, the
    ``leder`` template (local fonts, kernel shut down with its page), kernels without a page culled.

    >>> cmd = voila_command(Path("nb.ipynb"), 8866, "t", open_browser=False)
    >>> "--Voila.ip=127.0.0.1" in cmd and "--template=leder" in cmd
    True
    """
    cmd = [sys.executable, "-m", "voila", str(notebook), f"--port={port}", "--Voila.ip=127.0.0.1",
           f"--token={token}", "--Voila.port_retries=0", "--VoilaConfiguration.show_tracebacks=False",
           "--template=leder", "--theme=light",
           f"--MappingKernelManager.cull_idle_timeout={CULL_IDLE_SECONDS}",
           f"--MappingKernelManager.cull_interval={CULL_INTERVAL_SECONDS}",
           "--MappingKernelManager.cull_connected=False",
           "--VoilaConfiguration.multi_kernel_manager_class="
           "leder_insights.widgets._kernels.WorkshopKernelManager",
           f"--WorkshopKernelManager.max_kernels={MAX_KERNELS}"]
    if not open_browser:
        cmd.append("--no-browser")
    return cmd


def explore_env(project: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["LEDER_PROJECT"] = str(project.resolve())
    env["LEDER_WORKSHOP"] = "1"
    env.setdefault("MPLBACKEND", "Agg")
    share = str(voila_share_dir())
    env["JUPYTER_PATH"] = os.pathsep.join([share] + [p for p in env.get("JUPYTER_PATH", "").split(os.pathsep)
                                                     if p and p != share])
    return env


class _Terminated(Exception):
    """SIGTERM received by ``explore``."""


def _wake(port: int, tries: int = 10) -> None:
    """Connect to Voilà's port a few times (0.3 s apart) so that its event loop wakes up and acts on
    the stop it was sent (a SIGTERM alone took 10-20 s)."""
    import socket
    import time

    for _ in range(tries):
        time.sleep(0.3)
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                pass
        except OSError:
            return  # no longer listening: it is stopping


def register(root_app: typer.Typer) -> None:
    @root_app.command("explore")
    def explore(project: Path = typer.Argument(..., help="Project directory (holds project.duckdb)."),
                port: int = typer.Option(8866, "--port", help="Port on 127.0.0.1."),
                no_browser: bool = typer.Option(False, "--no-browser", help="Do not open a browser."),
                ):
        """Start the workshop explorer (Voilà) on PROJECT; prints the URL with its access token."""
        from ..errors import Errors, StoreError
        from ..widgets import is_project, workshop_notebook

        if not is_project(project):
            raise StoreError(Errors.E502, path=project)
        nb = workshop_notebook()
        token = secrets.token_urlsafe(24)
        url = f"http://127.0.0.1:{port}/?token={token}"
        typer.echo(f"workshop explorer for {project}: {url}")
        typer.echo("(only de-identified text is shown; stop with Ctrl+C)")
        proc = subprocess.Popen(voila_command(nb, port, token, not no_browser), env=explore_env(project),
                                cwd=str(nb.parent))

        def _stop(_signum=None, _frame=None):
            if proc.poll() is None:
                proc.terminate()
                _wake(port)  # Voilà stops its loop from the signal only when the loop next wakes up
                try:
                    proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    proc.kill()

        def _on_term(_signum, _frame):
            raise _Terminated  # leave proc.wait() first: waiting again inside the handler blocks for 15 s

        previous = signal.signal(signal.SIGTERM, _on_term)
        try:
            code = proc.wait()
        except (KeyboardInterrupt, _Terminated):
            _stop()
            code = 0
        finally:
            signal.signal(signal.SIGTERM, previous)
        if code not in (0, -15):
            raise typer.Exit(1)


__all__ = ["register", "voila_command", "explore_env", "voila_share_dir", "CULL_IDLE_SECONDS"]
