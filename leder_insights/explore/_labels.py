"""Human labels for filters, values and columns (``conf/labels.yaml``): never show internal codes.

>>> filter_label("year_from"), value_label("polarity", "area_for_improvement")
('From year', 'Area for improvement')
>>> describe_filters({"year_from": "2020", "theme": "epilepsy"}, {"epilepsy": "Epilepsy care"})
'From year 2020; Theme: Epilepsy care'
"""
from __future__ import annotations

import functools
from pathlib import Path

import yaml

LABELS_PATH = Path(__file__).with_name("conf") / "labels.yaml"


@functools.lru_cache(maxsize=1)
def _labels() -> dict:
    return yaml.safe_load(LABELS_PATH.read_text(encoding="utf-8"))


def filter_label(key: str) -> str:
    """The label of a filter key (``"year_from"`` -> ``"From year"``)."""
    return _labels()["filters"].get(key, key.replace("_", " ").capitalize())


def value_label(key: str, value) -> str:
    """The label of a value of ``key`` (polarity, LD severity, place of death, care grade, ...)."""
    v = str(value)
    labels = _labels()["values"]
    found = labels.get(key, {}).get(v) or labels["any"].get(v)
    if found is not None:
        return found
    text = v.replace("_", " ")
    return text[:1].upper() + text[1:] if text.islower() else text


def column_label(name: str) -> str:
    """The label of an output column (``"pct_of_reviews"`` -> ``"% of reviews"``)."""
    return _labels()["columns"].get(name, name.replace("_", " ").capitalize())


def ui_text(name: str, key: str = "default", **fields) -> str:
    """A sentence the app shows, from the ``text`` section of ``labels.yaml`` (``key`` falls back
    to ``default``), with ``fields`` filled in.

    >>> ui_text("blocked_advice", "icb")
    'Choose a region instead of an ICB, or set another filter back to All.'
    """
    texts = _labels()["text"][name]
    if isinstance(texts, dict):
        texts = texts.get(key, texts["default"])
    return str(texts).format(**fields)


def ui_data(name: str):
    """A list or mapping from the ``text`` section of ``labels.yaml`` as it is written (no filling in).

    >>> ui_data("about_model_keys")["deid"]
    'de-identification'
    """
    return _labels()["text"][name]


def describe_filters(filters: dict, theme_labels: dict | None = None, group_labels: dict | None = None) -> str:
    """The filters that are set, in words ("" when none)."""
    parts = []
    filters = dict(filters)
    if filters.get("year_from") not in (None, "") and str(filters.get("year_to")) == str(filters["year_from"]):
        parts.append(f"{filter_label('year')}: {filters['year_from']}")  # one year, not a range
        filters.pop("year_from")
        filters.pop("year_to")
    for k, v in filters.items():
        if v in (None, ""):
            continue
        if k in ("theme",):
            shown = (theme_labels or {}).get(v, value_label(k, v))
        elif k == "theme_group":
            shown = (group_labels or {}).get(v) or value_label(k, v)
        elif k == "search":
            v = " ".join(str(v).split())
            shown = f'"{v[:40]}…"' if len(v) > 40 else f'"{v}"'
        else:
            shown = value_label(k, v)
        sep = " " if k in ("year_from", "year_to") else ": "
        parts.append(f"{filter_label(k)}{sep}{shown}")
    return "; ".join(parts)


__all__ = ["filter_label", "value_label", "column_label", "describe_filters", "ui_text", "ui_data", "LABELS_PATH"]
