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


def _released_pseudonyms(bundle: Path, id_column: str) -> frozenset:
    """Pseudonyms of every review an earlier bundle released (its files were checked by
    :func:`read_earlier_releases`)."""
    files = dict(_manifest(bundle).get("files") or {})
    name = "reviews.parquet" if "reviews.parquet" in files else "reviews.csv"
    path = bundle / name
    frame = (pd.read_parquet(path, columns=[id_column]) if name.endswith(".parquet")
             else pd.read_csv(path, dtype=str, keep_default_na=False, usecols=[id_column]))
    return frozenset(frame[id_column].astype(str))


def fewest_reviews_apart(bundles, released_ids, id_column: str = "review_id") -> int | None:
    """The smallest number of reviews by which this release differs from one of the earlier
    ``bundles`` (reviews in one and not the other, by pseudonym), or ``None`` without any.

    Two releases 1 to k - 1 reviews apart publish audit totals whose difference is those reviews'
    own counts (attacker 5's F4: ``by_source.care_home`` 2 for one late review: she lived in a
    care home), so such a release withholds them (:func:`withhold_differencing_counts`).
    """
    ours = frozenset(map(str, released_ids))
    apart = [len(ours ^ _released_pseudonyms(Path(b), id_column)) for b in bundles]
    return min(apart) if apart else None


#: what a release that differs from an earlier one by fewer than k reviews does not publish
DIFFERENCING_WITHHELD = ("n_entities", "n_replaced", "n_kept", "by_category", "by_source",
                         "by_field", "by_action", "documents_by_replaced")


def withhold_differencing_counts(audit: dict, gate: dict, apart: int | None, k: int) -> tuple:
    """``(audit, gate)`` records as published: when this release is 1 to ``k - 1`` reviews apart
    from an earlier one, the audit's counts and the gate's counts per kind and per field are
    withheld (their difference with the earlier release's would be those reviews' counts).

    >>> a, g = withhold_differencing_counts({"n_documents": 61, "by_source": {"care_home": 40}},
    ...                                     {"per_kind": {"NER_PERSON": 3}, "n_direct": 0}, 1, 5)
    >>> "by_source" in a, g["per_kind"], a["withheld"][:22]
    (False, {}, 'counts withheld: this ')
    >>> withhold_differencing_counts({"by_source": {}}, {}, 5, 5)[0]
    {'by_source': {}}
    """
    if apart is None or not 0 < apart < k:
        return audit, gate
    why = (f"counts withheld: this release differs from an earlier release (--after) by fewer than "
           f"{k} reviews, so the difference of the two releases' counts would be those reviews' own")
    audit = {key: v for key, v in audit.items() if key not in DIFFERENCING_WITHHELD}
    audit["withheld"] = why
    gate = {**gate, "per_kind": {}, "candidates_by_field": {}, "per_kind_withheld": why}
    return audit, gate


__all__ = ["read_earlier_releases", "fewest_reviews_apart", "withhold_differencing_counts"]
