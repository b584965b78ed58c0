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
_SHORT = {"Age at death by learning disability": "Age: LD severity", "Age at death by sex": "Age: sex",
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
        self.key.value = (f'<div class="li-findings" role="region" aria-label="Key findings">'
                          f'<h3>Key findings</h3><ul>{lines}</ul></div>')
        t = tables[self.choice.value]
        if len(t.columns):
            t = t.set_index(t.columns[0])
        self.table.value = R.table_html(t, self.choice.value, t.index.name or "")


class ActionsPanel:
    """Recurring themes with no open action, the action plan, and a form to add or edit an action."""

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
        self.pick.observe(guard(self._on_pick), names="value")
        self.save_btn = W.Button(description="Save action", icon="check", button_style="primary",
                                 layout=W.Layout(width="auto"))
        self.save_btn.on_click(guard(self._on_save))
        self.saved = W.HTML()
        self.note = W.HTML()
        self._guard = guard
        form = W.VBox([self.pick, self.theme, self.text, self.owner, self.due, self.status, self.impact,
                       W.HBox([self.save_btn, self.saved], layout=W.Layout(align_items="center"))])
        self.widget = W.VBox([
            self.note,
            W.HBox([W.VBox([self.gaps], layout=W.Layout(width="560px")), form], layout=W.Layout(grid_gap="16px")),
            self.plan])

    @property
    def can_write(self) -> bool:
        return bool(getattr(self.state, "can_record_actions", False))

    def _on_pick(self, change):
        aid = change["new"]
        if not aid:
            self.text.value = self.owner.value = self.due.value = self.impact.value = ""
            self.status.value = "open"
            return
        acts = self.state.data.actions
        a = acts[acts["action_id"] == aid].iloc[0]
        if a["theme"] in [v for _l, v in self.theme.options]:
            self.theme.value = a["theme"]
        self.text.value = str(a["action"] or "")
        self.owner.value = str(a["owner"] or "")
        self.due.value = str(a["due_date"] or "")
        self.status.value = a["status"]
        self.impact.value = str(a["impact"] or "")

    def _on_save(self, _b=None):
        fields = {"theme": self.theme.value, "owner": self.owner.value, "due_date": self.due.value,
                  "status": self.status.value, "impact": self.impact.value}
        if self.pick.value:
            self.state.update_action(self.pick.value, action=self.text.value, **fields)
            what = "Updated"
        else:
            self.state.add_action(self.text.value, **fields)
            what = "Added"
        label = self.state.data.themes.labels.get(self.theme.value, self.theme.value)
        self.saved.value = f"<span role='status'>{what}: an action on {escape(label)}.</span>"
        self.pick.value = ""
        self.refresh()

    def refresh(self):
        from ..explore import action_plan, themes_without_action

        gaps = themes_without_action(self.state)
        shown = gaps.drop(columns=["theme"]).set_index("Theme")
        if len(shown):
            more = (f"<p class='li-note'>and {len(shown) - _GAP_ROWS} more, with fewer reviews</p>"
                    if len(shown) > _GAP_ROWS else "")
            self.gaps.value = R.table_html(shown.head(_GAP_ROWS), f"Recurring themes with no open action: "
                                           f"{len(shown)} (most reviews first)", "Theme") + more
            if self.pick.value == "" and gaps["theme"].iloc[0] in [v for _l, v in self.theme.options]:
                self.theme.value = gaps["theme"].iloc[0]
        else:
            self.gaps.value = "<p>Every recurring theme has an open action.</p>"
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
        self.pick.options = opts
        self.pick.value = keep
        writable = self.can_write
        for w in (self.pick, self.theme, self.text, self.owner, self.due, self.status, self.impact, self.save_btn):
            w.disabled = not writable
        self.note.value = ("" if writable else
                           "<p class='li-note'>Actions are kept in a project store: open a project made with "
                           "<b>leder-insights</b> to record them here.</p>")


__all__ = ["FindingsPanel", "ActionsPanel", "FINDING_VIEWS"]
