"""The ``leder-insights`` command line. One module per command group; this module wires them.

Exit codes follow ``interfaces.md`` §4: 0 ok, 1 bad input/failed check, 2 usage, 3 gate refused.
Commands raise :class:`~leder_insights.errors.LederError`; :func:`main` is the one place that turns
an error into its message and exit code.
"""
from __future__ import annotations

import os
import signal
import sys
import warnings

import typer
from typer._click import exceptions as exc_mod  # typer >= 0.29 vendors click

from .. import __version__
from ..errors import Errors, LederError, numbered, os_error
from . import corpus, deid, demo, explore, submit, themes

app = typer.Typer(name="leder-insights", no_args_is_help=True, add_completion=False,
                  help="De-identify LeDeR reviews, theme their learning, explore it in workshops.")


def _version_callback(value: bool):
    if value:
        typer.echo(f"leder-insights {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(version: bool = typer.Option(False, "--version", callback=_version_callback, is_eager=True,
                                       help="Show the version and exit.")):
    """leder-insights: learning from lives and deaths, without exposing who the person was."""


# One registration style: every command module has ``register(root)``, called here and only here
# (no module registers itself when imported).
for _module in (corpus, deid, themes, submit, explore, demo):
    _module.register(app)


class Terminated(KeyboardInterrupt):
    """SIGTERM, turned into an interruption so commands stop cleanly (as on Ctrl-C)."""

    #: set when SIGTERM arrived: a library that turned the interruption into its own exception
    #: (DuckDB, pyarrow: RuntimeError) is still reported as interrupted, never as [E009]
    received = False


def _on_sigterm(signum, frame):  # pragma: no cover - exercised through a subprocess test
    Terminated.received = True
    raise Terminated()


def _show_warning(message, category, filename, lineno, file=None, line=None):
    """Our numbered warnings (e.g. [E310], a key file others can read) as one line saying what
    to do, not Python's form with a source file and line; other warnings as Python shows them."""
    text = str(message)
    if text.startswith("[E"):
        typer.echo(f"warning: {text}", err=True)
    else:
        _PY_SHOW(message, category, filename, lineno, file, line)


_PY_SHOW = warnings.showwarning
_INTERRUPTED = ("interrupted: nothing was written under a final output name; run the same command "
                "again.")


def main(argv: list[str] | None = None) -> int:
    """Run the CLI, mapping our errors to their exit codes with the numbered message.

    This is the one place where exceptions become exit codes: numbered errors keep theirs,
    operating-system and project-store (DuckDB) errors (permission, disk full, a directory where a
    file is needed …) become numbered errors (exit 1), Ctrl-C and SIGTERM exit 130 with what was
    saved, and any other exception is [E009] (a bug to report), never a traceback.
    """
    old_term = None
    Terminated.received = False
    try:
        old_term = signal.signal(signal.SIGTERM, _on_sigterm)
    except ValueError:  # not the main thread
        pass
    old_show = warnings.showwarning
    warnings.showwarning = _show_warning
    try:
        rc = app(args=argv, standalone_mode=False, prog_name="leder-insights")
    except LederError as exc:
        typer.echo(f"error: {exc}", err=True)
        return exc.exit_code
    except typer.Exit as exc:
        if exc.exit_code == 130:  # typer's form of Ctrl-C / SIGTERM (see Terminated)
            typer.echo(_INTERRUPTED, err=True)
        return exc.exit_code
    except OSError as exc:
        err = os_error(exc)
        typer.echo(f"error: {err}", err=True)
        return err.exit_code
    except RecursionError:
        typer.echo("error: [E107] the input is nested too deeply to be read (a JSON value nested "
                   "thousands of levels deep?). Fix or remove that record.", err=True)
        return 1
    except (typer.Abort, KeyboardInterrupt):
        typer.echo(_INTERRUPTED, err=True)
        return 130
    except exc_mod.NoArgsIsHelpError as exc:
        exc.show()
        return 0
    except exc_mod.UsageError as exc:
        exc.show()
        return 2
    except exc_mod.ClickException as exc:
        exc.show()
        return exc.exit_code
    except Exception as exc:  # the last resort: a numbered message, never a traceback
        if Terminated.received:  # SIGTERM, re-raised by a library as its own error (faults7 F3)
            typer.echo(_INTERRUPTED, err=True)
            return 130
        mapped = numbered(exc)
        if mapped is None:
            if os.environ.get("LEDER_DEBUG"):
                raise
            command = " ".join(a for a in (argv if argv is not None else sys.argv[1:])[:2]
                               if not a.startswith("-"))
            mapped = LederError(Errors.E009, kind=type(exc).__name__, command=command or "…")
        typer.echo(f"error: {mapped}", err=True)
        return mapped.exit_code
    finally:
        warnings.showwarning = old_show
        if old_term is not None:
            signal.signal(signal.SIGTERM, old_term)
    if rc == 130:  # typer turns Ctrl-C inside a command into a *returned* 130 (not raised)
        typer.echo(_INTERRUPTED, err=True)
    return rc if isinstance(rc, int) else 0


def run() -> None:  # pragma: no cover - console entry
    sys.exit(main())


__all__ = ["app", "main"]
