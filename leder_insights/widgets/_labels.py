"""LabelReviewer: analysts confirm or correct predicted themes, least-confident first.

:class:`LabelState` holds the queue, the human labels and the retraining step (no ipywidgets);
:class:`LabelReviewer` is the thin view.

>>> import pandas as pd
>>> lps = pd.DataFrame({"lp_id": ["a", "b"], "text": ["x", "y"], "themes": [["t1"], []],
...                     "theme_scores": [{"t1": 0.9}, {"t1": 0.52}]})
>>> st = LabelState(lps, themes=["t1"], threshold=0.5)
>>> st.current()["lp_id"]          # 0.52 is nearest the threshold
'b'
>>> cohen_kappa([1, 0, 1, 0], [1, 0, 0, 0])
0.5
"""
from __future__ import annotations

from html import escape

import numpy as np
import pandas as pd

from ..explore import theme_info
from ..schema import as_dict as _as_dict
from ..schema import as_list as _as_list


def cohen_kappa(a, b) -> float:
    """Cohen's κ of two binary raters (NaN when agreement by chance is certain)."""
    a, b = np.asarray(a, dtype=bool), np.asarray(b, dtype=bool)
    if a.size == 0:
        return float("nan")
    po = float(np.mean(a == b))
    pa, pb = float(a.mean()), float(b.mean())
    pe = pa * pb + (1 - pa) * (1 - pb)
    if pe >= 1.0:
        return float("nan")
    return (po - pe) / (1 - pe)


class LabelState:
    """Queue of learning points ordered by how close their theme scores are to the threshold.

    Parameters
    ----------
    lps : DataFrame
        ``lp_id``, ``text``, ``themes`` (list), ``theme_scores`` (dict theme -> score).
    themes : list of str
        Theme ids (columns of the label matrix).
    threshold : float or dict
        Decision threshold (one for all themes, or per theme id).
    store : ProjectStore, optional
        Labels are written with ``store.add_label`` and read back with ``store.labels()``.
    annotator : str
    base_texts, base_Y : optional
        The labelled training set the model was fitted on; retraining adds the human labels.
    """

    def __init__(self, lps: pd.DataFrame, themes, threshold: float = 0.5, store=None,
                 annotator: str = "analyst", base_texts=None, base_Y=None):
        self.lps = lps.reset_index(drop=True).copy()
        self.lps["lp_id"] = self.lps["lp_id"].astype(str)
        self.lps["themes"] = [_as_list(v) for v in self.lps["themes"]]
        self.lps["theme_scores"] = [_as_dict(v) for v in self.lps["theme_scores"]]
        self.themes = list(themes)
        self.thresholds = ({t: float(threshold.get(t, 0.5)) for t in self.themes} if isinstance(threshold, dict)
                           else {t: float(threshold) for t in self.themes})
        self.store = store
        self.annotator = annotator
        self.base_texts = list(base_texts) if base_texts is not None else []
        self.base_Y = np.asarray(base_Y, dtype=int) if base_Y is not None else np.zeros((0, len(self.themes)), int)
        self.labels: dict[str, dict[str, bool]] = {}
        self._listeners: list = []
        self.retrain_history: list[dict] = []
        self.model_at_label: dict[str, dict[str, bool]] = {}
        self.retrain_count = 0
        self._load_store_labels()
        self._order()

    @classmethod
    def from_store(cls, store, annotator: str = "analyst", threshold=0.5, themes=None, **kw) -> "LabelState":
        """Queue the store's themed (de-identified) learning points; labels go back to the store."""
        lps = store.learning_points_with_themes()
        if themes is None:
            themes = theme_info({t for ts in lps["themes"] for t in _as_list(ts)}).ids
        return cls(lps[["lp_id", "text", "themes", "theme_scores"]], themes, threshold=threshold, store=store,
                   annotator=annotator, **kw)

    def on_change(self, callback) -> None:
        """Call ``callback(state)`` after every submit, skip and retrain (views redraw from it)."""
        self._listeners.append(callback)

    def _changed(self):
        for cb in list(self._listeners):
            cb(self)
        return self

    def _load_store_labels(self):
        if self.store is None:
            return
        df = self.store.labels()
        if df is None or not len(df):
            return
        for r in df.itertuples(index=False):
            self.labels.setdefault(str(r.lp_id), {})[str(r.theme)] = bool(r.value)

    def _order(self):
        scores = np.array([[s.get(t, 0.0) for t in self.themes] for s in self.lps["theme_scores"]],
                          dtype=float).reshape(len(self.lps), len(self.themes))
        thr = np.array([self.thresholds[t] for t in self.themes], dtype=float)
        margin = np.abs(scores - thr).min(axis=1) if len(self.themes) else np.zeros(len(self.lps))
        self.lps["_margin"] = margin
        order = self.lps.sort_values(["_margin", "lp_id"], kind="stable")["lp_id"]
        self.queue = [i for i in order if i not in self.labels]

    def current(self) -> dict | None:
        """The next learning point to review: id, text, predicted themes and scores."""
        if not self.queue:
            return None
        row = self.lps.set_index("lp_id").loc[self.queue[0]]
        return {"lp_id": self.queue[0], "text": row["text"], "themes": list(row["themes"]),
                "scores": {t: float(row["theme_scores"].get(t, 0.0)) for t in self.themes},
                "margin": float(row["_margin"])}

    def predicted(self, lp_id: str) -> dict[str, bool]:
        s = self.lps.set_index("lp_id").loc[str(lp_id), "theme_scores"]
        return {t: float(s.get(t, 0.0)) >= self.thresholds[t] for t in self.themes}

    def submit(self, lp_id: str, chosen) -> "LabelState":
        """Record the analyst's themes for ``lp_id`` (every theme: chosen → True, else False).

        ``lp_id`` is the learning point the analyst saw - not necessarily the head of the queue.
        """
        chosen = set(chosen)
        unknown = chosen - set(self.themes)
        if unknown:
            from ..errors import Errors, InputError
            raise InputError(Errors.E401, theme=sorted(unknown)[0], valid=", ".join(self.themes))
        lp_id = str(lp_id)
        if lp_id not in set(self.lps["lp_id"]):
            from ..errors import Errors, InputError
            raise InputError(Errors.E005, value=lp_id, option="learning point",
                             allowed="a learning point of this queue")
        self.model_at_label[lp_id] = self.predicted(lp_id)
        self.labels[lp_id] = {t: t in chosen for t in self.themes}
        if self.store is not None:
            for t in self.themes:
                self.store.add_label(lp_id, t, t in chosen, self.annotator)
        self.queue = [i for i in self.queue if i != lp_id]
        return self._changed()

    def skip(self, lp_id: str | None = None) -> "LabelState":
        """Move ``lp_id`` (default: the head of the queue) to the end of the queue."""
        lp_id = self.queue[0] if lp_id is None and self.queue else (str(lp_id) if lp_id is not None else None)
        if lp_id in self.queue:
            self.queue.remove(lp_id)
            self.queue.append(lp_id)
        return self._changed()

    def agreement(self) -> dict:
        """Cohen's κ and raw agreement between the model (at label time) and the analysts."""
        a, b = [], []
        for lp_id, lab in self.labels.items():
            pred = self.model_at_label.get(lp_id) or self.predicted(lp_id)
            for t in self.themes:
                a.append(pred[t])
                b.append(lab[t])
        agree = float(np.mean(np.array(a) == np.array(b))) if a else float("nan")
        return {"kappa": cohen_kappa(a, b), "agreement": agree, "n_points": len(self.labels),
                "n_decisions": len(a)}

    def training_set(self) -> tuple[list[str], np.ndarray]:
        """Base labelled set plus the human-labelled learning points (human labels win)."""
        by_id = self.lps.set_index("lp_id")
        texts = list(self.base_texts)
        rows = [r for r in self.base_Y]
        for lp_id, lab in self.labels.items():
            if lp_id not in by_id.index:
                continue
            texts.append(by_id.loc[lp_id, "text"])
            rows.append([int(lab[t]) for t in self.themes])
        Y = np.array(rows, dtype=int).reshape(len(texts), len(self.themes))
        return texts, Y

    def retrain(self, classifier) -> "LabelState":
        """Fit ``classifier`` (``fit(texts, Y)``, ``predict_frame(df)``) and refresh predictions.

        :attr:`retrain_history` gets the model-vs-analyst agreement on the human-labelled points
        before and after (after is optimistic: the model has now seen those labels).
        """
        before = self._agreement_now()
        texts, Y = self.training_set()
        classifier.fit(texts, Y)
        pred = classifier.predict_frame(self.lps[["lp_id", "text"]].copy())
        pred = pred.reset_index(drop=True)
        if "lp_id" in pred:
            pred = pred.set_index(pred["lp_id"].astype(str)).reindex(self.lps["lp_id"]).reset_index(drop=True)
        self.lps["theme_scores"] = [_as_dict(v) for v in pred["theme_scores"]]
        if "themes" in pred:
            self.lps["themes"] = [_as_list(v) for v in pred["themes"]]
        else:
            self.lps["themes"] = [[t for t in self.themes if s.get(t, 0) >= self.thresholds[t]]
                                  for s in self.lps["theme_scores"]]
        self.classifier = classifier
        self.retrain_count += 1
        self._order()
        after = self._agreement_now()
        self.retrain_history.append({"n_labelled": len(self.labels), "n_training": len(texts),
                                     "kappa_before": before["kappa"], "kappa_after": after["kappa"],
                                     "agreement_before": before["agreement"],
                                     "agreement_after": after["agreement"]})
        return self._changed()

    def _agreement_now(self) -> dict:
        """Agreement of the *current* predictions with the human labels."""
        a, b = [], []
        for lp_id, lab in self.labels.items():
            if lp_id not in set(self.lps["lp_id"]):
                continue
            pred = self.predicted(lp_id)
            for t in self.themes:
                a.append(pred[t])
                b.append(lab[t])
        return {"kappa": cohen_kappa(a, b), "agreement": float(np.mean(np.array(a) == np.array(b))) if a
                else float("nan")}


class LabelReviewer:
    """Widget: one learning point at a time, theme checkboxes, save/skip/retrain, κ shown.

    The learning point on screen is remembered when it is drawn (:attr:`shown`); "Save and next"
    and "Skip" act on *that* point. When the state changes underneath, the widget redraws.
    """

    def __init__(self, state: LabelState, classifier=None, labels: dict[str, str] | None = None):
        import ipywidgets as W

        from . import _render as R

        self.state, self.classifier = state, classifier
        self.errors: list[BaseException] = []
        self._R = R
        self.shown: str | None = None
        names = labels or {}
        self.text = W.HTML()
        self.boxes = {t: W.Checkbox(description=names.get(t, t), indent=False, layout=W.Layout(width="auto"))
                      for t in state.themes}
        self.save_btn = W.Button(description="Save and next", icon="check", button_style="primary",
                                 layout=W.Layout(width="auto"))
        self.skip_btn = W.Button(description="Skip", layout=W.Layout(width="auto"))
        self.retrain_btn = W.Button(description="Retrain model", icon="refresh", layout=W.Layout(width="auto"),
                                    disabled=classifier is None)
        self.status = W.HTML()
        self.error_box = W.HTML()
        self.save_btn.on_click(self._guard(self._on_save))
        self.skip_btn.on_click(self._guard(self._on_skip))
        self.retrain_btn.on_click(self._guard(self._on_retrain))
        self.widget = W.VBox([W.HTML(R.CSS + "<h3>Confirm or correct themes</h3>"), self.error_box,
                              self.text, W.GridBox(list(self.boxes.values()),
                                                   layout=W.Layout(grid_template_columns="repeat(auto-fill, minmax(360px, 1fr))")),
                              W.HBox([self.save_btn, self.skip_btn, self.retrain_btn]), self.status],
                             layout=W.Layout(max_width="1240px"))
        self.widget.add_class("li-app")
        state.on_change(lambda _st: self.refresh())
        self.refresh()

    def _guard(self, fn):
        return self._R.guarded(self, fn)

    def _on_save(self, _b=None):
        if self.shown is None:
            return
        self.state.submit(self.shown, [t for t, b in self.boxes.items() if b.value])

    def _on_skip(self, _b=None):
        if self.shown is not None:
            self.state.skip(self.shown)

    def _on_retrain(self, _b=None):
        self.state.retrain(self.classifier)

    def refresh(self):
        """Draw the head of the queue and remember its id as the point on screen."""
        cur = self.state.current()
        self.shown = None if cur is None else cur["lp_id"]
        if cur is None:
            self.text.value = "<p>Nothing left to review.</p>"
        else:
            self.text.value = (f'<div class="li-excerpt" data-lp="{escape(cur["lp_id"])}"><p><strong>'
                               f'{escape(cur["lp_id"])}</strong> (closest score to threshold: margin '
                               f'{cur["margin"]:.2f})</p><p>{escape(cur["text"])}</p></div>')
            for t, b in self.boxes.items():
                b.value = t in cur["themes"]
                b.tooltip = f"model score {cur['scores'][t]:.2f}"
        ag = self.state.agreement()
        k = "n/a" if np.isnan(ag["kappa"]) else f"{ag['kappa']:.2f}"
        hist = ""
        if self.state.retrain_history:
            h = self.state.retrain_history[-1]
            hist = (f" · last retrain: κ on labelled points {_fmt(h['kappa_before'])} → {_fmt(h['kappa_after'])}"
                    f" ({h['n_training']} training points)")
        self.status.value = (f"<p role='status'>Reviewed {ag['n_points']} learning points · "
                             f"{len(self.state.queue)} left · Cohen's κ model vs analysts: {k} · "
                             f"retrained {self.state.retrain_count}×{hist}</p>")

    def _repr_mimebundle_(self, **kwargs):
        """The live widget, plus a static picture of the item on screen for saved notebooks."""
        import re

        return self._R.widget_bundle(self.widget, self.text.value + self.status.value, "Confirm or correct themes: " + re.sub("<[^>]+>", "", self.status.value), **kwargs)


def _fmt(x) -> str:
    return "n/a" if x is None or (isinstance(x, float) and np.isnan(x)) else f"{x:.2f}"


__all__ = ["LabelState", "LabelReviewer", "cohen_kappa"]
