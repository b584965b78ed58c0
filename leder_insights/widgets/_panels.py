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
    never moves a theme the user chose or one shown beside typed text, nor the learning point the
    form was opened for (:meth:`for_learning_point`). Saving says "Saving…" at once and clears the
    form only once the store has the action; a second click on Save files nothing more, nor does
    the same action saved on another page of the workshop (the store checks, E207). Text that looks
    like a name or an identifier is refused with the words found, and nothing is stored. An edit
    writes only the fields changed, and only if nobody saved the action since the form loaded it
    (E206). The actions are read again from the store whenever the Actions tab is shown
    (:meth:`watch_tab`). While the form holds unsaved text its box carries the CSS class
    ``li-unsaved`` (the page template asks before leaving).
    """

    def __init__(self, state, guard, show=None):
        self.state = state
        self._show = show                   # brings the Actions tab forward (the explorer's)
        labels = state.data.themes.labels
        self.gaps = W.HTML()
        self.plan = W.HTML()
        self.theme = W.Dropdown(options=[(labels[t], t) for t in state.data.themes.ids], description="Theme",
                                style={"description_width": "175px"}, layout=W.Layout(width="620px"))
        self.text = W.Textarea(description="Action", placeholder="what will be done",
                               style={"description_width": "175px"}, layout=W.Layout(width="620px", height="70px"))
        self.owner = W.Text(description="Owner", placeholder="a role, e.g. the ICB LD lead",
                            style={"description_width": "175px"}, layout=W.Layout(width="620px"))
        self.due = W.Text(description="Due date", placeholder="YYYY-MM-DD", style={"description_width": "175px"},
                          layout=W.Layout(width="620px"))
        self.status = W.Dropdown(options=_STATUS, value="open", description="Status",
                                 style={"description_width": "175px"}, layout=W.Layout(width="620px"))
        self.impact = W.Text(description="Evidence of impact", style={"description_width": "175px"},
                             layout=W.Layout(width="620px"))
        self.pick = W.Dropdown(options=[("New action", "")], value="", description="Edit",
                               style={"description_width": "175px"}, layout=W.Layout(width="620px"))
        # the learning point a new action is for (F12): chosen from an opened learning point
        self.lp_btn = W.Button(description="Add an action for this learning point", icon="plus",
                               layout=W.Layout(width="auto", display="none"), disabled=True,
                               tooltip="Open the action form for the learning point shown")
        self.lp_note = W.HTML(layout=W.Layout(width="620px"))
        self.lp_clear = W.Button(description="Not for this learning point", layout=W.Layout(width="auto", display="none"),
                                 tooltip="Make the new action about the theme only")
        self._lp: dict | None = None        # {"ref", "text", "themes"} of the learning point chosen
        self._auto = False                  # True while the panel itself sets the form
        self._theme_chosen = False          # the user chose the theme of the new action
        self._loaded: dict | None = None    # the action being edited, as read (with updated_at)
        self._just_saved: str | None = None  # what the last save filed, until the form is edited
        self._evidence_theme: str | None = None  # the theme whose evidence was last opened
        self._warming = None                # the thread loading the name check's model, once started
        self.pick.observe(guard(self._on_pick), names="value")
        self.theme.observe(self._on_theme, names="value")
        for w in (self.text, self.owner, self.due, self.status, self.impact):
            w.observe(self._on_edit, names="value")
        self.save_btn = W.Button(description="Save action", icon="check", button_style="primary",
                                 layout=W.Layout(width="auto"))
        self.save_btn.on_click(guard(self._on_save))
        self.lp_btn.on_click(guard(self._on_lp_btn))
        self.lp_clear.on_click(guard(lambda _b: self._set_lp(None)))
        self.saved = W.HTML(layout=W.Layout(width="620px"))   # wraps under the button: the form keeps its width
        self.note = W.HTML()
        self._guard = guard
        self.form = W.VBox([self.pick, W.HBox([self.lp_note, self.lp_clear], layout=W.Layout(align_items="center")),
                            self.theme, self.text, self.owner, self.due, self.status, self.impact,
                            self.save_btn, self.saved], layout=W.Layout(width="630px", flex="0 0 auto"))
        self.form.add_class("li-action-form")
        self.widget = W.VBox([
            self.note,
            W.HBox([W.VBox([self.gaps], layout=W.Layout(width="560px", flex="0 0 560px")), self.form],
                   layout=W.Layout(grid_gap="16px")),
            self.plan])

    @property
    def can_write(self) -> bool:
        return bool(getattr(self.state, "can_record_actions", False))

    @property
    def unsaved(self) -> bool:
        """True while the form holds text that is not saved (a new action, or a changed one)."""
        form = self._form()
        if self.pick.value:
            seen = self._loaded or {}
            return any(_norm(v) != _norm(seen.get(k)) for k, v in form.items() if k != "theme")
        return any(_norm(form[k]) for k in ("action", "owner", "due_date", "impact"))

    def _mark(self) -> None:
        """Keep the form's ``li-unsaved`` class in step (the page asks before leaving while set)."""
        if self.unsaved:
            if "li-unsaved" not in self.form._dom_classes:
                self.form.add_class("li-unsaved")
        elif "li-unsaved" in self.form._dom_classes:
            self.form.remove_class("li-unsaved")

    def _form(self) -> dict:
        return {"theme": self.theme.value, "action": self.text.value, "owner": self.owner.value,
                "due_date": self.due.value, "status": self.status.value, "impact": self.impact.value}

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
        self._mark()

    def _on_pick(self, change):
        if self._auto:
            return
        self._just_saved = None
        self._load(change["new"])

    # ------------------------------------------------------------------ a learning point's action
    def listing_shown(self, ref: str | None) -> None:
        """Show and enable "Add an action for this learning point" while one is open: ``ref`` is
        the one shown (``None`` when none is: the button is hidden, not greyed out under a listing
        that is not shown, facil8 F5)."""
        self.lp_btn.disabled = not (self.can_write and ref)
        self.lp_btn.layout.display = None if self.can_write and ref else "none"

    def _on_lp_btn(self, _b=None):
        ref = self.state.selected_ref()     # the learning point shown when the button was pressed
        if ref is None:
            self.listing_shown(None)
            return
        self.for_learning_point(ref)
        if self._show is not None:
            self._show()

    def for_learning_point(self, ref: str) -> None:
        """Bind a new action to the learning point ``ref`` (the form shows its first words; paging
        or a filter change does not move it). An edit in progress is left for a new action."""
        if self.pick.value:
            self._set(self.pick, "")
            self._load("")
        self._set_lp(ref)

    def _set_lp(self, ref: str | None) -> None:
        if ref is None:
            self._lp = None
            self.lp_note.value = ""
            self.lp_clear.layout.display = "none"
            return
        lp = self.state.learning_point(ref)
        self._lp = {"ref": ref, "text": lp["text"], "themes": lp["themes"]}
        words = lp["text"] if len(lp["text"]) <= 90 else lp["text"][:90].rsplit(" ", 1)[0] + "…"
        self.lp_note.value = (f"<p class='li-note'><b>For the learning point:</b> "
                              f"&ldquo;{escape(words)}&rdquo;</p>")
        self.lp_clear.layout.display = None
        themes = [v for _l, v in self.theme.options]
        if self.theme.value not in lp["themes"]:      # offer a theme the learning point carries
            offer = next((t for t in [self._evidence_theme] + lp["themes"] if t in themes and t in lp["themes"]),
                         None)
            if offer is not None:
                self._set(self.theme, offer)

    # ------------------------------------------------------------------ the form
    def _load(self, aid: str) -> None:
        """Fill the form from action ``aid`` of ``state.data.actions`` ("" empties it)."""
        if not aid:
            for w in (self.text, self.owner, self.due, self.impact):
                self._set(w, "")
            self._set(self.status, "open")
            self._loaded, self._theme_chosen = None, False
            self._set_lp(None)
            self._mark()
            return
        self._set_lp(None)
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
        self._mark()

    def _status(self, text: str) -> None:
        self.saved.value = f"<span role='status'>{escape(text)}</span>"

    def _on_save(self, _b=None):
        from ..explore import action_text_findings, describe_findings
        from ..errors import Errors, StoreError

        text = self.text.value.strip()
        if self._just_saved and not text:        # a second click on a form the save cleared
            self._status(f"Already saved: {self._just_saved}. Nothing more was saved.")
            return
        form = self._form()
        theme = form["theme"]
        label = self.state.data.themes.labels.get(theme, theme)
        aid = self.pick.value
        changed = form
        if aid:
            seen = self._loaded or {}
            changed = {k: v for k, v in form.items() if _norm(v) != _norm(seen.get(k))}
            if not changed:
                self._status(f"Nothing changed in the action on {label}; nothing was saved.")
                return
        self._status("Saving…")                 # at once: the form keeps its text until the store has it
        self.save_btn.disabled = True
        try:
            found = action_text_findings(changed)   # names stay on this page: never raised, never logged
            if found:
                self._status(Errors.E208.format(what=describe_findings(found)))
                return
            if aid:
                try:
                    self.state.update_action(aid, expected_updated_at=(self._loaded or {}).get("updated_at"),
                                             **changed)
                except StoreError as exc:
                    if getattr(exc, "code", "") != "E206":
                        self._status(f"Not saved: {R.user_message(exc)}")
                        raise
                    self._changed_elsewhere(aid, changed)   # show the saved version and say so
                    return
                what = "Updated"
            else:
                lp = self._lp
                try:
                    self.state.add_action(self.text.value, if_new=True,
                                          lp_refs=[lp["ref"]] if lp else (),
                                          **{k: v for k, v in form.items() if k != "action"})
                except StoreError as exc:
                    if getattr(exc, "code", "") != "E207":
                        self._status(f"Not saved: {R.user_message(exc)}")
                        raise
                    self.refresh()                     # another page saved it: show it in the plan
                    where = "this learning point" if lp else label
                    self._status(f"Already saved: this action is on {where} (perhaps from another page). "
                                 "Nothing more was saved.")
                    return
                what = "Added"
        except Exception as exc:                 # "Saving…" always ends: saved, or not saved and why
            if "Saving…" in self.saved.value:
                self._status(f"Not saved: {R.user_message(exc)}")
            raise
        finally:
            self.save_btn.disabled = not self.can_write
        where = f"the learning point on {label}" if self._lp is not None and not aid else label
        done = f"an action on {where} ('{text[:40]}{'...' if len(text) > 40 else ''}')"
        self._status(f"{what}: {done}.")        # the store has it: say so, then clear the form
        self._set(self.pick, "")
        self._load("")
        self._just_saved = done
        self.refresh()

    def _changed_elsewhere(self, aid: str, changed: dict) -> None:
        """Someone saved action ``aid`` after this form loaded it (E206): show their version in the
        form and say plainly that this change was not saved, repeating it so nothing is lost silently."""
        labels = {"theme": "Theme", "action": "Action", "owner": "Owner", "due_date": "Due date",
                  "status": "Status", "impact": "Evidence of impact"}
        status = dict((v, k) for k, v in _STATUS)
        mine = "; ".join(f'{labels.get(k, k)} "{status.get(v, v) if k == "status" else _norm(v)}"'
                         for k, v in changed.items())
        self.refresh()
        keep = self.pick.value == aid
        if keep:
            self._load(aid)
        else:                                    # the action is gone (deleted elsewhere)
            self._set(self.pick, "")
            self._load("")
        self._status("Not saved: someone else changed this action after you opened it. "
                     + ("The form now shows their saved version. " if keep else "It is no longer in the plan. ")
                     + f"Your change ({mine}) was not saved; make it again if it is still needed.")

    def evidence_opened(self, theme: str) -> None:
        """The user opened the learning points of ``theme``: offer it for a new action (unless a
        theme was chosen or text typed already)."""
        self._evidence_theme = theme
        self._offer_theme(None)

    def _offer_theme(self, top_gap: str | None) -> None:
        # nothing chosen or typed yet: offer the theme last read, else the top one without an action
        if self.pick.value != "" or self._theme_chosen or self.text.value.strip() or self._lp is not None:
            return
        themes = [v for _l, v in self.theme.options]
        offer = self._evidence_theme if self._evidence_theme in themes else top_gap
        if offer in themes:
            self._set(self.theme, offer)

    def warm_name_check(self) -> None:
        """Load the name check's model in the background (once), so the first Save is not the one
        that waits for it ("Saving…" for seconds, a page left meanwhile)."""
        if self._warming is not None or not self.can_write:
            return
        import threading

        from ..explore import action_text_findings

        self._warming = threading.Thread(target=action_text_findings, args=({"action": "warm up"},),
                                         name="li-name-check-warm", daemon=True)
        self._warming.start()

    def watch_tab(self, tabs, index: int) -> None:
        """Read the actions again from the store whenever tab ``index`` of ``tabs`` is shown
        (another page of the workshop may have saved one)."""
        def shown(change):
            if change["new"] == index and self.state.store_path is not None:
                self.state.reload_actions()
                self.refresh()
                self.warm_name_check()
        tabs.observe(self._guard(shown), names="selected_index")

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
        plan = action_plan(self.state, use_ner=False)  # the pack's own check (NER too) runs on export
        self.plan.value = (R.table_html(plan.set_index("Theme"), "Action plan", "Theme") if len(plan)
                           else "<p class='li-note'>No actions recorded yet.</p>")
        acts = self.state.data.actions
        opts = [("New action", "")]
        if acts is not None and len(acts):
            from ..explore import withhold_action_text

            labels = self.state.data.themes.labels
            opts += [(f"{labels.get(a.theme, a.theme or 'learning points')}: "
                      f"{str(withhold_action_text(a.action, use_ner=False))[:50]}", a.action_id)
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
        if not writable:
            self.listing_shown(None)
        self.note.value = ("" if writable else
                           "<p class='li-note'>Actions are kept in a project store: open a project made with "
                           "<b>leder-insights</b> to record them here.</p>")


def _norm(value) -> str:
    """A form value and a stored one, compared as text (``None`` and NaN are empty)."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip()


__all__ = ["FindingsPanel", "ActionsPanel", "FINDING_VIEWS"]
