"""Writing a review table in the format its suffix names."""
from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from .._files import atomic_path
from ..errors import Errors, InputError
from ._jsonl import write_jsonl
from ._readers import SUFFIXES


#: a text cell starting with one of these is read as a formula by Excel and LibreOffice when the
#: file is opened (CSV injection, faults F13); "-" is left alone, as "- item" lists are common text
FORMULA_STARTS = ("=", "+", "@", "\t", "\r")


def neutralise_formulas(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with every text cell a spreadsheet would evaluate prefixed with ``'`` (shown as text,
    never run), for the CSV and XLSX files people open in Excel. ``df`` itself is not changed.

    >>> neutralise_formulas(pd.DataFrame({"a": ["=1+1", "fine", "- item"]}))["a"].tolist()
    ["'=1+1", 'fine', '- item']
    """
    out = df
    for col in df.columns:
        if not (pd.api.types.is_object_dtype(df[col]) or pd.api.types.is_string_dtype(df[col])):
            continue
        risky = df[col].map(lambda v: isinstance(v, str) and v[:1] in FORMULA_STARTS)
        if risky.any():
            if out is df:
                out = df.copy()
            out.loc[risky, col] = "'" + df.loc[risky, col].astype(str)
    return out


def write_reviews(df: pd.DataFrame, path: str | os.PathLike) -> Path:
    """Write ``df`` as .csv (UTF-8), .xlsx, .jsonl or .parquet, chosen by the suffix.

    The ``_row`` bookkeeping column of :func:`read_reviews` is not written, so a written file
    reads back with the same columns. In CSV and XLSX a text cell a spreadsheet would run as a
    formula gets a leading ``'`` (:func:`neutralise_formulas`).

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
            neutralise_formulas(df).to_csv(tmp, index=False, encoding="utf-8")
        elif suffix == ".xlsx":
            neutralise_formulas(df).to_excel(tmp, index=False, engine="openpyxl")
        elif suffix == ".jsonl":
            write_jsonl(df.astype(object).where(df.notna(), None).to_dict("records"), tmp)
        else:
            df.to_parquet(tmp, index=False)
    return path
