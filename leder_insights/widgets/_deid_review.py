"""DeidReviewer: local-only QA of de-identification on a sample (original beside de-identified).

It shows ORIGINAL text, so it refuses to start in workshop mode (``[E501]``). Analysts mark each
detection as correct or an over-redaction and add identifiers the detector missed; the results go
to ``store.save_deid_qa`` and are summarised as estimated residual recall with a Wilson interval.

>>> wilson_interval(95, 100)[0] > 0.88
True
"""
from __future__ import annotations

import functools
import math
from html import escape

import numpy as np
import pandas as pd

from ..errors import Errors, InputError, UsageError
from ..schema import ENTITY_CATEGORIES, TEXT_FIELDS
from ..explore import workshop_mode

QA_COLUMNS = ("review_id", "field", "start", "end", "kind", "category", "annotator")


def wilson_interval(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """Wilson score interval for a proportion ``k/n`` (``(nan, nan)`` when ``n == 0``)."""
    if n <= 0:
        return float("nan"), float("nan")
    p = k / n
    den = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / den
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / den
    return max(0.0, centre - half), min(1.0, centre + half)


def _ents(v) -> list[dict]:
    out = []
    for e in v or []:
        e = dict(e) if not hasattr(e, "start") else {"start": e.start, "end": e.end,
                                                     "category": getattr(e, "category", ""),
                                                     "entity_type": getattr(e, "entity_type", "")}
        out.append({"start": int(e["start"]), "end": int(e["end"]), "category": str(e.get("category", "")),
                    "entity_type": str(e.get("entity_type", ""))})
    return sorted(out, key=lambda e: (e["start"], e["end"]))


class DeidReviewState:
    """A QA sample and the analysts' marks.

    Parameters
    ----------
    items : DataFrame
        ``review_id``, ``field``, ``original``, ``deidentified``, ``entities`` (list of dicts with
        start, end, category - offsets into ``original``).
    annotator : str
    store : ProjectStore, optional
    workshop : bool, optional
        Explicit workshop flag; default from ``LEDER_WORKSHOP``. Workshop mode raises ``[E501]``.
    """

    def __init__(self, items: pd.DataFrame, annotator: str = "analyst", store=None, workshop=None):
        if workshop_mode(workshop):
            raise UsageError(Errors.E501)
        self.items = items.reset_index(drop=True).copy()
        self.items["entities"] = [_ents(v) for v in self.items["entities"]]
        self.annotator, self.store = annotator, store
        self.index = 0
        self.over: dict[int, set[int]] = {}
        self.missed: dict[int, list[dict]] = {}
        self.done: set[int] = set()

    @classmethod
    def from_deidentifier(cls, reviews: pd.DataFrame, deidentifier, text_columns=TEXT_FIELDS, n: int = 20,
                          seed: int = 0, **kw) -> "DeidReviewState":
        """Sample ``n`` non-empty (review, field) texts and de-identify them for review."""
        if workshop_mode(kw.get("workshop")):
            raise UsageError(Errors.E501)
        cols = [c for c in text_columns if c in reviews.columns]
        long = reviews.melt(id_vars=["review_id"], value_vars=cols, var_name="field", value_name="original")
        long = long[long["original"].fillna("").astype(str).str.strip() != ""]
        sample = long.sample(n=min(n, len(long)), random_state=seed).reset_index(drop=True)
        outs, ents = [], []
        for r in sample.itertuples(index=False):
            res = deidentifier.deidentify(str(r.original), doc_key=f"{r.review_id}:{r.field}")
            outs.append(res.text)
            ents.append(_ents(res.entities))
        sample["deidentified"], sample["entities"] = outs, ents
        return cls(sample, **kw)

    @classmethod
    def from_store(cls, store, n: int = 20, seed: int = 0, **kw) -> "DeidReviewState":
        """Sample ``n`` de-identified (review, field) texts of a project store with their originals
        and the saved entity positions (local only: reads ``store.reviews()``)."""
        if workshop_mode(kw.get("workshop")):
            raise UsageError(Errors.E501)
        deid = store.deid_texts()
        deid = deid[deid["text"].fillna("").astype(str).str.strip() != ""]
        sample = deid.sample(n=min(n, len(deid)), random_state=seed).reset_index(drop=True)
        orig = store.reviews().set_index("review_id")
        ents = store.entities()
        groups = {k: g.to_dict("records") for k, g in ents.groupby(["review_id", "field"])} if len(ents) else {}
        items = pd.DataFrame({
            "review_id": sample["review_id"], "field": sample["field"],
            "original": [str(orig.at[r, f]) if r in orig.index and f in orig.columns else ""
                         for r, f in zip(sample["review_id"], sample["field"])],
            "deidentified": sample["text"],
            "entities": [groups.get((r, f), []) for r, f in zip(sample["review_id"], sample["field"])]})
        return cls(items, store=store, **kw)

    # ------------------------------------------------------------------ navigation
    def current(self) -> dict:
        r = self.items.iloc[self.index]
        return {"i": self.index, "review_id": r["review_id"], "field": r["field"], "original": r["original"],
                "deidentified": r["deidentified"], "entities": r["entities"],
                "over": sorted(self.over.get(self.index, set())), "missed": list(self.missed.get(self.index, []))}

    def go(self, i: int) -> "DeidReviewState":
        self.index = int(min(max(0, i), len(self.items) - 1))
        return self

    # ------------------------------------------------------------------ marks
    def mark_over_redaction(self, entity_index: int, value: bool = True) -> "DeidReviewState":
        """Flag detection ``entity_index`` of the current item as not an identifier."""
        n = len(self.items.at[self.index, "entities"])
        if not 0 <= entity_index < n:
            raise InputError(Errors.E005, value=entity_index, option="detection", allowed=f"0..{n - 1}")
        s = self.over.setdefault(self.index, set())
        (s.add if value else s.discard)(entity_index)
        return self

    def mark_missed(self, start: int, end: int, category: str) -> "DeidReviewState":
        """Add an identifier the detector missed (offsets into the original text)."""
        text = self.items.at[self.index, "original"]
        if category not in ENTITY_CATEGORIES:
            raise InputError(Errors.E005, value=category, option="category", allowed=", ".join(ENTITY_CATEGORIES))
        if not (0 <= start < end <= len(text)):
            raise InputError(Errors.E005, value=f"{start}-{end}", option="span",
                             allowed=f"offsets within 0..{len(text)}")
        self.missed.setdefault(self.index, []).append({"start": int(start), "end": int(end), "category": category})
        return self

    def mark_missed_text(self, snippet: str, category: str, occurrence: int = 0) -> "DeidReviewState":
        """Like :meth:`mark_missed`, locating ``snippet`` in the original text."""
        text = self.items.at[self.index, "original"]
        pos = -1
        for _ in range(occurrence + 1):
            pos = text.find(snippet, pos + 1)
            if pos < 0:
                raise InputError(Errors.E005, value=snippet, option="missed identifier",
                                 allowed="text that occurs in the original")
        return self.mark_missed(pos, pos + len(snippet), category)

    def complete(self) -> "DeidReviewState":
        """Mark the current item reviewed (unflagged detections count as correct) and move on."""
        self.done.add(self.index)
        if self.index < len(self.items) - 1:
            self.index += 1
        return self

    # ------------------------------------------------------------------ results
    def results(self) -> pd.DataFrame:
        """One row per detection (ok / over_redaction) and per missed identifier of reviewed items."""
        rows = []
        for i in sorted(self.done):
            r = self.items.iloc[i]
            for k, e in enumerate(r["entities"]):
                kind = "over_redaction" if k in self.over.get(i, set()) else "ok"
                rows.append((r["review_id"], r["field"], e["start"], e["end"], kind, e["category"], self.annotator))
            for m in self.missed.get(i, []):
                rows.append((r["review_id"], r["field"], m["start"], m["end"], "missed", m["category"],
                             self.annotator))
        return pd.DataFrame(rows, columns=list(QA_COLUMNS))

    def save(self) -> pd.DataFrame:
        """Write :meth:`results` with ``store.save_deid_qa`` (if a store was given); returns them."""
        df = self.results()
        if self.store is not None:
            self.store.save_deid_qa(df)
        return df

    def recall(self, z: float = 1.96) -> dict:
        """Estimated residual recall = found / (found + missed), with a Wilson interval."""
        df = self.results()
        found = int((df["kind"] == "ok").sum())
        missed = int((df["kind"] == "missed").sum())
        over = int((df["kind"] == "over_redaction").sum())
        n = found + missed
        lo, hi = wilson_interval(found, n, z)
        return {"recall": found / n if n else float("nan"), "ci_low": lo, "ci_high": hi, "found": found,
                "missed": missed, "over_redactions": over, "items_reviewed": len(self.done),
                "precision": found / (found + over) if found + over else float("nan")}


def _marked(text: str, ents: list[dict], missed: list[dict]) -> str:
    spans = [(e["start"], e["end"], f'{e["category"]} #{k}', "mark") for k, e in enumerate(ents)] + \
            [(m["start"], m["end"], f'missed {m["category"]}', "ins") for m in missed]
    out, pos = [], 0
    for a, b, lab, tag in sorted(spans):
        a = max(a, pos)
        if a >= b:
            continue
        out.append(escape(text[pos:a]))
        out.append(f'<{tag} title="{escape(lab)}">{escape(text[a:b])}<sub>[{escape(lab)}]</sub></{tag}>')
        pos = b
    out.append(escape(text[pos:]))
    return "".join(out)


class DeidReviewer:
    """Widget over :class:`DeidReviewState` (local-only; refuses workshop mode)."""

    def __init__(self, state: DeidReviewState):
        import ipywidgets as W

        from . import _render as R

        if workshop_mode(None):
            raise UsageError(Errors.E501)
        self.state, self.errors, self._R = state, [], R
        self.pair = W.HTML()
        self.over_boxes = W.VBox()
        self.missed_text = W.Text(description="Missed text", placeholder="copy the identifier here")
        self.missed_cat = W.Dropdown(options=list(ENTITY_CATEGORIES), description="Category")
        self.add_missed = W.Button(description="Add missed identifier")
        self.next_btn = W.Button(description="Done, next", button_style="primary")
        self.save_btn = W.Button(description="Save QA results", icon="save")
        self.summary = W.HTML()
        self.error_box = W.HTML()
        self.log = W.Output()
        self.add_missed.on_click(self._guard(self._on_missed))
        self.next_btn.on_click(self._guard(self._on_next))
        self.save_btn.on_click(self._guard(lambda _b: (self.state.save(), self.refresh())))
        self.widget = W.VBox([W.HTML(R.CSS + "<h3>De-identification QA (local only: shows original text)</h3>"),
                              self.error_box, self.pair, W.HTML("<b>Detections - tick over-redactions:</b>"),
                              self.over_boxes, W.HBox([self.missed_text, self.missed_cat, self.add_missed]),
                              W.HBox([self.next_btn, self.save_btn]), self.summary, self.log])
        self.refresh()

    def _guard(self, fn):
        return self._R.guarded(self, fn)

    def _on_missed(self, _b=None):
        self.state.mark_missed_text(self.missed_text.value, self.missed_cat.value)
        self.missed_text.value = ""
        self.refresh()

    def _on_next(self, _b=None):
        self.state.complete()
        self.refresh()

    def _on_over(self, k, change):
        self.state.mark_over_redaction(k, bool(change["new"]))

    def refresh(self):
        import ipywidgets as W

        c = self.state.current()
        self.pair.value = (
            f'<p>Item {c["i"] + 1} of {len(self.state.items)} · review {escape(str(c["review_id"]))} · '
            f'{escape(str(c["field"]))}</p><div style="display:flex;gap:12px">'
            f'<div class="li-excerpt" style="flex:1"><b>Original (detections marked)</b><p>'
            f'{_marked(c["original"], c["entities"], c["missed"])}</p></div>'
            f'<div class="li-excerpt" style="flex:1"><b>De-identified</b><p>{escape(c["deidentified"])}</p></div></div>')
        boxes = []
        for k, e in enumerate(c["entities"]):
            b = W.Checkbox(value=k in c["over"], indent=False,
                           description=f'#{k} {e["category"]}: {c["original"][e["start"]:e["end"]]}')
            b.observe(self._guard(functools.partial(self._on_over, k)), names="value")
            boxes.append(b)
        self.over_boxes.children = boxes
        r = self.state.recall()
        txt = "n/a" if np.isnan(r["recall"]) else f'{r["recall"]:.3f} (95% CI {r["ci_low"]:.3f}-{r["ci_high"]:.3f})'
        self.summary.value = (f"<p role='status'>Reviewed {r['items_reviewed']} items · estimated recall {txt} · "
                              f"{r['missed']} missed · {r['over_redactions']} over-redactions</p>")

    def _ipython_display_(self):  # pragma: no cover
        from IPython.display import display

        display(self.widget)


__all__ = ["DeidReviewState", "DeidReviewer", "wilson_interval", "QA_COLUMNS"]
