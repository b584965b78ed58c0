"""``leder-insights corpus``: validate a review export, load it into a project, make a synthetic one.

``corpus validate`` exits 0 when the file is usable -- at least one valid row -- even when some
rows were quarantined (each is listed with its row, review_id, column and reason); it exits 1
when the file cannot be used at all (a file-level error such as an empty file or no review_id
column, or no valid row).
"""
from __future__ import annotations

import json
from pathlib import Path

import typer

app = typer.Typer(no_args_is_help=True, help="Validate, load and synthesise review corpora.")

_INPUT_HELP = "Review corpus (.csv, .xlsx, .jsonl or .parquet)."
_MAPPING_HELP = "Column-mapping file (YAML or JSON: {local_name: schema_name})."
_DELIM_HELP = "CSV delimiter, when it is not a comma (e.g. ';' or 'tab')."
_SHEET_HELP = "Excel sheet name or 0-based index (default: the first sheet)."


def _delimiter(value: str | None) -> str | None:
    if value is None:
        return None
    named = {"tab": "\t", "\\t": "\t", "semicolon": ";", "comma": ",", "pipe": "|"}
    value = named.get(value.lower(), value)
    if len(value) != 1:
        from ..errors import Errors, UsageError

        raise UsageError(Errors.E005, value=value, option="--delimiter",
                         allowed="one character, or tab / semicolon / comma / pipe")
    return value


def _sheet(value: str | None):
    return int(value) if value is not None and value.isdigit() else value


def _accounting(res) -> str:
    return (f"rows in {res.n_rows} = valid {res.n_valid} + quarantined {res.n_quarantined}")


class _Tally:
    """Row accounting and problems of a streamed read (no row data is kept)."""

    def __init__(self, path):
        self.path = str(path)
        self.encoding = None
        self.n_rows = self.n_valid = self.n_quarantined = 0
        self.reasons: dict[str, int] = {}
        self.n_errors = self.n_warnings = 0

    def add(self, part) -> None:
        self.encoding = part.encoding
        self.n_rows += part.n_rows
        self.n_valid += len(part.valid)
        self.n_quarantined += len(part.quarantine)
        for code, n in part.quarantine["reason_code"].value_counts().items():
            self.reasons[str(code)] = self.reasons.get(str(code), 0) + int(n)
        self.n_errors += len(part.errors)
        self.n_warnings += len(part.warnings)

    @property
    def usable(self) -> bool:
        return self.n_valid > 0

    def check(self) -> None:
        """Rows in = valid + quarantined, or the read lost or invented a row (a bug: E605)."""
        from ..errors import Errors, InputError

        if self.n_rows != self.n_valid + self.n_quarantined:
            raise InputError(Errors.E605, rows_in=self.n_rows, rows_out=self.n_valid,
                             rows_quarantined=self.n_quarantined, where=f" reading {self.path}")

    def summary(self) -> dict:
        return {"file": self.path, "encoding": self.encoding, "n_rows": self.n_rows,
                "n_valid": self.n_valid, "n_quarantined": self.n_quarantined,
                "quarantine_reasons": dict(sorted(self.reasons.items())),
                "n_errors": self.n_errors, "n_warnings": self.n_warnings, "usable": self.usable}


def _unusable(res):
    from ..errors import Errors, InputError

    return InputError(Errors.E109, path=res.path, n_valid=res.n_valid, n_rows=res.n_rows)


#: input rows per chunk of the streamed commands (memory is bounded by a chunk)
CHUNK_ROWS = 5000


@app.command("validate")
def validate(input: Path = typer.Argument(..., help=_INPUT_HELP),
             mapping: Path = typer.Option(None, "--mapping", help=_MAPPING_HELP),
             delimiter: str = typer.Option(None, "--delimiter", help=_DELIM_HELP),
             sheet: str = typer.Option(None, "--sheet", help=_SHEET_HELP),
             as_json: bool = typer.Option(False, "--json", help="Print one JSON report instead.")):
    """Check INPUT against the review schema; list every problem and the row accounting.

    Exit 0 when usable (quarantined rows do not block it); 1 on a file error or no valid row.
    The file is read streaming: memory does not grow with its number of rows.
    """
    from ..errors import LederError
    from ..io import iter_reviews

    tally = _Tally(input)
    problems = []
    try:
        for part in iter_reviews(input, mapping=mapping, delimiter=_delimiter(delimiter),
                                 sheet=_sheet(sheet), chunk_rows=CHUNK_ROWS):
            tally.add(part)
            if as_json:
                problems += [p.to_dict() for p in part.problems]
            else:
                for problem in part.problems:
                    typer.echo(str(problem))
        tally.check()
    except LederError as exc:
        if as_json:
            typer.echo(json.dumps({"file": str(input), "usable": False,
                                   "error": {"code": exc.code, "message": str(exc)}},
                                  ensure_ascii=False, indent=2))
        raise
    if as_json:
        report = tally.summary() | {"problems": problems}
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2, default=str))
    else:
        summary = tally.summary()
        typer.echo(f"{input}: encoding {tally.encoding or 'n/a'}; {_accounting(tally)}")
        if summary["quarantine_reasons"]:
            reasons = ", ".join(f"{k} x{v}" for k, v in summary["quarantine_reasons"].items())
            typer.echo(f"quarantined by reason: {reasons}")
        typer.echo(f"{summary['n_errors']} error(s), {summary['n_warnings']} warning(s); "
                   f"{'usable' if tally.usable else 'NOT usable'}")
    if not tally.usable:
        raise _unusable(tally)


@app.command("load")
def load(input: Path = typer.Argument(..., help=_INPUT_HELP),
         project: Path = typer.Option(..., "--project", help="Project directory (created if missing)."),
         mapping: Path = typer.Option(None, "--mapping", help=_MAPPING_HELP),
         delimiter: str = typer.Option(None, "--delimiter", help=_DELIM_HELP),
         sheet: str = typer.Option(None, "--sheet", help=_SHEET_HELP),
         config: Path = typer.Option(None, "--config", help="YAML config overriding the defaults."),
         quarantine_values: bool = typer.Option(
             False, "--quarantine-values",
             help="Also write each quarantined row's values into quarantine.csv, to fix them there and "
                  "load the file again. Off by default: the quarantine then holds row numbers, review ids "
                  "and reasons only, never a raw value.")):
    """Validate INPUT and save (upsert) its valid reviews into PROJECT/project.duckdb.

    Quarantined rows go to PROJECT/quarantine.csv (rewritten each load): row number, review id,
    reason code and reason, never a value (unless --quarantine-values); exit 1 if none is valid.
    The file is read once, streaming, and its valid reviews are saved as one transaction: the
    project gets all of them or (a file that is not usable, a file changed while it was read,
    Ctrl-C, SIGTERM, a full disk) none, and "saved N" is the number the store holds from it.
    """
    from .._files import FileFingerprint, output_dir
    from ..config import load_config
    from ..errors import Errors, InputError
    from ..io import iter_reviews

    cfg = load_config(config)
    if input.is_dir():
        raise InputError(Errors.E022, path=input)
    if not input.exists():
        raise InputError(Errors.E101, path=input)

    def parts():
        return iter_reviews(input, mapping=mapping, delimiter=_delimiter(delimiter),
                            sheet=_sheet(sheet), config=cfg, chunk_rows=CHUNK_ROWS)

    with output_dir(project, command="corpus load", option="--project"):  # one load into a project at a time
        _load(input, project, parts, cfg, quarantine_values, FileFingerprint(input))


class _Undone(Exception):
    """The load's transaction is rolled back (the file is not usable): raised inside it."""


def _load(input: Path, project: Path, parts, cfg, quarantine_values: bool = False,
          fingerprint=None) -> None:
    from .._files import atomic_write, check_output_path
    from ..store import STORE_FILENAME, ProjectStore

    quarantine_path = check_output_path(
        project / "quarantine.csv", input,
        advice="Copy the corrected file out of the project first (e.g. to fixed.csv) and load "
               "that copy, or choose another project with --project.")
    tally = _Tally(input)
    warnings = n_saved = 0
    store_path = project / STORE_FILENAME
    created = not store_path.exists()
    with ProjectStore(store_path) as store:
        n_before = _count(store)
        try:
            with store.transaction():
                # the quarantine is published only when the read finished and the file did not change
                with atomic_write(quarantine_path, newline="") as fh:
                    n_saved = _read_and_save(input, parts, store, tally, fh, quarantine_values,
                                             fingerprint)
                    warnings = tally.n_warnings
                if not tally.usable:
                    raise _Undone()  # nothing saved; the quarantine says why
                run_id = store.start_run("load", cfg.hash(), {}, {
                    "input": Path(input).name, "encoding": tally.encoding, "rows_in": tally.n_rows,
                    "rows_valid": tally.n_valid, "rows_quarantined": tally.n_quarantined})
                store.finish_run(run_id, "ok")
        except _Undone:
            pass
        except KeyboardInterrupt:
            typer.echo(f"interrupted: the load was undone; the project holds the same {n_before} "
                       f"review(s) as before it, and quarantine.csv was not replaced.", err=True)
            raise
        n_total = _count(store)
    typer.echo(_accounting(tally))
    if warnings:
        typer.echo(f"{warnings} warning(s); `leder-insights corpus validate {input}` lists them")
    if not tally.usable:
        if created:  # nothing to keep: no empty store is left for a file that had no valid row
            store_path.unlink(missing_ok=True)
        raise _unusable(tally)
    typer.echo(f"saved {n_saved} reviews to {store_path} ({n_total} in the project)")
    typer.echo(f"quarantine: {quarantine_path} ({tally.n_quarantined} rows)")


def _read_and_save(input: Path, parts, store, tally: _Tally, fh, quarantine_values: bool,
                   fingerprint) -> int:
    """One streamed read: tally each part, write its quarantine rows, save its valid reviews (in
    the caller's transaction); check the accounting and that the file did not change; return
    how many reviews were saved."""
    from ..errors import Errors, InputError
    from ..io import QUARANTINE_COLUMNS

    undone = "Nothing was saved to the project and quarantine.csv was not replaced."
    ids: set[str] = set()
    for k, part in enumerate(parts()):
        tally.add(part)
        rows = part.quarantine if quarantine_values else part.quarantine[QUARANTINE_COLUMNS]
        rows.to_csv(fh, index=False, header=(k == 0))
        for problem in part.errors:
            typer.echo(str(problem))
        if len(part.valid):
            store.save_reviews(part.valid)
            ids.update(str(v) for v in part.valid["review_id"])
        if fingerprint is not None:  # cheap (stat) per chunk; the content hash at the end
            fingerprint.check(undone, digest=False)
    tally.check()
    if fingerprint is not None:
        fingerprint.check(undone)
    if len(ids) != tally.n_valid:  # the rows saved are the rows checked and counted (faults7 F2)
        raise InputError(Errors.E605, rows_in=tally.n_rows, rows_out=len(ids),
                         rows_quarantined=tally.n_quarantined,
                         where=f" saving {input} (the load was undone)")
    return len(ids)


def _count(store) -> int:
    return int(store.con.execute("SELECT count(*) FROM reviews").fetchone()[0])


def _written_paths(result, out: Path) -> list[Path]:
    if result is None:
        return sorted(p for p in out.rglob("*") if p.is_file())
    if isinstance(result, (str, Path)):
        return [Path(result)]
    if isinstance(result, dict):
        return [Path(v) for v in result.values() if isinstance(v, (str, Path))]
    try:
        return [Path(p) for p in result]
    except TypeError:
        return sorted(p for p in out.rglob("*") if p.is_file())


@app.command("synth")
def synth(n: int = typer.Option(300, "-n", "--n-reviews", help="Number of reviews (at least 1)."),
          seed: int = typer.Option(0, "--seed", help="Random seed (same seed, same corpus)."),
          out: Path = typer.Option(..., "-o", "--out", help="Output directory."),
          force: bool = typer.Option(False, "--force",
                                     help="Replace files of the same names in OUT that an earlier "
                                          "synth did not write.")):
    """Write a synthetic LeDeR-style corpus with gold labels to OUT.

    Files of the same names already in OUT are replaced only when an earlier synth wrote them
    (else [E027]; --force replaces them).
    """
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from .._files import output_dir
    from ..errors import Errors, UsageError

    if n < 1:  # checked here, not with typer's min=, so that main() maps it to exit code 2
        raise UsageError(Errors.E005, value=n, option="-n", allowed="a whole number of at least 1")
    from ..corpus import CORPUS_FILES, synthesize, write_corpus

    with output_dir(out, CORPUS_FILES.values(), command="corpus synth", force=force), \
            Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                     transient=True) as bar:
        task = bar.add_task(f"synthesising {n} reviews (seed {seed})", total=2)
        corpus = synthesize(n_reviews=n, seed=seed)
        bar.update(task, advance=1, description=f"writing to {out}")
        result = write_corpus(corpus, out)
        bar.update(task, advance=1)
    written = _written_paths(result, out)
    typer.echo(f"synthesised {n} reviews (seed {seed}); wrote:")
    for path in written:
        typer.echo(f"  {path}")


def register(root: typer.Typer) -> None:
    """Add the ``corpus`` group to the root command."""
    root.add_typer(app, name="corpus")
