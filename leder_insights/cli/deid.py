"""``leder-insights deid``: find identifiers (``analyze``) and measure detection (``evaluate``).

``deid analyze IN.jsonl -o OUT.jsonl`` follows ``interfaces.md`` §2: one output line per input
line, same order, ``{"id", "entities": [{start, end, entity_type, category, score, source}]}``
plus the model that found them. A sidecar ``OUT.jsonl.meta.json`` records the model, the
recognizers, the allow-list version and the config hash. Input is checked first: a bad line is
a numbered error naming the line (exit 1) and nothing is written.

``deid evaluate GOLD`` scores the detector against synthetic gold (``gold_deid.jsonl``) or the
real-text offset file (``gold/pfd_deid_dev.jsonl``, joined with ``--pfd-reports``).

``deid run`` de-identifies a whole corpus (the job is :func:`leder_insights.jobs.run_deid`);
``deid keygen -o FILE`` writes a new random key readable by its owner only (0600).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from ..errors import Errors, InputError

app = typer.Typer(no_args_is_help=True, add_completion=False,
                  help="De-identification: find identifiers, evaluate, de-identify a corpus.")



def _detector(config: Optional[Path]):
    from ..config import load_config
    from ..deid import build_detector

    cfg = load_config(config)
    return cfg, build_detector(cfg)


#: documents analysed per window (memory is bounded by a window, not by the input)
ANALYZE_WINDOW = 2000


@app.command("analyze")
def analyze(
    input: Path = typer.Argument(..., help="JSON Lines with an id and a text per line."),
    output: Path = typer.Option(..., "-o", "--output", help="Where to write the entities (JSON Lines)."),
    id_field: str = typer.Option("id", "--id-field", help="Field holding the document id."),
    text_field: str = typer.Option("text", "--text-field", help="Field holding the text."),
    config: Optional[Path] = typer.Option(None, "--config", help="Config YAML overriding the defaults."),
    n_process: Optional[int] = typer.Option(None, "--n-process", min=1, help="Worker processes."),
):
    """Find identifiers; change nothing (interfaces.md §2)."""
    from tqdm import tqdm

    from .._files import atomic_write, check_output_path, write_text_atomic
    from ..io import iter_id_text_jsonl, windows

    check_output_path(output, input)
    meta_path = output.with_name(output.name + ".meta.json")
    check_output_path(meta_path, input)
    # the input is read twice, streaming: once to check every line before any work (a bad line
    # is an error naming it and nothing is written), once to analyse
    from ..config import load_config

    max_chars = load_config(config).io.max_text_chars
    n_docs = sum(1 for _ in iter_id_text_jsonl(input, id_field, text_field, Errors.E303, max_chars))
    cfg, det = _detector(config)
    info = {"model": det.model_name, "model_version": det.model_version}
    output.parent.mkdir(parents=True, exist_ok=True)
    rows = iter_id_text_jsonl(input, id_field, text_field, Errors.E303, max_chars)
    n = 0
    with atomic_write(output) as out, tqdm(total=n_docs, unit="doc", file=sys.stderr,
                                           desc="deid analyze") as bar:
        # bounded windows: a worker pool would otherwise queue the whole input at once
        for window in windows(rows, ANALYZE_WINDOW):
            results = det.iter_analyze([t for _, t in window], n_process=n_process)
            for (doc_id, _), ents in zip(window, results):
                out.write(json.dumps({"id": doc_id, "entities": [e.to_dict() for e in ents], **info},
                                     ensure_ascii=False) + "\n")
                n += 1
                bar.update(1)
    meta = {**info, "recognizers": det.recognizer_names, "allow_list_version": det.allow_list_version,
            "config_hash": cfg.hash(), "n_documents": n, "input": str(input)}
    write_text_atomic(meta_path, json.dumps(meta, indent=2) + "\n")
    typer.echo(f"{n} documents -> {output}", err=True)


def _load_gold(gold: Path, reports: Optional[Path]) -> list[dict]:
    """The gold documents of ``deid evaluate``: ``{"id", "text", "entities"}`` lines, or the
    real-text offset file (joined with ``reports``). A line that is cut short, not UTF-8, or has
    an entity with offsets that are not whole numbers inside its text, or a category that is not
    one of ENTITY_CATEGORIES, stops with a numbered error naming the line ([E303], [E128]),
    never [E009] or a silent miss (faults7 F5)."""
    from ..io import iter_jsonl_lines

    if gold.is_dir():
        raise InputError(Errors.E022, path=gold)
    if not gold.exists():
        raise InputError(Errors.E101, path=gold)
    docs: list[dict] = []
    for n, rec, err, _ in iter_jsonl_lines(gold):
        if err is not None:
            raise InputError(Errors.E303, line=n, path=gold,
                             reason=err.split(": ", 1)[-1] + " (not one JSON object: cut short?)")
        if not docs and "text" not in rec:  # the offset file: read by its own reader
            from ..evaluation.pfd import iter_pfd_gold

            return list(iter_pfd_gold(gold, reports))
        docs.append(_gold_doc(rec, n, gold))
    if not docs:
        raise InputError(Errors.E103, path=gold)
    return docs


def _gold_doc(rec: dict, line: int, path: Path) -> dict:
    """Check one gold line (see :func:`_load_gold`); return it."""
    from ..schema import ENTITY_CATEGORIES

    def bad(reason: str) -> InputError:
        return InputError(Errors.E303, line=line, path=path, reason=reason)

    text, entities = rec.get("text"), rec.get("entities")
    if not isinstance(text, str) or not isinstance(entities, list):
        raise bad("a gold line needs 'text' (string) and 'entities' (list)")
    for k, ent in enumerate(entities, 1):
        if not isinstance(ent, dict):
            raise bad(f"entity {k} is not an object with start, end and category")
        start, end = ent.get("start"), ent.get("end")
        if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool) \
                or isinstance(end, bool):
            raise bad(f"entity {k}: 'start' and 'end' must be whole numbers (character offsets)")
        if not 0 <= start < end <= len(text):
            raise bad(f"entity {k}: offsets [{start}:{end}] are not inside the text "
                      f"({len(text)} characters); start must be below end")
        category = ent.get("category") or ent.get("entity_type")
        if category not in ENTITY_CATEGORIES:
            raise bad(f"entity {k}: category is {'missing' if category is None else 'not known'}; "
                      f"use one of {', '.join(ENTITY_CATEGORIES)}")
    return rec


@app.command("evaluate")
def evaluate(
    gold: Path = typer.Argument(..., help="gold_deid.jsonl (id, text, entities) or the real-text "
                                         "offset file (ref, field, start, end, category)."),
    pfd_reports: Optional[Path] = typer.Option(
        None, "--pfd-reports", help="Coroners' reports joined with an offset gold file "
                                    "(default: pfd_reports.jsonl in config paths.shared_data)."),
    config: Optional[Path] = typer.Option(None, "--config", help="Config YAML overriding the defaults."),
    n_process: Optional[int] = typer.Option(None, "--n-process", min=1, help="Worker processes."),
    as_json: bool = typer.Option(False, "--json", help="Print the metrics as JSON."),
    show_misses: bool = typer.Option(False, "--show-misses",
                                     help="List missed/false spans with their raw text (local use only)."),
):
    """Recall/precision/F2 of the detector at entity and token level, overall and per category.

    An entity is found when >= 90% of its non-space characters are covered by predictions; a
    prediction is correct when >= 90% of its non-space characters lie inside gold spans. The
    fields of one review or report (ids REF:field) are analysed together, as de-identification
    does: a value found in one field is also marked where it recurs in another.
    """
    from ..deid import evaluate_spans, format_report, predict_documents

    docs = _load_gold(gold, pfd_reports)
    _, det = _detector(config)
    preds = predict_documents(det, docs, n_process=n_process)
    m = evaluate_spans(docs, preds, show_text=show_misses)
    m["model"] = det.model_name
    m["model_version"] = det.model_version
    if as_json:
        typer.echo(json.dumps(m, indent=2, ensure_ascii=False))
        return
    typer.echo(format_report(m))
    key = "text" if show_misses else "hint"
    typer.echo(f"missed entities ({len(m['misses'])}{'+' if len(m['misses']) >= 200 else ''}; "
               f"{'raw text' if show_misses else 'masked: first character + shape'}):")
    for x in m["misses"]:
        typer.echo(f"  {x['id']} {x['category']:<12} [{x['start']}:{x['end']}] {x[key]!r} "
                   f"covered {x['covered']:.0%}")
    if show_misses:
        typer.echo(f"false positives ({len(m['false_positives'])}):")
        for x in m["false_positives"]:
            typer.echo(f"  {x['id']} {x['category']:<12} [{x['start']}:{x['end']}] {x[key]!r}")


@app.command("run")
def run(input: Path = typer.Argument(..., help="Review corpus (.csv, .xlsx, .jsonl, .parquet)."),
        out: Path = typer.Option(..., "-o", "--out", help="Output directory."),
        profile: Optional[str] = typer.Option(None, "--profile",
                                              help="De-identification profile (local, national)."),
        key_file: Optional[Path] = typer.Option(None, "--key-file",
                                                help="HMAC key file (or set LEDER_DEID_KEY)."),
        mapping: Optional[Path] = typer.Option(None, "--mapping", help="Column-mapping file."),
        config: Optional[Path] = typer.Option(None, "--config", help="YAML config overriding the defaults."),
        n_process: Optional[int] = typer.Option(None, "--n-process", min=1, help="Worker processes."),
        chunk_rows: int = typer.Option(500, "--chunk-rows", min=1, help="Reviews per chunk."),
        delimiter: Optional[str] = typer.Option(None, "--delimiter",
                                                help="CSV delimiter, when it is not a comma (e.g. ';' or 'tab')."),
        sheet: Optional[str] = typer.Option(None, "--sheet",
                                            help="Excel sheet name or 0-based index (default: the first sheet)."),
        public_text: Optional[list[Path]] = typer.Option(
            None, "--public-text", help="With --profile national: public text to compare released "
                                        "free text with (repeatable): a PFD download (.jsonl), .txt "
                                        "files or a directory. Matching values are withheld."),
        force: bool = typer.Option(False, "--force",
                                   help="Replace files in OUT that leder-insights did not write, "
                                        "and remove an earlier run's files this run would not "
                                        "replace.")):
    """De-identify the free-text columns of INPUT into OUTDIR (data, audit, quarantine, run.json).

    Files of the same names already in OUT are replaced only when an earlier run wrote them (else
    [E027]), and an earlier run's files that this run would not replace (another input's data) are
    never left beside its own ([E028]); --force replaces and removes them.
    """
    from rich.progress import Progress

    from .._files import output_dir, same_file
    from .corpus import _delimiter, _sheet
    from ..config import load_config
    from ..deid import load_key
    from ..errors import EXIT_BAD_INPUT, Errors, UsageError
    from ..jobs import run_deid

    cfg = load_config(config)
    if profile is not None and profile not in cfg.deid.profiles:
        raise UsageError(Errors.E005, value=profile, option="--profile",
                         allowed=", ".join(sorted(cfg.deid.profiles)))
    if public_text:
        chosen = profile or cfg.deid.default_profile
        if not cfg.deid.profiles[chosen].release:
            raise UsageError(Errors.E006, value=f"with --profile {chosen}", option="--public-text",
                             rule="the public-text check is part of a release; add --profile national")
        cfg.release.public_text.paths = [*cfg.release.public_text.paths, *map(str, public_text)]
    key = load_key(key_file, env_var=cfg.deid.key_env_var, min_bytes=cfg.deid.min_key_bytes)
    names = [input.name, "audit.jsonl", "quarantine.csv", "run.json"]
    if same_file(out / input.name, input):  # never over the input, --force or not
        raise UsageError(Errors.E309, path=out / input.name)
    with output_dir(out, names, command="deid run", force=force), Progress(transient=True) as bar:
        task = bar.add_task("de-identifying", total=None)
        summary = run_deid(input, out, profile=profile, key=key, config=cfg, mapping=mapping,
                           n_process=n_process, chunk_rows=chunk_rows,
                           delimiter=_delimiter(delimiter), sheet=_sheet(sheet),
                           on_chunk=lambda i, n: bar.update(task, completed=i + 1, total=n))
    typer.echo(f"rows in {summary['rows_in']} = out {summary['rows_out']} + quarantined "
               f"{summary['rows_quarantined']} (input {summary['rows_quarantined_input']}, "
               f"de-identification {summary['rows_quarantined_deidentify']})")
    if summary.get("extra_columns"):  # what was done to each column outside the schema
        for line in extra_columns_note(summary["extra_columns"]):
            typer.echo(line, err=True)
    elif summary.get("unlisted_text_columns"):
        typer.echo(f"note: column(s) {', '.join(map(repr, summary['unlisted_text_columns']))} are "
                   "not in the review schema and were de-identified as free text; if one is a "
                   "schema column under a local name, map it with --mapping", err=True)
    if summary.get("review_ids_refused"):
        typer.echo(f"warning: {summary['review_ids_refused']} row(s) quarantined with [E395]: "
                   f"{Errors.E395}", err=True)
    if summary.get("coded_values_withheld"):
        from ..errors import InputError
        from ..jobs import WITHHELD_MARKER, coded_values

        allowed = coded_values(cfg.release.schema_name)
        for column, n in summary["coded_values_withheld"].items():  # once per column, no values
            shown = allowed.get(column, ())
            typer.echo("warning: " + str(InputError(
                Errors.E312, n=n, column=column, marker=repr(WITHHELD_MARKER),
                allowed=", ".join(shown[:6]) + (", …" if len(shown) > 6 else ""))), err=True)
    if summary.get("public_text"):
        typer.echo(f"public text: {summary['public_text'].get('status')}")
    if summary.get("releasable") is not False:
        typer.echo(f"wrote {out / summary['output']}, audit.jsonl, quarantine.csv, run.json")
    if summary["rows_quarantined"] and summary.get("releasable") is not False:
        typer.echo(f"warning: {summary['rows_quarantined']} rows quarantined; see "
                   f"{out / 'quarantine.csv'}", err=True)
    if summary["rows_in"] and not summary["rows_out"]:
        typer.echo("error: no row could be de-identified", err=True)
        raise typer.Exit(EXIT_BAD_INPUT)
    if summary.get("releasable") is False:  # the release gate (national profile), as in submit
        from ..jobs import refusal_error

        typer.echo(f"NOT releasable; withheld (not written): {', '.join(summary['withheld'])}",
                   err=True)
        raise refusal_error(summary["residual_risk"], summary.get("release"), out / "run.json",
                            summary.get("public_text"))


@app.command("keygen")
def keygen(out: Path = typer.Option(..., "-o", "--out", help="Where to write the new key file."),
           force: bool = typer.Option(False, "--force", help="Overwrite an existing key file.")):
    """Write a new random pseudonym key (owner-only permissions). Keep it secret and backed up."""
    from ..deid import write_key_file

    path = write_key_file(out, overwrite=force)
    typer.echo(f"wrote a new pseudonym key to {path} (permissions 0600). Keep it secret: anyone "
               "with it can link pseudonyms; losing it changes every pseudonym.")


def register(root: typer.Typer) -> None:
    """Add the ``deid`` group to the root command."""
    root.add_typer(app, name="deid")


__all__ = ["app", "analyze", "evaluate", "run", "keygen", "register"]


def extra_columns_note(extra: dict) -> list[str]:
    """The end-of-run note of ``deid run`` on the columns outside the schema: one line per kind of
    treatment, naming every column (faults8 F1: none left out, and none said to be de-identified
    as free text when its cells were masked whole). Counts only, never a value.

    >>> extra_columns_note({"Surname": {"kind": "identifier_header", "cells_masked": 3}})[0][:72]
    "note: column(s) 'Surname' are not in the review schema and their header "
    """
    from ..jobs import EXTRA_MASK

    said = {
        "identifier_header": "their header names an identifier: every value was written as {mask}",
        "undeclared": ("a number, a date or a short value (no context to judge it by) was written "
                       "as {mask}, longer text was de-identified as free text; mark such a column "
                       "free_text in a --mapping file to have its short text read as free text"),
        "declared_free_text": ("--mapping declares them free_text: de-identified as free text, "
                               "long numbers written as {mask}"),
    }
    lines = []
    for kind, words in said.items():
        cols = [c for c, rec in extra.items() if rec.get("kind") == kind]
        if cols:
            n = sum(int(extra[c].get("cells_masked", 0)) for c in cols)
            lines.append(f"note: column(s) {', '.join(map(repr, cols))} are not in the review "
                         f"schema and {words.format(mask=repr(EXTRA_MASK))} ({n} cell(s) masked "
                         "whole)")
    if lines:
        lines.append("note: if one of them is a schema column under a local name, map it with "
                     "--mapping")
    return lines
