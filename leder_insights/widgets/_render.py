"""Small HTML/SVG renderings of the summaries (pure functions returning strings).

Only summaries and the current page reach the browser. Charts are inline SVG with a ``<title>``,
value labels on every bar and a table alternative; meaning never rests on colour alone (suppressed
bars are hatched *and* labelled).

>>> highlight("Poor NEWS2 use.", [(5, 10, "sepsis_deterioration")])
'Poor <mark title="sepsis_deterioration">NEWS2</mark> use.'
"""
from __future__ import annotations

from html import escape

import pandas as pd

CSS = """
<style>
.li-table {border-collapse: collapse; font-size: 13px; margin: 4px 0;}
.li-table caption {text-align: left; font-weight: 600; padding: 2px 0;}
.li-table th, .li-table td {border: 1px solid #888; padding: 2px 6px; text-align: left; vertical-align: top;}
.li-table th[scope=row] {text-align: left;}
.li-excerpt {border-left: 4px solid #333; padding: 6px 10px; background: #fafafa; max-width: 60em;}
.li-excerpt mark {background: #ffe066; border-bottom: 2px solid #000; padding: 0 1px;}
.li-excerpt mark::after {content: " [" attr(data-theme) "]"; font-size: 10px; color: #333;}
.li-error {color: #8b0000; border: 2px solid #8b0000; padding: 6px; white-space: pre-wrap;}
.li-note {color: #333; font-size: 12px;}
.li-banner {background: #fff3cd; border: 1px solid #8a6d3b; padding: 4px 8px;}
</style>
"""


def table_html(df: pd.DataFrame, caption: str, index_label: str | None = None,
               max_rows: int = 200) -> str:
    """An accessible HTML table (caption, ``scope`` on header cells)."""
    idx_name = index_label or (df.index.name or "")
    head = f'<th scope="col">{escape(str(idx_name))}</th>' + "".join(
        f'<th scope="col">{escape(str(c))}</th>' for c in df.columns)
    rows = []
    for ix, r in df.head(max_rows).iterrows():
        cells = "".join(f"<td>{escape(str(v))}</td>" for v in r.to_numpy())
        rows.append(f'<tr><th scope="row">{escape(str(ix))}</th>{cells}</tr>')
    more = f'<p class="li-note">{len(df) - max_rows} more rows not shown.</p>' if len(df) > max_rows else ""
    return (f'<table class="li-table"><caption>{escape(caption)}</caption><thead><tr>{head}</tr>'
            f'</thead><tbody>{"".join(rows)}</tbody></table>{more}')


def bar_html(value: float | None, vmax: float, label: str, width: int = 220) -> str:
    """One horizontal bar as inline SVG; a suppressed value (``None``) is a hatched stub."""
    if value is None or vmax <= 0:
        return (f'<svg role="img" width="{width}" height="16" aria-label="{escape(label)}">'
                f'<title>{escape(label)}</title><defs><pattern id="h" width="4" height="4" '
                'patternUnits="userSpaceOnUse"><path d="M0,4 l4,-4" stroke="#555"/></pattern></defs>'
                '<rect x="0" y="2" width="14" height="12" fill="url(#h)" stroke="#555"/></svg>')
    w = max(1, int(width * value / vmax)) if value > 0 else 0
    return (f'<svg role="img" width="{width}" height="16" aria-label="{escape(label)}">'
            f'<title>{escape(label)}</title><rect x="0" y="2" width="{w}" height="12" fill="#1f4e79"/>'
            '</svg>')


_DASHES = ("", "6,3", "2,2", "8,3,2,3", "1,4")
_MARKS = ("circle", "square", "triangle", "diamond", "cross")


def trend_svg(table: pd.DataFrame, labels: dict[str, str], width: int = 560, height: int = 220) -> str:
    """Lines of reviews per year for a few themes; hidden cells are gaps with a ``*`` marker.

    ``table``: index years, columns themes, values float (NaN = suppressed).
    """
    if table.empty or table.shape[1] == 0:
        return '<p class="li-note">No data for a trend chart with these filters.</p>'
    years = [int(y) for y in table.index]
    vmax = max(1.0, float(table.max().max()) if table.notna().any().any() else 1.0)
    left, right, top, bottom = 40, 200, 10, 30
    pw, ph = width - left - right, height - top - bottom

    def xy(i, v):
        x = left + (pw * i / max(1, len(years) - 1) if len(years) > 1 else pw / 2)
        return x, top + ph - ph * v / vmax

    parts = [f'<svg role="img" width="{width}" height="{height}" aria-labelledby="trend-t">'
             '<title id="trend-t">Reviews per year for the focus themes (see the table below)</title>',
             f'<line x1="{left}" y1="{top + ph}" x2="{left + pw}" y2="{top + ph}" stroke="#000"/>',
             f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + ph}" stroke="#000"/>',
             f'<text x="4" y="{top + 10}" font-size="10">{int(vmax)}</text>',
             f'<text x="4" y="{top + ph}" font-size="10">0</text>']
    for i, y in enumerate(years):
        x, _ = xy(i, 0)
        parts.append(f'<text x="{x - 12:.0f}" y="{height - 10}" font-size="10">{y}</text>')
    for k, col in enumerate(table.columns):
        vals = table[col].tolist()
        pts = [(xy(i, v), v) for i, v in enumerate(vals)]
        seg, d = [], []
        for (x, yv), v in pts:
            if pd.isna(v):
                if seg:
                    d.append(seg)
                seg = []
            else:
                seg.append(f"{x:.1f},{yv:.1f}")
        if seg:
            d.append(seg)
        for s in d:
            parts.append(f'<polyline points="{" ".join(s)}" fill="none" stroke="#222" stroke-width="2" '
                         f'stroke-dasharray="{_DASHES[k % len(_DASHES)]}"/>')
        for i, ((x, yv), v) in enumerate(pts):
            if pd.isna(v):
                parts.append(f'<text x="{x - 3:.0f}" y="{top + ph - 4}" font-size="12">*</text>')
            else:
                parts.append(f'<text x="{x - 4:.0f}" y="{yv + 4:.0f}" font-size="11">{"●■▲◆✚"[k % 5]}</text>')
        ly = top + 12 + 16 * k  # legend: one row per theme, marker and dash pattern + name
        parts.append(f'<line x1="{left + pw + 8}" y1="{ly - 4}" x2="{left + pw + 30}" y2="{ly - 4}" '
                     f'stroke="#222" stroke-width="2" stroke-dasharray="{_DASHES[k % len(_DASHES)]}"/>'
                     f'<text x="{left + pw + 34}" y="{ly}" font-size="10">{"●■▲◆✚"[k % 5]} '
                     f'{escape(labels.get(col, col)[:24])}</text>')
    parts.append("</svg>")
    return "".join(parts)


def highlight(text: str, spans) -> str:
    """HTML-escape ``text`` and wrap evidence ``spans`` (start, end, theme) in ``<mark>``."""
    out, pos = [], 0
    for a, b, theme in sorted((int(a), int(b), t) for a, b, t in spans):
        if a < pos:  # overlapping evidence: merge into the previous mark
            a = pos
        if a >= b:
            continue
        out.append(escape(text[pos:a]))
        out.append(f'<mark title="{escape(theme)}">{escape(text[a:b])}</mark>')
        pos = b
    out.append(escape(text[pos:]))
    return "".join(out)


def excerpt_html(ex: dict | None, labels: dict[str, str] | None = None) -> str:
    """The drill-down excerpt: highlighted text and the review's (coarse) metadata."""
    if ex is None:
        return '<p class="li-note">Choose a learning point ("Open") to read the de-identified excerpt.</p>'
    labels = labels or {}
    body = highlight(ex["text"], ex["spans"])
    for t in {s[2] for s in ex["spans"]}:
        body = body.replace(f'<mark title="{escape(t)}">',
                            f'<mark title="{escape(t)}" data-theme="{escape(labels.get(t, t))}">')
    meta = "".join(f"<tr><th scope=\"row\">{escape(str(k))}</th><td>{escape(str(v))}</td></tr>"
                   for k, v in ex["meta"].items())
    return (f'<div class="li-excerpt" role="region" aria-label="De-identified excerpt">'
            f'<p><strong>Learning point {escape(ex["ref"])}</strong> (highlighted: evidence for '
            f'its themes)</p><p class="li-excerpt-text">{body}</p></div>'
            f'<table class="li-table"><caption>Review metadata</caption>{meta}</table>')


def error_html(message: str) -> str:
    return f'<div class="li-error" role="alert">{escape(message)}</div>'




def guarded(view, fn):
    """Wrap a widget callback of ``view`` so that an error is shown, kept and logged, never swallowed.

    ``view`` needs ``error_box`` (an HTML widget), ``errors`` (a list) and ``log`` (an Output).
    ``out.append_stdout`` is used because ``with out: print()`` is not captured outside a kernel.
    """
    import functools
    import traceback

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            view.error_box.value = ""
            return fn(*args, **kwargs)
        except Exception as exc:  # shown to the user, kept in view.errors, never swallowed
            view.errors.append(exc)
            view.error_box.value = error_html(f"{type(exc).__name__}: {exc}")
            view.log.append_stdout("".join(traceback.format_exception(exc)))
            return None
    return wrapper


__all__ = ["CSS", "table_html", "bar_html", "trend_svg", "highlight", "excerpt_html", "error_html",
           "guarded"]
