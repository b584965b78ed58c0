"""Training and evaluation data for the theme model.

* the hand-labelled set shipped in ``themes/data/labelled_points.jsonl``
  (``{"id", "text", "themes", "polarity", "kind"}`` per line);
* synthetic gold learning points from ``leder_insights.corpus.synthesize`` (when available);
* gold theme labels on real coroners' concerns (``gold/pfd_themes.jsonl``: ``ref, field, start, end,
  themes``), resolved against the reports file, whose text is never copied into the repository;
* training-only labels on the concerns of *other* reports (``themes/data/pfd_concerns_train.jsonl``,
  same format), so the gold spans stay the evaluation set.

>>> df = read_labelled_jsonl(LABELLED_PATH)            # doctest: +SKIP
>>> set(df.columns) >= {"id", "text", "themes"}        # doctest: +SKIP
True
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd

from .._files import sha256_file
from ..config import data_path
from ..errors import Errors, InputError
from ..evaluation.pfd import span_sha1
from ._taxonomy import load_taxonomy

LABELLED_PATH = Path(__file__).parent / "data" / "labelled_points.jsonl"
#: Real-register points written by an independent writer (training only; ``register`` field kept out).
WRITTEN_PATH = Path(__file__).parent / "data" / "written_points.jsonl"
PFD_TRAIN_PATH = Path(__file__).parent / "data" / "pfd_concerns_train.jsonl"


def pfd_gold_path() -> Path:
    """The hand-labelled real concerns: ``pfd_themes.jsonl`` in config ``paths.gold``.

    >>> pfd_gold_path().name
    'pfd_themes.jsonl'
    """
    return data_path("gold") / "pfd_themes.jsonl"


def pfd_reports_path() -> Path:
    """The real coroners' reports, ``pfd_reports.jsonl`` in config ``paths.shared_data``
    (``LEDER_SHARED_DATA`` overrides; never copied into the repository).

    >>> pfd_reports_path().name
    'pfd_reports.jsonl'
    """
    return data_path("shared_data") / "pfd_reports.jsonl"

#: Data sources holding real coroners' concerns (gold spans, training-only spans of other reports).
REAL_SOURCES = ("pfd", "pfd_train")
DATA_COLUMNS = ["id", "text", "themes", "polarity", "kind", "source", "group"]


def _read_jsonl(path: Path) -> list[tuple[int, dict]]:
    path = Path(path)
    if not path.exists():
        raise InputError(Errors.E101, path=path)
    from ..io import iter_text_lines

    def bad_byte(line: int, offset: int) -> InputError:
        return InputError(Errors.E404, line=line, path=path,
                          reason=f"not UTF-8 text (byte {offset} of the line; Latin-1 or "
                                 "Windows-1252?); JSON Lines must be UTF-8: re-export the file as UTF-8")

    out = []
    for n, line in iter_text_lines(path, bad_byte):  # each line decoded on its own (faults6 F02)
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(Errors.E404, line=n, path=path, reason=f"not valid JSON ({exc.msg})") from None
        if not isinstance(rec, dict):
            raise InputError(Errors.E404, line=n, path=path, reason="a line must be a JSON object")
        out.append((n, rec))
    return out


def _check_themes(themes, n: int, path) -> list[str]:
    tax = load_taxonomy()
    if themes is None:
        return []
    if not isinstance(themes, list):
        raise InputError(Errors.E404, line=n, path=path, reason="'themes' must be a list of theme ids")
    bad = [t for t in themes if t not in tax]
    if bad:
        raise InputError(Errors.E404, line=n, path=path,
                         reason=f"unknown theme id(s) {bad}; valid ids: {', '.join(tax.ids)}")
    return list(dict.fromkeys(themes))


def read_labelled_jsonl(path, source: str = "labelled") -> pd.DataFrame:
    """Read a labelled file (``id``, ``text``, ``themes`` per line; ``polarity``/``kind`` optional)."""
    rows = []
    for n, rec in _read_jsonl(path):
        if not isinstance(rec.get("text"), str):
            raise InputError(Errors.E404, line=n, path=path, reason="missing or non-string 'text'")
        if "themes" not in rec:
            raise InputError(Errors.E404, line=n, path=path, reason="missing 'themes' (use [] for no theme)")
        rows.append({"id": str(rec.get("id", f"line{n}")), "text": rec["text"],
                     "themes": _check_themes(rec["themes"], n, path),
                     "polarity": rec.get("polarity"), "kind": rec.get("kind"), "source": source,
                     "group": f"{source}:{rec.get('id', n)}"})
    return pd.DataFrame(rows, columns=DATA_COLUMNS)


def load_labelled(path=None) -> pd.DataFrame:
    """The shipped hand-labelled learning points (empty frame if the file does not exist)."""
    path = Path(path) if path else LABELLED_PATH
    if not path.exists():
        return pd.DataFrame(columns=DATA_COLUMNS)
    return read_labelled_jsonl(path)


def load_written(path=None) -> pd.DataFrame:
    """The written real-register points (source ``written``; empty frame if the file is absent)."""
    path = Path(path) if path else WRITTEN_PATH
    if not path.exists():
        return pd.DataFrame(columns=DATA_COLUMNS)
    return read_labelled_jsonl(path, source="written")


def _synthesize():
    """The corpus generator (``leder_insights.corpus.synthesize``), or None if not installed."""
    try:
        from ..corpus import synthesize
    except ImportError:
        try:  # the corpus package may not re-export it yet
            from ..corpus import synthesize
        except ImportError:
            return None
    return synthesize


def synthetic_available() -> bool:
    return _synthesize() is not None


def load_synthetic(n_reviews: int = 300, seed: int = 7) -> pd.DataFrame:
    """Gold learning points of a synthetic corpus (empty frame if the generator is not available)."""
    synthesize = _synthesize()
    if synthesize is None or n_reviews <= 0:
        return pd.DataFrame(columns=DATA_COLUMNS)
    corpus = synthesize(n_reviews=n_reviews, seed=seed)
    lp = corpus.learning_points
    return pd.DataFrame({
        "id": "syn:" + lp["lp_id"].astype(str),
        "text": lp["text"].astype(str),
        "themes": [list(t) if t is not None else [] for t in lp["themes"]],
        "polarity": lp.get("polarity"),
        "kind": lp["cue"] if "cue" in lp.columns else None,
        "source": "synthetic",
        "group": "syn:" + lp["review_id"].astype(str),
    }, columns=DATA_COLUMNS).reset_index(drop=True)


def load_pfd_gold(gold_path=None, reports_path=None, source: str = "pfd") -> pd.DataFrame:
    """Gold-labelled spans of real coroners' concerns, with their text read from the reports file.

    A row's ``sha1`` (first 10 hex digits of the span's SHA-1), when present, must match the text
    now at its offsets, else ``[E404]`` names the row: a changed report never yields shifted labels.
    ``source`` names the rows' data source (``pfd`` for the gold set, ``pfd_train`` for the
    training-only file); ``group`` is ``pfd:<ref>`` for both, so grouped folds keep a report together.
    """
    gold_path = Path(gold_path) if gold_path else pfd_gold_path()
    reports_path = Path(reports_path) if reports_path else pfd_reports_path()
    if not gold_path.exists() or not reports_path.exists():
        return pd.DataFrame(columns=DATA_COLUMNS)
    reports = {}
    for _, rec in _read_jsonl(reports_path):
        reports[str(rec.get("ref"))] = rec
    rows = []
    for n, rec in _read_jsonl(gold_path):
        ref, field = str(rec.get("ref")), rec.get("field", "concerns")
        doc = reports.get(ref)
        if doc is None or not isinstance(doc.get(field), str):
            raise InputError(Errors.E404, line=n, path=gold_path,
                             reason=f"report {ref!r} (field {field!r}) not found in {reports_path}")
        try:
            s, e = int(rec["start"]), int(rec["end"])
        except (KeyError, TypeError, ValueError):
            raise InputError(Errors.E404, line=n, path=gold_path, reason="'start'/'end' must be integers") from None
        text = doc[field]
        if not (0 <= s < e <= len(text)):
            raise InputError(Errors.E404, line=n, path=gold_path,
                             reason=f"span {s}-{e} is outside the {len(text)}-character {field} of {ref}")
        span = text[s:e]
        if rec.get("sha1") and span_sha1(span) != rec["sha1"]:
            raise InputError(Errors.E404, line=n, path=gold_path,
                             reason=f"the text of {ref} at {s}-{e} no longer matches its sha1 (the report "
                                    "changed); re-anchor the labels before using them")
        rows.append({"id": f"{ref}:{field}:{s}-{e}", "text": span,
                     "themes": _check_themes(rec.get("themes", []), n, gold_path),
                     "polarity": None, "kind": "pfd", "source": source, "group": f"pfd:{ref}"})
    return pd.DataFrame(rows, columns=DATA_COLUMNS)


def data_sha256(df: pd.DataFrame) -> str:
    """SHA-256 of the training records (id, text, sorted themes), in order."""
    h = hashlib.sha256()
    for rid, text, themes in zip(df["id"], df["text"], df["themes"]):
        h.update(json.dumps([str(rid), str(text), sorted(themes)], ensure_ascii=False).encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()


#: one JSON object per line, with line numbers: ``[(line, record), ...]`` (numbered errors)
read_jsonl_records = _read_jsonl


def file_sha256(path) -> str | None:
    path = Path(path)
    return sha256_file(path) if path.exists() else None


__all__ = ["read_jsonl_records", "load_labelled", "load_written", "WRITTEN_PATH", "load_synthetic", "load_pfd_gold", "read_labelled_jsonl", "data_sha256",
           "file_sha256", "synthetic_available", "LABELLED_PATH", "pfd_gold_path", "pfd_reports_path",
           "PFD_TRAIN_PATH", "REAL_SOURCES"]
