"""Earlier releases a new submission must stay safe beside (``release.after`` / ``submit --after``).

Two k-anonymous releases of overlapping reviews are not k-anonymous together: the same review
has the same pseudonym under a key (and the same learning-point text), so an intruder joins
them, and if each release generalised a different column the join is narrower than either.
A bundle that names its earlier bundles keeps every hierarchy at or above the level each of them
used and suppresses again every review they suppressed (:meth:`Release.compose_after`). What is
read from an earlier bundle is what it released: its manifest's plan levels and the pseudonyms of
its suppressed rows, checked against the manifest's sha256.

>>> read_earlier_releases([], release=None)
({}, frozenset(), [])
"""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from .._files import sha256_file
from ..errors import Errors, InputError


def _manifest(bundle: Path) -> dict:
    path = bundle / "manifest.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(Errors.E608, path=bundle, reason="it has no manifest.json") from None
    except (OSError, ValueError) as exc:
        raise InputError(Errors.E608, path=bundle, reason=f"its manifest.json cannot be read ({exc})") from None


def _suppressed_pseudonyms(bundle: Path, manifest: dict, id_column: str, qi_names) -> frozenset:
    """Pseudonyms of the released reviews whose every quasi-identifier is ``*``."""
    files = dict(manifest.get("files") or {})
    name = "reviews.parquet" if "reviews.parquet" in files else "reviews.csv"
    path = bundle / name
    if name not in files or not path.is_file():
        raise InputError(Errors.E608, path=bundle, reason=f"{name} is missing")
    if sha256_file(path) != files[name]:
        raise InputError(Errors.E608, path=bundle,
                         reason=f"{name} differs from the sha256 its manifest lists (changed after release)")
    frame = (pd.read_parquet(path) if name.endswith(".parquet")
             else pd.read_csv(path, dtype=str, keep_default_na=False))
    qi = [c for c in frame.columns if c in set(qi_names)]
    if id_column not in frame.columns or not qi:
        return frozenset()
    gone = (frame[qi].astype(str) == "*").all(axis=1)
    return frozenset(frame.loc[gone, id_column].astype(str))


def read_earlier_releases(bundles, release, key_fingerprint: str | None = None):
    """``(floor, suppressed, records)`` from earlier releasable bundles made with the same key,
    schema and pseudonym scope: the highest level each hierarchy had in any of them, the
    pseudonyms they suppressed, and one manifest line per bundle (no record-level value)."""
    floor: dict = {}
    suppressed: set = set()
    records = []
    for bundle in map(Path, bundles):
        if not bundle.is_dir():
            raise InputError(Errors.E608, path=bundle, reason="it is not a bundle directory")
        m = _manifest(bundle)
        rel = m.get("release") or {}
        if not m.get("releasable"):
            raise InputError(Errors.E608, path=bundle,
                             reason="it was refused (not releasable), so nothing of it was released: leave it out")
        theirs = (m.get("run_identity") or {}).get("key_fingerprint")
        if key_fingerprint is not None and theirs != key_fingerprint:
            raise InputError(Errors.E609, path=bundle)
        if rel.get("schema") != release.schema.name or rel.get("pseudonym_scope", "") != release.pseudonym_scope:
            raise InputError(Errors.E610, path=bundle, schema=rel.get("schema"),
                             scope=rel.get("pseudonym_scope", ""), our_schema=release.schema.name,
                             our_scope=release.pseudonym_scope)
        for h, spec in ((rel.get("plan") or {}).get("levels") or {}).items():
            floor[h] = max(floor.get(h, 0), int(spec["level"]))
        id_out = release.schema.columns[release.schema.id_column].output
        gone = _suppressed_pseudonyms(bundle, m, id_out, release.released_qi_names())
        suppressed |= gone
        records.append({"run_id": m.get("run_id"), "created_at": m.get("created_at"),
                        "n_suppressed_again": len(gone)})
    return floor, frozenset(suppressed), records


__all__ = ["read_earlier_releases"]
