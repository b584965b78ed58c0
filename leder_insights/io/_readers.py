"""Format readers: each turns a file into a header and numbered records of raw cell values."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Errors, InputError
from ._encoding import decode_bytes
from ._problems import Problem, make_problem
from ._values import is_missing

SUFFIXES = (".csv", ".xlsx", ".jsonl", ".parquet")
_DELIMITER_NAMES = {";": "semicolon", "\t": "tab", "|": "pipe", ",": "comma"}


@dataclass
class Record:
    """A data row: 1-based ``row`` number, values aligned with the header, and the reason it
    cannot be used (numbered code and template fields) when it was broken at parse time."""

    row: int
    values: list
    error: tuple[str, dict] | None = None
    extra: dict = field(default_factory=dict)


@dataclass
class RawTable:
    header: list
    records: list[Record]
    encoding: str | None = None
    problems: list[Problem] = field(default_factory=list)


def _blank(values) -> bool:
    return all(is_missing(v) for v in values)


def read_csv_raw(path: Path, delimiter: str | None, encodings, max_chars: int) -> RawTable:
    data = path.read_bytes()
    text, encoding = decode_bytes(data, path, encodings)
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise InputError(Errors.E103, path=path)
    problems = []
    if encoding not in ("utf-8", "utf-8-sig"):
        problems.append(make_problem("E120", "warning", path, encoding=encoding))
    limit = max(csv.field_size_limit(), min(max_chars * 4 + 1024, 2**31 - 1))
    csv.field_size_limit(limit)
    delim = delimiter or ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    try:
        header = next(reader)
        while _blank(header):
            header = next(reader)
    except StopIteration:
        raise InputError(Errors.E103, path=path) from None
    except csv.Error as exc:
        raise InputError(Errors.E107, path=path, kind="CSV",
                         reason=f"line {reader.line_num}: {exc}") from exc
    if delimiter is None:  # another separator outnumbers the comma-split columns: wrong delimiter
        for cand in (";", "\t", "|"):
            if sum(str(h).count(cand) for h in header) >= len(header):
                raise InputError(Errors.E106, path=path, delimiter_hint=_DELIMITER_NAMES[cand])
    width = len(header)
    records: list[Record] = []
    n = 0
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise InputError(Errors.E107, path=path, kind="CSV",
                             reason=f"line {reader.line_num}: {exc}") from exc
        n += 1
        if _blank(fields):
            continue
        if len(fields) == width:
            records.append(Record(n, fields))
            continue
        values = (fields + [None] * width)[:width]
        extra = {"_overflow": json.dumps(fields[width:], ensure_ascii=False)} if len(fields) > width else {}
        records.append(Record(n, values, ("E118", {"n": len(fields), "expected": width}), extra))
    return RawTable(header, records, encoding, problems)


def read_xlsx_raw(path: Path, sheet=None) -> RawTable:
    import openpyxl

    if path.stat().st_size == 0:
        raise InputError(Errors.E103, path=path)
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # not a zip, missing parts, bad XML: openpyxl raises many kinds
        raise InputError(Errors.E107, path=path, kind="Excel workbook (.xlsx)",
                         reason=f"{type(exc).__name__}: {exc}") from exc
    problems = []
    try:
        names = [w.title for w in wb.worksheets]  # chart sheets hold no rows
        if sheet is None:
            ws = wb.worksheets[0]
        elif isinstance(sheet, int) or (isinstance(sheet, str) and sheet.isdigit() and sheet not in names):
            idx = int(sheet)
            if not 0 <= idx < len(names):
                raise InputError(Errors.E123, path=path, sheet=sheet, sheets=", ".join(names))
            ws = wb.worksheets[idx]
        elif sheet in names:
            ws = wb[sheet]
        else:
            raise InputError(Errors.E123, path=path, sheet=repr(sheet), sheets=", ".join(names))
        if len(names) > 1:
            problems.append(make_problem("E124", "warning", path, n=len(names), sheet=ws.title))
        try:
            if hasattr(ws, "reset_dimensions"):  # some writers store a wrong sheet size
                ws.reset_dimensions()
            rows = iter(ws.iter_rows(values_only=True))
            header = None
            for values in rows:
                if not _blank(values):
                    header = list(values)
                    break
            if header is None:
                raise InputError(Errors.E103, path=path)
            records = []
            width = len(header)
            for n, values in enumerate(rows, start=1):
                values = list(values)
                if _blank(values):
                    continue
                if len(values) > width:  # cells right of the header: widen every row
                    header += [None] * (len(values) - width)
                    width = len(header)
                records.append(Record(n, values + [None] * (width - len(values))))
        except InputError:
            raise
        except Exception as exc:  # broken sheet XML
            raise InputError(Errors.E107, path=path, kind="Excel workbook (.xlsx)",
                             reason=f"{type(exc).__name__}: {exc}") from exc
    finally:
        wb.close()
    for rec in records:
        if len(rec.values) < width:
            rec.values += [None] * (width - len(rec.values))
    return RawTable(header, records, None, problems)


def iter_jsonl_lines(path: Path):
    """Yield ``(line_number, object_or_None, error_or_None, line_text)`` for non-blank lines."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(Errors.E105, path=path, offset=exc.start) from exc
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError as exc:
            yield n, None, f"line {n}: {exc}", line
            continue
        if not isinstance(obj, dict):
            yield n, None, f"line {n}: a JSON {type(obj).__name__}, not an object", line
            continue
        yield n, obj, None, line


def read_jsonl_raw(path: Path) -> RawTable:
    header: dict[str, None] = {}
    items = []
    for n, obj, err, line in iter_jsonl_lines(path):
        items.append((n, obj, err, line))
        if obj is not None:
            header.update(dict.fromkeys(obj))
    if not items:
        raise InputError(Errors.E103, path=path)
    if all(obj is None for _, obj, _, _ in items):
        raise InputError(Errors.E107, path=path, kind="JSON Lines", reason=items[0][2])
    cols = list(header)
    records = []
    for n, obj, err, line in items:
        if obj is None:
            records.append(Record(n, [None] * len(cols), ("E107", {"kind": "JSON Lines",
                                                                    "reason": err}), {"_raw": line}))
        else:
            records.append(Record(n, [obj.get(c) for c in cols]))
    return RawTable(cols, records, None, [])


def read_parquet_raw(path: Path) -> RawTable:
    import pyarrow as pa
    import pyarrow.parquet as pq

    if path.stat().st_size == 0:
        raise InputError(Errors.E103, path=path)
    try:
        table = pq.read_table(path)
    except (pa.ArrowException, OSError, ValueError) as exc:
        raise InputError(Errors.E107, path=path, kind="Parquet", reason=str(exc)) from exc
    if table.num_columns == 0:
        raise InputError(Errors.E103, path=path)
    cols = table.column_names
    records = []
    for n, row in enumerate(table.to_pylist(), start=1):
        values = [row.get(c) for c in cols]
        if not _blank(values):
            records.append(Record(n, values))
    return RawTable(list(cols), records, None, [])
