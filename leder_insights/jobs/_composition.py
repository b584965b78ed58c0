"""Earlier releases a new submission must stay safe beside (``release.after`` / ``submit --after``).

Two k-anonymous releases of overlapping reviews are not k-anonymous together: the same review
has the same pseudonym under a key (and the same learning-point text), so an intruder joins
them, and if each release generalised a different column the join is narrower than either.
A bundle that names its earlier bundles keeps every hierarchy at or above the level each of them
used and suppresses again every review they suppressed (:meth:`Release.compose_after`). What is
read from an earlier bundle is what it released: its manifest's plan levels and the pseudonyms of
its suppressed rows, checked against the manifest's sha256.

>>> read_earlier_releases([], release=None)
({}, {}, [])
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
    """``(floor, suppressed, records)`` from earlier releasable bundles made with the same key
    and schema: the highest level each hierarchy had in any of them, the pseudonyms they
    suppressed (``{pseudonym_scope: pseudonyms}``: an earlier release may have used another
    scope, its texts still link to this one's), and one manifest line per bundle (no record-level
    value)."""
    floor: dict = {}
    suppressed: dict = {}
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
        if rel.get("schema") != release.schema.name:
            raise InputError(Errors.E610, path=bundle, schema=rel.get("schema"),
                             scope=rel.get("pseudonym_scope", ""), our_schema=release.schema.name,
                             our_scope=release.pseudonym_scope)
        for h, spec in ((rel.get("plan") or {}).get("levels") or {}).items():
            floor[h] = max(floor.get(h, 0), int(spec["level"]))
        id_out = release.schema.columns[release.schema.id_column].output
        gone = _suppressed_pseudonyms(bundle, m, id_out, release.released_qi_names())
        scope = str(rel.get("pseudonym_scope", "") or "")
        suppressed[scope] = frozenset(suppressed.get(scope, frozenset()) | gone)
        records.append({"run_id": m.get("run_id"), "created_at": m.get("created_at"),
                        "n_suppressed_again": len(gone)})
    return floor, suppressed, records


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


# --- successive releases: reviews new, changed or removed since an earlier release ------------

#: the quarantine's reason code of a review held back by ``release.sequence.few_new: hold``
HELD_BACK = "held_back_few_new"
HELD_BACK_REASON = ("new or changed since an earlier release (--after) together with fewer than k "
                    "others: held back for a later release")


def signature(texts, cells=()) -> str:
    """What a review releases, as one digest: its learning points' texts (in any order, spaces
    folded, as an intruder linking two releases compares them) and its other released cells.

    >>> signature(["a  b", "c"]) == signature(["c", "a b"]) != signature(["c"])
    True
    """
    import hashlib

    parts = sorted(" ".join(str(t).split()) for t in texts)
    return hashlib.sha256("\x1f".join([*parts, "\x1e", *map(_cell, cells)]).encode()).hexdigest()


def _cell(v) -> str:
    """A released cell as text, alike whether read from a Parquet part or the CSV (``2`` = ``2.0``)."""
    if v is None or (not isinstance(v, str) and pd.isna(v)):
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _read_table(bundle: Path, stem: str, columns=None) -> pd.DataFrame | None:
    for name in (f"{stem}.parquet", f"{stem}.csv"):
        path = bundle / name
        if path.is_file():
            return (pd.read_parquet(path, columns=columns) if name.endswith(".parquet")
                    else pd.read_csv(path, dtype=str, keep_default_na=False, usecols=columns))
    return None


def bundle_signatures(bundle: Path, id_column: str, other_columns) -> dict:
    """``{pseudonym: signature}`` of every review an earlier bundle released."""
    reviews = _read_table(Path(bundle), "reviews")
    if reviews is None or id_column not in reviews.columns:
        return {}
    lps = _read_table(Path(bundle), "learning_points")
    texts: dict = {}
    if lps is not None and {"review_id", "text"} <= set(lps.columns):
        for rid, t in zip(lps["review_id"].astype(str), lps["text"]):
            texts.setdefault(rid, []).append(t)
    cols = [c for c in other_columns if c in reviews.columns]
    return {str(r[0]): signature(texts.get(str(r[0]), []), r[1:])
            for r in reviews[[id_column, *cols]].itertuples(index=False, name=None)}


def unnamed_earlier_bundles(out_dir, named, key_fingerprint: str | None, schema: str) -> list[Path]:
    """Releasable bundles beside ``out_dir`` (its parent's other directories) made with the same
    key and schema and not named with ``--after``: likely an earlier release of the same reviews."""
    out_dir = Path(out_dir).resolve()
    named_paths = {Path(b).resolve() for b in named}
    found: list[Path] = []
    parent = out_dir.parent
    if not parent.is_dir():
        return found
    for d in sorted(parent.iterdir()):
        if not d.is_dir() or d.resolve() == out_dir or d.resolve() in named_paths:
            continue
        try:
            m = json.loads((d / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if (isinstance(m, dict) and m.get("releasable") and key_fingerprint is not None
                and (m.get("run_identity") or {}).get("key_fingerprint") == key_fingerprint
                and (m.get("release") or {}).get("schema") == schema):
            found.append(d)
    return found


class Sequence:
    """Which reviews of this release differ from earlier releases, and what to do about it.

    An intruder who holds two releases lists the reviews that are in one and not the other: by
    pseudonym, or, under another ``pseudonym_scope``, by their learning points' texts (attacker
    9's F8: 59 of 59 earlier reviews linked one-to-one by text, the late review the only one left).
    So a review's identity across releases is its raw id, whatever the scope: :meth:`observe`
    derives, from the raw ids, the pseudonym each earlier release's scope gave it. A review is
    *new* when the earlier release has no such pseudonym, *changed* when it has one with other
    learning points or cells, *removed* when the earlier release has it and this one does not.
    Fewer than ``k`` new or changed are held back (or refused); fewer than ``k`` removed are
    refused (they cannot be held back).
    """

    def __init__(self, release, named=(), unnamed=()):
        self.release = release
        self.id_column = release.schema.columns[release.schema.id_column].output
        self.earlier: list[dict] = []
        for path, is_named in [(Path(b), True) for b in named] + [(Path(b), False) for b in unnamed]:
            rel = _manifest(path).get("release") or {}
            self.earlier.append({"path": path, "named": is_named,
                                 "scope": str(rel.get("pseudonym_scope", "") or ""),
                                 "released": _released_pseudonyms(path, self.id_column)})
        self.scopes = sorted({e["scope"] for e in self.earlier})
        self.peers: dict[str, tuple] = {}

    def observe(self, raw_ids) -> None:
        """Remember, for each raw review id of the input, its pseudonym in this release and in
        each earlier release's scope (the raw id itself is not kept)."""
        for rid in raw_ids:
            cur = self.release.pseudonym(rid)
            if cur is not None:
                self.peers[cur] = tuple(self.release.pseudonym(rid, s) for s in self.scopes)

    def decide(self, ours: dict, k: int, policy) -> dict:
        """The record of what differs, with ``held``: the pseudonyms (this release's) to hold
        back. ``ours`` is ``{pseudonym: signature}`` of every review this release would publish.
        Raises [E611]/[E612]/[E613] when ``policy`` says refuse; warns [E614] for an unnamed
        earlier bundle otherwise."""
        import warnings

        from ..errors import Errors as _E

        diffs = []
        for e in self.earlier:
            i = self.scopes.index(e["scope"])
            mapped = {cur: (self.peers.get(cur) or (None,) * len(self.scopes))[i] for cur in ours}
            theirs = e.get("signatures")
            new = {cur for cur, q in mapped.items() if q not in e["released"]}
            changed = {cur for cur, q in mapped.items()
                       if q in e["released"] and theirs is not None and theirs.get(q) != ours[cur]}
            removed = len(e["released"] - set(mapped.values()))
            diffs.append((e, new, changed, removed))
        held: set = set()
        grew = True
        while grew:
            grew = False
            for e, new, changed, _ in diffs:
                d = (new | changed) - held
                if e["named"] and 0 < len(d) < k:
                    if policy.few_new == "refuse":
                        raise InputError(_E.E611, n=len(d), path=e["path"], k=k)
                    held |= d
                    grew = True
        for e, new, changed, removed in diffs:
            if e["named"] and 0 < removed < k and policy.removed == "refuse":
                raise InputError(_E.E612, n=removed, path=e["path"], k=k)
            if not e["named"]:
                apart = len((new | changed) - held) + removed
                if 0 < apart < k and policy.unnamed_earlier == "refuse":
                    raise InputError(_E.E613, path=e["path"], n=apart, k=k)
                warnings.warn(str(InputError(_E.E614, path=e["path"])), UserWarning, stacklevel=2)
        named = [(e, n, c, r) for e, n, c, r in diffs if e["named"]]
        return {
            "held": sorted(held),
            "apart": min((len(n | c) + r for _, n, c, r in named), default=None),
            "record": {"rule": f"fewer than k = {k} reviews new or changed since an earlier release: "
                               f"{policy.few_new}; fewer than k removed: {policy.removed}",
                       "earlier": [{"new": len(n), "changed": len(c), "removed": r,
                                    "same_scope": e["scope"] == self.release.pseudonym_scope}
                                   for e, n, c, r in named],
                       "held_back": len(held),
                       "unnamed_earlier_beside_output": sum(1 for e in self.earlier if not e["named"])},
        }

    def load_signatures(self, other_columns) -> None:
        """Read each earlier release's per-review signatures (learning points and ``other_columns``)."""
        for e in self.earlier:
            e["signatures"] = bundle_signatures(e["path"], self.id_column, other_columns)


__all__ += ["Sequence", "HELD_BACK", "HELD_BACK_REASON", "signature", "unnamed_earlier_bundles"]
