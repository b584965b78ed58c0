"""Reading real review exports (CSV in any common encoding, Excel, JSON Lines, Parquet) with
column matching, row-level checks and a quarantine, so that no row is lost silently.

>>> from leder_insights.io import read_reviews
>>> res = read_reviews("reviews.csv", mapping="local_columns.yaml")   # doctest: +SKIP
>>> res.n_rows == len(res.valid) + len(res.quarantine)                 # doctest: +SKIP
True
"""
from __future__ import annotations

from ._columns import load_mapping
from ._encoding import decode_bytes
from ._jsonl import iter_id_text_jsonl, read_id_text_jsonl, read_jsonl, write_jsonl
from ._problems import LoadResult, Problem
from ._readers import iter_jsonl_lines, iter_text_lines, windows
from ._reviews import (QUARANTINE_COLUMNS, RESERVED_COLUMNS, WITHHELD_ID, ReviewStream,
                       identifier_like, iter_reviews, read_reviews, shown_id)
from ._values import parse_bool, parse_date, parse_int
from ._writers import neutralise_formulas, write_reviews

__all__ = ["read_reviews", "QUARANTINE_COLUMNS", "iter_reviews", "ReviewStream", "LoadResult", "Problem", "write_reviews", "neutralise_formulas",
           "read_jsonl", "write_jsonl", "load_mapping", "decode_bytes", "iter_id_text_jsonl",
           "read_id_text_jsonl", "iter_jsonl_lines", "iter_text_lines", "windows", "parse_bool", "parse_date", "parse_int",
           "shown_id", "identifier_like", "WITHHELD_ID", "RESERVED_COLUMNS"]
