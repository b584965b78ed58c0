"""The main job: from a review corpus to a themed, de-identified project and a report.

``run_project`` is what ``leder-insights demo`` runs on the synthetic corpus: validate, load the
store, de-identify, split and theme learning points, discover emerging themes, write the
steering-group HTML report. Every step records a run in the store (config hash, model versions).

>>> summary = run_project("reviews.csv", "out/")      # doctest: +SKIP
>>> summary["reviews"]                                # doctest: +SKIP
300
"""
from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Callable

import pandas as pd

from ..schema import FREE_TEXT_COLUMNS


def _entities_frame(rows: list[dict]) -> pd.DataFrame:
    cols = ["review_id", "field", "start", "end", "entity_type", "category", "score", "source"]
    return pd.DataFrame(rows, columns=cols)


def run_project(input_path, out_dir, *, config=None, profile: str = "local", key: bytes | None = None,
                n_process: int | None = None, theme_model_dir: str | None = None,
                discover: bool = True, say: Callable[[str], None] = print) -> dict:
    """Run the main job on ``input_path`` and write everything under ``out_dir``."""
    from ..config import load_config
    from ..deid import Deidentifier
    from ..explore import residue_kinds, withheld
    from ..io import QUARANTINE_COLUMNS, read_reviews
    from ..store import ProjectStore
    from ..themes import ThemeDiscoverer, load_theme_model, split_learning_points

    cfg = config or load_config()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    timings: dict[str, float] = {}
    t0 = time.perf_counter()

    loaded = read_reviews(input_path)
    if len(loaded.quarantine):
        # row numbers, ids and reasons only: the quarantine never holds a raw value
        loaded.quarantine[QUARANTINE_COLUMNS].to_csv(out / "quarantine.csv", index=False)
    say(f"validated {loaded.n_rows} rows: {len(loaded.valid)} valid, {len(loaded.quarantine)} quarantined")
    timings["validate"] = time.perf_counter() - t0

    store_path = out / "project.duckdb"
    store = ProjectStore(store_path)
    try:
        store.save_reviews(loaded.valid.drop(columns=["_row"], errors="ignore"))

        t = time.perf_counter()
        deid = Deidentifier(profile=profile, key=key, config=cfg)
        text_columns = [c for c in FREE_TEXT_COLUMNS if c in loaded.valid.columns]
        run_id = deid_run_id = store.start_run("deid", cfg.hash(), deid.model_info, {"profile": profile})
        df_out, audit, quarantine = deid.deidentify_frame(
            loaded.valid, text_columns=text_columns, id_column="review_id", n_process=n_process)
        long = df_out.melt(id_vars=["review_id"], value_vars=text_columns, var_name="field",
                           value_name="text")
        store.save_deid_texts(long.fillna({"text": ""}), run_id)
        entity_rows = []
        for rec in audit.to_dict("records"):
            for ent in rec.get("entities", []) or []:
                entity_rows.append({"review_id": rec["review_id"], **ent})
        if entity_rows:
            store.save_entities(_entities_frame(entity_rows), run_id)
        store.finish_run(run_id, "ok")
        audit.drop(columns=["entities"], errors="ignore").to_json(
            out / "deid_audit.jsonl", orient="records", lines=True)
        timings["deidentify"] = time.perf_counter() - t
        say(f"de-identified {len(df_out)} reviews ({len(quarantine)} quarantined) with "
            f"{deid.model_info.get('model')}")

        t = time.perf_counter()
        lps = split_learning_points(df_out)
        clf = load_theme_model(theme_model_dir)
        lps = clf.predict_frame(lps)
        # residue: learning points that may still name a person are withheld by the explorer/report
        lps["residue"] = residue_kinds(lps["text"].fillna("").astype(str).tolist())
        meta = getattr(clf, "meta_", {}) or {}
        run_id = store.start_run("themes", cfg.hash(), {"theme_model": meta.get("model_version", "?")})
        store.save_learning_points(lps, run_id, deid_run_id=deid_run_id)
        store.save_predictions(lps, run_id, str(meta.get("model_version", "?")))
        store.finish_run(run_id, "ok")
        timings["themes"] = time.perf_counter() - t
        n_res = int(withheld(lps["residue"]).sum())
        say(f"split {len(lps)} learning points and themed them; {n_res} withheld from view (residual-risk check)")

        clusters = None
        if discover and len(lps) >= 20:
            t = time.perf_counter()
            disc = ThemeDiscoverer(random_state=cfg.themes.random_state).fit(lps)
            clusters = disc.clusters_
            disc.write(out / "discovery")
            timings["discover"] = time.perf_counter() - t
            n_emerging = int(clusters["emerging"].sum()) if "emerging" in clusters else 0
            say(f"discovered {len(clusters)} clusters, {n_emerging} emerging")

    finally:
        store.close()

    t = time.perf_counter()
    from ._report import write_report

    report = write_report(out, out / "report.html", clusters=clusters, config=cfg)
    timings["report"] = time.perf_counter() - t
    timings["total"] = time.perf_counter() - t0
    summary = {"rows_in": int(loaded.n_rows), "reviews": int(len(loaded.valid)),
               "quarantined": int(len(loaded.quarantine)), "learning_points": int(len(lps)),
               "learning_points_withheld": int(withheld(lps["residue"]).sum()),
               "store": str(store_path), "report": str(report),
               "timings_s": {k: round(v, 2) for k, v in timings.items()}}
    (out / "summary.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    return summary


__all__ = ["run_project"]
