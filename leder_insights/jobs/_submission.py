"""National submission job: streaming, resumable, with a residual-risk gate.

``build_submission`` reads any supported corpus, de-identifies it chunk by chunk (bounded memory),
splits and themes the learning points, scans the output with an independent second pass
(:class:`leder_insights.deid.ResidualRiskScanner`), and writes a bundle:

``reviews.parquet``/``reviews.csv``, ``learning_points.parquet``/``.csv``, ``audit.jsonl``,
``quarantine.csv`` (row numbers and reasons, never raw text), ``qa_report.html`` and
``manifest.json`` (row accounting, sha256 of every file, versions, run id, gate verdict).

Each chunk (de-identification, the gate's scan, theming) runs as one job, in worker processes
when ``n_process`` > 1; its part files are written atomically and its gate counts are recorded in
``progress.json`` when it is marked done. An interrupted run continues from its finished chunks
when started again with the same input and settings (``parts/`` and ``progress.json`` hold the
state); nothing is duplicated or lost. Finalisation streams the parts one at a time (Parquet row
groups, appended CSV/JSONL), so memory is bounded by a chunk, not by the corpus.
"""
from __future__ import annotations

import hashlib
import json
import multiprocessing as mp
import os
import random
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

import pandas as pd

from .. import __version__
from .._files import sha256_file
from ..deid import GateResult, ResidualRiskScanner, gate_verdict, gate_words, scan_released_file
from ..errors import DeidError, Errors, InputError
from ._qa_report import write_qa_report

PROGRESS_FILE = "progress.json"
PARTS_DIR = "parts"
#: quarantine columns kept in the bundle (row number, id and reason; never any text)
QUARANTINE_COLUMNS = ("_row", "review_id", "reason_code", "reason")


def _write_json_atomic(path: Path, obj) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(obj, indent=2, sort_keys=True, default=str), encoding="utf-8")
    os.replace(tmp, path)


@dataclass
class SubmissionResult:
    """What ``build_submission`` produced: the manifest and whether the bundle may be released."""

    out_dir: Path
    manifest: dict
    gate: dict = field(default_factory=dict)

    @property
    def releasable(self) -> bool:
        return bool(self.manifest.get("releasable"))


def _fingerprint(input_path: Path, settings: dict) -> str:
    blob = json.dumps({"input": sha256_file(input_path), **settings}, sort_keys=True).encode()
    return hashlib.sha256(blob).hexdigest()[:24]


class _Progress:
    """Which chunks are done, persisted after every chunk so a run can resume."""

    def __init__(self, out_dir: Path, fingerprint: str, run_id: str):
        self.path = out_dir / PROGRESS_FILE
        self.state = {"fingerprint": fingerprint, "run_id": run_id, "done": []}

    @classmethod
    def open(cls, out_dir: Path, fingerprint: str) -> "_Progress":
        path = out_dir / PROGRESS_FILE
        if path.exists():
            state = json.loads(path.read_text(encoding="utf-8"))
            if state.get("fingerprint") != fingerprint:
                raise InputError(Errors.E602, path=out_dir)
            prog = cls(out_dir, fingerprint, state["run_id"])
            prog.state = state
            return prog
        if out_dir.exists() and any(out_dir.iterdir()):
            raise InputError(Errors.E602, path=out_dir)
        out_dir.mkdir(parents=True, exist_ok=True)
        prog = cls(out_dir, fingerprint, uuid.uuid4().hex)
        prog.save()
        return prog

    @property
    def run_id(self) -> str:
        return self.state["run_id"]

    def is_done(self, i: int) -> bool:
        return i in self.state["done"]

    def mark_done(self, i: int, gate: dict | None = None) -> None:
        """Record chunk ``i`` as finished, with its gate counts (kept per chunk, so a chunk that
        is redone after an interruption replaces its counts instead of adding to them)."""
        self.state["done"] = sorted(set(self.state["done"]) | {i})
        if gate is not None:
            self.state.setdefault("gate", {})[str(i)] = {
                "n_words": int(gate["n_words"]), "n_candidates": int(gate["n_candidates"]),
                "per_kind": dict(gate["per_kind"])}
        self.save()

    def gate(self, i: int, parts: Path) -> dict:
        """Gate counts of finished chunk ``i`` (from the part file for runs that predate them)."""
        rec = self.state.get("gate", {}).get(str(i))
        if rec is None:
            part = json.loads((parts / f"gate-{i:05d}.json").read_text(encoding="utf-8"))
            per_kind: dict[str, int] = {}
            for c in part["candidates"]:
                per_kind[c["kind"]] = per_kind.get(c["kind"], 0) + 1
            rec = {"n_words": part["n_words"], "n_candidates": len(part["candidates"]),
                   "per_kind": per_kind}
        return rec

    def save(self) -> None:
        _write_json_atomic(self.path, self.state)


def _load_theme_model(model_dir: str | None):
    """The theme classifier (loaded once per run) and the versions to record in the manifest."""
    from ..themes import ThemeClassifier

    clf = ThemeClassifier.load(model_dir) if model_dir else ThemeClassifier.load()
    info = getattr(clf, "meta_", {}) or {}
    return clf, {"theme_model": info.get("model_version", info.get("version", "unknown")),
                 "taxonomy_version": info.get("taxonomy_version", "unknown")}


def _theme_learning_points(reviews: pd.DataFrame, clf) -> pd.DataFrame:
    """Split one chunk of de-identified reviews into learning points and theme them."""
    from ..themes import split_learning_points

    lps = split_learning_points(reviews)
    return clf.predict_frame(lps) if len(lps) else lps


def _serialisable(df: pd.DataFrame) -> pd.DataFrame:
    """Lists/dicts as JSON strings so CSV and Parquet hold the same thing."""
    out = df.copy()
    for col in out.columns:
        if out[col].map(lambda v: isinstance(v, (list, dict, tuple))).any():
            out[col] = out[col].map(lambda v: json.dumps(v, sort_keys=True, default=str)
                                    if isinstance(v, (list, dict, tuple)) else v)
    return out


def _part(parts: Path, prefix: str, i: int, suffix: str) -> Path:
    return parts / f"{prefix}-{i:05d}.{suffix}"


def _atomic(path: Path, write: Callable[[Path], None]) -> None:
    """``write(tmp)`` then rename, so a part file is complete or absent (never half written)."""
    tmp = path.with_name(f".tmp-{os.getpid()}-{path.name}")
    write(tmp)
    os.replace(tmp, path)


@dataclass
class _ChunkJob:
    """Everything one chunk needs; set before the worker processes fork (shared copy-on-write)."""

    valid: pd.DataFrame
    text_columns: list
    chunk_rows: int
    parts: Path
    deid: object
    scanner: ResidualRiskScanner
    clf: object
    n_process: int | None  # for the de-identifier's own pool (sequential path only)
    release: object = None  # leder_insights.release.Release (schema + key)
    plan: object = None     # its ReleasePlan, chosen from all rows before the chunks run


_JOB: _ChunkJob | None = None


def _process_chunk(i: int, job: _ChunkJob | None = None) -> tuple[int, dict, dict]:
    """De-identify, gate-scan and theme chunk ``i``; write its part files; return its gate counts.

    Runs in a worker process (parallel path) or in the calling process. Every part file is
    written atomically and the chunk is only marked done by the caller after this returns, so an
    interrupted chunk is simply redone. Also returns the de-identifier's ``model_info`` (so the
    parent need not load the detector just to record its versions).
    """
    job = job or _JOB
    parts, text_columns = job.parts, job.text_columns
    chunk = job.valid.iloc[i * job.chunk_rows:(i + 1) * job.chunk_rows]
    df_out, audit_df, quar_df, spans = job.deid.deidentify_frame(
        chunk, text_columns=text_columns, id_column="review_id", n_process=job.n_process,
        return_spans=True)
    cells, texts = [], []
    ids = list(df_out["review_id"])
    columns = {col: list(df_out[col]) for col in text_columns}
    for k, rid in enumerate(ids):
        for col in text_columns:
            cells.append((rid, col))
            value = columns[col][k]
            texts.append(value if isinstance(value, str) else "")
    found = job.scanner.scan_many(texts, [spans.get(cell, ()) for cell in cells])
    # the release: pseudonymised ids, shifted/banded/generalised columns, unknown columns dropped
    reviews_out = job.release.transform(df_out, job.plan)
    alias = dict(zip(ids, reviews_out["review_id"]))
    # every other released column is read too: zero tolerance for direct identifiers anywhere
    other = [c for c in reviews_out.columns if c not in text_columns and c != "review_id"]
    for col in other:
        for rid, value in zip(ids, reviews_out[col]):
            hits = job.scanner.direct_identifiers(value if isinstance(value, str) else str(value))
            if hits:
                cells.append((rid, col))
                found.append(hits)
    gate_rows = [{"review_id": alias.get(rid), "field": col, "start": c.start, "end": c.end,
                  "kind": c.kind} for (rid, col), cands in zip(cells, found) for c in cands]
    counts = gate_verdict(found, sum(gate_words(t) for t in texts), 0.0)
    gate = {"n_words": counts.n_words, "n_candidates": counts.n_candidates,
            "per_kind": counts.per_kind}
    del texts, found
    audit_df = audit_df.assign(review_id=job.release.pseudonymise(audit_df["review_id"])) \
        if "review_id" in audit_df.columns else audit_df
    quar_df = quar_df.assign(review_id=job.release.pseudonymise(quar_df["review_id"])) \
        if "review_id" in quar_df.columns else quar_df
    _atomic(_part(parts, "reviews", i, "parquet"),
            lambda p: _serialisable(reviews_out).to_parquet(p, index=False))
    # themed per chunk so that memory stays bounded by the chunk, not the corpus
    lps = _serialisable(_theme_learning_points(reviews_out, job.clf))
    _atomic(_part(parts, "lps", i, "parquet"), lambda p: lps.to_parquet(p, index=False))
    _atomic(_part(parts, "audit", i, "jsonl"),
            lambda p: audit_df.to_json(p, orient="records", lines=True))
    quar_cols = [c for c in QUARANTINE_COLUMNS if c in quar_df.columns]
    _atomic(_part(parts, "quarantine", i, "parquet"),
            lambda p: quar_df[quar_cols].assign(stage="deidentify").to_parquet(p, index=False))
    _write_json_atomic(_part(parts, "gate", i, "json"), {**gate, "candidates": gate_rows})
    return i, gate, job.deid.model_info


def _run_chunks(todo: list[int], job: _ChunkJob, n_workers: int,
                done: Callable[[int, dict, dict], None]) -> None:
    """Process chunks ``todo``: in ``n_workers`` forked processes (whole chunks, so de-identification,
    the gate's NER pass and theming all run in parallel) or, with one worker, here in order."""
    global _JOB
    if n_workers <= 1 or len(todo) <= 1 or "fork" not in mp.get_all_start_methods():
        for i in todo:
            done(*_process_chunk(i, job))
        return
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    job = _ChunkJob(**{**job.__dict__, "n_process": 1})  # one process per chunk: no nested pools
    _JOB = job
    pool = ProcessPoolExecutor(min(n_workers, len(todo)), mp_context=mp.get_context("fork"))
    futures = {pool.submit(_process_chunk, i): i for i in todo}
    try:
        for fut in as_completed(futures):
            try:
                result = fut.result()
            except BrokenProcessPool as exc:  # a worker was killed (e.g. out of memory): fail, resumable
                unfinished = sorted(i for f, i in futures.items()
                                    if not (f.done() and not f.cancelled() and f.exception() is None))
                raise DeidError(Errors.E604, chunks=", ".join(map(str, unfinished))) from exc
            done(*result)
    except BaseException:  # interrupted or failed: stop the other chunks now (they resume later)
        for proc in list((getattr(pool, "_processes", None) or {}).values()):
            proc.terminate()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        _JOB = None


def build_submission(input_path, out_dir, *, key: bytes | None, profile: str = "national",
                     config=None, mapping=None, n_process: int | None = None,
                     chunk_rows: int | None = None, theme_model_dir: str | None = None,
                     sample_size: int = 20, deidentifier=None, scanner=None,
                     on_chunk: Callable[[int, int], None] | None = None) -> SubmissionResult:
    """De-identify ``input_path`` into a national submission bundle at ``out_dir``.

    Resumable: if ``out_dir`` holds an unfinished run of the same input and settings, finished
    chunks are kept and the rest is processed. ``on_chunk(i, n)`` is called after each chunk
    (in completion order). With ``n_process`` > 1 (default ``config.deid.n_process``) whole
    chunks run in that many worker processes; the bundle is the same as with one process.
    Finalisation streams the part files, so memory is bounded by a chunk, not by the corpus.

    Examples
    --------
    >>> res = build_submission("reviews.csv", "bundle", key=key)      # doctest: +SKIP
    >>> res.manifest["rows_in"] == res.manifest["rows_out"] + res.manifest["rows_quarantined"]  # doctest: +SKIP
    True
    """
    from ..config import load_config
    from ..deid import Deidentifier
    from ..io import read_reviews
    from ..release import Release, free_text_columns

    cfg = config or load_config()
    input_path, out_dir = Path(input_path), Path(out_dir)
    if not input_path.exists():
        raise InputError(Errors.E101, path=input_path)
    chunk_rows = chunk_rows or cfg.submit.chunk_rows
    loaded = read_reviews(input_path, mapping=mapping)
    local = deidentifier is None
    deid = deidentifier or Deidentifier(profile=profile, key=key, config=cfg)
    # the release schema decides every column: de-identified text, kept, generalised, dropped
    release = Release.from_config(cfg, key, free_text=free_text_columns(mapping))
    text_columns = release.text_columns(loaded.valid.columns)
    settings = {"profile": profile, "config": cfg.hash(), "chunk_rows": chunk_rows,
                "package": __version__, "release_schema": release.schema.digest,
                "text_columns": text_columns}
    progress = _Progress.open(out_dir, _fingerprint(input_path, settings))
    parts = out_dir / PARTS_DIR
    parts.mkdir(exist_ok=True)
    for stale in parts.glob(".tmp-*"):  # half-written by an interrupted worker
        stale.unlink()
    scanner = scanner or ResidualRiskScanner(model=cfg.nlp.model)

    clf, theme_info = _load_theme_model(theme_model_dir)
    valid = loaded.valid.reset_index(drop=True)
    n_chunks = max(1, -(-len(valid) // chunk_rows))
    # k-anonymity is a property of the whole release: plan from every row's quasi-identifiers
    plan = release.plan(valid, k=cfg.release.k, max_suppressed_share=cfg.release.max_suppressed_share)
    job = _ChunkJob(valid, text_columns, chunk_rows, parts, deid, scanner, clf, n_process,
                    release, plan)

    model_info: dict = {}

    def done(i: int, gate: dict, info: dict) -> None:
        model_info.update(info)
        progress.mark_done(i, gate)
        if on_chunk:
            on_chunk(i, n_chunks)

    # chunk-level workers only for the local de-identifier (a Spark one parallelises itself)
    n_workers = (n_process if n_process is not None else cfg.deid.n_process) if local else 1
    _run_chunks([i for i in range(n_chunks) if not progress.is_done(i)], job, n_workers, done)
    del job, valid
    dropped = release.dropped_columns(loaded.valid.columns)
    return _finalise(out_dir, progress, n_chunks, loaded.n_rows,
                     loaded.quarantine.assign(review_id=release.pseudonymise(
                         loaded.quarantine["review_id"])), text_columns,
                     model_info or deid.model_info, cfg, theme_info, sample_size,
                     release=release, plan=plan, dropped=dropped)


# --- finalisation: stream the part files, one at a time ------------------------------------------

def _empty_like(df: pd.DataFrame) -> pd.DataFrame:
    """A 0-row frame with ``df``'s columns and dtypes that holds no reference to ``df``'s data
    (``df.head(0)`` is a view that would keep every part's arrays alive)."""
    return pd.DataFrame({c: pd.Series([], dtype=df[c].dtype) for c in df.columns},
                        columns=df.columns)


def _aligned_parts(sources: list[Callable[[], pd.DataFrame]]):
    """Frames from ``sources`` (read one at a time) with the columns and dtypes that
    ``pd.concat`` of all of them would give, without ever holding more than one.

    Returns ``(template, frames)``: the empty concatenated frame and a factory of a generator of
    aligned frames. ``pd.concat`` chooses columns and dtypes from the dtypes alone, so the
    concatenation of the empty heads gives exactly the result's columns and dtypes.
    """
    heads = [_empty_like(src()) for src in sources]
    template = pd.concat(heads, ignore_index=True) if heads else None
    del heads

    def frames():
        for src in sources:
            yield pd.concat([template, src()], ignore_index=True)

    return template, frames


def _stream_table(sources: list[Callable[[], pd.DataFrame]], empty: pd.DataFrame, *,
                  parquet: Path | None = None, csv: Path | None = None, jsonl: Path | None = None,
                  on_frame: Callable[[int, pd.DataFrame], None] | None = None) -> int:
    """Write the concatenation of ``sources`` as Parquet/CSV/JSONL, one part at a time.

    Same content and order as ``pd.concat(...).to_parquet/to_csv/to_json`` (``empty`` when
    there are no sources). ``on_frame(offset, frame)`` sees every aligned part. Returns the rows.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    template, frames = _aligned_parts(sources) if sources else (empty, None)
    if frames is None:
        frames = lambda: iter([empty])  # noqa: E731
    schema = None
    if parquet is not None:  # arrow types over all parts (e.g. an all-null column in one part)
        schemas = [pa.Schema.from_pandas(df, preserve_index=False) for df in frames()]
        schema = pa.unify_schemas(schemas, promote_options="permissive")
        first = schemas[0]
        del schemas
        schema = schema.with_metadata(first.metadata)
    writer = pq.ParquetWriter(parquet, schema) if parquet is not None else None
    csv_fh = open(csv, "w", encoding="utf-8", newline="") if csv is not None else None
    json_fh = open(jsonl, "w", encoding="utf-8", newline="") if jsonl is not None else None
    n = 0
    try:
        for k, df in enumerate(frames()):
            if writer is not None:
                writer.write_table(pa.Table.from_pandas(df, schema=schema, preserve_index=False))
            if csv_fh is not None:
                df.to_csv(csv_fh, index=False, header=(k == 0))
            if json_fh is not None and len(df):
                json_fh.write(df.to_json(orient="records", lines=True))
            if on_frame is not None:
                on_frame(n, df)
            n += len(df)
        if json_fh is not None and n == 0:
            json_fh.write(template.to_json(orient="records", lines=True))
    finally:
        for fh in (writer, csv_fh, json_fh):
            if fh is not None:
                fh.close()
    return n


def _finalise(out_dir: Path, progress: _Progress, n_chunks: int, n_rows: int,
              input_quarantine: pd.DataFrame, text_columns, model_info: dict, cfg, theme_info: dict,
              sample_size, release=None, plan=None, dropped=()) -> SubmissionResult:
    parts = out_dir / PARTS_DIR
    missing = [i for i in range(n_chunks) if not progress.is_done(i)]
    if missing:  # cannot happen unless progress.json was edited; never release a partial bundle
        raise RuntimeError(f"chunks {missing} are not finished; run the same command again")
    chunk_ids = range(n_chunks)

    def paths(prefix: str, suffix: str) -> list[Path]:
        return [_part(parts, prefix, i, suffix) for i in chunk_ids]

    def sources(files: list[Path], read) -> list[Callable[[], pd.DataFrame]]:
        return [(lambda p=p: read(p)) for p in files]

    # counts first (one small record per chunk): the gate verdict and the QA sample's positions
    gate_parts = [progress.gate(i, parts) for i in chunk_ids]
    per_kind: dict[str, int] = {}
    for g in gate_parts:
        for kind, v in g["per_kind"].items():
            per_kind[kind] = per_kind.get(kind, 0) + int(v)
    gate = GateResult(sum(int(g["n_candidates"]) for g in gate_parts),
                      sum(int(g["n_words"]) for g in gate_parts), dict(sorted(per_kind.items())),
                      cfg.submit.residual_risk_threshold_per_1k_words)

    # reviews: streamed, with the QA sample's rows picked up on the way by position
    import pyarrow.parquet as pq

    n_reviews = sum(pq.ParquetFile(_part(parts, "reviews", i, "parquet")).metadata.num_rows
                    for i in chunk_ids)
    seed = int(progress.run_id[:8], 16)
    picks = random.Random(seed).sample(range(n_reviews), min(sample_size, n_reviews))
    wanted = set(picks)
    sampled: dict[int, tuple] = {}
    risk_cols = [c for c in (*plan.columns, "care_grade")]
    risk_parts: list[pd.DataFrame] = []  # the released quasi-identifiers (a few short columns)

    def pick(offset: int, df: pd.DataFrame) -> None:
        risk_parts.append(df[[c for c in risk_cols if c in df.columns]].copy())
        for pos in wanted.intersection(range(offset, offset + len(df))):
            rec = df.iloc[pos - offset]
            sampled[pos] = (rec["review_id"], {c: rec[c] for c in text_columns if c in df.columns})

    rows_out = _stream_table(sources(paths("reviews", "parquet"), pd.read_parquet),
                             pd.DataFrame(columns=["review_id"]),
                             parquet=out_dir / "reviews.parquet", csv=out_dir / "reviews.csv",
                             on_frame=pick)
    lp_files = [p for p in paths("lps", "parquet") if len(pq.read_schema(p).names)]
    n_lps = _stream_table(sources(lp_files, pd.read_parquet), pd.DataFrame(),
                          parquet=out_dir / "learning_points.parquet",
                          csv=out_dir / "learning_points.csv")  # serialised per chunk
    audit_files = [p for p in paths("audit", "jsonl") if p.stat().st_size]
    _stream_table(sources(audit_files, lambda p: pd.read_json(p, lines=True)), pd.DataFrame(),
                  jsonl=out_dir / "audit.jsonl")
    input_quar = input_quarantine[[c for c in QUARANTINE_COLUMNS if c in input_quarantine.columns]
                                  ].assign(stage="input")
    n_quar = _stream_table([lambda: input_quar, *sources(paths("quarantine", "parquet"),
                                                          pd.read_parquet)],
                           pd.DataFrame(), csv=out_dir / "quarantine.csv")
    cand_cols = ["review_id", "field", "start", "end", "kind"]
    with open(out_dir / "residual_risk_candidates.csv", "w", encoding="utf-8", newline="") as fh:
        pd.DataFrame(columns=cand_cols).to_csv(fh, index=False)
        for i in chunk_ids:
            rows = json.loads(_part(parts, "gate", i, "json").read_text(encoding="utf-8"))["candidates"]
            if rows:
                pd.DataFrame(rows, columns=cand_cols).to_csv(fh, index=False, header=False)

    # disclosure risk measured on the released rows themselves (the plan was made before)
    released_qi = (pd.concat(risk_parts, ignore_index=True) if risk_parts
                   else pd.DataFrame(columns=risk_cols))
    risk = release.measure(released_qi, k=cfg.release.k)
    risk_ok = bool(plan.meets_k and (risk["k"] is None or risk["k"] >= cfg.release.k)
                   and risk["share_unique"] <= cfg.release.max_unique_share)
    # zero tolerance also in the files around the text (ids, reasons, offsets)
    direct_elsewhere: dict[str, int] = {}
    for name in ("audit.jsonl", "quarantine.csv", "residual_risk_candidates.csv"):
        for kind, n in scan_released_file(out_dir / name).items():
            direct_elsewhere[f"{name}:{kind}"] = n
    gate = GateResult(gate.n_candidates, gate.n_words, gate.per_kind, gate.threshold_per_1k_words,
                      direct_elsewhere)
    release_record = {"schema": release.schema.name, "schema_version": release.schema.version,
                      "columns": release.schema.table(), "dropped_columns": list(dropped),
                      "plan": plan.to_dict(), "risk": risk, "releasable": risk_ok,
                      "max_unique_share": cfg.release.max_unique_share}
    manifest = {
        "run_id": progress.run_id,
        "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "rows_in": int(n_rows), "rows_out": int(rows_out), "rows_quarantined": int(n_quar),
        "learning_points": int(n_lps),
        "releasable": bool(gate.releasable and risk_ok),
        "residual_risk": gate.to_dict(),
        "versions": {"package": __version__, "config_hash": cfg.hash(), **model_info,
                     **theme_info},
        "text_columns": text_columns,
        "release": release_record,
    }
    write_qa_report(out_dir / "qa_report.html", manifest, gate.to_dict(), [sampled[p] for p in picks],
                    text_columns, seed=seed)
    qa_direct = scan_released_file(out_dir / "qa_report.html")
    if qa_direct:  # the report itself must be as clean as the rest: refuse, and say so in it
        gate = GateResult(gate.n_candidates, gate.n_words, gate.per_kind,
                          gate.threshold_per_1k_words,
                          {**direct_elsewhere, **{f"qa_report.html:{k}": n for k, n in qa_direct.items()}})
        manifest["releasable"] = False
        manifest["residual_risk"] = gate.to_dict()
        write_qa_report(out_dir / "qa_report.html", manifest, gate.to_dict(),
                        [sampled[p] for p in picks], text_columns, seed=seed)
    files = {}
    for name in ("reviews.parquet", "reviews.csv", "learning_points.parquet", "learning_points.csv",
                 "audit.jsonl", "quarantine.csv", "residual_risk_candidates.csv", "qa_report.html"):
        files[name] = sha256_file(out_dir / name)
    manifest["files"] = files
    _write_json_atomic(out_dir / "manifest.json", manifest)
    return SubmissionResult(out_dir, manifest, gate.to_dict())


__all__ = ["SubmissionResult", "build_submission", "sha256_file", "PROGRESS_FILE"]
