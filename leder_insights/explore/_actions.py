"""From learning to action: the action plan and the recurring themes that have no open action.

Actions live in the project store (``ProjectStore.add_action`` / ``update_action`` /
``actions``) and survive re-imports of reviews. Here they are read and set against the theme
counts, for the explorer, its exports and the report.

>>> import pandas as pd
>>> acts = pd.DataFrame({"action_id": ["a1"], "theme": ["epilepsy"], "lp_ids": [[]], "action": ["Audit"],
...                      "owner": ["ICB"], "due_date": ["2026-03-31"], "status": ["open"], "impact": [None]})
>>> sorted(open_action_themes(acts, {}))
['epilepsy']
"""
from __future__ import annotations

import functools
import os
import re
import time
from pathlib import Path

import pandas as pd

from ..errors import Errors, InputError
from ..store import ACTION_STATUSES, OPEN_ACTION_STATUSES

STATUS_LABELS = {"open": "Open", "in_progress": "In progress", "done": "Done", "dropped": "Dropped"}


#: the free-text fields of an action, as the form labels them
ACTION_TEXT_FIELDS = {"action": "Action", "owner": "Owner", "impact": "Evidence of impact"}
_NAME_RUN = re.compile(r"(?:\s+[A-Z][\w'’-]*)*")


@functools.lru_cache(maxsize=512)
def _flagged(text: str, use_ner: bool) -> tuple[tuple[str, str], ...]:
    from ._privacy import privacy_rules, residue_spans

    bad = set(privacy_rules()["withhold_kinds"])
    out = []
    for kind, a, b in residue_spans([text], use_ner=use_ner)[0]:
        if kind in bad:
            m = _NAME_RUN.match(text, b)     # "Mrs Zelda" -> "Mrs Zelda Quorn-Hartley"
            out.append((kind, text[a:m.end() if m else b].strip()))
    return tuple(out)


#: where the Owner field's role and team words are kept (one a line)
OWNER_ROLES_PATH = Path(__file__).parent / "conf" / "owner_roles.txt"
#: the kinds this module adds to the residual-risk scanner's: a lone listed first name, and an
#: Owner that names no role or team
FORENAME, NOT_A_ROLE = "FORENAME", "NOT_A_ROLE"
#: what an Owner without a role or team word is told
_NO_ROLE = 'should be a role or team, not a person ("community nurse", "GP practice manager")'


@functools.lru_cache(maxsize=1)
def owner_role_words() -> tuple[frozenset, tuple[str, ...]]:
    """The role and team words of ``conf/owner_roles.txt``: (single words, phrases with spaces).

    >>> words, phrases = owner_role_words()
    >>> "nurse" in words and "social worker" in phrases
    True
    """
    from ..errors import ConfigError

    try:
        lines = OWNER_ROLES_PATH.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(Errors.E001, path=OWNER_ROLES_PATH, reason=exc) from exc
    entries = [w.strip().lower() for w in lines if w.strip() and not w.lstrip().startswith("#")]
    return frozenset(w for w in entries if " " not in w), tuple(w for w in entries if " " in w)


def names_a_role(owner: str) -> bool:
    """True when ``owner`` holds a role or team word of ``conf/owner_roles.txt``.

    >>> names_a_role("the community nurse"), names_a_role("GP practice manager"), names_a_role("Kwame")
    (True, True, False)
    """
    words, phrases = owner_role_words()
    low = " ".join(re.findall(r"[\w-]+", owner.lower()))
    return any(w in words for w in low.split()) or any(f" {p} " in f" {low} " for p in phrases)


def action_text_findings(fields: dict, use_ner: bool | None = None) -> dict[str, list[tuple[str, str]]]:
    """What in an action's free text (Action, Owner, Evidence of impact) looks like a name or an
    identifier: ``{field: [(kind, words), ...]}``, only for fields with something found.

    The same residual-risk scanner and rules that withhold learning points (``withhold_kinds`` in
    ``conf/privacy.yaml``), plus lone listed first names (``FORENAME``, from the de-identifier's
    name lists) and an Owner with no role or team word of ``conf/owner_roles.txt``
    (``NOT_A_ROLE``). ``use_ner`` defaults to true unless ``LEDER_EXPLORE_NER=0``.

    >>> action_text_findings({"action": "Ask the daughter", "owner": "Dr Ivo Plimsoll"}, use_ner=False)
    {'owner': [('TITLE_NAME', 'Dr Ivo Plimsoll'), ('NOT_A_ROLE', 'Dr Ivo Plimsoll')]}
    >>> action_text_findings({"action": "Follow up with Ayesha", "owner": "the ICB LD lead"}, use_ner=False)
    {'action': [('FORENAME', 'Ayesha')]}
    """
    from ..deid import forename_words

    if use_ner is None:
        use_ner = os.environ.get("LEDER_EXPLORE_NER", "1") != "0"
    out = {}
    for key in ACTION_TEXT_FIELDS:
        v = fields.get(key)
        if v is None or (isinstance(v, float) and v != v) or not str(v).strip():
            continue
        text = str(v).strip()
        found = list(_flagged(text, bool(use_ner)))
        found += [(FORENAME, w) for w in forename_words(text) if not any(w in hit for _k, hit in found)]
        if key == "owner" and not names_a_role(text):
            found.append((NOT_A_ROLE, text))
        if found:
            out[key] = found
    return out


def describe_findings(found: dict[str, list[tuple[str, str]]], quote: bool = True) -> str:
    """The findings of :func:`action_text_findings` in plain words; ``quote=False`` leaves the
    words out (for messages that may reach a log).

    >>> describe_findings({"owner": [("TITLE_NAME", "Dr Ivo Plimsoll")]})
    'Owner: "Dr Ivo Plimsoll" looks like a title and name'
    >>> describe_findings({"owner": [("TITLE_NAME", "Dr Ivo Plimsoll")]}, quote=False)
    'Owner looks like it holds a title and name'
    """
    from ._privacy import privacy_rules

    words = privacy_rules()["residue_words"]
    parts = []
    for key, hits in found.items():
        label = ACTION_TEXT_FIELDS[key]
        if quote:
            shown: dict[str, str] = {}
            for k, w in sorted((h for h in hits if h[0] != NOT_A_ROLE), key=lambda h: -len(h[1])):  # once
                if not any(w in longer for longer in shown):
                    shown[w] = words.get(k, k)
            said = "; ".join(f'"{w}" looks like {what}' for w, what in shown.items())
            if any(k == NOT_A_ROLE for k, _w in hits):
                said = "; ".join(filter(None, [said, _NO_ROLE]))
            parts.append(f"{label}: {said}")
        else:
            kinds = list(dict.fromkeys(words.get(k, k) for k, _w in hits if k != NOT_A_ROLE))
            said = f"{label} looks like it holds {' and '.join(kinds)}" if kinds else label
            if any(k == NOT_A_ROLE for k, _w in hits):
                said += f"{'; it' if kinds else ''} {_NO_ROLE}"
            parts.append(said)
    return "; ".join(parts)


def check_action_text(fields: dict, use_ner: bool | None = None) -> None:
    """Refuse (``[E208]``) an action whose free text looks like it names a person or holds an
    identifier; the message names the fields and what was found, never the text itself."""
    found = action_text_findings(fields, use_ner)
    if found:
        raise InputError(Errors.E208, what=describe_findings(found, quote=False))


def withhold_action_text(value, use_ner: bool | None = None):
    """``value``, or the withheld marker of ``conf/privacy.yaml`` when it would be refused now (an
    older store may hold such text)."""
    if value is None or (isinstance(value, float) and value != value) or not str(value).strip():
        return value
    from ._privacy import privacy_rules

    found = action_text_findings({"action": value}, use_ner)
    return privacy_rules()["withheld_action_text"] if found else value


def read_actions(store) -> pd.DataFrame:
    """The actions of an open :class:`~leder_insights.store.ProjectStore`."""
    return store.actions()


def add_action(project, action: str, **fields) -> str:
    """Add an action to the store of ``project`` (a directory or ``.duckdb`` path); return its id.

    ``fields``: ``theme``, ``lp_ids``, ``owner``, ``due_date``, ``status``, ``impact``, ``if_new``
    (refuse, E207, an action already saved on the same theme and learning points). Text that
    looks like a name or an identifier is refused (E208) and nothing is stored.
    """
    check_action_text({"action": action, **fields})
    with open_store(project) as store:
        return store.add_action(action, **fields)


def update_action(project, action_id: str, **fields) -> None:
    """Change an action of the store of ``project`` (status, owner, due date, evidence of impact ...);
    text that looks like a name or an identifier is refused (E208)."""
    check_action_text(fields)
    with open_store(project) as store:
        store.update_action(action_id, **fields)


def open_store(project, read_only: bool = False, wait: float = 5.0):
    """The project store of ``project``, waiting up to ``wait`` seconds while another page of the
    workshop holds it (DuckDB lets one process write at a time; each page opens it only to read or
    save its actions)."""
    from ..errors import StoreError
    from ..store import ProjectStore

    deadline = time.monotonic() + wait
    while True:
        try:
            return ProjectStore(_store_path(project), read_only=read_only)
        except StoreError as exc:
            if "lock" not in str(exc).lower() or time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def _store_path(project) -> Path:
    p = Path(project)
    return p if p.suffix == ".duckdb" else p / "project.duckdb"


def open_action_themes(actions: pd.DataFrame | None, lp_themes: dict[str, list[str]]) -> set[str]:
    """Themes with at least one open action: on the theme, or on learning points carrying it."""
    if actions is None or not len(actions):
        return set()
    out = set()
    for _, a in actions[actions["status"].isin(OPEN_ACTION_STATUSES)].iterrows():
        if a.get("theme"):
            out.add(str(a["theme"]))
        for lp in a.get("lp_ids") or []:
            out.update(lp_themes.get(str(lp), []))
    return out


def _lp_themes(data) -> dict[str, list[str]]:
    return dict(zip(data.lps["lp_id"], data.lps["themes"]))


def themes_without_action(state, min_reviews: int | None = None) -> pd.DataFrame:
    """Recurring themes (in at least ``min_reviews`` reviews of the current selection; default the
    suppression threshold) with no open action, most reviews first.

    Columns: ``Theme``, ``Reviews`` (suppressed display), ``% of reviews``, ``Actions so far``
    (closed actions on the theme), plus ``theme`` (id, for the view's "add action" button).
    """
    v = state.views()
    min_reviews = int(min_reviews or state.threshold)
    acts = state.data.actions
    covered = open_action_themes(acts, _lp_themes(state.data))
    tc = v.theme_counts
    rows = tc[(tc["_n"] >= min_reviews) & ~tc["_hidden"] & ~tc["theme"].isin(covered)]
    closed: dict[str, int] = {}
    if acts is not None and len(acts):
        for t in acts.loc[~acts["status"].isin(OPEN_ACTION_STATUSES), "theme"].dropna():
            closed[t] = closed.get(t, 0) + 1
    return pd.DataFrame({"Theme": rows["label"].to_numpy(), "Reviews": rows["reviews"].to_numpy(),
                         "% of reviews": rows["pct_of_reviews"].to_numpy(),
                         "Actions so far": [closed.get(t, 0) for t in rows["theme"]],
                         "theme": rows["theme"].to_numpy()})


def action_plan(state, use_ner: bool | None = None) -> pd.DataFrame:
    """The action plan as a steering pack shows it: theme, action, owner, due date, status,
    evidence of impact, how many learning points it responds to (never their ids), and the
    reviews with the theme in the current selection.

    Action, Owner and Evidence of impact that look like a name or an identifier (text saved before
    the check, or by other tools) are replaced by the ``withheld_action_text`` of
    ``conf/privacy.yaml``, which says so. ``use_ner``: as in :func:`action_text_findings`."""
    acts = state.data.actions
    cols = ["Theme", "Action", "Owner", "Due", "Status", "Evidence of impact", "Learning points",
            "Reviews with the theme"]
    if acts is None or not len(acts):
        return pd.DataFrame(columns=cols)
    labels = state.data.themes.labels
    counts = state.views().theme_counts.set_index("theme")["reviews"]
    lp_themes = _lp_themes(state.data)
    rows = []
    order = {s: i for i, s in enumerate(ACTION_STATUSES)}
    for _, a in acts.sort_values(["status", "due_date"], key=lambda c: c.map(order) if c.name == "status"
                                 else c.fillna("9999")).iterrows():
        theme = a["theme"]
        if not theme and a["lp_ids"]:
            ts = {t for lp in a["lp_ids"] for t in lp_themes.get(str(lp), [])}
            theme = sorted(ts)[0] if len(ts) == 1 else None
        rows.append({"Theme": labels.get(theme, theme) if theme else "(learning points)",
                     "Action": withhold_action_text(a["action"], use_ner),
                     "Owner": withhold_action_text(a["owner"], use_ner) or "", "Due": a["due_date"] or "",
                     "Status": STATUS_LABELS.get(a["status"], a["status"]),
                     "Evidence of impact": withhold_action_text(a["impact"], use_ner) or "",
                     "Learning points": len(a["lp_ids"] or []),
                     "Reviews with the theme": counts.get(theme, "") if theme else ""})
    return pd.DataFrame(rows, columns=cols)


__all__ = ["ACTION_TEXT_FIELDS", "owner_role_words", "names_a_role", "action_text_findings", "check_action_text", "describe_findings",
           "withhold_action_text", "add_action", "update_action", "read_actions", "themes_without_action", "action_plan",
           "open_action_themes", "STATUS_LABELS"]
