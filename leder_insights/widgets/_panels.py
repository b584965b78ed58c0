"""The briefing's panels inside the explorer: indicative findings and the action plan.

Both draw what ``leder_insights.explore`` computes for the current :class:`ExplorerState`
(:func:`~leder_insights.explore.findings_tables`, :func:`~leder_insights.explore.themes_without_action`,
:func:`~leder_insights.explore.action_plan`); actions are added and edited through the state
(``state.add_action`` / ``state.update_action``), which writes them to the project store.

>>> from leder_insights.widgets._panels import FINDING_VIEWS
>>> FINDING_VIEWS[0]
'Age at death by learning disability'
"""
from __future__ import annotations

from html import escape

import ipywidgets as W

from . import _render as R

#: the findings tables shown one at a time beside the key findings (keys of ``findings_tables``)
FINDING_VIEWS = ("Age at death by learning disability", "Age at death by sex", "Place of death",
                 "Causes of death", "Care grades", "Findings over time")
_SHORT = {"Age at death by learning disability": "Age by learning disability", "Age at death by sex": "Age by sex",
          "Place of death": "Place of death", "Causes of death": "Causes of death", "Care grades": "Care grades",
          "Findings over time": "Over time"}
_GAP_ROWS = 7
_STATUS = (("Open", "open"), ("In progress", "in_progress"), ("Done", "done"), ("Dropped", "dropped"))


class FindingsPanel:
    """Key findings (sentences) beside one findings table at a time, for the current selection."""

    def __init__(self, state, guard):
        self.state = state
        self.key = W.HTML(layout=W.Layout(width="470px"))
        self.choice = W.ToggleButtons(options=[(_SHORT[k], k) for k in FINDING_VIEWS], value=FINDING_VIEWS[0],
                                      description="", style={"button_width": "auto"})
        self.choice.observe(guard(lambda _c: self.refresh()), names="value")
        self.table = W.HTML()
        self.widget = W.HBox([self.key, W.VBox([self.choice, self.table], layout=W.Layout(flex="1 1 auto"))],
                             layout=W.Layout(grid_gap="16px"))

    def refresh(self):
        from ..explore import findings_tables

        tables = findings_tables(self.state)
        lines = "".join(f"<li>{escape(str(x))}</li>" for x in tables["Key findings"]["Finding"])
        from ..explore import ui_text

        self.key.value = (f'<div class="li-findings" role="region" aria-label="Key findings">'
                          f'<h3>Key findings</h3><ul>{lines}</ul>'
                          f'<p class="li-note">{escape(ui_text("legend"))}</p></div>')
        if self.choice.value not in tables:        # a blocked selection: the key findings say why
            self.table.value = ""
            return
        t = tables[self.choice.value]
        if len(t.columns):
            t = t.set_index(t.columns[0])
        self.table.value = R.table_html(t, self.choice.value, t.index.name or "")


class ActionsPanel:
    """Recurring themes with no open action, the action plan, and a form to add or edit an action.

    A save is bound to what the form showed when the user chose it: a refresh (any filter change)
    never moves a theme the user chose or one shown beside typed text; a save clears the form, and
    a second click on Save files nothing more. An edit writes only the fields changed, and only if
    nobody saved the action since the form loaded it (E206).
    """

    def __init__(self, state, guard):
        self.state = state
        labels = state.data.themes.labels
        self.gaps = W.HTML()
        self.plan = W.HTML()
        self.theme = W.Dropdown(options=[(labels[t], t) for t in state.data.themes.ids], description="Theme",
                                style={"description_width": "175px"}, layout=W.Layout(width="620px"))
        self.text = W.Textarea(description="Action", placeholder="what will be done",
                               style={"description_width": "175px"}, layout=W.Layout(width="620px", height="70px"))
        self.owner = W.Text(description="Owner", style={"description_width": "175px"}, layout=W.Layout(width="620px"))
        self.due = W.Text(description="Due date", placeholder="YYYY-MM-DD", style={"description_width": "175px"},
                          layout=W.Layout(width="620px"))
        self.status = W.Dropdown(options=_STATUS, value="open", description="Status",
                                 style={"description_width": "175px"}, layout=W.Layout(width="620px"))
        self.impact = W.Text(description="Evidence of impact", style={"description_width": "175px"},
                             layout=W.Layout(width="620px"))
        self.pick = W.Dropdown(options=[("New action", "")], value="", description="Edit",
                               style={"description_width": "175px"}, layout=W.Layout(width="620px"))
        self._auto = False                  # True while the panel itself sets the form
        self._theme_chosen = False          # the user chose the theme of the new action
        self._loaded: dict | None = None    # the action being edited, as read (with updated_at)
        self._just_saved: str | None = None  # what the last save filed, until the form is edited
        self._evidence_theme: str | None = None  # the theme whose evidence was last opened
        self.pick.observe(guard(self._on_pick), names="value")
        self.theme.observe(self._on_theme, names="value")
        for w in (self.text, self.owner, self.due, self.status, self.impact):
            w.observe(self._on_edit, names="value")
        self.save_btn = W.Button(description="Save action", icon="check", button_style="primary",
                                 layout=W.Layout(width="auto"))
        self.save_btn.on_click(guard(self._on_save))
        self.saved = W.HTML(layout=W.Layout(width="620px"))   # wraps under the button: the form keeps its width
        self.note = W.HTML()
        self._guard = guard
        form = W.VBox([self.pick, self.theme, self.text, self.owner, self.due, self.status, self.impact,
                       self.save_btn, self.saved], layout=W.Layout(width="630px", flex="0 0 auto"))
        self.widget = W.VBox([
            self.note,
            W.HBox([W.VBox([self.gaps], layout=W.Layout(width="560px", flex="0 0 560px")), form],
                   layout=W.Layout(grid_gap="16px")),
            self.plan])

    @property
    def can_write(self) -> bool:
        return bool(getattr(self.state, "can_record_actions", False))

    def _set(self, widget, value) -> None:
        self._auto = True
        try:
            widget.value = value
        finally:
            self._auto = False

    def _on_theme(self, _change):
        if not self._auto:
            self._theme_chosen = True
            self._just_saved = None

    def _on_edit(self, _change):
        if not self._auto:
            self._just_saved = None

    def _on_pick(self, change):
        if self._auto:
            return
        self._just_saved = None
        self._load(change["new"])

    def _load(self, aid: str) -> None:
        """Fill the form from action ``aid`` of ``state.data.actions`` ("" empties it)."""
        if not aid:
            for w in (self.text, self.owner, self.due, self.impact):
                self._set(w, "")
            self._set(self.status, "open")
            self._loaded, self._theme_chosen = None, False
            return
        acts = self.state.data.actions
        a = acts[acts["action_id"] == aid].iloc[0]
        if a["theme"] in [v for _l, v in self.theme.options]:
            self._set(self.theme, a["theme"])
        self._loaded = {"theme": a["theme"], "action": a["action"], "owner": a["owner"],
                        "due_date": a["due_date"], "status": a["status"], "impact": a["impact"],
                        "updated_at": a.get("updated_at")}
        self._set(self.text, str(a["action"] or ""))
        self._set(self.owner, str(a["owner"] or ""))
        self._set(self.due, str(a["due_date"] or ""))
        self._set(self.status, a["status"])
        self._set(self.impact, str(a["impact"] or ""))

    def _status(self, text: str) -> None:
        self.saved.value = f"<span role='status'>{escape(text)}</span>"

    def _on_save(self, _b=None):
        from ..errors import StoreError

        text = self.text.value.strip()
        if self._just_saved and not text:        # a second click on a form the save cleared
            self._status(f"Already saved: {self._just_saved}. Nothing more was saved.")
            return
        theme = self.theme.value
        label = self.state.data.themes.labels.get(theme, theme)
        form = {"theme": theme, "action": self.text.value, "owner": self.owner.value, "due_date": self.due.value,
                "status": self.status.value, "impact": self.impact.value}
        aid = self.pick.value
        if aid:
            seen = self._loaded or {}
            changed = {k: v for k, v in form.items() if _norm(v) != _norm(seen.get(k))}
            if not changed:
                self._status(f"Nothing changed in the action on {label}; nothing was saved.")
                return
            try:
                self.state.update_action(aid, expected_updated_at=seen.get("updated_at"), **changed)
            except StoreError as exc:
                if getattr(exc, "code", "") == "E206":   # show the version saved elsewhere, then say so
                    self.refresh()
                    self._load(aid)
                    self.saved.value = ""
                raise
            what = "Updated"
        else:
            acts = self.state.data.actions
            if acts is not None and len(acts) and ((acts["theme"] == theme)
                                                   & (acts["action"].astype(str).str.strip() == text)).any():
                self._status(f"Already saved: this action is on {label}. Nothing more was saved.")
                return
            self.state.add_action(self.text.value, **{k: v for k, v in form.items() if k != "action"})
            what = "Added"
        done = f"an action on {label} ('{text[:40]}{'...' if len(text) > 40 else ''}')"
        self._set(self.pick, "")
        self._load("")
        self.refresh()
        self._just_saved = done
        self._status(f"{what}: {done}.")

    def evidence_opened(self, theme: str) -> None:
        """The user opened the learning points of ``theme``: offer it for a new action (unless a
        theme was chosen or text typed already)."""
        self._evidence_theme = theme
        self._offer_theme(None)

    def _offer_theme(self, top_gap: str | None) -> None:
        # nothing chosen or typed yet: offer the theme last read, else the top one without an action
        if self.pick.value != "" or self._theme_chosen or self.text.value.strip():
            return
        themes = [v for _l, v in self.theme.options]
        offer = self._evidence_theme if self._evidence_theme in themes else top_gap
        if offer in themes:
            self._set(self.theme, offer)

    def refresh(self):
        from ..explore import action_plan, themes_without_action

        gaps = themes_without_action(self.state)
        shown = gaps.drop(columns=["theme"]).set_index("Theme")
        if len(shown):
            more = (f"<p class='li-note'>and {len(shown) - _GAP_ROWS} more, with fewer reviews</p>"
                    if len(shown) > _GAP_ROWS else "")
            self.gaps.value = R.table_html(shown.head(_GAP_ROWS), f"Recurring themes with no open action: "
                                           f"{len(shown)} (most reviews first)", "Theme") + more
        else:
            self.gaps.value = "<p>Every recurring theme has an open action.</p>"
        self._offer_theme(gaps["theme"].iloc[0] if len(gaps) else None)
        plan = action_plan(self.state)
        self.plan.value = (R.table_html(plan.set_index("Theme"), "Action plan", "Theme") if len(plan)
                           else "<p class='li-note'>No actions recorded yet.</p>")
        acts = self.state.data.actions
        opts = [("New action", "")]
        if acts is not None and len(acts):
            labels = self.state.data.themes.labels
            opts += [(f"{labels.get(a.theme, a.theme or 'learning points')}: {str(a.action)[:50]}", a.action_id)
                     for a in acts.itertuples(index=False)]
        keep = self.pick.value if self.pick.value in [v for _l, v in opts] else ""
        self._auto = True
        try:
            self.pick.options = opts
            self.pick.value = keep
        finally:
            self._auto = False
        if not keep and self._loaded is not None:   # the action being edited is gone
            self._load("")
        writable = self.can_write
        for w in (self.pick, self.theme, self.text, self.owner, self.due, self.status, self.impact, self.save_btn):
            w.disabled = not writable
        self.note.value = ("" if writable else
                           "<p class='li-note'>Actions are kept in a project store: open a project made with "
                           "<b>leder-insights</b> to record them here.</p>")


def _norm(value) -> str:
    """A form value and a stored one, compared as text (``None`` and NaN are empty)."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip()


__all__ = ["FindingsPanel", "ActionsPanel", "FINDING_VIEWS"]
