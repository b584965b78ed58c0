"""A self-contained HTML report for steering groups (charts, tables, suppression, versions).

It reuses the explorer's queries and charts (:mod:`leder_insights.explore`), so the numbers and
the small-number suppression are exactly what the workshop explorer shows. Charts are embedded as
PNG with a table beside each one; no script, no network.

>>> path = write_report("demo_output", "demo_output/report.html")   # doctest: +SKIP
"""
from __future__ import annotations

import base64
import html
import io
import json
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd


def _png(fig) -> str:
    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    try:
        fig.savefig(buf, format="png", bbox_inches="tight")
    finally:
        plt.close(fig)
    return base64.b64encode(buf.getvalue()).decode("ascii")


def _table(df: pd.DataFrame, caption: str, max_rows: int = 60) -> str:
    shown = df.head(max_rows)
    body = shown.to_html(index=False, escape=True, border=0, classes="t")
    more = f"<p class='n'>{len(df) - max_rows} more rows not shown.</p>" if len(df) > max_rows else ""
    return f"<figure><figcaption>{html.escape(caption)}</figcaption>{body}{more}</figure>"


def _clusters_section(clusters: pd.DataFrame | None) -> str:
    if clusters is None or not len(clusters):
        return ""
    cols = [c for c in ("cluster", "name", "size", "emerging", "no_theme_share", "top_themes", "examples")
            if c in clusters.columns]
    df = clusters[cols].copy()
    if "top_themes" in df:
        df["top_themes"] = df["top_themes"].map(
            lambda d: ", ".join(f"{k} {v:.0%}" for k, v in d.items()) if isinstance(d, dict) else "")
    for c in ("examples",):
        if c in df:
            df[c] = df[c].map(lambda v: "; ".join(map(str, v[:3])) if isinstance(v, (list, tuple))
                              else str(v)[:300])
    if "emerging" in df:
        df = df.sort_values("emerging", ascending=False)
    return ("<h2>What the taxonomy may miss: emerging clusters</h2>"
            "<p>Learning points grouped by wording. Clusters marked <b>emerging</b> are not covered "
            "well by any existing theme and are worth a closer look.</p>"
            + _table(df, "Clusters of learning points (de-identified examples)"))


def write_report(project, path, *, clusters: pd.DataFrame | None = None, config=None,
                 title: str = "LeDeR learning from reviews") -> Path:
    """Write the steering-group report for ``project`` (a store, its path or project directory)."""
    from ..explore import (ExplorerState, export_tables, figure_areas, figure_cooccurrence,
                           figure_theme_counts, figure_trends, load_explorer_data)

    source = getattr(project, "path", project)
    data = load_explorer_data(Path(source).parent if str(source).endswith(".duckdb") else source)
    threshold = config.widgets.suppression_threshold if config is not None else None
    state = ExplorerState(data, threshold=threshold, protect_small_groups=True)
    views = state.views()
    tables = export_tables(state)
    charts = [
        ("Reviews with each theme", figure_theme_counts, "theme_counts"),
        ("Trends over time (reviews per year)", figure_trends, "trends"),
        ("Themes that occur together (reviews with both)", figure_cooccurrence, "cooccurrence"),
        ("Comparison by area", figure_areas, "areas"),
    ]
    sections = []
    for heading, make, table_key in charts:
        img = _png(make(state))
        sections.append(
            f"<h2>{html.escape(heading)}</h2>"
            f"<img src='data:image/png;base64,{img}' alt='{html.escape(heading)} (the table below has "
            "the same figures)'>" + _table(tables[table_key], f"{heading}: table"))
    prov = state.provenance()
    page = f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{html.escape(title)}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:72em;margin:2em auto;padding:0 1em;color:#111}}
img{{max-width:100%}} table.t{{border-collapse:collapse;font-size:.9em}}
table.t td,table.t th{{border:1px solid #888;padding:.2em .5em}} figcaption{{font-weight:bold;margin:.5em 0}}
.n{{color:#444;font-size:.85em}} figure{{overflow-x:auto;margin:0}}</style></head><body>
<h1>{html.escape(title)}</h1>
<p>{views.denominator_display} reviews and {views.n_learning_points} learning points. Text is
de-identified. Counts from 1 to {state.threshold - 1} are shown as &lt;{state.threshold}; a * hides a
number that would let a small count be worked out. Generated
{datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}.</p>
{''.join(sections)}
{_clusters_section(clusters)}
<h2>How this was made</h2><pre>{html.escape(json.dumps(prov, indent=2, default=str))}</pre>
</body></html>"""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")
    return path


__all__ = ["write_report"]
