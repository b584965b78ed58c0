"""A self-contained HTML report for steering groups: key findings, charts with tables, actions.

It reuses the explorer logic (:mod:`leder_insights.explore`), so the numbers and the small-number
suppression are exactly what the workshop explorer shows, and learning points that may still name
a person are withheld here too. Charts are embedded as PNG with a table beside each one (human
column names); no script, no network, no JSON.

>>> path = write_report("demo_output", "demo_output/report.html")   # doctest: +SKIP
"""
from __future__ import annotations

import base64
import functools
import html
import io
import os
from pathlib import Path

import pandas as pd
import yaml

from ..schema import as_dict, as_list

_REPORT_RULES = Path(__file__).with_name("conf") / "report.yaml"


@functools.lru_cache(maxsize=1)
def _boilerplate() -> set[str]:
    return set(yaml.safe_load(_REPORT_RULES.read_text(encoding="utf-8"))["boilerplate"])


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
    body = shown.to_html(index=False, escape=True, border=0, classes="t", na_rep="")
    more = f"<p class='n'>{len(df) - max_rows} more rows not shown.</p>" if len(df) > max_rows else ""
    return f"<figure><figcaption>{html.escape(caption)}</figcaption>{body}{more}</figure>"


# ------------------------------------------------------------------ clusters
def readable_cluster_name(terms, top_themes: dict, labels: dict) -> str:
    """A cluster name people can read: its main theme, then its distinctive phrases.

    >>> readable_cluster_name(["best interests", "meeting", "interests meeting", "easy read"],
    ...                       {"mental_capacity": 0.45}, {"mental_capacity": "Mental capacity"})
    'Mental capacity: "best interests meeting", "easy read"'
    """
    phrases: list[str] = []
    for t in [str(t) for t in terms]:
        merged = False
        for i, p in enumerate(phrases):
            pw, tw = p.split(), t.split()
            if t in p:
                merged = True
            elif pw[-1] == tw[0] and len(tw) > 1 and len(pw) + len(tw) <= 4:  # "best interests" + "interests meeting"
                phrases[i], merged = " ".join(pw + tw[1:]), True
            elif tw[-1] == pw[0] and len(tw) > 1 and len(pw) + len(tw) <= 4:
                phrases[i], merged = " ".join(tw + pw[1:]), True
            elif p in t:
                phrases[i], merged = t, True
            if merged:
                break
        if not merged:
            phrases.append(t)
    phrases = [p for i, p in enumerate(phrases)
               if not any(i != j and f" {p} " in f" {q} " for j, q in enumerate(phrases))]
    boiler = _boilerplate()
    phrases = [p for p in phrases if not set(p.split()) <= boiler][:2]
    theme = next(iter(sorted(top_themes.items(), key=lambda kv: -kv[1])), (None, 0))
    head = labels.get(theme[0], theme[0]) if theme[0] and theme[1] >= 0.25 else "No clear theme"
    return f"{head}: " + ", ".join(f'"{p}"' for p in phrases) if phrases else head


def is_boilerplate_cluster(terms) -> bool:
    """True when the cluster's four leading terms are only report boilerplate ("review", "found" ...)."""
    lead = [str(t) for t in list(terms)[:4]]
    return bool(lead) and all(set(t.split()) <= _boilerplate() for t in lead[:2]) and \
        sum(set(t.split()) <= _boilerplate() for t in lead) >= 3


def clusters_section(clusters: pd.DataFrame | None, labels: dict, threshold: int) -> str:
    """Wording clusters with readable names; emerging ones only when they are not boilerplate, and
    examples only when the residual-risk check finds no name in them."""
    if clusters is None or not len(clusters):
        return ""
    from ..explore import residue_kinds, withheld

    rows, set_aside = [], 0
    for _, r in clusters.iterrows():
        terms, tops = as_list(r.get("top_terms")), as_dict(r.get("top_themes"))
        emerging = bool(r.get("emerging", False))
        if emerging and is_boilerplate_cluster(terms):
            set_aside += 1
            emerging = False
        ex = [str(e) for e in as_list(r.get("examples"))][:3]
        if ex:
            ex = [e for e, hold in zip(ex, withheld(residue_kinds(ex))) if not hold]
        size = int(r.get("size", 0))
        rows.append({"Cluster": readable_cluster_name(terms, tops, labels),
                     "Learning points": size if size >= threshold else f"<{threshold}",
                     "Emerging": "yes" if emerging else "",
                     "Main themes": ", ".join(f"{labels.get(k, k)} {v:.0%}" for k, v in
                                              sorted(tops.items(), key=lambda kv: -kv[1])[:3]),
                     "Examples (de-identified)": " | ".join(e[:200] for e in ex[:2])})
    df = pd.DataFrame(rows).sort_values(["Emerging", "Learning points"], ascending=[False, False],
                                        key=lambda c: c if c.name == "Emerging" else
                                        c.map(lambda v: v if isinstance(v, int) else 0))
    n_em = int((df["Emerging"] == "yes").sum())
    note = (f" {set_aside} candidate cluster{'s were' if set_aside != 1 else ' was'} set aside: "
            "its leading words are report boilerplate (\"the review found ...\"), not a new topic."
            if set_aside else "")
    em = ("No cluster is marked <b>emerging</b> (most of its learning points carrying no theme)."
          if n_em == 0 else f"{n_em} cluster{'s are' if n_em != 1 else ' is'} marked <b>emerging</b>: most "
          "of its learning points carry no theme, so the taxonomy may miss it.")
    intro = f"<p>Learning points grouped by wording. {em}{html.escape(note)}</p>"
    return "<h2 id='clusters'>What the taxonomy may miss</h2>" + intro + _table(df, "Wording clusters")


# ------------------------------------------------------------------ key findings
def theme_findings(state) -> list[str]:
    """Sentences on themes: most frequent, largest change in rate, strongest association, actions."""
    from ..explore import themes_without_action

    v = state.views()
    labels = state.data.themes.labels
    out = []
    tc = v.theme_counts[~v.theme_counts["_hidden"] & (v.theme_counts["_n"] > 0)].head(3)
    if len(tc):
        out.append("Most frequent themes: " + "; ".join(
            f"{r.label} ({r.pct_of_reviews} of reviews)" for r in tc.itertuples()) + ".")
    rates = v.trend_rates
    if rates is not None and len(rates) >= 2:
        first, last = rates.index[0], rates.index[-1]
        change = (rates.loc[last] - rates.loc[first]).dropna()
        if len(change):
            t = change.abs().idxmax()
            out.append(f"Largest change {first}-{last}: {labels[t]}, from {rates.loc[first, t]:.1f} to "
                       f"{rates.loc[last, t]:.1f} per 100 reviews.")
    lift = v.lift
    if lift is not None and lift.notna().to_numpy().any():
        stacked = lift.stack().dropna()
        (a, b), val = stacked.idxmax(), stacked.max()
        if val > 1.2:
            out.append(f"Strongest association: {labels[a]} with {labels[b]} ({val:.1f}x as often as "
                       "by chance).")
    if state.data.actions is not None:
        gaps = themes_without_action(state)
        if len(gaps):
            out.append(f"{len(gaps)} recurring theme{'s have' if len(gaps) != 1 else ' has'} no open action, "
                       f"led by {gaps['Theme'].iloc[0]} ({gaps['Reviews'].iloc[0]} reviews).")
    return out


# ------------------------------------------------------------------ the report
def write_report(project, path, *, clusters: pd.DataFrame | None = None, config=None,
                 filters: dict | None = None, title: str = "LeDeR learning from reviews") -> Path:
    """Write the steering-group report for ``project`` (a store, its path or project directory).

    ``filters`` (explorer filter keys, e.g. ``{"region": "London"}``) narrow the whole report; the
    report says which filters it applies. Written atomically.
    """
    from ..explore import (ExplorerState, action_plan, export_tables, figure_areas, figure_cooccurrence,
                           figure_theme_counts, figure_trends, findings_tables, load_explorer_data,
                           themes_without_action, ui_text)

    source = getattr(project, "path", project)
    data = load_explorer_data(Path(source).parent if str(source).endswith(".duckdb") else source)
    threshold = config.widgets.suppression_threshold if config is not None else None
    state = ExplorerState(data, threshold=threshold, protect_small_groups=True)
    state.set_filters(**(filters or {}))
    v = state.views()
    tables = export_tables(state)
    findings = findings_tables(state)
    labels = data.themes.labels
    years = sorted(y for y in set(data.years.tolist()) if y >= 0)
    period = f"{years[0]}-{years[-1]}" if years else "unknown period"
    scope = ("all reviews in the project (no filters)" if not state.active_filters()
             else f"reviews where {state.describe_filters()}")

    key = theme_findings(state) + [f for f in findings["Key findings"]["Finding"]]
    key_html = "<ul>" + "".join(f"<li>{html.escape(k)}</li>" for k in key) + "</ul>"

    charts = [("Reviews with each theme", figure_theme_counts, "Themes", "theme_counts"),
              ("Trends per 100 reviews", figure_trends, "Trends per 100 reviews", "trends"),
              ("Themes that occur together", figure_cooccurrence, ui_text("heat_sheet"), "cooccurrence"),
              ("Comparison by area", figure_areas, "Areas", "areas")]
    sections = []
    for heading, make, table_key, cap in charts:
        img = _png(make(state))
        sections.append(
            f"<h2>{html.escape(heading)}</h2><p class='n'>{html.escape(v.captions[cap])}.</p>"
            f"<img src='data:image/png;base64,{img}' alt='{html.escape(heading)} (the table below has "
            "the same figures)'>" + _table(tables[table_key], f"{heading}: table"))

    ind = "".join(_table(df, name) for name, df in findings.items() if name != "Key findings")
    actions = ""
    if data.actions is not None:
        gaps = themes_without_action(state).drop(columns=["theme"])
        plan = action_plan(state)
        actions = ("<h2 id='actions'>From learning to action</h2>"
                   + (_table(gaps, "Recurring themes with no open action") if len(gaps) else
                      "<p>Every recurring theme has an open action.</p>")
                   + (_table(plan, "Action plan") if len(plan) else "<p>No actions recorded yet.</p>"))
    prov = pd.DataFrame({"Setting": list(state.provenance()), "Value": list(state.provenance().values())})
    withheld_n = data.meta.get("withheld_learning_points", 0)
    page = f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{html.escape(title)}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:72em;margin:2em auto;padding:0 1em;color:#111;font-size:18px}}
img{{max-width:100%}} table.t{{border-collapse:collapse;font-size:.9em}}
table.t td,table.t th{{border:1px solid #888;padding:.2em .5em}} figcaption{{font-weight:bold;margin:.5em 0}}
.n{{color:#444;font-size:.9em}} figure{{overflow-x:auto;margin:0 0 1em}}</style></head><body>
<h1>{html.escape(title)}</h1>
<p>{html.escape(scope[:1].upper() + scope[1:])}: {v.denominator_display} reviews of deaths in {period},
{v.learning_points_display} learning points. Data: {html.escape(state.provenance()["Data"])}. Text is
de-identified; {withheld_n} learning point{"s" if withheld_n != 1 else ""} that may still name a person
{"are" if withheld_n != 1 else "is"} left out of every listing. {html.escape(v.captions["suppression"])}</p>
<h2 id='key-findings'>Key findings</h2>{key_html}
<h2 id='findings'>Indicative findings</h2>{ind}
{''.join(sections)}
{actions}
{clusters_section(clusters, labels, state.threshold)}
<h2>How this was made</h2>{_table(prov, "Settings and versions")}
</body></html>"""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(page, encoding="utf-8")
    os.replace(tmp, path)
    return path


__all__ = ["write_report", "readable_cluster_name", "is_boilerplate_cluster", "theme_findings"]
