"""The hand-annotated de-identification gold set on real coroners' reports (``gold/``).

The repository holds only offsets, categories and a short hash of each span; the texts stay in
``../shared/data/pfd_reports.jsonl``. :func:`iter_pfd_gold` joins the two and checks every hash,
so a changed report is reported instead of silently scoring against shifted offsets.
See ``gold/README.md`` for the annotation guideline.

>>> from leder_insights.evaluation.pfd import span_sha1
>>> span_sha1("Mr Example")
'a0e4f60062'
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

from leder_insights.config import data_path
from leder_insights.errors import Errors, InputError
from leder_insights.io import iter_jsonl_lines

GOLD_DIR = data_path("gold")
GOLD_SPANS = GOLD_DIR / "pfd_deid_dev.jsonl"
GOLD_DOCS_NAME = "pfd_deid_dev_docs.json"
DEFAULT_REPORTS = data_path("shared_data") / "pfd_reports.jsonl"

#: The report sections that were annotated.
PFD_FIELDS = ("inquest", "circumstances", "concerns")
#: The categories of interfaces.md section 2.
CATEGORIES = ("PERSON", "LOCATION", "ORGANIZATION", "DATE", "AGE", "ID", "CONTACT")


def span_sha1(text: str) -> str:
    """First 10 hex digits of the SHA-1 of a span's text (UTF-8).

    Examples
    --------
    >>> len(span_sha1("Poole Hospital"))
    10
    """
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def load_pfd_reports(path: str | Path | None = None) -> list[dict]:
    """Read the coroners' reports (JSON Lines), in file order.

    Parameters
    ----------
    path : str or Path, optional
        Defaults to ``../shared/data/pfd_reports.jsonl`` beside the repository.

    Returns
    -------
    list of dict
        One dict per report (``ref``, ``inquest``, ``circumstances``, ``concerns``, ...).

    Raises
    ------
    InputError
        ``[E163]`` if the file is missing (it says how to point at it), ``[E107]`` if a line is not a JSON object with a ref.

    Examples
    --------
    >>> import json, tempfile, os
    >>> with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as fh:
    ...     _ = fh.write(json.dumps({"ref": "2099-0001", "inquest": "On 1 May ..."}) + "\\n")
    >>> [r["ref"] for r in load_pfd_reports(fh.name)]
    ['2099-0001']
    >>> os.unlink(fh.name)
    """
    path = Path(path) if path is not None else data_path("shared_data") / "pfd_reports.jsonl"
    if not path.exists():
        raise InputError(Errors.E163, path=path, option="--pfd-reports")
    reports = []
    for lineno, row, err, _ in iter_jsonl_lines(path):
        if err is not None:
            raise InputError(Errors.E107, path=f"{path} line {lineno}", kind="JSON", reason=err)
        if "ref" not in row:
            raise InputError(Errors.E107, path=f"{path} line {lineno}", kind="a report",
                             reason="expected a JSON object with a 'ref' field")
        reports.append(row)
    return reports


def _read_gold(spans_path: Path) -> tuple[list[dict], list[dict]]:
    """Read and validate the span file and its documents file (same folder)."""
    docs_path = docs_path_for(spans_path)
    for p in (spans_path, docs_path):
        if not p.exists():
            raise InputError(Errors.E101, path=p)
    spans = []
    for lineno, row, err, _ in iter_jsonl_lines(spans_path):
        if err is not None:
            raise InputError(Errors.E160, path=spans_path, line=lineno, reason=f"not JSON ({err})")
        missing = {"ref", "field", "start", "end", "category", "sha1"} - set(row)
        if missing:
            raise InputError(Errors.E160, path=spans_path, line=lineno,
                             reason=f"missing keys {sorted(missing)}")
        if row["category"] not in CATEGORIES:
            raise InputError(Errors.E160, path=spans_path, line=lineno,
                             reason=f"unknown category {row['category']!r}")
        if row["field"] not in PFD_FIELDS:
            raise InputError(Errors.E160, path=spans_path, line=lineno,
                             reason=f"unknown field {row['field']!r}")
        if not (isinstance(row["start"], int) and isinstance(row["end"], int)
                and 0 <= row["start"] < row["end"]):
            raise InputError(Errors.E160, path=spans_path, line=lineno,
                             reason=f"bad offsets {row['start']!r}..{row['end']!r}")
        row["_line"] = lineno
        spans.append(row)
    try:
        docs = json.loads(docs_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InputError(Errors.E160, path=docs_path, line=exc.lineno, reason="not JSON") from exc
    if not isinstance(docs, list) or not all(
            isinstance(d, dict) and {"ref", "field"} <= set(d) for d in docs):
        raise InputError(Errors.E160, path=docs_path, line=1,
                         reason="expected a list of {'ref', 'field'} objects")
    known = {(d["ref"], d["field"]) for d in docs}
    for row in spans:
        if (row["ref"], row["field"]) not in known:
            raise InputError(Errors.E160, path=spans_path, line=row["_line"],
                             reason=f"{row['ref']}:{row['field']} is not listed in "
                                    f"{docs_path.name}")
    return spans, docs


def docs_path_for(spans_path: str | Path) -> Path:
    """The document list beside a span file: ``NAME.jsonl`` -> ``NAME_docs.json``.

    >>> docs_path_for("gold/pfd_deid_test.jsonl").name
    'pfd_deid_test_docs.json'
    """
    spans_path = Path(spans_path)
    return spans_path.with_name(spans_path.stem + "_docs.json")


def iter_pfd_gold(gold_path: str | Path | None = None,
                  reports_path: str | Path | None = None) -> Iterator[dict]:
    """Yield the gold documents, one per annotated (report, section), with verified spans.

    Parameters
    ----------
    gold_path : str or Path, optional
        The span file; its document list ``<stem>_docs.json`` must sit beside it. Defaults to
        ``gold/pfd_deid_dev.jsonl`` (the development set) in the repository;
        ``gold/pfd_deid_test.jsonl`` is the held-out set.
    reports_path : str or Path, optional
        Defaults to ``../shared/data/pfd_reports.jsonl``.

    Yields
    ------
    dict
        ``{"id": "REF:field", "text": str, "entities": [{"start", "end", "category"}]}``,
        entities sorted by start; sections without identifiers yield an empty list (they
        still count for precision).

    Raises
    ------
    InputError
        ``[E160]`` malformed gold file, ``[E161]`` a span's hash does not match the text
        (the report changed), ``[E162]`` a report is missing from the reports file.

    Examples
    --------
    >>> docs = list(iter_pfd_gold())                     # doctest: +SKIP
    >>> docs[0]["id"], docs[0]["entities"][0]["category"]  # doctest: +SKIP
    ('2022-0416:inquest', 'DATE')
    """
    spans_path = Path(gold_path) if gold_path is not None else GOLD_SPANS
    reports_path = (Path(reports_path) if reports_path is not None
                    else data_path("shared_data") / "pfd_reports.jsonl")
    spans, docs = _read_gold(spans_path)
    by_ref = {r["ref"]: r for r in load_pfd_reports(reports_path)}
    grouped: dict[tuple[str, str], list[dict]] = {}
    for row in spans:
        grouped.setdefault((row["ref"], row["field"]), []).append(row)
    for doc in docs:
        ref, field = doc["ref"], doc["field"]
        if ref not in by_ref:
            raise InputError(Errors.E162, ref=ref, path=docs_path_for(spans_path),
                             reports=reports_path)
        text = by_ref[ref].get(field) or ""
        entities = []
        for row in sorted(grouped.get((ref, field), []), key=lambda r: r["start"]):
            found = span_sha1(text[row["start"]:row["end"]]) if row["end"] <= len(text) else "-"
            if found != row["sha1"]:
                raise InputError(Errors.E161, ref=ref, field=field, start=row["start"],
                                 end=row["end"], reports=reports_path, expected=row["sha1"],
                                 found=found)
            entities.append({"start": row["start"], "end": row["end"],
                             "category": row["category"]})
        yield {"id": f"{ref}:{field}", "text": text, "entities": entities}


__all__ = ["iter_pfd_gold", "load_pfd_reports", "span_sha1", "PFD_FIELDS", "CATEGORIES",
           "GOLD_SPANS", "DEFAULT_REPORTS"]
