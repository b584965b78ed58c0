"""Where explorer data comes from: a project store, exported frames, or a synthetic demo.

A *project* is a directory holding ``project.duckdb`` (see ``leder_insights.store``) or, as a
lighter exchange format, ``reviews.parquet`` + ``learning_points.parquet`` (+ optional
``meta.json``) - written by :func:`save_frames_project`. Only de-identified text is read.

>>> from leder_insights.explore import find_store  # doctest: +SKIP
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pandas as pd

from ..errors import ConfigError, Errors, InputError, StoreError
from ..schema import FREE_TEXT_COLUMNS
from ._queries import ExplorerData

STORE_FILE = "project.duckdb"
FRAMES = ("reviews.parquet", "learning_points.parquet")


def find_store(path) -> Path | None:
    """The ``project.duckdb`` of a project directory (or the file itself), else ``None``."""
    p = Path(path)
    if p.is_file() and p.suffix == ".duckdb":
        return p
    if (p / STORE_FILE).is_file():
        return p / STORE_FILE
    return None


def is_project(path) -> bool:
    """True if ``path`` holds a store or exported explorer frames."""
    p = Path(path)
    return find_store(p) is not None or all((p / f).is_file() for f in FRAMES)


def _model_versions(store) -> dict:
    try:
        runs = store.runs()
    except Exception:  # a store without runs still explores
        return {}
    if runs is None or not len(runs):
        return {}
    out = {}
    for _, r in runs.iterrows():
        mv = r.get("model_versions")
        if isinstance(mv, str):
            try:
                mv = json.loads(mv)
            except ValueError:
                mv = {"value": mv}
        out[str(r.get("kind", r.get("run_id")))] = mv
    return out


def _released_bundle(p: Path) -> bool:
    """True when ``p`` is a national bundle whose manifest says releasable and whose data files are
    the ones the manifest lists (same sha256): its text passed de-identification and the gate."""
    from .._files import sha256_file

    manifest = p / "manifest.json"
    if not manifest.is_file():
        return False
    m = json.loads(manifest.read_text(encoding="utf-8"))
    files = m.get("files") or {}
    return bool(m.get("releasable")) and all(
        name in files and sha256_file(p / name) == files[name] for name in FRAMES)


def load_explorer_data(path, taxonomy=None) -> ExplorerData:
    """Read de-identified reviews and themed learning points of a project.

    Raises
    ------
    StoreError
        ``[E502]`` when the path holds no store/frames or no learning points.
    """
    p = Path(path)
    store_path = find_store(p)
    if store_path is not None:
        from ..store import ProjectStore  # type: ignore[attr-defined]

        store = ProjectStore(store_path, read_only=True)
        try:
            reviews = store.deid_reviews()
            lps = store.learning_points_with_themes()
            actions = store.actions()
            meta = {"model_versions": _model_versions(store), "source": str(store_path),
                    "store_path": str(store_path)}
        finally:
            close = getattr(store, "close", None)
            if callable(close):
                close()
        if lps is not None and len(lps):
            unmarked = int(lps["deid_run_id"].isna().sum())
            if unmarked:
                raise InputError(Errors.E510, what=f"{unmarked:,} of the {len(lps):,} learning points "
                                                   f"in {store_path}")
    elif all((p / f).is_file() for f in FRAMES):
        reviews = pd.read_parquet(p / FRAMES[0])
        lps = pd.read_parquet(p / FRAMES[1])
        meta = json.loads((p / "meta.json").read_text()) if (p / "meta.json").is_file() else {}
        meta.setdefault("source", str(p))
        actions = None
        if meta.get("text") != "de-identified" and _released_bundle(p):
            meta["text"] = "de-identified"  # a national bundle its gate released, files unchanged
        if meta.get("text") != "de-identified":
            raise InputError(Errors.E510, what=f"the learning points in {p} (meta.json says text: "
                                               f"{meta.get('text', 'nothing')!r})")
    else:
        raise StoreError(Errors.E502, path=p)
    if lps is None or not len(lps):
        raise StoreError(Errors.E502, path=p)
    for col in ("themes", "evidence", "theme_scores", "residue"):
        if col in lps:
            lps[col] = [_plain(v) for v in lps[col]]
    data = ExplorerData.build(reviews, lps, taxonomy=taxonomy, meta=meta, deidentified=True)
    data.actions = actions
    return data


def _plain(v):
    """Parquet round-trips lists/dicts as arrays/structs; turn them back into plain objects."""
    if isinstance(v, str) or v is None:
        return v
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items() if x is not None}
    if hasattr(v, "tolist"):
        v = v.tolist()
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    return v


def save_frames_project(reviews: pd.DataFrame, lps: pd.DataFrame, out_dir, meta: dict | None = None, *,
                        deidentified: bool = False) -> Path:
    """Write an explorer project as Parquet frames (JSON-encoded nested columns).

    ``deidentified=True`` (the text of ``lps`` is de-identification output) is recorded in
    ``meta.json`` as ``text: de-identified``; :func:`load_explorer_data` refuses frames without it
    (``[E510]``). Residue is scanned now (a ``residue`` column) so that loading is quick.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    lp = lps.copy()
    meta = dict(meta or {})
    if deidentified:
        meta["text"] = "de-identified"
    elif meta.get("text") == "de-identified":
        raise InputError(Errors.E510, what="the learning points given to save_frames_project "
                                           "(pass deidentified=True, not meta text)")
    if "residue" not in lp:
        from ._privacy import residue_kinds

        lp["residue"] = residue_kinds(lp["text"].fillna("").astype(str).tolist())
    for col in ("themes", "evidence", "theme_scores", "residue"):
        if col in lp:
            lp[col] = [json.dumps(_plain(v)) for v in lp[col]]
    reviews = reviews.copy()
    if "cause_of_death" in reviews and "cause_group" not in reviews:  # the group only, never the text
        from ._findings import cause_groups

        reviews["cause_group"] = cause_groups(reviews["cause_of_death"])
    keep = [c for c in reviews.columns if c not in FREE_TEXT_COLUMNS]
    reviews[keep].to_parquet(out / FRAMES[0], index=False)
    lp.to_parquet(out / FRAMES[1], index=False)
    (out / "meta.json").write_text(json.dumps(meta, indent=2, default=str))
    return out


def demo_frames(n_reviews: int = 120, seed: int = 2024) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """A small synthetic project made with whatever is installed.

    Uses ``corpus.synthesize`` for reviews and gold learning points; de-identifies the learning
    points with ``deid.Deidentifier`` when available (else says so in a banner); themes them with
    the trained ``ThemeClassifier`` when a model exists (else shows the synthetic gold themes).
    """
    try:
        from ..corpus import synthesize  # type: ignore[attr-defined]
    except ImportError as exc:
        raise StoreError(Errors.E502, path=f"(demo: the synthetic corpus is not available: {exc})") from exc
    corpus = synthesize(n_reviews=n_reviews, seed=seed)
    reviews, lps = corpus.reviews, corpus.learning_points.copy()
    meta: dict = {"source": f"synthetic demo corpus (n={n_reviews}, seed={seed})", "model_versions": {}}
    notes = ["Synthetic demo data (no real people)."]
    try:
        from ..deid import Deidentifier  # type: ignore[attr-defined]

        deid = Deidentifier(profile="local")
        out, _audit, quarantine = deid.deidentify_frame(lps[["lp_id", "text"]], ["text"], "lp_id", n_process=1)
        lps = lps[~lps["lp_id"].isin(set(quarantine["lp_id"]) if len(quarantine) and "lp_id" in quarantine else set())]
        lps = lps.drop(columns=["text"]).merge(out[["lp_id", "text"]], on="lp_id", how="inner")
        meta["model_versions"]["deid"] = getattr(deid, "model_info", "Deidentifier")
        meta["text"] = "de-identified"
    except (ImportError, AttributeError) as exc:
        notes.append(f"Text is NOT de-identified (de-identifier unavailable: {exc}).")
        meta["text"] = "synthetic, not de-identified"
    try:
        from ..themes import ThemeClassifier, load_theme_model

        try:
            clf = load_theme_model(os.environ.get("LEDER_THEME_MODEL") or None)
            version = str(getattr(clf, "meta_", {}).get("model_version", "unknown"))
        except ConfigError:  # no trained model shipped yet: a small one on other synthetic reviews
            train = synthesize(n_reviews=40, seed=seed + 1).learning_points
            clf = ThemeClassifier(cv=2, max_char_features=5000).fit(train["text"].tolist(),
                                                                    train["themes"].tolist())
            version = f"demo model trained on {len(train)} synthetic learning points"
            notes.append("Themes come from a small demo model trained on synthetic data.")
        pred = clf.predict_frame(lps)
        for col in ("themes", "theme_scores", "evidence"):
            if col in pred:
                lps[col] = list(pred[col])
        meta["model_versions"]["themes"] = version
    except ImportError as exc:  # no theme classifier: show the gold themes
        notes.append(f"Themes are the synthetic gold labels (no theme classifier: {exc}).")
    meta["banner"] = " ".join(notes)
    return reviews, lps, meta


def demo_project(n_reviews: int = 120, seed: int = 2024, out_dir=None) -> Path:
    """Build :func:`demo_frames` into a (temporary) project directory and return it."""
    out = Path(out_dir) if out_dir else Path(tempfile.mkdtemp(prefix="leder-demo-"))
    rv, lp, meta = demo_frames(n_reviews, seed)
    return save_frames_project(rv, lp, out, meta, deidentified=meta.get("text") == "de-identified")


__all__ = ["load_explorer_data", "save_frames_project", "demo_frames", "demo_project", "find_store",
           "is_project"]
