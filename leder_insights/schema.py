"""The review corpus and learning-point schema (``../shared/spec/interfaces.md`` §1, §2).

>>> REVIEW_COLUMNS["care_grade"]
'int'
>>> "pen_portrait" in TEXT_FIELDS
True
"""
from __future__ import annotations

import json
import math

#: column -> logical type, in the order of interfaces.md §1
REVIEW_COLUMNS: dict[str, str] = {
    "review_id": "str",
    "icb": "str",
    "region": "str",
    "notification_date": "date",
    "death_date": "date",
    "review_type": "str",
    "age_at_death": "int",
    "sex": "str",
    "ethnic_group": "str",
    "ld_severity": "str",
    "autistic": "bool",
    "living_arrangement": "str",
    "place_of_death": "str",
    "cause_of_death": "str",
    "care_grade": "int",
    "pen_portrait": "str",
    "timeline": "str",
    "good_practice": "str",
    "areas_for_improvement": "str",
    "learning": "str",
    "recommendations": "str",
}

#: free-text narrative fields (any may be empty); de-identified and split into learning points
TEXT_FIELDS: tuple[str, ...] = ("pen_portrait", "timeline", "good_practice",
                                "areas_for_improvement", "learning", "recommendations")

#: free text that may also hold identifiers
FREE_TEXT_COLUMNS: tuple[str, ...] = ("cause_of_death",) + TEXT_FIELDS

ALLOWED_VALUES: dict[str, tuple[str, ...]] = {
    "review_type": ("initial", "focused"),
    "ld_severity": ("mild", "moderate", "severe", "profound_multiple", "unknown"),
    "living_arrangement": ("family", "alone", "supported_living", "residential", "nursing", "other"),
    "place_of_death": ("hospital", "home", "care_home", "hospice", "other"),
}

CARE_GRADE_RANGE = (1, 6)

NHS_REGIONS: tuple[str, ...] = ("North East and Yorkshire", "North West", "Midlands", "East of England",
                                "London", "South East", "South West")

POLARITIES: tuple[str, ...] = ("good_practice", "area_for_improvement", "recommendation")

LEARNING_POINT_COLUMNS: tuple[str, ...] = ("lp_id", "review_id", "source_field", "polarity", "text",
                                           "start", "end", "themes", "theme_scores")

#: entity categories of interfaces.md §2
ENTITY_CATEGORIES: tuple[str, ...] = ("PERSON", "LOCATION", "ORGANIZATION", "DATE", "AGE", "ID",
                                      "CONTACT")


# --------------------------------------------------------------------------- list/dict codec
#: separator of a list written as plain text (``"sepsis_deterioration; epilepsy"``)
LIST_SEPARATOR = ";"


def _is_missing(value) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    try:
        import pandas as pd

        return value is pd.NA or value is pd.NaT
    except ImportError:  # pragma: no cover - pandas is a dependency
        return False


def _plain(value):
    """numpy/pyarrow scalars and arrays -> plain Python."""
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
        return value.tolist()
    return value


def as_list(value) -> list:
    """Decode a list cell: the one rule for every list column (themes, evidence spans, ...).

    * missing (``None``, NaN, ``pd.NA``) or an empty/blank string -> ``[]``;
    * a string that is a JSON array -> that array;
    * any other string -> split on ``";"``, items stripped, empty items dropped
      (a string without ``";"`` is therefore one item);
    * a list, tuple or array -> a plain list (numpy scalars made plain).

    A string that starts with ``[`` but is not valid JSON raises ``ValueError``: it is a broken
    list, not a theme id.

    Examples
    --------
    >>> as_list('["sepsis_deterioration", "epilepsy"]'), as_list("sepsis_deterioration; epilepsy")
    (['sepsis_deterioration', 'epilepsy'], ['sepsis_deterioration', 'epilepsy'])
    >>> as_list("epilepsy"), as_list(None), as_list("")
    (['epilepsy'], [], [])
    """
    if _is_missing(value):
        return []
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return []
        if text.startswith("["):
            decoded = json.loads(text)  # ValueError on a broken list
            if not isinstance(decoded, list):
                raise ValueError(f"not a JSON list: {text[:40]!r}")
            return decoded
        return [part.strip() for part in text.split(LIST_SEPARATOR) if part.strip()]
    if isinstance(value, dict):
        raise ValueError("a dict is not a list")
    return [_plain(v) for v in _plain(value)]


def as_dict(value) -> dict:
    """Decode a dict cell (theme scores, evidence): missing or blank -> ``{}``; a string must be a
    JSON object (else ``ValueError``); a mapping -> a plain dict.

    Examples
    --------
    >>> as_dict('{"epilepsy": 0.9}'), as_dict(None), as_dict(" ")
    ({'epilepsy': 0.9}, {}, {})
    """
    if _is_missing(value):
        return {}
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return {}
        decoded = json.loads(text)
        if not isinstance(decoded, dict):
            raise ValueError(f"not a JSON object: {text[:40]!r}")
        return decoded
    return dict(value)


__all__ = ["REVIEW_COLUMNS", "TEXT_FIELDS", "FREE_TEXT_COLUMNS", "ALLOWED_VALUES", "CARE_GRADE_RANGE",
           "NHS_REGIONS", "POLARITIES", "LEARNING_POINT_COLUMNS", "ENTITY_CATEGORIES", "LIST_SEPARATOR", "as_list", "as_dict"]
