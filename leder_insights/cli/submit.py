"""``leder-insights submit``: a national submission bundle with a residual-risk gate."""
from __future__ import annotations

from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    @app.command("submit")
    def submit(input: Path = typer.Argument(..., help="Review corpus (.csv, .xlsx, .jsonl, .parquet)."),
               out: Path = typer.Option(..., "-o", "--out", help="Bundle directory (resumed if unfinished)."),
               key_file: Path = typer.Option(None, "--key-file",
                                             help="HMAC key file (or set LEDER_DEID_KEY)."),
               profile: str = typer.Option("national", "--profile", help="De-identification profile."),
               engine: str = typer.Option("local", "--engine", help="local or spark."),
               mapping: Path = typer.Option(None, "--mapping", help="Column-mapping file."),
               config: Path = typer.Option(None, "--config", help="YAML config overriding the defaults."),
               n_process: int = typer.Option(None, "--n-process", min=1, help="Worker processes (>= 1)."),
               chunk_rows: int = typer.Option(None, "--chunk-rows", min=1, help="Reviews per chunk (>= 1)."),
               theme_model: Path = typer.Option(None, "--theme-model", help="Theme model directory."),
               delimiter: str = typer.Option(None, "--delimiter",
                                             help="CSV delimiter, when it is not a comma (e.g. ';' or 'tab')."),
               sheet: str = typer.Option(None, "--sheet",
                                         help="Excel sheet name or 0-based index (default: the first sheet)."),
               after: list[Path] = typer.Option(None, "--after",
                                                help="Bundle of an earlier release of overlapping reviews "
                                                     "(repeatable): its levels and suppressions are kept."),
               public_text: list[Path] = typer.Option(None, "--public-text",
                                                      help="Public text to compare released free text with "
                                                           "(repeatable): a PFD download (.jsonl), .txt files or "
                                                           "a directory. Matching values are withheld."),
               accept_weakened: bool = typer.Option(False, "--accept-weakened-protection",
                                                    help="Release although settings weaken the release's "
                                                         "protection (recorded in the manifest and QA report).")):
        """De-identify INPUT into a bundle; exits 3 when the residual-risk gate refuses release."""
        from rich.progress import Progress

        from .._files import output_dir
        from .corpus import _delimiter, _sheet
        from ..config import load_config
        from ..deid import load_key
        from ..errors import Errors, UsageError
        from ..jobs import build_submission

        if engine not in ("local", "spark"):
            raise UsageError(Errors.E005, option="--engine", value=engine, allowed="local, spark")
        cfg = load_config(config)
        if after:
            cfg.release.after = [*cfg.release.after, *map(str, after)]
        if public_text:
            cfg.release.public_text.paths = [*cfg.release.public_text.paths, *map(str, public_text)]
        if accept_weakened:
            cfg.release.accept_weakened = True
        if profile not in cfg.deid.profiles:
            raise UsageError(Errors.E005, value=profile, option="--profile",
                             allowed=", ".join(sorted(cfg.deid.profiles)))
        key = load_key(key_file=key_file, env_var=cfg.deid.key_env_var)
        deidentifier = None
        if engine == "spark":
            from ..deid import SparkDeidentifier

            deidentifier = SparkDeidentifier(profile=profile, key=key, config=cfg)
        finished: set[int] = set()  # chunks may finish out of order (worker processes)

        def on_chunk(i: int, n: int | None) -> None:
            finished.add(i)
            bar.update(task, completed=len(finished), total=n)

        # the bundle directory is locked while this run writes (a second run into it is [E029]);
        # its own checks (E602, resumable runs) decide what may be replaced
        with output_dir(out, command="submit"), Progress(transient=True) as bar:
            task = bar.add_task("de-identifying", total=None)
            result = build_submission(
                input, out, key=key, profile=profile, config=cfg, mapping=mapping,
                n_process=n_process, chunk_rows=chunk_rows,
                theme_model_dir=str(theme_model) if theme_model else None, deidentifier=deidentifier,
                on_chunk=on_chunk, delimiter=_delimiter(delimiter), sheet=_sheet(sheet))
        m = result.manifest
        typer.echo(f"rows in {m['rows_in']} = out {m['rows_out']} + quarantined {m['rows_quarantined']}")
        g = m["residual_risk"]
        typer.echo(f"residual risk: {g['n_candidates']} candidates, {g['rate_per_1k_words']} per 1,000 "
                   f"words (threshold {g['threshold_per_1k_words']})")
        pub = m.get("public_text") or {}
        typer.echo(f"public text: {pub.get('status')}")
        typer.echo(f"bundle: {out} ({'releasable' if result.releasable else 'NOT releasable'})")
        if m.get("withheld"):
            typer.echo(f"withheld (not written): {', '.join(m['withheld'])}; the bundle holds only "
                       "the QA report and a manifest saying it is not releasable", err=True)
        if not result.releasable:
            from ..jobs import refusal_error

            raise refusal_error(g, m.get("release"), out / "qa_report.html", m.get("public_text"))
