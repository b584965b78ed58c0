"""National submission bundle: streaming, resumable, with a residual-risk gate.

``build_submission`` reads any supported corpus, de-identifies it chunk by chunk (bounded memory),
splits and themes the learning points, scans the output with an independent second pass
(:mod:`._gate`), and writes a bundle:

``reviews.parquet``/``reviews.csv``, ``learning_points.parquet``/``.csv``, ``audit.jsonl``,
``quarantine.csv`` (row numbers and reasons, never raw text), ``qa_report.html`` and
``manifest.json`` (row accounting, sha256 of every file, versions, run id, gate verdict).

An interrupted run continues from its last finished chunk when started again with the same
input and settings (``parts/`` and ``progress.json`` hold the state); nothing is duplicated or lost.
"""
from __future__ import annotations

import hashlib
import html
import json
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
from ..errors import Errors, InputError
from ..schema import FREE_TEXT_COLUMNS
from ._gate import Candidate, ResidualRiskScanner, gate_verdict, words

PROGRESS_FILE = "progress.json"
PARTS_DIR = "parts"


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

    def mark_done(self, i: int) -> None:
        self.state["done"] = sorted(set(self.state["done"]) | {i})
        self.save()

    def save(self) -> None:
        _write_json_atomic(self.path, self.state)


def _qa_report(out_dir: Path, manifest: dict, gate: dict, reviews: pd.DataFrame,
               text_columns: list[str], sample_size: int, seed: int) -> Path:
    rng = random.Random(seed)
    ids = list(reviews["review_id"]) if len(reviews) else []
    sample = rng.sample(ids, min(sample_size, len(ids)))
    by_id = reviews.set_index("review_id") if len(reviews) else reviews
    rows = []
    for rid in sample:
        rec = by_id.loc[rid]
        for col in text_columns:
            text = rec.get(col) if col in by_id.columns else None
            if isinstance(text, str) and text.strip():
                excerpt = html.escape(text[:600]) + ("…" if len(text) > 600 else "")
                rows.append(f"<tr><td>{html.escape(str(rid))}</td><td>{col}</td><td>{excerpt}</td>"
                            "<td><label><input type='checkbox'> identifier seen</label></td></tr>")
    verdict = "RELEASABLE" if manifest["releasable"] else "NOT RELEASABLE"
    kinds = "".join(f"<tr><td>{html.escape(k)}</td><td>{v}</td></tr>"
                    for k, v in gate.get("per_kind", {}).items()) or "<tr><td colspan=2>none</td></tr>"
    page = f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>QA report — {html.escape(manifest['run_id'])}</title>
<style>body{{font-family:sans-serif;max-width:70em;margin:2em auto}}table{{border-collapse:collapse}}
td,th{{border:1px solid #999;padding:.3em .5em;vertical-align:top}}.v{{font-size:1.4em;font-weight:bold}}</style>
</head><body>
<h1>National submission QA report</h1>
<p class="v">Verdict: {verdict}</p>
<h2>Row accounting</h2>
<table><tr><th>rows in</th><th>rows out</th><th>rows quarantined</th></tr>
<tr><td>{manifest['rows_in']}</td><td>{manifest['rows_out']}</td><td>{manifest['rows_quarantined']}</td></tr></table>
<h2>Residual-risk scan (independent second pass)</h2>
<p>{gate.get('n_candidates', 0)} identifier candidates in {gate.get('n_words', 0)} words:
{gate.get('rate_per_1k_words', 0)} per 1,000 words (threshold {gate.get('threshold_per_1k_words')}).</p>
<table><tr><th>kind</th><th>candidates</th></tr>{kinds}</table>
<h2>Random sample for human review ({len(sample)} reviews, seed {seed})</h2>
<p>Read each excerpt; tick any identifier you can see and report it before release.</p>
<table><tr><th>review</th><th>field</th><th>de-identified excerpt</th><th>check</th></tr>{''.join(rows)}</table>
<h2>Versions</h2><pre>{html.escape(json.dumps(manifest.get('versions', {}), indent=2))}</pre>
</body></html>"""
    path = out_dir / "qa_report.html"
    path.write_text(page, encoding="utf-8")
    return path


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


def build_submission(input_path, out_dir, *, key: bytes | None, profile: str = "national",
                     config=None, mapping=None, n_process: int | None = None,
                     chunk_rows: int | None = None, theme_model_dir: str | None = None,
                     sample_size: int = 20, deidentifier=None, scanner=None,
                     on_chunk: Callable[[int, int], None] | None = None) -> SubmissionResult:
    """De-identify ``input_path`` into a national submission bundle at ``out_dir``.

    Resumable: if ``out_dir`` holds an unfinished run of the same input and settings, finished
    chunks are kept and the rest is processed. ``on_chunk(i, n)`` is called after each chunk.

    Examples
    --------
    >>> res = build_submission("reviews.csv", "bundle", key=key)      # doctest: +SKIP
    >>> res.manifest["rows_in"] == res.manifest["rows_out"] + res.manifest["rows_quarantined"]  # doctest: +SKIP
    True
    """
    from ..config import load_config
    from ..io import read_reviews
    from . import Deidentifier

    cfg = config or load_config()
    input_path, out_dir = Path(input_path), Path(out_dir)
    if not input_path.exists():
        raise InputError(Errors.E101, path=input_path)
    chunk_rows = chunk_rows or cfg.submit.chunk_rows
    loaded = read_reviews(input_path, mapping=mapping)
    text_columns = [c for c in FREE_TEXT_COLUMNS if c in loaded.valid.columns]
    deid = deidentifier or Deidentifier(profile=profile, key=key, config=cfg)
    settings = {"profile": profile, "config": cfg.hash(), "chunk_rows": chunk_rows,
                "package": __version__}
    progress = _Progress.open(out_dir, _fingerprint(input_path, settings))
    parts = out_dir / PARTS_DIR
    parts.mkdir(exist_ok=True)
    scanner = scanner or ResidualRiskScanner(model=cfg.nlp.model)

    clf, theme_info = _load_theme_model(theme_model_dir)
    valid = loaded.valid.reset_index(drop=True)
    n_chunks = max(1, -(-len(valid) // chunk_rows))
    for i in range(n_chunks):
        if progress.is_done(i):
            continue
        chunk = valid.iloc[i * chunk_rows:(i + 1) * chunk_rows]
        df_out, audit_df, quar_df, spans = deid.deidentify_frame(
            chunk, text_columns=text_columns, id_column="review_id", n_process=n_process,
            return_spans=True)
        cells = [(rid, col) for rid in df_out["review_id"] for col in text_columns]
        texts = [df_out.loc[df_out["review_id"] == rid, col].iloc[0] for rid, col in cells]
        texts = [t if isinstance(t, str) else "" for t in texts]
        found = scanner.scan_many(texts, [spans.get(cell, ()) for cell in cells])
        gate_rows = [{"review_id": rid, "field": col, "start": c.start, "end": c.end, "kind": c.kind}
                     for (rid, col), cands in zip(cells, found) for c in cands]
        n_words = sum(words(t) for t in texts)
        reviews_out = df_out.drop(columns=["_row"], errors="ignore")
        _serialisable(reviews_out).to_parquet(parts / f"reviews-{i:05d}.parquet", index=False)
        # themed per chunk so that memory stays bounded by the chunk, not the corpus
        _serialisable(_theme_learning_points(reviews_out, clf)).to_parquet(
            parts / f"lps-{i:05d}.parquet", index=False)
        audit_df.to_json(parts / f"audit-{i:05d}.jsonl", orient="records", lines=True)
        quar_cols = [c for c in ("_row", "review_id", "reason_code", "reason") if c in quar_df.columns]
        quar_df[quar_cols].assign(stage="deidentify").to_parquet(parts / f"quarantine-{i:05d}.parquet",
                                                                  index=False)
        _write_json_atomic(parts / f"gate-{i:05d}.json", {"n_words": n_words, "candidates": gate_rows})
        progress.mark_done(i)
        if on_chunk:
            on_chunk(i, n_chunks)
    return _finalise(out_dir, progress, loaded, text_columns, deid, cfg, theme_info, sample_size)


def _read_parts(parts: Path, prefix: str, reader) -> list:
    return [reader(p) for p in sorted(parts.glob(f"{prefix}-*"))]


def _finalise(out_dir: Path, progress: _Progress, loaded, text_columns, deid, cfg,
              theme_info: dict, sample_size) -> SubmissionResult:
    parts = out_dir / PARTS_DIR
    frames = _read_parts(parts, "reviews", pd.read_parquet)
    reviews = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["review_id"])
    audits = [pd.read_json(p, lines=True) for p in sorted(parts.glob("audit-*.jsonl"))
              if p.stat().st_size]
    audit = pd.concat(audits, ignore_index=True) if audits else pd.DataFrame()
    quar_parts = _read_parts(parts, "quarantine", pd.read_parquet)
    input_quar = loaded.quarantine
    input_quar = input_quar[[c for c in ("_row", "review_id", "reason_code", "reason")
                             if c in input_quar.columns]].assign(stage="input")
    quarantine = pd.concat([input_quar, *quar_parts], ignore_index=True)
    gates = _read_parts(parts, "gate", lambda p: json.loads(p.read_text(encoding="utf-8")))
    cands = [[Candidate(g["start"], g["end"], g["kind"]) for g in part["candidates"]] for part in gates]
    gate = gate_verdict(cands, sum(p["n_words"] for p in gates),
                        cfg.submit.residual_risk_threshold_per_1k_words)
    candidates = pd.DataFrame([c for part in gates for c in part["candidates"]],
                              columns=["review_id", "field", "start", "end", "kind"])

    lp_parts = [df for df in _read_parts(parts, "lps", pd.read_parquet) if len(df.columns)]
    lps = pd.concat(lp_parts, ignore_index=True) if lp_parts else pd.DataFrame()

    files = {}
    reviews.to_parquet(out_dir / "reviews.parquet", index=False)
    reviews.to_csv(out_dir / "reviews.csv", index=False)
    lps.to_parquet(out_dir / "learning_points.parquet", index=False)  # serialised per chunk
    lps.to_csv(out_dir / "learning_points.csv", index=False)
    audit.to_json(out_dir / "audit.jsonl", orient="records", lines=True)
    quarantine.to_csv(out_dir / "quarantine.csv", index=False)
    candidates.to_csv(out_dir / "residual_risk_candidates.csv", index=False)

    rows_in = int(loaded.n_rows)
    rows_out = int(len(reviews))
    manifest = {
        "run_id": progress.run_id,
        "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "rows_in": rows_in, "rows_out": rows_out, "rows_quarantined": int(len(quarantine)),
        "learning_points": int(len(lps)),
        "releasable": bool(gate.releasable),
        "residual_risk": gate.to_dict(),
        "versions": {"package": __version__, "config_hash": cfg.hash(), **deid.model_info,
                     **theme_info},
        "text_columns": text_columns,
    }
    _qa_report(out_dir, manifest, gate.to_dict(), reviews, text_columns, sample_size,
               seed=int(progress.run_id[:8], 16))
    for name in ("reviews.parquet", "reviews.csv", "learning_points.parquet", "learning_points.csv",
                 "audit.jsonl", "quarantine.csv", "residual_risk_candidates.csv", "qa_report.html"):
        files[name] = sha256_file(out_dir / name)
    manifest["files"] = files
    _write_json_atomic(out_dir / "manifest.json", manifest)
    return SubmissionResult(out_dir, manifest, gate.to_dict())


__all__ = ["SubmissionResult", "build_submission", "sha256_file", "PROGRESS_FILE"]
