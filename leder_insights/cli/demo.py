"""``leder-insights demo``: the main job on the bundled synthetic corpus."""
from __future__ import annotations

from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    @app.command("demo")
    def demo(out: Path = typer.Option(Path("demo_output"), "-o", "--out", help="Output directory."),
             n_reviews: int = typer.Option(300, "-n", help="Synthetic reviews to generate."),
             seed: int = typer.Option(2024, "--seed", help="Generator seed."),
             n_process: int = typer.Option(2, "--n-process", min=1, help="Worker processes for de-identification."),
             config: Path = typer.Option(None, "--config", help="YAML config overriding the defaults.")):
        """Synthesise the default corpus, validate, load, de-identify, theme, discover, report."""
        from rich.console import Console

        from ..config import load_config
        from ..corpus import synthesize, write_corpus
        from ..jobs import run_project

        console = Console(stderr=True)
        cfg = load_config(config)
        with console.status("synthesising the corpus…"):
            paths = write_corpus(synthesize(n_reviews=n_reviews, seed=seed), out / "corpus")
        console.print(f"synthesised {n_reviews} reviews (seed {seed}) → {paths['reviews_csv']}")
        summary = run_project(paths["reviews_csv"], out, config=cfg, n_process=n_process,
                              say=lambda m: console.print(m))
        typer.echo(f"report: {summary['report']}")
        typer.echo(f"store:  {summary['store']}")
        typer.echo(f"explore in a browser: leder-insights explore {out}")
        typer.echo(f"timings (s): {summary['timings_s']}")
