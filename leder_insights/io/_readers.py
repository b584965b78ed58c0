"""Format readers: each turns a file into a header and numbered records of raw cell values."""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from ..errors import Errors, InputError
from ._encoding import detect_file_encoding, iter_decoded_lines, sniff_utf16
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


@dataclass
class RawStream:
    """A table read lazily: the header, file-level problems, and ``records()``, a factory of a fresh
    iterator over the numbered records (the file is re-read each time; memory holds one row)."""

    header: list
    records: Callable[[], Iterator[Record]]
    encoding: str | None = None
    problems: list[Problem] = field(default_factory=list)
    #: positions of the columns kept (None: all), set when blank header cells are dropped
    keep: list | None = None


def excel_sep_line(lines) -> str | None:
    r"""The delimiter an Excel ``sep=X`` first line names, or None when the file has no such line.

    >>> excel_sep_line(iter(["sep=;\r\n", "review_id;x\r\n"])), excel_sep_line(iter(["review_id,x\n"]))
    (';', None)
    """
    import re

    first = next(iter(lines), "")
    close = getattr(lines, "close", None)
    if close is not None:
        close()  # a generator over an open file: release it now
    m = re.fullmatch(r'"?sep=(.)"?[,;\t|]*', first.rstrip("\r\n"))
    return m.group(1) if m else None


def stream_csv_raw(path: Path, delimiter: str | None, encodings, max_chars: int) -> RawStream:
    if path.stat().st_size == 0:
        raise InputError(Errors.E103, path=path)
    encoding = detect_file_encoding(path, encodings)
    problems = []
    if encoding not in ("utf-8", "utf-8-sig"):
        problems.append(make_problem("E120", "warning", path, encoding=encoding))
    # fields up to this size are parsed (those over max_chars are then quarantined with E117);
    # a field larger still is a file error naming its line
    limit = max(csv.field_size_limit(), min(max(max_chars * 4 + 1024, 32 << 20), 2**31 - 1))
    csv.field_size_limit(limit)
    # Excel's "sep=;" first line names the delimiter (faults F9): skipped, and its delimiter used
    # unless --delimiter says otherwise
    sep = excel_sep_line(iter_decoded_lines(path, encoding))
    if sep is not None and delimiter is None:
        delimiter = sep
    delim = delimiter or ","

    def lines():
        it = iter_decoded_lines(path, encoding)
        if sep is not None:
            next(it, None)
        return it

    def open_reader():
        return csv.reader(lines(), delimiter=delim)

    def read_header(reader):
        try:
            header = next(reader)
            while _blank(header):
                header = next(reader)
        except StopIteration:
            raise InputError(Errors.E103, path=path) from None
        except csv.Error as exc:
            raise InputError(Errors.E107, path=path, kind="CSV",
                             reason=f"line {reader.line_num}: {exc}") from exc
        return header

    header = read_header(open_reader())
    if delimiter is None:  # another separator outnumbers the comma-split columns: wrong delimiter
        for cand in (";", "\t", "|"):
            if sum(str(h).count(cand) for h in header) >= len(header):
                raise InputError(Errors.E106, path=path, delimiter_hint=_DELIMITER_NAMES[cand])
    width = len(header)

    def records() -> Iterator[Record]:
        reader = open_reader()
        read_header(reader)
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
                yield Record(n, fields)
                continue
            values = (fields + [None] * width)[:width]
            extra = ({"_overflow": json.dumps(fields[width:], ensure_ascii=False)}
                     if len(fields) > width else {})
            yield Record(n, values, ("E118", {"n": len(fields), "expected": width}), extra)

    return RawStream(list(header), records, encoding, problems)


def read_csv_raw(path: Path, delimiter: str | None, encodings, max_chars: int) -> RawTable:
    return _materialise(stream_csv_raw(path, delimiter, encodings, max_chars))


def _materialise(stream: RawStream) -> RawTable:
    return RawTable(stream.header, list(stream.records()), stream.encoding, list(stream.problems))


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
            problems.append(make_problem("E124", "warning", path, n=len(names), sheet=ws.title,
                                         sheets=", ".join(repr(n) for n in names)))
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
    """Yield ``(line_number, object_or_None, error_or_None, line_text)`` for non-blank lines,
    streaming (UTF-8, BOM allowed, or UTF-16). A line that is cut short, nested too deeply or not
    valid JSON gets one error naming the line."""
    for n, line in iter_text_lines(path, lambda line, offset: InputError(
            Errors.E128, path=path, line=line, offset=offset)):
        if not line.strip():
            continue
        line = line.rstrip("\n")
        try:
            obj = json.loads(line)
        except RecursionError:
            yield n, None, f"line {n}: nested too deeply to read", line
            continue
        except ValueError as exc:
            yield n, None, f"line {n}: {exc}", line
            continue
        if not isinstance(obj, dict):
            yield n, None, f"line {n}: a JSON {type(obj).__name__}, not an object", line
            continue
        yield n, obj, None, line


def iter_text_lines(path, bad_byte: Callable[[int, int], Exception]) -> Iterator[tuple[int, str]]:
    r"""Yield ``(line_number, text)`` for each line of a text file in UTF-8 (BOM allowed) or
    UTF-16, line endings as ``"\n"``. UTF-8 is decoded line by line, so a byte that is not UTF-8
    raises ``bad_byte(line_number, offset_in_that_line)`` for its own line (a text decoder reads
    ahead a block and fails while the count is still on an earlier line: faults6 F02).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.jsonl"
    >>> _ = p.write_bytes(b'{"a": 1}\r\n{"a": 2}\n{"a": "caf\xe9"}\n')
    >>> try:
    ...     list(iter_text_lines(p, lambda n, off: ValueError(f"line {n}, byte {off}")))
    ... except ValueError as exc:
    ...     print(exc)
    line 3, byte 10
    """
    path = Path(path)
    utf16 = sniff_utf16(_head(path))
    if utf16:  # text mode: a UTF-16 file cannot be split on the byte b"\n"
        n = 0
        with open(path, encoding=utf16, newline=None) as fh:
            lines = iter(fh)
            while True:
                try:
                    line = next(lines)
                except StopIteration:
                    return
                except UnicodeDecodeError as exc:
                    raise bad_byte(n + 1, exc.start) from None
                n += 1
                yield n, line
    with open(path, "rb") as fb:
        for n, raw in enumerate(fb, start=1):
            if n == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise bad_byte(n, exc.start) from None
            if line.endswith("\r\n"):
                line = line[:-2] + "\n"
            yield n, line


def _head(path: Path, n: int = 4096) -> bytes:
    with open(path, "rb") as fh:
        return fh.read(n)


def stream_jsonl_raw(path: Path) -> RawStream:
    """Two streaming passes: the first collects the columns (the union of every object's keys)."""
    header: dict[str, None] = {}
    n_items = n_bad = 0
    first_error = None
    for _, obj, err, _ in iter_jsonl_lines(path):
        n_items += 1
        if obj is None:
            n_bad += 1
            first_error = first_error or err
        else:
            header.update(dict.fromkeys(obj))
    if not n_items:
        raise InputError(Errors.E103, path=path)
    if n_bad == n_items:
        raise InputError(Errors.E107, path=path, kind="JSON Lines", reason=first_error)
    cols = list(header)

    def records() -> Iterator[Record]:
        for n, obj, err, line in iter_jsonl_lines(path):
            if obj is None:
                yield Record(n, [None] * len(cols), ("E107", {"kind": "JSON Lines", "reason": err}),
                             {"_raw": line})
            else:
                yield Record(n, [obj.get(c) for c in cols])

    return RawStream(cols, records, None, [])


def read_jsonl_raw(path: Path) -> RawTable:
    return _materialise(stream_jsonl_raw(path))


def stream_parquet_raw(path: Path, batch_rows: int = 2048) -> RawStream:
    import pyarrow as pa
    import pyarrow.parquet as pq

    if path.stat().st_size == 0:
        raise InputError(Errors.E103, path=path)
    try:
        schema = pq.read_schema(path)
    except (pa.ArrowException, OSError, ValueError) as exc:
        raise InputError(Errors.E107, path=path, kind="Parquet", reason=str(exc)) from exc
    cols = [c for c in schema.names if c != "__index_level_0__"] if len(schema.names) else []
    if not cols:
        raise InputError(Errors.E103, path=path)

    def records() -> Iterator[Record]:
        n = 0
        try:
            pf = pq.ParquetFile(path)
            for batch in pf.iter_batches(batch_size=batch_rows, columns=cols):
                for row in batch.to_pylist():
                    n += 1
                    values = [row.get(c) for c in cols]
                    if not _blank(values):
                        yield Record(n, values)
        except (pa.ArrowException, OSError, ValueError) as exc:
            raise InputError(Errors.E107, path=path, kind="Parquet", reason=str(exc)) from exc

    return RawStream(list(cols), records, None, [])


def read_parquet_raw(path: Path) -> RawTable:
    return _materialise(stream_parquet_raw(path))


def windows(items, size: int):
    """Lists of at most ``size`` consecutive items (memory bounded by a window, not the input).

    >>> [w for w in windows(range(5), 2)]
    [[0, 1], [2, 3], [4]]
    """
    window = []
    for item in items:
        window.append(item)
        if len(window) >= size:
            yield window
            window = []
    if window:
        yield window
