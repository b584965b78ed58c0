"""Batch de-identification of records and DataFrames, failing closed.

A record whose detection or replacement raises is quarantined with a numbered reason (``E304``);
its text is never emitted. Every input record comes out exactly once: de-identified or
quarantined. Reasons name the field and the exception type only, never the exception message
(which could quote the text).

>>> from leder_insights.deid._frame import DeidRecord
>>> DeidRecord(id="r1", status="quarantined", reason_code="E304").ok
False
"""
from __future__ import annotations

import itertools
import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

import pandas as pd

from ..errors import DeidError, Errors, InputError


@dataclass
class DeidRecord:
    """The outcome for one record of :meth:`Deidentifier.iter_deidentify`.

    ``record`` is the input record with its text columns replaced (``None`` when quarantined);
    ``spans`` maps each text column to the ``(new_start, new_end)`` offsets of its replacements.
    """

    id: Any
    status: str
    record: dict | None = None
    audit: dict | None = None
    row: Any = None
    reason_code: str | None = None
    reason: str | None = None
    spans: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def __repr__(self) -> str:
        return f"DeidRecord(id={self.id!r}, status={self.status!r}, reason_code={self.reason_code!r})"


def _missing(value) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _native(value):
    """Python scalars for JSON (numpy ints/floats/NaN -> int/float/None)."""
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        try:
            value = value.item()
        except (ValueError, AttributeError):
            pass
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _quarantined(rid, row, reason: str) -> DeidRecord:
    msg = str(DeidError(Errors.E304, doc_id=rid, reason=reason))
    return DeidRecord(id=rid, status="quarantined", row=row, reason_code="E304", reason=msg)


def process_batch(deid, batch: list[dict], text_columns, id_column: str = "review_id",
                  n_process: int | None = None, batch_size: int | None = None) -> list[DeidRecord]:
    """De-identify a list of records in one detector call; one :class:`DeidRecord` per record."""
    cells = []
    for i, rec in enumerate(batch):
        for col in text_columns:
            value = rec.get(col)
            if not _missing(value):
                cells.append((i, col, value if isinstance(value, str) else str(value)))
    failed: dict[int, str] = {}
    texts = [t for _, _, t in cells]
    try:
        found = list(deid.detector.analyze_many(texts, n_process=n_process, batch_size=batch_size)) \
            if texts else []
        if len(found) != len(texts):
            raise ValueError("detector returned a different number of results")
    except Exception:  # isolate the failing document(s): one text at a time
        found = []
        for i, col, text in cells:
            try:
                found.append(deid.detector.analyze(text))
            except Exception as exc:
                found.append(None)
                failed.setdefault(i, f"detection failed in {col}: {type(exc).__name__}")
    per_record: dict[int, dict] = defaultdict(dict)
    for (i, col, text), ents in zip(cells, found):
        per_record[i][col] = (text, ents)

    out = []
    for i, rec in enumerate(batch):
        rid, row = _native(rec.get(id_column)), _native(rec.get("_row"))
        if i in failed:
            out.append(_quarantined(rid, row, failed[i]))
            continue
        fields = {col: t for col, (t, _) in per_record[i].items()}
        ents = {col: e for col, (_, e) in per_record[i].items()}
        doc_key = str(rid) if rid is not None else f"_row:{row if row is not None else i}"
        try:
            texts, reps, audit = deid.deidentify_fields(fields, doc_key, entities=ents,
                                                        id_column=id_column)
        except Exception as exc:
            where = ""
            if isinstance(exc, DeidError):
                where = f" ({exc.code})"
            out.append(_quarantined(rid, row, f"replacement failed: {type(exc).__name__}{where}"))
            continue
        audit[id_column] = rid
        if "_row" in rec:
            audit["_row"] = row
        new = dict(rec)
        new.update(texts)
        spans = {col: [(r.new_start, r.new_end) for r in rs] for col, rs in reps.items()}
        out.append(DeidRecord(id=rid, status="ok", record=new, audit=audit, row=row, spans=spans))
    return out


def _as_records(records) -> Iterator[dict]:
    if isinstance(records, pd.DataFrame):
        for start in range(0, len(records), 1000):
            yield from records.iloc[start:start + 1000].to_dict("records")
    else:
        yield from records


def iter_deidentify(deid, records: Iterable[dict] | pd.DataFrame, text_columns,
                    id_column: str = "review_id", batch_size: int | None = None,
                    n_process: int | None = None) -> Iterator[DeidRecord]:
    """Stream ``records`` in batches of ``batch_size`` (bounded memory), yielding a
    :class:`DeidRecord` per input record, in input order."""
    batch_size = batch_size or deid.config.deid.batch_size
    text_columns = list(text_columns)
    it = iter(_as_records(records))
    while True:
        batch = list(itertools.islice(it, batch_size))
        if not batch:
            return
        yield from process_batch(deid, batch, text_columns, id_column, n_process=n_process)


def _check_columns(df: pd.DataFrame, text_columns, id_column: str) -> None:
    if id_column not in df.columns:
        raise InputError(Errors.E104, path="the DataFrame", columns=", ".join(map(str, df.columns)))
    missing = [c for c in text_columns if c not in df.columns]
    if missing:
        raise InputError(Errors.E603, columns=", ".join(missing),
                         available=", ".join(map(str, df.columns)))


QUARANTINE_COLUMNS = ("_row", "reason_code", "reason")


def deidentify_frame(deid, df: pd.DataFrame, text_columns, id_column: str = "review_id",
                     n_process: int | None = None, batch_size: int | None = None,
                     return_spans: bool = False):
    """See :meth:`Deidentifier.deidentify_frame`."""
    text_columns = list(text_columns)
    _check_columns(df, text_columns, id_column)
    results = process_batch(deid, df.to_dict("records"), text_columns, id_column,
                            n_process=n_process, batch_size=batch_size)
    ok_pos = [i for i, r in enumerate(results) if r.ok]
    ok = [results[i] for i in ok_pos]
    records = [r.record for r in ok]
    assert all(rec is not None for rec in records)  # a de-identified row always has its record
    df_out = df.iloc[ok_pos].copy()
    for col in text_columns:
        values = [rec[col] for rec in records]  # type: ignore[index]
        try:  # keep the input's dtype (e.g. pandas' str dtype) when the new values fit it
            df_out[col] = pd.Series(values, index=df_out.index, dtype=df[col].dtype)
        except (TypeError, ValueError):
            df_out[col] = pd.Series(values, index=df_out.index, dtype="object")
    audit_df = pd.DataFrame([r.audit for r in ok]) if ok else pd.DataFrame(columns=[id_column])
    bad = [r for r in results if not r.ok]
    quarantine_df = pd.DataFrame(
        [{id_column: r.id, "_row": r.row, "reason_code": r.reason_code, "reason": r.reason}
         for r in bad], columns=[id_column, *QUARANTINE_COLUMNS])
    if not return_spans:
        return df_out, audit_df, quarantine_df
    spans = {(r.id, col): r.spans.get(col, []) for r in ok for col in text_columns}
    return df_out, audit_df, quarantine_df, spans


__all__ = ["DeidRecord", "iter_deidentify", "deidentify_frame", "process_batch",
           "QUARANTINE_COLUMNS"]
