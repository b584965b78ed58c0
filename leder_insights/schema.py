"""The review corpus and learning-point schema (``../shared/spec/interfaces.md`` §1, §2).

>>> REVIEW_COLUMNS["care_grade"]
'int'
>>> "pen_portrait" in TEXT_FIELDS
True
"""
from __future__ import annotations

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

__all__ = ["REVIEW_COLUMNS", "TEXT_FIELDS", "FREE_TEXT_COLUMNS", "ALLOWED_VALUES", "CARE_GRADE_RANGE",
           "NHS_REGIONS", "POLARITIES", "LEARNING_POINT_COLUMNS", "ENTITY_CATEGORIES"]
