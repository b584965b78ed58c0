"""Write a synthetic corpus and its gold labels to disk.

>>> import tempfile
>>> from leder_insights.corpus import synthesize
>>> paths = write_corpus(synthesize(2, seed=0), tempfile.mkdtemp())
>>> sorted(paths)[:3]
['gold_deid', 'gold_entities', 'gold_learning_points']
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd

from .. import schema
from ..errors import Errors, InputError
from .._files import atomic_path, atomic_write, sha256_file, write_text_atomic
from ._generate import SyntheticCorpus

FILES = {"reviews_csv": "reviews.csv", "reviews_parquet": "reviews.parquet",
         "gold_entities": "gold_entities.jsonl", "gold_learning_points": "gold_learning_points.jsonl",
         "gold_deid": "gold_deid.jsonl", "manifest": "manifest.json"}


def _write_jsonl(path: Path, records) -> None:
    with atomic_write(path, newline="\n") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")


def write_corpus(corpus: SyntheticCorpus, out_dir: str | os.PathLike) -> dict[str, Path]:
    """Write reviews (CSV, Parquet), gold JSONL files and a manifest into ``out_dir``.

    Parameters
    ----------
    corpus : SyntheticCorpus
        From :func:`synthesize`.
    out_dir : str or path
        Created if missing; existing files of the same names are replaced (each atomically).
        ``corpus synth`` first refuses a folder holding files it did not write (``check_overwrite``).

    Returns
    -------
    dict
        Keys ``reviews_csv``, ``reviews_parquet``, ``gold_entities``, ``gold_learning_points``,
        ``gold_deid``, ``manifest`` -> paths written.
    """
    if not isinstance(corpus, SyntheticCorpus):
        raise InputError(Errors.E151, kind=type(corpus).__name__)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = {k: out / v for k, v in FILES.items()}
    with atomic_path(paths["reviews_csv"]) as tmp:
        corpus.reviews.to_csv(tmp, index=False, encoding="utf-8")
    with atomic_path(paths["reviews_parquet"]) as tmp:
        corpus.reviews.to_parquet(tmp, index=False)
    _write_jsonl(paths["gold_entities"], corpus.entities.to_dict(orient="records"))
    _write_jsonl(paths["gold_learning_points"], (
        {**rec, "themes": list(rec["themes"])} for rec in corpus.learning_points.to_dict(orient="records")))
    by_field: dict[tuple[str, str], list[dict]] = {}
    for rec in corpus.entities.itertuples(index=False):
        by_field.setdefault((rec.review_id, rec.field), []).append(
            {"start": int(rec.start), "end": int(rec.end), "category": rec.category,
             "entity_type": rec.entity_type})

    def deid_records():
        for row in corpus.reviews.itertuples(index=False):
            for field in schema.FREE_TEXT_COLUMNS:
                text = getattr(row, field)
                if isinstance(text, str) and text:
                    yield {"id": f"{row.review_id}:{field}", "text": text,
                           "entities": by_field.get((row.review_id, field), [])}

    _write_jsonl(paths["gold_deid"], deid_records())
    manifest = {"n_reviews": corpus.n_reviews, "seed": corpus.seed, "generator_version": corpus.version,
                "n_entities": int(len(corpus.entities)),
                "n_learning_points": int(len(corpus.learning_points)),
                "files": {FILES[k]: {"sha256": sha256_file(p)} for k, p in paths.items() if k != "manifest"}}
    write_text_atomic(paths["manifest"], json.dumps(manifest, indent=2) + "\n")
    return paths


def read_reviews_csv(path: str | os.PathLike) -> pd.DataFrame:
    """Read ``reviews.csv`` back with the generator's dtypes (empty text stays ``""``)."""
    df = pd.read_csv(path, encoding="utf-8", keep_default_na=False, dtype=str)
    df["age_at_death"] = df["age_at_death"].astype("int64")
    df["care_grade"] = df["care_grade"].astype("int64")
    df["autistic"] = df["autistic"].map({"True": True, "False": False}).astype(bool)
    return df


__all__ = ["write_corpus", "read_reviews_csv", "FILES"]
