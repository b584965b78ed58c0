"""``read_reviews``: read a review export, match its columns, check every row, and split the rows
into valid and quarantined ones without losing any."""
from __future__ import annotations

import json
import os
import re
from dataclasses import replace
from pathlib import Path
from typing import Iterator, Mapping

import pandas as pd

from ..errors import Errors, InputError
from ..schema import (ALLOWED_VALUES, CARE_GRADE_RANGE, FREE_TEXT_COLUMNS, REVIEW_COLUMNS,
                      TEXT_FIELDS)
from ._columns import load_mapping, names_review_id, resolve_columns
from ._problems import LoadResult, Problem, make_problem
from ._readers import (SUFFIXES, RawStream, read_xlsx_raw, stream_csv_raw, stream_jsonl_raw,
                       stream_parquet_raw)
from ._values import canonical_icb, is_missing, normalise_choice, parse_bool, parse_date, parse_int, to_text

AGE_RANGE = (0, 120)
QUARANTINE_COLUMNS = ["_row", "review_id", "reason_code", "reason"]
#: bookkeeping names; a file column with one of these names is kept as '<name>_in_file'
RESERVED_COLUMNS = ("_row", "reason_code", "reason", "_raw", "_overflow")


def read_reviews(path: str | os.PathLike, mapping: str | os.PathLike | Mapping | None = None,
                 delimiter: str | None = None, *, sheet: str | int | None = None,
                 config=None) -> LoadResult:
    """Read a review corpus (.csv, .xlsx, .jsonl, .parquet) and check it against the schema.

    Columns are matched case-, space- and underscore-insensitively (``"Review ID"`` is
    ``review_id``); ``mapping`` (a YAML/JSON file or a dict ``{local_name: schema_name}``) renames
    local layouts first. CSV may be UTF-8, UTF-8 with BOM or Windows-1252 (reported as a warning).

    File-level problems raise :class:`~leder_insights.errors.InputError` (E101 missing, E102
    suffix, E103 empty, E104 no review_id, E105 encoding, E106 delimiter, E107 unparseable, E108
    mapping, E122 two columns for one field). Row-level problems never raise:

    * errors quarantine the row: empty review_id (E110), a repeated review_id (E111: the first
      row is kept, later ones quarantined), a value that cannot be held by its column's type --
      a date (E112), care_grade outside 1..6 (E113), age_at_death outside 0..120 (E114), a yes/no
      (E121) -- a text over ``config.io.max_text_chars`` (E117), a CSV row with the wrong number
      of fields (E118), a JSON line that is not an object (E107);
    * warnings keep the row: a value outside ``schema.ALLOWED_VALUES`` is kept unchanged (E115),
      NUL bytes are removed (E116), unknown columns are kept (E119), a non-UTF-8 encoding (E120).

    Dates become ISO ``'YYYY-MM-DD'`` (ISO or UK day-first input). ``valid`` has the schema
    columns present in the file, then unknown columns, then ``_row`` (the 1-based data row of a
    CSV, JSON Lines or Parquet file; the sheet row of a workbook, as Excel shows it, and messages
    then say "sheet row"). ``quarantine`` has ``_row, review_id, reason_code, reason`` and the
    row's values as read.

    Examples
    --------
    >>> res = read_reviews("reviews.csv")                          # doctest: +SKIP
    >>> res.n_rows == len(res.valid) + len(res.quarantine)         # doctest: +SKIP
    True
    """
    stream = iter_reviews(path, mapping, delimiter, sheet=sheet, config=config, chunk_rows=None)
    parts = list(stream)
    if len(parts) == 1:
        return parts[0]
    return _concat(parts, stream)


class ReviewStream:
    """Iterate a review file in chunks of ``chunk_rows`` input rows, each a :class:`LoadResult`.

    Memory is bounded by a chunk (plus the set of review ids seen, to quarantine repeats): CSV,
    JSON Lines and Parquet are read streaming; .xlsx is read whole. File-level problems
    (encoding, unknown columns …) come with the first chunk. After iteration, ``n_rows`` is the
    number of input rows and ``encoding`` the detected encoding.

    Examples
    --------
    >>> for part in iter_reviews("reviews.csv", chunk_rows=500):    # doctest: +SKIP
    ...     print(part.n_rows, len(part.valid), len(part.quarantine))
    """

    def __init__(self, raw, path: Path, local_names: dict, max_chars: int, chunk_rows: int | None):
        self.raw, self.path, self.chunk_rows = raw, path, chunk_rows
        self.max_chars = max_chars
        self.encoding = raw.encoding
        self.n_rows = 0
        self.head_problems: list[Problem] = list(raw.problems)
        self.head_problems += _name_blank_headers(raw, path)
        names, col_problems = resolve_columns([str(h) for h in raw.header], local_names, path)
        self.head_problems += col_problems
        if "review_id" not in names:
            # a workbook with other sheets: say so (faults6 F10: a cover sheet came first)
            sheets = [p.message for p in raw.problems if p.code == "E124"]
            hint = (f" Is the data on another sheet? {sheets[0][:1].upper()}{sheets[0][1:]}"
                    if sheets else "")
            raise InputError(Errors.E104, path=path, hint=hint,
                             columns=", ".join(repr(str(h)) for h in raw.header))
        for i, name in enumerate(names):
            if name in RESERVED_COLUMNS:  # e.g. a fixed quarantine.csv read back: keep, renamed
                names[i] = name = f"{name}_in_file"
            if name not in REVIEW_COLUMNS:
                self.head_problems.append(make_problem("E119", "warning", path, column=name))
        missing = [c for c in REVIEW_COLUMNS if c not in names]
        if missing:  # a column renamed or left out by a local export (faults7 F12)
            texts = [c for c in missing if c in FREE_TEXT_COLUMNS]
            note = (f" Without {', '.join(texts)} there is less text to de-identify and theme."
                    if texts else "")
            self.head_problems.append(make_problem("E133", "warning", path,
                                                   columns=", ".join(missing), text_note=note))
        self.names = names
        self.schema_cols = [c for c in REVIEW_COLUMNS if c in names]
        self.extra_cols = [c for c in names if c not in REVIEW_COLUMNS]
        #: review_id (case-folded) -> (row, id as written) of its first row
        self.first_seen: dict[str, tuple[int, str]] = {}

    def __iter__(self) -> Iterator[LoadResult]:
        self.n_rows = 0
        self.first_seen = {}
        head = list(self.head_problems)
        batch: list = []
        emitted = False
        for rec in self.raw.records():
            if self.raw.keep is not None:
                rec.values = [rec.values[i] if i < len(rec.values) else None for i in self.raw.keep]
            batch.append(rec)
            if self.chunk_rows and len(batch) >= self.chunk_rows:
                yield self._check(batch, head)
                head, batch, emitted = [], [], True
        if batch or not emitted:
            yield self._check(batch, head)

    def _check(self, records, head: list[Problem]) -> LoadResult:
        problems: list[Problem] = list(head)
        path, names = self.path, self.names
        valid_rows: list[dict] = []
        quarantined: list[dict] = []
        first_seen = self.first_seen
        for rec in records:
            cells = dict(zip(names, rec.values))
            if rec.error is not None:  # broken at parse time: that one reason, not a second one
                code, fields = rec.error
                # the row is misaligned, so its first cell may be narrative (a line split by an
                # unquoted line break): shown only when it looks like an id (faults F3)
                rid = shown_id(_clean_id(cells.get("review_id")))
                errors = [make_problem(code, "error", path, rec.row, review_id=rid, **fields)]
                row_problems: list[Problem] = []
            else:
                row_problems, out = _check_row(rec.row, cells, path, self.max_chars)
                rid = out.get("review_id")
                errors = [p for p in row_problems if p.severity == "error"]
                if rid is not None and not any(p.code == "E110" for p in errors):
                    key = rid.casefold()  # ids differing only in case are one review (F11)
                    if key in first_seen:
                        first_row, first_rid = first_seen[key]
                        errors.insert(0, make_problem("E111" if first_rid == rid else "E134",
                                                      "error", path, rec.row, "review_id",
                                                      shown_id(rid),
                                                      first_row=first_row))
                    else:
                        first_seen[key] = (rec.row, rid)
            if rec.line is not None:  # a CSV row holding line breaks: say where an editor finds it
                row_problems = [replace(p, line=rec.line) for p in row_problems]
                errors = [replace(p, line=rec.line) for p in errors]
            problems += [p for p in row_problems if p.severity == "warning"] + errors
            if errors:
                # the quarantine is handed around to fix rows: an id that is a person's
                # identifier (a colleague's export keyed on the patient) is not shown (faults8 F2)
                q = {"_row": rec.row, "review_id": shown_id(rid), "reason_code": errors[0].code,
                     "reason": " ".join(f"[{p.code}] {p.message}" for p in errors)}
                for name, value in cells.items():
                    q.setdefault(name, to_text(value) if not isinstance(value, (dict, list))
                                 else json.dumps(value, default=str)[:200])
                q.update(rec.extra)
                quarantined.append(q)
            else:
                out["_row"] = rec.row
                valid_rows.append(out)
        self.n_rows += len(records)
        problems.sort(key=lambda p: (p.row is not None, p.row or 0))
        valid = _frame(valid_rows, self.schema_cols + self.extra_cols + ["_row"])
        qcols = QUARANTINE_COLUMNS + [c for c in self.schema_cols + self.extra_cols if c != "review_id"]
        for q in quarantined:
            qcols += [k for k in q if k not in qcols]
        quarantine = pd.DataFrame(quarantined, columns=qcols, dtype=object)
        quarantine["_row"] = quarantine["_row"].astype("int64")
        return LoadResult(valid=valid, quarantine=quarantine, problems=problems,
                          encoding=self.encoding, n_rows=len(records), path=str(path))


def iter_reviews(path: str | os.PathLike, mapping: str | os.PathLike | Mapping | None = None,
                 delimiter: str | None = None, *, sheet: str | int | None = None, config=None,
                 chunk_rows: int | None = 10_000) -> ReviewStream:
    """Read a review corpus in chunks (see :class:`ReviewStream`); the checks of
    :func:`read_reviews`, with memory bounded by ``chunk_rows`` input rows (``None``: one chunk).

    File-level problems raise here, before the first chunk.
    """
    from ..config import load_config

    cfg = config or load_config()
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(Errors.E102, suffix=suffix or "(none)", path=path)
    if path.is_dir():
        raise InputError(Errors.E022, path=path)
    if not path.is_file():
        raise InputError(Errors.E101, path=path)
    local_names = load_mapping(mapping)
    max_chars = cfg.io.max_text_chars

    def is_header(values: list) -> bool:
        return names_review_id(values, local_names)

    if suffix == ".csv":
        raw = stream_csv_raw(path, delimiter, cfg.io.encodings, max_chars, is_header)
    elif suffix == ".xlsx":
        table = read_xlsx_raw(path, sheet, is_header)
        raw = RawStream(table.header, lambda: iter(table.records), table.encoding, table.problems)
    elif suffix == ".jsonl":
        raw = stream_jsonl_raw(path)
    else:
        raw = stream_parquet_raw(path)
    return ReviewStream(raw, path, local_names, max_chars, chunk_rows)


def _concat(parts: list[LoadResult], stream: ReviewStream) -> LoadResult:
    valid = pd.concat([p.valid for p in parts], ignore_index=True)
    quarantine = pd.concat([p.quarantine for p in parts], ignore_index=True)
    problems = [q for p in parts for q in p.problems]
    problems.sort(key=lambda p: (p.row is not None, p.row or 0))
    return LoadResult(valid=valid, quarantine=quarantine, problems=problems,
                      encoding=stream.encoding, n_rows=stream.n_rows, path=str(stream.path))


#: shown for the review_id of a row that could not be parsed when its first cell does not look
#: like an id (it may be narrative text); the row number still finds it
WITHHELD_ID = "(not shown)"


#: a phone number written as an id: 0 or +44/0044 then 9-10 digits (spaces, dots, hyphens and
#: brackets ignored)
_PHONE_ID = re.compile(r"(?:\+?44|0044|0)\d{9,10}")


def identifier_like(value: str) -> bool:
    """Whether ``value``, used as a review id, is a person's identifier rather than a review id:
    a valid NHS number, an e-mail address (any ``@``), a UK phone number, or words with no digit
    (a name). Such an id is never shown in a message or a quarantine (faults8 F2).

    >>> [identifier_like(v) for v in ("943 476 5919", "9434765919", "jo.b@example.com", "07700 900123",
    ...                               "Jane Hollowbrook", "LDR-2024-0001", "17", "9434765918")]
    [True, True, True, True, True, False, False, False]
    """
    from ..nhs_number import nhs_checksum_ok

    if "@" in value or not any(ch.isdigit() for ch in value):
        return True
    if nhs_checksum_ok(value):
        return True
    return _PHONE_ID.fullmatch(re.sub(r"[\s.\-()]", "", value)) is not None


def shown_id(value: str | None) -> str | None:
    """``value`` as messages and quarantines may show it: itself when it looks like a review id
    (:func:`id_shaped`) and is not a person's identifier (:func:`identifier_like`), otherwise
    :data:`WITHHELD_ID` (``None`` stays ``None``).

    >>> shown_id("LDR-2024-0001"), shown_id("Jane Hollowbrook"), shown_id("9434765919"), shown_id(None)
    ('LDR-2024-0001', '(not shown)', '(not shown)', None)
    """
    if value is None:
        return None
    return value if id_shaped(value) and not identifier_like(value) else WITHHELD_ID


def id_shaped(value: str) -> bool:
    """Whether ``value`` looks like a review id: at most 40 characters, no spaces, a digit.

    >>> id_shaped("LD-2024-0001"), id_shaped("Zorbal Quintrell at 7 Plumtree Row"), id_shaped("Zorbal")
    (True, False, False)
    """
    return (0 < len(value) <= 40 and not any(ch.isspace() for ch in value)
            and any(ch.isdigit() for ch in value))


#: characters that show nothing but make two ids differ (a zero-width space or no-break space,
#: a word joiner, a soft hyphen, NUL) pasted with an id from a web form or document (faults7 F11)
_INVISIBLE = dict.fromkeys(map(ord, "\x00\u00ad\u200b\u200c\u200d\u2060\ufeff"))


def clean_id(value) -> str | None:
    """A review id as text, without invisible characters and surrounding spaces (None if empty).

    >>> clean_id("\ufeffLDR-2022-00002 "), clean_id("  "), clean_id(17)
    ('LDR-2022-00002', None, '17')
    """
    rid = to_text(value) if not isinstance(value, (dict, list)) else None
    rid = rid.translate(_INVISIBLE).strip() if rid is not None else None
    return rid or None


_clean_id = clean_id


def _name_blank_headers(raw, path) -> list[Problem]:
    """A header cell that is empty: its column is named ``column_<n>`` when it holds values
    (checked by one extra streaming pass over the file), otherwise dropped."""
    problems: list[Problem] = []
    blank = [i for i, name in enumerate(raw.header) if is_missing(name)]
    raw.keep = None
    if not blank:
        return problems
    used: set[int] = set()
    for rec in raw.records():
        used.update(i for i in blank if i < len(rec.values) and not is_missing(rec.values[i]))
        if len(used) == len(blank):
            break
    keep = []
    for i in range(len(raw.header)):
        if i not in blank:
            keep.append(i)
        elif i in used:
            raw.header[i] = f"column_{i + 1}"
            problems.append(make_problem("E126", "warning", path, column=raw.header[i], n=i + 1))
            keep.append(i)
    if len(keep) < len(raw.header):
        raw.header = [raw.header[i] for i in keep]
        raw.keep = keep
    return problems


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=columns, dtype=object)
    types: dict[str, object] = {}
    for c in columns:
        kind = REVIEW_COLUMNS.get(c)
        if kind == "int":
            types[c] = "Int64"
        elif kind == "bool":
            types[c] = "boolean"
        elif c == "_row":
            types[c] = "int64"
        else:
            types[c] = object
    return df.astype(types)


def _check_row(row: int, cells: dict, path, max_chars: int) -> tuple[list[Problem], dict]:
    """Parse one row's cells into schema types; return its problems and the parsed values."""
    problems: list[Problem] = []
    out: dict = {}
    rid = clean_id(cells.get("review_id"))
    out["review_id"] = rid

    shown = shown_id(rid)  # messages never repeat an id that is a person's identifier

    def problem(code, severity, column, **fields):
        problems.append(make_problem(code, severity, path, row, column, shown, **fields))

    if rid is None:
        problem("E110", "error", "review_id")
    for name, value in cells.items():
        if name == "review_id":
            continue
        if isinstance(value, str) and "\x00" in value:
            problem("E116", "warning", name, n=value.count("\x00"))
            value = value.replace("\x00", "")
        if isinstance(value, (dict, list)) and name in REVIEW_COLUMNS:
            problem("E127", "error", name, kind="an object" if isinstance(value, dict) else "a list")
            continue
        if isinstance(value, str) and len(value) > max_chars:
            problem("E117", "error", name, n=len(value), limit=max_chars)
            continue
        kind = REVIEW_COLUMNS.get(name)
        try:
            if kind == "date":
                out[name] = parse_date(value)
            elif kind == "int":
                number = parse_int(value)
                low, high = CARE_GRADE_RANGE if name == "care_grade" else AGE_RANGE
                if number is not None and not low <= number <= high:
                    raise ValueError(value)
                out[name] = number
            elif kind == "bool":
                out[name] = parse_bool(value)
            elif kind == "str":
                text = to_text(value)
                if name in TEXT_FIELDS:
                    out[name] = text if text is not None else ""
                    continue
                text = text.strip() if text is not None else None
                text = text or None
                if text is not None and name == "icb":  # one name per ICB, however written
                    text = canonical_icb(text)
                if text is not None and name in ALLOWED_VALUES:
                    text, ok = normalise_choice(text, ALLOWED_VALUES[name])
                    if not ok:
                        problem("E115", "warning", name,
                                allowed=", ".join(ALLOWED_VALUES[name]))
                out[name] = text
            else:  # unknown column: kept as read
                out[name] = None if is_missing(value) and not isinstance(value, str) else value
        except (ValueError, TypeError, OverflowError):
            if kind == "date" and _serial_date(value):  # faults6 F11: say why
                problem("E129", "error", name)
            elif kind == "date":
                problem("E112", "error", name)
            elif name == "care_grade":
                problem("E113", "error", name)
            elif kind == "int":
                problem("E114", "error", name, low=AGE_RANGE[0], high=AGE_RANGE[1])
            else:
                problem("E121", "error", name)
    return problems, out

def _serial_date(value) -> bool:
    """Whether a date cell holds a plain number such as Excel's serial date 45300 (a cell that
    lost its date format).

    >>> _serial_date(45300), _serial_date("45300.0"), _serial_date("3 May 2021"), _serial_date(True)
    (True, True, False, False)
    """
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return True
    return isinstance(value, str) and re.fullmatch(r"\s*\d{1,6}(\.\d+)?\s*", value) is not None
