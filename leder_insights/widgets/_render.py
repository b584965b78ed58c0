"""Small HTML/SVG renderings of the summaries (pure functions returning strings).

Only summaries and the current page reach the browser. Charts are inline SVG with a ``<title>``,
value labels on every bar and a table alternative; meaning never rests on colour alone (suppressed
bars are hatched *and* labelled).

>>> highlight("Poor NEWS2 use.", [(5, 10, "sepsis_deterioration")])
'Poor <mark title="sepsis_deterioration">NEWS2</mark> use.'
"""
from __future__ import annotations

import math
from html import escape

import pandas as pd

CSS = """
<style>
/* Projector mode (1280x720): 18 px body text, controls at the same size, nothing clipped. */
.li-app {--jp-widgets-font-size: 18px; --jp-widgets-inline-height: 38px; --jp-ui-font-size1: 18px;
  --jp-widgets-horizontal-tab-height: 38px; font-size: 18px; line-height: 1.35; color: #111;}
.li-app .widget-label, .li-app .widget-html, .li-app .widget-html-content, .li-app select, .li-app input,
.li-app .widget-dropdown > select, .li-app .widget-text input {font-size: 18px;}
.li-app .widget-html-content {line-height: 1.35;}
.li-app .jupyter-button {font-size: 18px; height: auto; min-height: 34px; white-space: normal;
  overflow: visible; text-overflow: clip; line-height: 1.15; padding: 3px 10px;}
.li-app .li-theme-btn {text-align: left; justify-content: flex-start;}
.li-app .li-cell {padding: 0; font-variant-numeric: tabular-nums;}
.li-app .lm-TabBar-tab, .li-app .p-TabBar-tab {flex: 0 0 auto !important; max-width: none !important;
  min-width: 0 !important; font-size: 18px; padding: 4px 14px; line-height: 28px;}
.li-app .lm-TabBar-tabLabel {overflow: visible; white-space: nowrap;}
.li-app .widget-tab > .widget-tab-contents, .li-app .jupyter-widget-tab > .widget-tab-contents {padding: 4px 4px;}
.li-app h1 {font-size: 25px; margin: 0; line-height: 1.15;}
.li-app h3 {font-size: 20px; margin: 4px 0;}
.li-context {margin: 0; color: #222;}
.li-context b {font-weight: 600;}
.li-badge {background: #fff3cd; border: 1px solid #8a6d3b; padding: 0 6px; margin-left: 6px; white-space: nowrap;}
.li-status {margin: 0;}
.li-summary, .li-summary .widget-html-content {min-width: 0; overflow-wrap: anywhere; word-break: break-word;}
.li-blocked {background: #fff3cd; border: 3px solid #8a6d3b; padding: 6px 10px; margin: 4px 0; font-size: 18px;}
.li-table {border-collapse: collapse; font-size: 17px; margin: 4px 0;}
.li-table caption {text-align: left; font-weight: 600; padding: 2px 0;}
.li-table th, .li-table td {border: 1px solid #888; padding: 3px 8px; text-align: left; vertical-align: top;}
.li-table td.li-num, .li-table th.li-num {text-align: right; font-variant-numeric: tabular-nums;}
.li-excerpt {border-left: 5px solid #333; padding: 6px 12px; background: #fafafa; max-width: 70em;}
.li-excerpt mark {background: #ffe066; border-bottom: 2px solid #000; padding: 0 1px;}
.li-excerpt mark[data-theme]::after {content: " [" attr(data-theme) "]"; font-size: 14px; color: #333;}
.li-error {color: #8b0000; border: 2px solid #8b0000; padding: 6px 10px; white-space: pre-wrap; margin: 4px 0;}
.li-note {color: #333; font-size: 16px; margin: 2px 0 6px 0;}
.li-banner {background: #fff3cd; border: 1px solid #8a6d3b; padding: 4px 8px;}
.li-value {white-space: nowrap; font-variant-numeric: tabular-nums;}
</style>
"""


_NUM = __import__("re").compile(r"^(<\d+|\*|-|\d[\d,.]*%?( \([\d.]+%\))?)$")


def table_html(df: pd.DataFrame, caption: str, index_label: str | None = None,
               max_rows: int = 200) -> str:
    """An accessible HTML table (caption, ``scope`` on header cells)."""
    idx_name = index_label or (df.index.name or "")
    head = f'<th scope="col">{escape(str(idx_name))}</th>' + "".join(
        f'<th scope="col">{escape(str(c))}</th>' for c in df.columns)
    rows = []
    for ix, r in df.head(max_rows).iterrows():
        cells = "".join(f'<td class="li-num">{escape(str(v))}</td>' if _NUM.match(str(v)) else
                        f"<td>{escape(str(v))}</td>" for v in r.to_numpy())
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


def trend_svg(table: pd.DataFrame, labels: dict[str, str], ylabel: str = "reviews", width: int = 1180,
              height: int = 380) -> str:
    """Lines per year for a few themes; hidden cells are gaps with a ``*`` marker.

    ``table``: index years, columns themes, values float (NaN = suppressed). The y axis starts at
    0; the legend (full theme names, marker and dash pattern) sits to the right of the plot.
    """
    if table.empty or table.shape[1] == 0:
        return '<p class="li-note">No data for a trend chart with these filters.</p>'
    years = [int(y) for y in table.index]
    vmax = float(table.max().max()) if table.notna().any().any() else 1.0
    vmax = max(vmax, 1e-9)
    step = _nice_step(vmax)
    top_v = step * math.ceil(vmax / step)
    pct = ylabel.startswith("%")
    left, right, top, bottom = 70, 430, 16, 56
    pw, ph = width - left - right, height - top - bottom

    def xy(i, v):
        x = left + (pw * i / max(1, len(years) - 1) if len(years) > 1 else pw / 2)
        return x, top + ph - ph * v / top_v

    parts = [f'<svg role="img" width="{width}" height="{height}" aria-labelledby="trend-t" '
             'style="font-family: inherit">'
             f'<title id="trend-t">{escape(ylabel[:1].upper() + ylabel[1:])} per year for the most frequent '
             'themes (see the table below)</title>']
    k = 0
    while k * step <= top_v + 1e-9:
        _x, y = xy(0, k * step)
        lab = f"{k * step:g}%" if pct else f"{k * step:g}"
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + pw}" y2="{y:.1f}" stroke="#ddd"/>'
                     f'<text x="{left - 8}" y="{y + 5:.1f}" font-size="16" text-anchor="end">{lab}</text>')
        k += 1
    parts.append(f'<line x1="{left}" y1="{top + ph}" x2="{left + pw}" y2="{top + ph}" stroke="#000"/>'
                 f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + ph}" stroke="#000"/>')
    for i, y in enumerate(years):
        x, _ = xy(i, 0)
        parts.append(f'<text x="{x:.0f}" y="{top + ph + 22}" font-size="16" text-anchor="middle">{y}</text>')
    parts.append(f'<text x="{left + pw / 2:.0f}" y="{top + ph + 48}" font-size="16" text-anchor="middle">'
                 f'{escape(ylabel)}, by year of death</text>')
    for k, col in enumerate(table.columns):
        vals = table[col].tolist()
        pts = [(xy(i, v if not pd.isna(v) else 0), v) for i, v in enumerate(vals)]
        seg: list[str] = []
        d: list[list[str]] = []
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
            parts.append(f'<polyline points="{" ".join(s)}" fill="none" stroke="#222" stroke-width="2.5" '
                         f'stroke-dasharray="{_DASHES[k % len(_DASHES)]}"/>')
        for (x, yv), v in pts:
            if pd.isna(v):
                parts.append(f'<text x="{x - 4:.0f}" y="{top + ph - 6}" font-size="18">*</text>')
            else:
                parts.append(f'<text x="{x:.0f}" y="{yv + 6:.0f}" font-size="16" text-anchor="middle">'
                             f'{"●■▲◆✚"[k % 5]}</text>')
        ly = top + 20 + 48 * k  # legend: one entry per theme, marker and dash pattern + full name
        name = labels.get(col, col)
        lines = _wrap(f'{"●■▲◆✚"[k % 5]} {name}', 38)
        spans = "".join(f'<tspan x="{left + pw + 52}" dy="{0 if n == 0 else 19}">{escape(t)}</tspan>'
                        for n, t in enumerate(lines))
        parts.append(f'<line x1="{left + pw + 16}" y1="{ly - 5}" x2="{left + pw + 46}" y2="{ly - 5}" '
                     f'stroke="#222" stroke-width="2.5" stroke-dasharray="{_DASHES[k % len(_DASHES)]}"/>'
                     f'<text x="{left + pw + 52}" y="{ly}" font-size="16">{spans}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _wrap(text: str, width: int) -> list[str]:
    """Split ``text`` at spaces into lines of at most ``width`` characters (long words stay whole)."""
    import textwrap

    return textwrap.wrap(text, width, break_long_words=False) or [""]


def _nice_step(vmax: float) -> float:
    """A round tick step giving 3-6 ticks up to ``vmax``."""
    raw = vmax / 4
    mag = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * mag:
            return m * mag
    return 10 * mag


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


def excerpt_html(ex: dict | None, labels: dict[str, str] | None = None, title: str | None = None) -> str:
    """The drill-down excerpt: highlighted text and the review's (coarse) metadata.

    ``title`` names it as the room sees it ("Learning point 3 of page 1"); never an internal id.
    """
    if ex is None:
        return ('<p class="li-note">Choose a number after "Read learning point" to read that learning point '
                'with its evidence highlighted.</p>')
    labels = labels or {}
    body = highlight(ex["text"], ex["spans"])
    for t in {s[2] for s in ex["spans"]}:  # theme names, not codes; the name after its first highlight only
        name = escape(labels.get(t, t))
        body = body.replace(f'<mark title="{escape(t)}">', f'<mark title="{name}" data-theme="{name}">', 1)
        body = body.replace(f'<mark title="{escape(t)}">', f'<mark title="{name}">')
    meta = "".join(f"<tr><th scope=\"row\">{escape(str(k))}</th><td>{escape(str(v))}</td></tr>"
                   for k, v in ex["meta"].items())
    return (f'<div class="li-excerpt" role="region" aria-label="De-identified excerpt">'
            f'<p><strong>{escape(title or "The learning point")}</strong> (highlighted: evidence for '
            f'its themes)</p><p class="li-excerpt-text">{body}</p></div>'
            f'<table class="li-table"><caption>Review metadata</caption>{meta}</table>')


def blocked_html(why: str | None, advice: str = "") -> str:
    """A prominent notice when every number of the selection is hidden (``""`` when not): why, then
    what to do (``advice``, from :func:`~leder_insights.widgets._explorer.blocked_advice`)."""
    if not why:
        return ""
    from ..explore import ui_text

    advice = advice or ui_text("blocked_advice", "default", label="a filter")
    return ('<div class="li-blocked" role="alert" id="li-blocked"><strong>Numbers hidden for this selection.'
            f'</strong> {escape(why)} {escape(advice)} {escape(ui_text("blocked_reset"))}</div>')


def error_html(message: str) -> str:
    return f'<div class="li-error" role="alert">{escape(message)}</div>'




def widget_bundle(widget, html: str, plain: str, **kwargs) -> dict:
    """A display bundle: the live ``widget`` for front ends with a kernel, plus a static HTML
    picture (and a plain-text line) for saved notebooks and viewers without one - never
    ``VBox(children=...)``."""
    bundle = widget._repr_mimebundle_(**kwargs)
    data = dict(bundle[0] if isinstance(bundle, tuple) else bundle or {})
    data["text/html"] = CSS + html
    data["text/plain"] = plain
    return data


def _server_log():
    """The widgets' logger; it writes to the process's own stderr (the server log under Voilà), not
    to ``sys.stderr``, which a kernel turns into page output."""
    import logging
    import sys

    log = logging.getLogger("leder_insights.widgets")
    if not log.handlers and sys.__stderr__ is not None:
        h = logging.StreamHandler(sys.__stderr__)
        h.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
        log.addHandler(h)
        log.propagate = True  # pytest's caplog still sees the records
    return log


def user_message(exc: BaseException) -> str:
    """A short message for the page: the numbered message of a :class:`LederError`, else a plain
    sentence (never a traceback, a file path or a raw exception text).

    >>> from leder_insights.errors import Errors, InputError
    >>> user_message(InputError(Errors.E005, value="Zed", option="missed identifier", allowed="x"))[:6]
    '[E005]'
    >>> user_message(KeyError("/srv/secret/path"))
    'Something went wrong (KeyError). Nothing was saved by this action. The details are in the server log.'
    """
    from ..errors import LederError

    if isinstance(exc, LederError):
        return str(exc)
    return (f"Something went wrong ({type(exc).__name__}). Nothing was saved by this action. "
            "The details are in the server log.")


def guarded(view, fn):
    """Wrap a widget callback of ``view``: an error becomes a short message in ``view.error_box``,
    is kept in ``view.errors`` and its traceback goes to the server log (``logging``), never to
    the page.

    ``view`` needs ``error_box`` (an HTML widget) and ``errors`` (a list).
    """
    import functools

    log = _server_log()

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            view.error_box.value = ""
            return fn(*args, **kwargs)
        except Exception as exc:  # shown to the user as a short message, kept, logged - never swallowed
            view.errors.append(exc)
            view.error_box.value = error_html(user_message(exc))
            log.error("widget callback %s failed", getattr(fn, "__name__", fn), exc_info=exc)
            return None
    return wrapper


__all__ = ["CSS", "table_html", "bar_html", "trend_svg", "highlight", "excerpt_html", "error_html", "blocked_html",
           "guarded", "user_message", "widget_bundle"]
