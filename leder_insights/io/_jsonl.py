"""JSON Lines helpers: strict reading with line numbers, and safe writing."""
from __future__ import annotations

import datetime as dt
import json
import math
import os
from pathlib import Path
from typing import Iterable

from ..errors import Errors, InputError
from ._readers import iter_jsonl_lines


def read_jsonl(path: str | os.PathLike) -> list[dict]:
    """Read a JSON Lines file into a list of dicts (blank lines skipped).

    Raises ``InputError`` E101 when missing and E107 naming the first line that is not a JSON
    object.

    Examples
    --------
    >>> rows = read_jsonl("texts.jsonl")          # doctest: +SKIP
    >>> rows[0]["id"]                             # doctest: +SKIP
    'r1'
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(Errors.E101, path=path)
    rows = []
    for _, obj, err, _ in iter_jsonl_lines(path):
        if err is not None:
            raise InputError(Errors.E107, path=path, kind="JSON Lines", reason=err)
        rows.append(obj)
    return rows


def read_id_text_jsonl(path, id_field: str, text_field: str, error: str) -> list[tuple]:
    """All ``(id, text)`` pairs of a JSON Lines file, every line validated before any work.

    ``error`` is the numbered template (fields ``line``, ``path``, ``reason``) of the command that
    reads the file, e.g. ``Errors.E303`` for ``deid analyze``. A missing text is ``""``.
    """
    path = Path(path)
    if not path.exists():
        raise InputError(Errors.E101, path=path)
    rows = []
    with open(path, encoding="utf-8-sig") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                raise InputError(error, line=n, path=path, reason="empty line (expected one JSON object "
                                 f"with '{id_field}' and '{text_field}')")
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(error, line=n, path=path, reason=f"not valid JSON ({exc.msg})") from None
            if not isinstance(rec, dict):
                raise InputError(error, line=n, path=path, reason="not a JSON object")
            if id_field not in rec:
                raise InputError(error, line=n, path=path,
                                 reason=f"no '{id_field}' field (choose another with --id-field)")
            text = rec.get(text_field)
            if text is None:
                text = ""
            if not isinstance(text, str):
                raise InputError(error, line=n, path=path,
                                 reason=f"'{text_field}' is {type(text).__name__}, not a string")
            rows.append((rec[id_field], text))
    return rows


def _default(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    if hasattr(value, "tolist"):  # numpy arrays
        return value.tolist()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    return str(value)


def _clean(value):
    """NaN, NA and NaT become null so the output is valid JSON."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    if value is not None and not isinstance(value, (str, int, bool)):
        try:
            import pandas as pd

            if not hasattr(value, "__len__") and pd.isna(value):
                return None
        except (TypeError, ValueError):
            pass
    return value


def write_jsonl(rows: Iterable[dict], path: str | os.PathLike) -> int:
    """Write dicts as UTF-8 JSON Lines (non-ASCII kept); return the number of lines.

    The file is written to a temporary name and renamed, so a reader never sees half a file.

    Examples
    --------
    >>> write_jsonl([{"id": "r1", "text": "Zoë"}], "out.jsonl")   # doctest: +SKIP
    1
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    n = 0
    with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
        for row in rows:
            fh.write(json.dumps(_clean(dict(row)), ensure_ascii=False, default=_default,
                                allow_nan=False))
            fh.write("\n")
            n += 1
    os.replace(tmp, path)
    return n
