"""Writing a review table in the format its suffix names."""
from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from .._files import atomic_path
from ..errors import Errors, InputError
from ._jsonl import write_jsonl
from ._readers import SUFFIXES


def write_reviews(df: pd.DataFrame, path: str | os.PathLike) -> Path:
    """Write ``df`` as .csv (UTF-8), .xlsx, .jsonl or .parquet, chosen by the suffix.

    The ``_row`` bookkeeping column of :func:`read_reviews` is not written, so a written file
    reads back with the same columns.

    Examples
    --------
    >>> write_reviews(pd.DataFrame({"review_id": ["R1"]}), "reviews.parquet")   # doctest: +SKIP
    PosixPath('reviews.parquet')
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(Errors.E102, suffix=suffix or "(none)", path=path)
    path.parent.mkdir(parents=True, exist_ok=True)
    df = df.drop(columns=["_row"], errors="ignore")
    with atomic_path(path) as tmp:  # complete or absent: never half a file under its name
        if suffix == ".csv":
            df.to_csv(tmp, index=False, encoding="utf-8")
        elif suffix == ".xlsx":
            df.to_excel(tmp, index=False, engine="openpyxl")
        elif suffix == ".jsonl":
            write_jsonl(df.astype(object).where(df.notna(), None).to_dict("records"), tmp)
        else:
            df.to_parquet(tmp, index=False)
    return path
