"""Release and gate settings that differ from the shipped defaults, and which of them weaken a
national release's protection (``jobs/conf/release_settings.yaml``; attacker 5's F7: a config
with ``mask_text_mentions: false`` and ``text_dates: shifted`` gave a releasable bundle whose
manifest and QA report did not say so).

>>> from leder_insights.config import load_config
>>> cfg = load_config()
>>> changed_settings(cfg)
{}
>>> cfg.release.text_dates = "shifted"
>>> changed_settings(cfg)["release.text_dates"]
{'value': 'shifted', 'default': 'relative', 'weakens': True}
"""
from __future__ import annotations

from pathlib import Path

import yaml

from ..errors import ConfigError, Errors

_RULES_PATH = Path(__file__).parent / "conf" / "release_settings.yaml"


def _rules() -> dict:
    return yaml.safe_load(_RULES_PATH.read_text(encoding="utf-8")) or {}


def _get(cfg, dotted: str):
    obj = cfg
    for part in dotted.split("."):
        obj = getattr(obj, part)
    return obj


def changed_settings(cfg) -> dict:
    """``{setting: {"value", "default", "weakens"}}`` for every listed setting of ``cfg`` that
    differs from the shipped default."""
    from ..config import load_config

    shipped = load_config()
    out = {}
    for name, rule in _rules().items():
        value, default = _get(cfg, name), _get(shipped, name)
        if value == default:
            continue
        weakens = (rule == "differs" or (rule == "higher" and value > default)
                   or (rule == "lower" and value < default))
        out[name] = {"value": value, "default": default, "weakens": bool(weakens)}
    return out


def settings_record(cfg) -> dict:
    """What the manifest records: the changed settings and whether weakening was accepted."""
    changed = changed_settings(cfg)
    return {"changed_from_defaults": changed,
            "weakened": sorted(n for n, c in changed.items() if c["weakens"]),
            "accept_weakened": bool(cfg.release.accept_weakened)}


def check_settings(cfg) -> dict:
    """:func:`settings_record`, after refusing (``[E706]``) settings that weaken the release's
    protection unless ``release.accept_weakened`` is true."""
    record = settings_record(cfg)
    if record["weakened"] and not record["accept_weakened"]:
        changed = record["changed_from_defaults"]
        raise ConfigError(Errors.E706, settings=", ".join(
            f"{n} = {changed[n]['value']!r} (default {changed[n]['default']!r})" for n in record["weakened"]))
    return record


def settings_sentence(record: dict | None) -> str:
    """The QA verdict's line about changed settings ("" when none changed).

    >>> settings_sentence({"changed_from_defaults": {"release.text_dates": {"value": "shifted",
    ...     "default": "relative", "weakens": True}}, "weakened": ["release.text_dates"], "accept_weakened": True})
    "Settings changed from the shipped defaults: release.text_dates = 'shifted' (default 'relative'; weakens protection). Weakened protection was accepted explicitly (release.accept_weakened)."
    """
    changed = (record or {}).get("changed_from_defaults") or {}
    if not changed:
        return ""
    parts = [f"{n} = {c['value']!r} (default {c['default']!r}{'; weakens protection' if c['weakens'] else ''})"
             for n, c in changed.items()]
    tail = (" Weakened protection was accepted explicitly (release.accept_weakened)."
            if record and record.get("weakened") else "")
    return "Settings changed from the shipped defaults: " + ", ".join(parts) + "." + tail


__all__ = ["changed_settings", "settings_record", "check_settings", "settings_sentence"]
