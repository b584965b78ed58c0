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
import os
from html import escape
from pathlib import Path

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

    Every mark is bound to an *item key* (``"review_id|field"``), never to a screen position, so
    a decision lands on the item the analyst saw even when the sample or the current position
    changed in between. Views subscribe with :meth:`on_change` and redraw after every change.

    Parameters
    ----------
    items : DataFrame
        ``review_id``, ``field``, ``original``, ``deidentified``, ``entities`` (list of dicts with
        start, end, category - offsets into ``original``).
    annotator : str
    store : ProjectStore, optional
        Results go to ``store.save_deid_qa``.
    workshop : bool, optional
        Explicit workshop flag; default from ``LEDER_WORKSHOP``. Workshop mode raises ``[E501]``.
    save_path : path, optional
        Without a store, :meth:`save` writes the results to this CSV file (atomically).

    Examples
    --------
    >>> import pandas as pd
    >>> items = pd.DataFrame({"review_id": ["R1", "R2"], "field": ["timeline"] * 2,
    ...                       "original": ["Seen by Ann.", "Seen by Bob."], "deidentified": ["Seen by [PERSON]."] * 2,
    ...                       "entities": [[{"start": 8, "end": 11, "category": "PERSON"}]] * 2})
    >>> st = DeidReviewState(items, workshop=False)
    >>> shown = st.current()["key"]          # what the view drew
    >>> st = st.go(1)                        # the position moves under the view ...
    >>> st.complete(item=shown).results()["review_id"].tolist()   # ... the decision stays on R1
    ['R1']
    """

    def __init__(self, items: pd.DataFrame, annotator: str = "analyst", store=None, workshop=None,
                 save_path=None):
        if workshop_mode(workshop):
            raise UsageError(Errors.E501)
        self.annotator, self.store = annotator, store
        self.save_path = save_path
        self.saved_to: str | None = None
        self._listeners: list = []
        self.over: dict[str, set[int]] = {}
        self.missed: dict[str, list[dict]] = {}
        self.done: set[str] = set()
        self._set_items(items)

    def _set_items(self, items: pd.DataFrame):
        self.items = items.reset_index(drop=True).copy()
        self.items["entities"] = [_ents(v) for v in self.items["entities"]]
        keys: list[str] = []
        seen: dict[str, int] = {}
        for r, f in zip(self.items["review_id"], self.items["field"]):
            k = f"{r}|{f}"
            n = seen.get(k, 0)
            seen[k] = n + 1
            keys.append(k if n == 0 else f"{k}#{n}")
        self.items["key"] = keys
        self.index = 0

    # ------------------------------------------------------------------ change notification
    def on_change(self, callback) -> None:
        """Call ``callback(state)`` after every change (views redraw from it)."""
        self._listeners.append(callback)

    def _changed(self):
        for cb in list(self._listeners):
            cb(self)
        return self

    def set_items(self, items: pd.DataFrame) -> "DeidReviewState":
        """Replace the sample (marks on items that remain are kept; views redraw)."""
        self._set_items(items)
        return self._changed()

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
    def _pos(self, item: str | None) -> int:
        """Row of item key ``item`` (the current row when ``None``)."""
        if item is None:
            return self.index
        hit = np.flatnonzero(self.items["key"].to_numpy() == item)
        if not len(hit):
            raise InputError(Errors.E005, value=item, option="QA item",
                             allowed="an item of the current sample (the sample changed: review the item shown now)")
        return int(hit[0])

    def current(self) -> dict:
        """The current item: position ``i``, its ``key``, texts, detections and marks so far."""
        return self.item(None)

    def item(self, item: str | None) -> dict:
        i = self._pos(item)
        r = self.items.iloc[i]
        k = r["key"]
        return {"i": i, "key": k, "review_id": r["review_id"], "field": r["field"], "original": r["original"],
                "deidentified": r["deidentified"], "entities": r["entities"],
                "over": sorted(self.over.get(k, set())), "missed": list(self.missed.get(k, [])),
                "done": k in self.done}

    def go(self, i: int) -> "DeidReviewState":
        self.index = int(min(max(0, i), len(self.items) - 1))
        return self._changed()

    # ------------------------------------------------------------------ marks
    def mark_over_redaction(self, entity_index: int, value: bool = True, item: str | None = None) -> "DeidReviewState":
        """Flag detection ``entity_index`` of ``item`` (default: the current item) as not an identifier."""
        i = self._pos(item)
        n = len(self.items.at[i, "entities"])
        if not 0 <= entity_index < n:
            raise InputError(Errors.E005, value=entity_index, option="detection", allowed=f"0..{n - 1}")
        s = self.over.setdefault(self.items.at[i, "key"], set())
        (s.add if value else s.discard)(entity_index)
        return self._changed()

    def mark_missed(self, start: int, end: int, category: str, item: str | None = None) -> "DeidReviewState":
        """Add an identifier the detector missed (offsets into the original text of ``item``)."""
        i = self._pos(item)
        text = self.items.at[i, "original"]
        if category not in ENTITY_CATEGORIES:
            raise InputError(Errors.E005, value=category, option="category", allowed=", ".join(ENTITY_CATEGORIES))
        if not (0 <= start < end <= len(text)):
            raise InputError(Errors.E005, value=f"{start}-{end}", option="span",
                             allowed=f"offsets within 0..{len(text)}")
        self.missed.setdefault(self.items.at[i, "key"], []).append(
            {"start": int(start), "end": int(end), "category": category})
        return self._changed()

    def mark_missed_text(self, snippet: str, category: str, occurrence: int = 0,
                         item: str | None = None) -> "DeidReviewState":
        """Like :meth:`mark_missed`, locating ``snippet`` in the original text."""
        i = self._pos(item)
        text = self.items.at[i, "original"]
        snippet = (snippet or "").strip()
        if not snippet:
            raise InputError(Errors.E005, value="", option="missed identifier",
                             allowed="text copied from the original (left-hand) column")
        pos = -1
        for _ in range(occurrence + 1):
            pos = text.find(snippet, pos + 1)
            if pos < 0:
                shown = snippet if len(snippet) <= 40 else snippet[:37] + "..."
                raise InputError(Errors.E005, value=shown, option="missed identifier",
                                 allowed="text that occurs in the original (copy it from the left-hand column)")
        return self.mark_missed(pos, pos + len(snippet), category, item=self.items.at[i, "key"])

    def complete(self, item: str | None = None) -> "DeidReviewState":
        """Mark ``item`` (default: the current item) reviewed - unflagged detections count as correct -
        and move to the item after it."""
        i = self._pos(item)
        self.done.add(self.items.at[i, "key"])
        self.index = min(i + 1, len(self.items) - 1)
        return self._changed()

    # ------------------------------------------------------------------ results
    def results(self) -> pd.DataFrame:
        """One row per detection (ok / over_redaction) and per missed identifier of reviewed items."""
        rows = []
        for r in self.items.itertuples(index=False):
            if r.key not in self.done:
                continue
            for k, e in enumerate(r.entities):
                kind = "over_redaction" if k in self.over.get(r.key, set()) else "ok"
                rows.append((r.review_id, r.field, e["start"], e["end"], kind, e["category"], self.annotator))
            for m in self.missed.get(r.key, []):
                rows.append((r.review_id, r.field, m["start"], m["end"], "missed", m["category"], self.annotator))
        return pd.DataFrame(rows, columns=list(QA_COLUMNS))

    def save(self) -> pd.DataFrame:
        """Write :meth:`results` to the store (``save_deid_qa``) or else to ``save_path`` (CSV, atomic).

        Returns the rows; :attr:`saved_to` says where they went. Raises ``[E005]`` when there is
        nowhere to save.
        """
        df = self.results()
        if self.store is not None:
            self.store.save_deid_qa(df)
            self.saved_to = f"the project store ({getattr(self.store, 'path', 'save_deid_qa')})"
        elif self.save_path is not None:
            path = Path(self.save_path)
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(path.name + ".tmp")
            df.to_csv(tmp, index=False)
            os.replace(tmp, path)
            self.saved_to = str(path)
        else:
            raise InputError(Errors.E005, value="(none)", option="where to save QA results",
                             allowed="DeidReviewState(..., store=ProjectStore) or save_path='qa.csv'")
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
    """Widget over :class:`DeidReviewState` (local-only; refuses workshop mode).

    The item on screen is remembered when it is drawn (:attr:`shown`); every tick, missed
    identifier and "Done, next" is saved to *that* item. When the state changes underneath (another
    cell, another view), the widget redraws.
    """

    def __init__(self, state: DeidReviewState):
        import ipywidgets as W

        from . import _render as R

        if workshop_mode(None):
            raise UsageError(Errors.E501)
        self.state, self._R = state, R
        self.errors: list[BaseException] = []
        self.shown: str | None = None
        self._boxes_key = None
        self.pair = W.HTML()
        self.over_boxes = W.VBox()
        self.missed_text = W.Text(description="Missed text", placeholder="copy the identifier here",
                                  style={"description_width": "110px"}, layout=W.Layout(width="420px"))
        self.missed_cat = W.Dropdown(options=list(ENTITY_CATEGORIES), description="Category",
                                     style={"description_width": "90px"}, layout=W.Layout(width="300px"))
        self.add_missed = W.Button(description="Add missed identifier", layout=W.Layout(width="auto"))
        self.next_btn = W.Button(description="Done, next", button_style="primary", layout=W.Layout(width="auto"))
        self.save_btn = W.Button(description="Save QA results", icon="save", layout=W.Layout(width="auto"))
        self.summary = W.HTML()
        self.saved = W.HTML()
        self.error_box = W.HTML()
        self.add_missed.on_click(self._guard(self._on_missed))
        self.next_btn.on_click(self._guard(self._on_next))
        self.save_btn.on_click(self._guard(self._on_save))
        self.widget = W.VBox([W.HTML(R.CSS + "<h3>De-identification QA (local only: shows original text)</h3>"),
                              self.error_box, self.pair, W.HTML("<b>Detections - tick over-redactions:</b>"),
                              self.over_boxes, W.HBox([self.missed_text, self.missed_cat, self.add_missed]),
                              W.HBox([self.next_btn, self.save_btn]), self.summary, self.saved],
                             layout=W.Layout(max_width="1240px"))
        self.widget.add_class("li-app")
        state.on_change(lambda _st: self.refresh())
        self.refresh()

    def _guard(self, fn):
        return self._R.guarded(self, fn)

    def _on_missed(self, _b=None):
        self.state.mark_missed_text(self.missed_text.value, self.missed_cat.value, item=self.shown)
        self.missed_text.value = ""

    def _on_next(self, _b=None):
        self.state.complete(item=self.shown)

    def _on_save(self, _b=None):
        df = self.state.save()
        self.saved.value = (f"<p role='status'>Saved {len(df)} QA rows ({len(self.state.done)} items) to "
                            f"{escape(str(self.state.saved_to))}.</p>")

    def _on_over(self, key, k, change):
        self.state.mark_over_redaction(k, bool(change["new"]), item=key)

    def refresh(self):
        """Draw the state's current item and remember its key as the item on screen."""
        import ipywidgets as W

        c = self.state.current()
        self.shown = c["key"]
        done = " · already reviewed" if c["done"] else ""
        self.pair.value = (
            f'<p class="li-item" data-item="{escape(c["key"])}">Item {c["i"] + 1} of {len(self.state.items)} · '
            f'review {escape(str(c["review_id"]))} · {escape(str(c["field"]))}{done}</p>'
            f'<div style="display:flex;gap:12px">'
            f'<div class="li-excerpt" style="flex:1"><b>Original (detections marked)</b><p>'
            f'{_marked(c["original"], c["entities"], c["missed"])}</p></div>'
            f'<div class="li-excerpt" style="flex:1"><b>De-identified</b><p>{escape(c["deidentified"])}</p></div></div>')
        if self._boxes_key == (c["key"], id(self.state.items)):  # same item: keep the boxes (and the keyboard focus)
            for k, b in enumerate(self.over_boxes.children):
                if b.value != (k in c["over"]):
                    b.value = k in c["over"]
            self._summary()
            return
        self._boxes_key = (c["key"], id(self.state.items))
        boxes = []
        for k, e in enumerate(c["entities"]):
            b = W.Checkbox(value=k in c["over"], indent=False, layout=W.Layout(width="auto"),
                           description=f'#{k} {e["category"]}: {c["original"][e["start"]:e["end"]]}')
            b.observe(self._guard(functools.partial(self._on_over, c["key"], k)), names="value")
            boxes.append(b)
        self.over_boxes.children = boxes
        self._summary()

    def _summary(self):
        r = self.state.recall()
        txt = "n/a" if np.isnan(r["recall"]) else f'{r["recall"]:.3f} (95% CI {r["ci_low"]:.3f}-{r["ci_high"]:.3f})'
        self.summary.value = (f"<p role='status'>Reviewed {r['items_reviewed']} items · estimated recall {txt} · "
                              f"{r['missed']} missed · {r['over_redactions']} over-redactions</p>")

    def _repr_mimebundle_(self, **kwargs):
        """The live widget, plus a static picture of the item on screen for saved notebooks."""
        import re

        return self._R.widget_bundle(self.widget, self.pair.value + self.summary.value, "De-identification QA: " + re.sub("<[^>]+>", "", self.summary.value), **kwargs)


__all__ = ["DeidReviewState", "DeidReviewer", "wilson_interval", "QA_COLUMNS"]
