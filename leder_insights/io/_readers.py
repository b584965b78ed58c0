"""Format readers: each turns a file into a header and numbered records of raw cell values."""
from __future__ import annotations

import csv
import itertools
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from ..errors import Errors, InputError
from ._encoding import detect_file_encoding, iter_decoded_lines, sniff_utf16
from ._problems import Problem, make_problem
from ._values import is_missing

SUFFIXES = (".csv", ".xlsx", ".jsonl", ".parquet")
#: non-blank rows below the first one searched for the header when the first does not name
#: review_id (a title line or two above the header: faults7 F8)
HEADER_SEARCH_ROWS = 10
_DELIMITER_NAMES = {";": "semicolon", "\t": "tab", "|": "pipe", ",": "comma"}


@dataclass
class Record:
    """A data row: 1-based ``row`` number, values aligned with the header, and the reason it
    cannot be used (numbered code and template fields) when it was broken at parse time."""

    row: int
    values: list
    error: tuple[str, dict] | None = None
    extra: dict = field(default_factory=dict)
    #: the physical line of the file where the row starts, when it differs from what the row
    #: number suggests (a CSV field holding line breaks, blank lines, a title above the header)
    line: int | None = None


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


def stream_csv_raw(path: Path, delimiter: str | None, encodings, max_chars: int,
                   is_header: Callable[[list], bool] | None = None) -> RawStream:
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

    def first_row(reader):
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

    def find_header():
        """(header, non-blank rows above it, its line): the first non-blank row, or the first of
        the next HEADER_SEARCH_ROWS that names review_id when the first does not."""
        reader = open_reader()
        header = first_row(reader)
        if is_header is None or is_header(header):
            return header, 0, reader.line_num
        line = reader.line_num
        for skipped in range(1, HEADER_SEARCH_ROWS + 1):
            try:
                row = first_row(reader)
            except InputError:
                break
            if is_header(row):
                return row, skipped, reader.line_num
        return header, 0, line

    header, n_above, header_line = find_header()
    if n_above:
        problems.append(make_problem("E132", "warning", path, where=f"line {header_line}",
                                     n=n_above))

    def read_header(reader):
        for _ in range(n_above + 1):
            first_row(reader)
    if delimiter is None:  # another separator outnumbers the comma-split columns: wrong delimiter
        for cand in (";", "\t", "|"):
            if sum(str(h).count(cand) for h in header) >= len(header):
                raise InputError(Errors.E106, path=path, delimiter_hint=_DELIMITER_NAMES[cand])
    width = len(header)

    def records() -> Iterator[Record]:
        reader = open_reader()
        read_header(reader)
        first_data_line = reader.line_num + 1
        n = 0
        while True:
            start = reader.line_num + 1 + (sep is not None)  # the line a text editor shows
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
            # shown only when a text editor's line is not the row's plain place below the header
            line = start if start != first_data_line + n - 1 + (sep is not None) else None
            if len(fields) == width:
                yield Record(n, fields, line=line)
                continue
            values = (fields + [None] * width)[:width]
            extra = ({"_overflow": json.dumps(fields[width:], ensure_ascii=False)}
                     if len(fields) > width else {})
            yield Record(n, values, ("E118", {"n": len(fields), "expected": width}), extra,
                         line=line)

    return RawStream(list(header), records, encoding, problems)


def read_csv_raw(path: Path, delimiter: str | None, encodings, max_chars: int) -> RawTable:
    return _materialise(stream_csv_raw(path, delimiter, encodings, max_chars))


def _materialise(stream: RawStream) -> RawTable:
    return RawTable(stream.header, list(stream.records()), stream.encoding, list(stream.problems))


def read_xlsx_raw(path: Path, sheet=None, is_header: Callable[[list], bool] | None = None) -> RawTable:
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
            # formula cells with no saved result and merged cells (faults6 F06): read from the
            # sheet's XML, as the read-only reader sees neither
            uncached, merges, hidden = _xlsx_sheet_notes(path, getattr(ws, "_worksheet_path", None))
            rows = iter(ws.iter_rows(values_only=True))  # every row from 1, blank ones too
            header = None
            header_row = 0
            for values in rows:
                header_row += 1
                if not _blank(values):
                    header = list(values)
                    break
            if header is None:
                raise InputError(Errors.E103, path=path)
            if is_header is not None and not is_header(header):  # a title line above it? (F8)
                ahead: list = []
                found = None
                for values in rows:
                    ahead.append(values)
                    if not _blank(values) and is_header(list(values)):
                        found = len(ahead)
                        break
                    if sum(not _blank(v) for v in ahead) >= HEADER_SEARCH_ROWS:
                        break
                if found is not None:
                    n_above = 1 + sum(not _blank(v) for v in ahead[:found - 1])
                    header, header_row = list(ahead[found - 1]), header_row + found
                    problems.append(make_problem("E132", "warning", path,
                                                 where=f"sheet row {header_row}", n=n_above))
                else:
                    rows = itertools.chain(ahead, rows)
            records = []
            hidden_read: list[int] = []
            width = len(header)
            fills = _MergeFills(merges, header_row)
            for n, values in enumerate(rows, start=1):
                values = list(values)
                excel_row = header_row + n
                if _blank(values):
                    continue
                if len(values) > width:  # cells right of the header: widen every row
                    header += [None] * (len(values) - width)
                    width = len(header)
                values = fills.apply(excel_row, values + [None] * (width - len(values)))
                error = None
                for col in uncached.get(excel_row, ()):
                    if col < width and is_missing(values[col]):
                        error = ("E130", {"column": _header_name(header, col),
                                          "cell": f"{_column_letters(col)}{excel_row}"})
                        break
                if excel_row in hidden:
                    hidden_read.append(excel_row)
                # numbered by the sheet row, as Excel shows it (faults7 F9)
                records.append(Record(excel_row, values, error))
            problems += fills.problems(path, header)
            if hidden_read:  # rows hidden to leave them out? they are read all the same (F10)
                problems.append(make_problem("E135", "warning", path, n=len(hidden_read),
                                             rows=_row_ranges(hidden_read)))
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


def _row_ranges(rows: list[int]) -> str:
    """Sorted row numbers as ranges: ``[3, 4, 5, 9]`` -> ``"3-5, 9"``.

    >>> _row_ranges([3, 4, 5, 9]), _row_ranges([7])
    ('3-5, 9', '7')
    """
    out: list[str] = []
    ordered = sorted(rows)
    i = 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and ordered[j + 1] == ordered[j] + 1:
            j += 1
        out.append(f"{ordered[i]}-{ordered[j]}" if j > i else f"{ordered[i]}")
        i = j + 1
    return ", ".join(out)


def _column_letters(col: int) -> str:
    """Excel's letters of a 0-based column: 0 -> A, 27 -> AB.

    >>> _column_letters(0), _column_letters(2), _column_letters(27)
    ('A', 'C', 'AB')
    """
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _column_index(letters: str) -> int:
    """0-based column of Excel letters (``"C"`` -> 2)."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n - 1


def _header_name(header: list, col: int) -> str:
    name = header[col] if col < len(header) else None
    return str(name).strip() if not is_missing(name) and str(name).strip() else f"column {_column_letters(col)}"


def _cell_ref(ref: str) -> tuple[int, int]:
    """``"B12"`` -> ``(12, 1)`` (Excel row, 0-based column)."""
    import re

    m = re.fullmatch(r"\$?([A-Za-z]{1,3})\$?(\d+)", ref.strip())
    if m is None:
        raise ValueError(ref)
    return int(m.group(2)), _column_index(m.group(1))


def _xlsx_sheet_notes(path: Path, sheet_part: str | None) -> tuple[dict[int, list[int]], list[tuple],
                                                                  set[int]]:
    """``(uncached, merges, hidden)`` of one sheet: the columns, by Excel row, of formula cells
    with no saved result (a workbook written by a program, or Excel calculating by hand), the
    merged ranges as ``(first_row, first_col, last_row, last_col)``, and the hidden rows. A quick
    byte scan first: most sheets have none, and are not parsed twice."""
    import re
    import zipfile
    from xml.etree import ElementTree

    if not sheet_part:
        return {}, [], set()
    try:
        with zipfile.ZipFile(path) as z:
            with z.open(sheet_part) as fh:
                found, tail = False, b""
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    if re.search(rb"<(?:\w+:)?(?:f|mergeCell)[\s>/]|\shidden=\"(?:1|true)\"",
                                 tail + chunk):
                        found = True
                        break
                    tail = chunk[-32:]
            if not found:
                return {}, [], set()
            uncached: dict[int, list[int]] = {}
            merges: list[tuple] = []
            hidden: set[int] = set()
            with z.open(sheet_part) as fh:
                for _event, el in ElementTree.iterparse(fh):
                    tag = el.tag.rsplit("}", 1)[-1]
                    if tag == "c":
                        kids = {k.tag.rsplit("}", 1)[-1]: k for k in el}
                        v, ref = kids.get("v"), el.get("r") or ""
                        if "f" in kids and ref and (v is None or (not (v.text or "") and el.get("t") != "str")):
                            row, col = _cell_ref(ref)
                            uncached.setdefault(row, []).append(col)
                        el.clear()
                    elif tag == "row":
                        if el.get("hidden") in ("1", "true") and (el.get("r") or "").isdigit():
                            hidden.add(int(el.get("r") or 0))
                        el.clear()
                    elif tag == "mergeCell" and ":" in (el.get("ref") or ""):
                        (r1, c1), (r2, c2) = (_cell_ref(x) for x in (el.get("ref") or "").split(":", 1))
                        merges.append((min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)))
    except (KeyError, ValueError, OSError, zipfile.BadZipFile, ElementTree.ParseError):
        return {}, [], set()  # openpyxl reads (or rejects) the sheet itself; these notes are extra
    return uncached, merges, hidden


class _MergeFills:
    """Cells merged down over data rows: each row the range covers gets the range's value in its
    first column (Excel shows it on every one of them), and a warning names the range (E131)."""

    def __init__(self, merges: list[tuple], header_row: int):
        self.ranges = [m for m in merges if m[2] > m[0] and m[0] > header_row]
        self.values: dict[int, object] = {}
        self.filled: dict[int, int] = {}

    def apply(self, excel_row: int, values: list) -> list:
        for i, (r1, c1, r2, _c2) in enumerate(self.ranges):
            if excel_row == r1 and c1 < len(values):
                self.values[i] = values[c1]
            elif r1 < excel_row <= r2 and c1 < len(values) and is_missing(values[c1]) \
                    and not is_missing(self.values.get(i)):
                values[c1] = self.values[i]
                self.filled[i] = self.filled.get(i, 0) + 1
        return values

    def problems(self, path: Path, header: list) -> list[Problem]:
        out = []
        for i, n in sorted(self.filled.items()):
            r1, c1, r2, c2 = self.ranges[i]
            ref = f"{_column_letters(c1)}{r1}:{_column_letters(c2)}{r2}"
            out.append(make_problem("E131", "warning", path, column=_header_name(header, c1),
                                    cells=ref, n=n))
        return out


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
