"""JSON Lines helpers: strict reading with line numbers, and safe writing."""
from __future__ import annotations

import datetime as dt
import json
import re
import math
import os
from pathlib import Path
from typing import Iterable

from .._files import atomic_write
from ..errors import Errors, InputError
from ._readers import iter_jsonl_lines, iter_text_lines


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


def open_jsonl_text(path):
    """Open a JSON Lines file as text: UTF-8 (BOM allowed) or UTF-16 (with or without a BOM).

    A file in another encoding (Latin-1 …) fails when its first bad line is read, with the line
    number (see :func:`iter_id_text_jsonl`).
    """
    from ._encoding import sniff_utf16

    path = Path(path)
    with open(path, "rb") as fh:
        head = fh.read(4096)
    encoding = sniff_utf16(head) or "utf-8-sig"
    return open(path, encoding=encoding, newline=None)


#: half of a UTF-16 surrogate pair: JSON can escape one ("\ud83d") but it is not a character
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def iter_id_text_jsonl(path, id_field: str, text_field: str, error: str,
                       max_chars: int | None = None):
    """Yield ``(id, text)`` per line of a JSON Lines file, streaming (one line in memory).

    ``error`` is the numbered template (fields ``line``, ``path``, ``reason``) of the command that
    reads the file, e.g. ``Errors.E303`` for ``deid analyze``. Every problem names its line: an
    empty or invalid line, a line nested too deeply, a line that is not UTF-8, a missing id or
    text field (``--id-field``/``--text-field``), a text that is not a string, or one longer than
    ``max_chars`` (config ``io.max_text_chars``). A null text is ``""``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.jsonl"
    >>> _ = p.write_text('{"id": "a", "text": "x"}\\n')
    >>> list(iter_id_text_jsonl(p, "id", "text", Errors.E303))
    [('a', 'x')]
    """
    path = Path(path)
    if path.is_dir():
        raise InputError(Errors.E022, path=path)
    if not path.exists():
        raise InputError(Errors.E101, path=path)

    def bad_byte(line: int, offset: int) -> InputError:
        return InputError(error, line=line, path=path,
                          reason=f"not UTF-8 text (byte {offset} of the line; Latin-1 or "
                                 "Windows-1252?); JSON Lines must be UTF-8: re-export the file as "
                                 "UTF-8")

    # one line at a time, each decoded on its own (a bad byte is reported on its own line)
    for n, line in iter_text_lines(path, bad_byte):
        if not line.strip():
            raise InputError(error, line=n, path=path, reason="empty line (expected one JSON object "
                             f"with '{id_field}' and '{text_field}')")
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            reason = (f"not valid JSON ({exc.msg}); the line is cut short (truncated file?)"
                      if not line.endswith("\n") else f"not valid JSON ({exc.msg})")
            raise InputError(error, line=n, path=path, reason=reason) from None
        except RecursionError:
            raise InputError(error, line=n, path=path,
                             reason="JSON nested too deeply to read") from None
        if not isinstance(rec, dict):
            raise InputError(error, line=n, path=path, reason="not a JSON object")
        if id_field not in rec:
            raise InputError(error, line=n, path=path,
                             reason=f"no '{id_field}' field (choose another with --id-field)")
        if text_field not in rec:
            raise InputError(error, line=n, path=path,
                             reason=f"no '{text_field}' field (fields: "
                             f"{', '.join(map(str, list(rec)[:10]))}; choose one with --text-field)")
        text = rec.get(text_field)
        if text is None:
            text = ""
        if not isinstance(text, str):
            raise InputError(error, line=n, path=path,
                             reason=f"'{text_field}' is {type(text).__name__}, not a string")
        for name, value in ((text_field, text), (id_field, rec[id_field])):
            if isinstance(value, str) and _LONE_SURROGATE.search(value):  # faults F12
                raise InputError(error, line=n, path=path,
                                 reason=f"'{name}' holds a lone surrogate escape (a \\ud8xx-\\udfff "
                                 "half of a character, e.g. an emoji cut in two by the export), "
                                 "which is not text and cannot be written as UTF-8; remove it or "
                                 "re-export the file")
        if max_chars is not None and len(text) > max_chars:
            raise InputError(error, line=n, path=path,
                             reason=f"'{text_field}' is {len(text):,} characters long, over the limit "
                             f"of {max_chars:,} (config io.max_text_chars); split or shorten it, "
                             "or raise the limit")
        yield rec[id_field], text


def read_id_text_jsonl(path, id_field: str, text_field: str, error: str) -> list[tuple]:
    """All ``(id, text)`` pairs of a JSON Lines file (see :func:`iter_id_text_jsonl`)."""
    return list(iter_id_text_jsonl(path, id_field, text_field, error))


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
    n = 0
    with atomic_write(path, newline="\n") as fh:
        for row in rows:
            fh.write(json.dumps(_clean(dict(row)), ensure_ascii=False, default=_default,
                                allow_nan=False))
            fh.write("\n")
            n += 1
    return n
