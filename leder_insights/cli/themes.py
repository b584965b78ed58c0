"""``leder-insights themes``: predict, train, evaluate and discover themes of learning points.

``predict`` follows ``interfaces.md`` §3: one output line per input line, in order, with
``themes``, ``scores`` (every theme) and ``evidence`` (character spans per predicted theme).
With ``--split`` each input text is split into learning points first; the line then also holds
``points`` — one object per point with ``lp_id`` (``{id}-{n}``), ``start``/``end`` offsets into the
input ``text``, ``polarity``, ``themes``, ``scores`` and ``evidence`` (offsets into the input
``text`` too). The line's own ``themes`` are the union over its points, ``scores`` the maximum
per theme and ``evidence`` the union of the points' spans.
"""
from __future__ import annotations

import json
from pathlib import Path

import typer

from ..errors import Errors, InputError

app = typer.Typer(no_args_is_help=True, add_completion=False,
                  help="Theme learning points into the LeDeR taxonomy; discover what it misses.")


#: lines themed per window (memory is bounded by a window, not by the input)
PREDICT_WINDOW = 2000


def _max_text_chars() -> int:
    from ..config import load_config

    return load_config().io.max_text_chars


@app.command("predict")
def predict(input: Path = typer.Argument(..., help="JSON Lines with id and text per line."),
            output: Path = typer.Option(..., "-o", "--output", help="Output JSON Lines."),
            split: bool = typer.Option(False, "--split", help="Split each text into learning points first."),
            model: Path = typer.Option(None, "--model", help="Model directory (default: config themes.model_dir, else the shipped model)."),
            fast: bool = typer.Option(False, "--fast", help="Use the n-gram model inside the shipped encoder model "
                                                          "only (no encoder run: ~30x faster, less accurate on "
                                                          "real text; see docs/themes.md)."),
            id_field: str = typer.Option("id", "--id-field"),
            text_field: str = typer.Option("text", "--text-field"),
            decimals: int = typer.Option(4, "--decimals", min=0, max=16,
                                         help="Rounding of scores (0 to 16 decimal places).")):
    """Theme each line of INPUT; write one line per input line, in the same order."""
    import numpy as np

    from ..themes import infer_polarity, load_theme_model, split_text

    from .._files import atomic_write, check_output_path
    from ..io import iter_id_text_jsonl, windows

    check_output_path(output, input)
    max_chars = _max_text_chars()

    def lines():
        for i, t in iter_id_text_jsonl(input, id_field, text_field, Errors.E404, max_chars=max_chars):
            yield {"id": i, "text": t}

    for _ in lines():  # every line checked before any work (a bad line: error naming it)
        pass
    clf = load_theme_model(model, fast=fast)
    ids = clf.theme_ids_

    def score(texts):
        if not texts:
            return np.zeros((0, len(ids))), [], []
        import pandas as pd

        fr = clf.predict_frame(pd.DataFrame({"text": texts}), decimals=12)
        proba = np.array([[sc[t] for t in ids] for sc in fr["theme_scores"]])
        return proba, fr["themes"].tolist(), fr["evidence"].tolist()
    output.parent.mkdir(parents=True, exist_ok=True)

    def record(rid, themes, proba_row, evidence):
        return {"id": rid, "themes": themes,
                "scores": {t: round(float(v), decimals) for t, v in zip(ids, proba_row)},
                "evidence": evidence}

    def predict_window(rows):
        texts = [r["text"] for r in rows]
        out_lines = []
        if not split:
            proba, themes, ev = score(texts)
            for r, th, p, e in zip(rows, themes, proba, ev):
                out_lines.append(record(r["id"], th, p, e))
        else:
            spans = [split_text(t) for t in texts]
            flat = [(i, s, e) for i, sp in enumerate(spans) for s, e in sp]
            pts = [texts[i][s:e] for i, s, e in flat]
            proba, themes, ev = score(pts)
            per_row: dict[int, list[int]] = {}
            for k, (i, _, _) in enumerate(flat):
                per_row.setdefault(i, []).append(k)
            for i, r in enumerate(rows):
                ks = per_row.get(i, [])
                points = []
                union: list[str] = []
                evidence: dict[str, list[list[int]]] = {}
                maxp = np.zeros(len(ids)) if not ks else proba[ks].max(axis=0)
                for n, k in enumerate(ks, start=1):
                    _, s, e = flat[k]
                    pev = {t: [[a + s, b + s] for a, b in sp] for t, sp in ev[k].items()}
                    for t in themes[k]:
                        if t not in union:
                            union.append(t)
                        evidence.setdefault(t, []).extend(pev.get(t, []))
                    points.append({"lp_id": f"{r['id']}-{n}", "start": s, "end": e,
                                   "polarity": infer_polarity(pts[k]), "themes": themes[k],
                                   "scores": {t: round(float(v), decimals) for t, v in zip(ids, proba[k])},
                                   "evidence": pev})
                union = [t for t in ids if t in union]
                rec = record(r["id"], union, maxp, {t: evidence[t] for t in union})
                rec["points"] = points
                out_lines.append(rec)
        return out_lines

    n = 0
    with atomic_write(output) as fh:  # streamed in windows: memory bounded by a window
        for window in windows(lines(), PREDICT_WINDOW):
            for rec in predict_window(window):
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
                n += 1
    typer.echo(f"themed {n} lines → {output} (model {clf.meta_.get('model_version', '?')})", err=True)


@app.command("train")
def train(out: Path = typer.Option(None, "--out", "-o",
                                   help="Model directory to write (default: the model shipped in the package, "
                                        "leder_insights/models/themes)."),
          labelled: Path = typer.Option(None, "--labelled", help="Labelled JSONL (default: the shipped set)."),
          synthetic_reviews: int = typer.Option(250, "--synthetic-reviews",
                                                help="Synthetic reviews whose gold points join the training data (0: none)."),
          synthetic_seed: int = typer.Option(7, "--synthetic-seed"),
          cv_folds: int = typer.Option(5, "--cv-folds", help="Cross-validation folds for the reported metrics (0: skip)."),
          seed: int = typer.Option(0, "--seed", help="random_state of the model and folds."),
          pfd: bool = typer.Option(True, "--pfd/--no-pfd",
                                   help="Train on the labelled real coroners' concerns too (gold/pfd_themes.jsonl and "
                                        "themes/data/pfd_concerns_train.jsonl, text read from the reports file); "
                                        "the gold figure is then cross-fitted."),
          pfd_weight: float = typer.Option(None, "--pfd-weight", help="Sample weight of a real concern (default 1)."),
          reports: Path = typer.Option(None, "--reports", help="Reports JSONL (default ../shared/data/pfd_reports.jsonl)."),
          written: bool = typer.Option(True, "--written/--no-written",
                                       help="Train on the written real-register points (themes/data/written_points.jsonl)."),
          fast: bool = typer.Option(False, "--fast", help="Train the n-gram model only (no encoder): minutes "
                                                          "faster to train and ~30x faster to predict, less accurate.")):
    """Train the theme model reproducibly (same data → same model; see docs/themes.md for the tolerance)."""
    from ..themes import DEFAULT_PFD_WEIGHT, SHIPPED_MODEL_DIR, train_model

    out = out or SHIPPED_MODEL_DIR
    meta = train_model(out, labelled_path=labelled, synthetic_reviews=synthetic_reviews,
                       synthetic_seed=synthetic_seed, cv_folds=cv_folds, random_state=seed,
                       pfd_reports_path=reports, train_on_pfd=pfd,
                       pfd_weight=DEFAULT_PFD_WEIGHT if pfd_weight is None else pfd_weight, fast=fast,
                       include_written=written,
                       say=lambda m: typer.echo(m, err=True))
    typer.echo(json.dumps({"model_dir": str(out), "model_version": meta["model_version"],
                           **meta["summary"]}, indent=2))


def _load_gold(path: Path, reports: Path | None):
    from ..themes import load_pfd_gold, read_jsonl_records, read_labelled_jsonl

    first = read_jsonl_records(path)
    if first and "ref" in first[0][1] and "start" in first[0][1]:
        from ..themes import pfd_reports_path

        reports = reports or pfd_reports_path()
        if not Path(reports).exists():
            raise InputError(Errors.E163, path=reports, option="--reports")
        return load_pfd_gold(path, reports)
    return read_labelled_jsonl(path, source=path.stem)


@app.command("evaluate")
def evaluate(gold: Path = typer.Argument(..., help="Gold JSONL: id,text,themes; or ref,field,start,end,themes."),
             second: Path = typer.Option(None, "--second", help="A second labeller's file (same ids) for Cohen's kappa."),
             model: Path = typer.Option(None, "--model", help="Model directory (default: config themes.model_dir, else the shipped model)."),
             reports: Path = typer.Option(None, "--reports", help="Reports JSONL for ref/start/end gold files."),
             output: Path = typer.Option(None, "-o", "--output", help="Also write the full report as JSON.")):
    """Score the model and the keyword baseline against GOLD; kappa between GOLD and --second."""
    from .._files import check_output_path, write_text_atomic
    from ..themes import KeywordThemeClassifier, cohen_kappa, load_taxonomy, load_theme_model
    from ..themes import multilabel_scores, theme_report, to_indicator

    if output is not None:  # never over a labelled input (before the model is loaded)
        check_output_path(output, gold, second, reports,
                          advice="Choose another path for the report with -o.")
    ids = load_taxonomy().ids
    g = _load_gold(gold, reports)
    Y = to_indicator(g["themes"], ids)
    clf = load_theme_model(model)
    P = clf.predict(g["text"].tolist())
    K = KeywordThemeClassifier().fit(["x"]).predict(g["text"].tolist())
    report = {"gold": str(gold), "n": int(len(g)), "model_version": clf.meta_.get("model_version"),
              "model": multilabel_scores(Y, P), "keyword_baseline": multilabel_scores(Y, K),
              "per_theme": theme_report(Y, P, ids).set_index("theme").round(4).to_dict(orient="index")}
    seen = _seen_in_training(g, gold, clf.meta_)
    if seen.any():
        # the model was trained on (some of) these rows: its score on them is not a held-out figure
        report["in_training_data"] = int(seen.sum())
        report["model_note"] = (f"{int(seen.sum())} of {len(g)} gold rows were in the model's training data: "
                                "'model_in_sample' is scored on data the model was trained on (not held out); held-out "
                                "figures: 'model_held_out' (rows not trained on), 'meta_pfd_crossfit' and "
                                "'meta_pfd_zero_shot' (real concerns), the cross-validated 'cv' of meta.json")
        report["model_in_sample"] = report.pop("model")
        if (~seen).any():
            report["model_held_out"] = {"n": int((~seen).sum()), **multilabel_scores(Y[~seen], P[~seen])}
        pfd = clf.meta_.get("pfd_concerns_eval", {})
        if any(str(i).count(":") >= 2 for i in g["id"]):
            for key in ("crossfit", "zero_shot"):
                if pfd.get(key):
                    report[f"meta_pfd_{key}"] = {k: v for k, v in pfd[key].items() if k != "per_theme"}
    if second is not None:
        s = _load_gold(second, reports)
        idx = {str(i): n for n, i in enumerate(s["id"])}
        common = [(n, idx[str(i)]) for n, i in enumerate(g["id"]) if str(i) in idx]
        if not common:
            raise InputError(Errors.E404, line="-", path=second, reason=f"no ids in common with {gold}")
        a = Y[[c[0] for c in common]]
        b = to_indicator(s["themes"], ids)[[c[1] for c in common]]
        report["kappa"] = {"n_common": len(common), **cohen_kappa(a, b, ids)}
        report["second_vs_gold"] = multilabel_scores(a, b)
    text = json.dumps(report, indent=2, default=float)
    if output:
        write_text_atomic(output, text + "\n")  # whole or not at all
    brief = {k: report[k] for k in ("n", "model_version")}
    for key in ("model", "model_held_out", "model_in_sample", "meta_pfd_crossfit", "meta_pfd_zero_shot"):
        if key in report:
            brief[key] = {k: (round(v, 4) if isinstance(v, float) else v) for k, v in report[key].items()
                          if isinstance(v, (int, float))}
    if "model_note" in report:
        brief["model_note"] = report["model_note"]
    brief["keyword_baseline"] = {k: round(v, 4) for k, v in report["keyword_baseline"].items() if isinstance(v, float)}
    if "kappa" in report:
        brief["kappa_pooled"] = round(report["kappa"]["pooled"], 4)
        brief["kappa_mean_per_theme"] = round(report["kappa"]["mean_per_theme"], 4)
    typer.echo(json.dumps(brief, indent=2))


def _seen_in_training(g, gold: Path, meta: dict):
    """Boolean per gold row: was the row in the model's training data (per ``meta.json``)?

    Real-concern rows (ids ``ref:field:start-end``) count as seen when their report ref was trained on;
    other rows when the gold file is byte-identical to the labelled training file.
    """
    import numpy as np

    from ..themes import file_sha256

    seen = np.zeros(len(g), dtype=bool)
    refs = set(meta.get("pfd_concerns_eval", {}).get("trained_refs") or ())
    if refs:
        seen |= np.array([str(i).split(":", 1)[0] in refs and str(i).count(":") >= 2 for i in g["id"]], dtype=bool)
    lab_sha = meta.get("training_data", {}).get("labelled", {}).get("sha256")
    if lab_sha and file_sha256(gold) == lab_sha:
        seen[:] = True
    return seen


def _read_points(path: Path):
    import pandas as pd

    if not path.exists():
        raise InputError(Errors.E101, path=path)
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        from ..themes import read_jsonl_records

        recs = []
        for n, rec in read_jsonl_records(path):
            if not isinstance(rec.get("text"), str):
                raise InputError(Errors.E404, line=n, path=path, reason="missing or non-string 'text'")
            recs.append(rec)
        df = pd.DataFrame(recs)
    elif suffix == ".csv":
        df = pd.read_csv(path, encoding="utf-8-sig")
        if "text" not in df.columns:
            raise InputError(Errors.E404, line=1, path=path, reason=f"no 'text' column (columns: {list(df.columns)})")
        for col in ("themes", "theme_scores"):
            if col in df.columns:
                df[col] = df[col].map(lambda v: json.loads(v) if isinstance(v, str) and v[:1] in "[{" else v)
    else:
        raise InputError(Errors.E102, suffix=suffix, path=path)
    if "lp_id" not in df.columns:
        df.insert(0, "lp_id", df["id"].astype(str) if "id" in df.columns else [f"p{i}" for i in range(len(df))])
    return df


def _check_k_range(k_min: int, k_max: int) -> None:
    """--k-min and --k-max must be at least 2 and in order (a usage error, exit 2)."""
    from ..errors import UsageError

    if k_min < 2:
        raise UsageError(Errors.E006, value=k_min, option="--k-min", rule="it must be 2 or more")
    if k_max < k_min:
        raise UsageError(Errors.E006, value=k_max, option="--k-max",
                         rule=f"it must not be below --k-min ({k_min})")


#: the files ``themes discover`` writes into its output directory
DISCOVER_FILES = ("clusters.csv", "points.csv", "clusters.html")


@app.command("discover")
def discover(input: Path = typer.Argument(..., help="Learning points: JSONL or CSV with a text column."),
             out: Path = typer.Option(..., "-o", "--out", help="Output directory."),
             model: Path = typer.Option(None, "--model", help="Theme model used to flag emerging clusters."),
             no_predict: bool = typer.Option(False, "--no-predict", help="Do not theme points (no emerging flag)."),
             k_min: int = typer.Option(6, "--k-min"), k_max: int = typer.Option(30, "--k-max"),
             clusterer: str = typer.Option("kmeans", "--clusterer", help="Registered clusterer name."),
             seed: int = typer.Option(0, "--seed"),
             force: bool = typer.Option(False, "--force",
                                        help="Replace files of the same names in OUT that an "
                                             "earlier discover did not write.")):
    """Cluster learning points; write clusters.csv, points.csv and a self-contained clusters.html.

    Files of the same names already in OUT are replaced only when an earlier discover wrote them
    (else [E027]; --force replaces them).
    """
    from .._files import check_output_path, check_overwrite, output_dir
    from ..themes import ThemeDiscoverer, load_theme_model

    _check_k_range(k_min, k_max)
    for name in DISCOVER_FILES:  # never over the input, --force or not (before any work)
        check_output_path(out / name, input,
                          advice="Choose another output directory with -o, or move the input "
                                 "out of it first.")
    df = _read_points(input)
    if not no_predict and "themes" not in df.columns:
        df = load_theme_model(model).predict_frame(df, with_evidence=False)
    check_overwrite(out, DISCOVER_FILES, force=force, command="themes discover")  # before the work
    disc = ThemeDiscoverer(k_range=(k_min, k_max), clusterer=clusterer,
                           random_state=seed).fit(df, source=str(input))
    with output_dir(out, DISCOVER_FILES, command="themes discover", force=force):
        paths = disc.write(out)
    n_em = int(disc.clusters_["emerging"].sum())
    typer.echo(f"{len(df)} points → {disc.n_clusters_} clusters ({n_em} emerging); "
               f"wrote {', '.join(str(p) for p in paths.values())}")


def register(root: typer.Typer) -> None:
    """Add the ``themes`` group to the root command."""
    root.add_typer(app, name="themes")


__all__ = ["app"]
