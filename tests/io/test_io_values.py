"""Cell parsers: dates, whole numbers, yes/no, coded values."""
from __future__ import annotations

import datetime as dt

import pytest

from leder_insights.io._values import normalise_choice, parse_bool, parse_date, parse_int, to_text


@pytest.mark.parametrize("value,expected", [
    ("2024-03-05", "2024-03-05"), ("05/03/2024", "2024-03-05"), ("5/3/2024", "2024-03-05"),
    ("05-03-2024", "2024-03-05"), ("05.03.2024", "2024-03-05"), ("5 March 2024", "2024-03-05"),
    ("5th Mar 2024", "2024-03-05"), ("2024-03-05 00:00:00", "2024-03-05"), ("05 /03/2024", "2024-03-05"),
    (dt.datetime(2024, 3, 5, 10), "2024-03-05"), (dt.date(2024, 3, 5), "2024-03-05"), ("", None),
    (None, None)])
def test_values_dates_iso_and_day_first(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["31/02/2024", "2024-13-01", "yesterday", "03/05/2024x", 45,
                                   "/0206/2023"])
def test_values_bad_dates_raise(value):
    with pytest.raises(ValueError):
        parse_date(value)


@pytest.mark.parametrize("value,expected", [("7", 7), (" 7 ", 7), ("7.0", 7), (7.0, 7), ("", None)])
def test_values_whole_numbers(value, expected):
    assert parse_int(value) == expected


@pytest.mark.parametrize("value", ["7.5", 7.5, "seven", True])
def test_values_not_whole_numbers_raise(value):
    with pytest.raises(ValueError):
        parse_int(value)


@pytest.mark.parametrize("value,expected", [("Yes", True), ("n", False), ("TRUE", True), (0, False),
                                            ("Unknown", None), ("", None), (None, None)])
def test_values_yes_no(value, expected):
    assert parse_bool(value) is expected


def test_values_yes_no_rejects_other_words():
    with pytest.raises(ValueError):
        parse_bool("sometimes")


def test_values_coded_values_normalised_or_kept():
    allowed = ("hospital", "care_home", "other")
    assert normalise_choice(" Care-Home ", allowed) == ("care_home", True)
    assert normalise_choice("Castle", allowed) == ("Castle", False)


def test_values_to_text_excel_numbers():
    assert to_text(1001.0) == "1001" and to_text(2.5) == "2.5" and to_text(True) == "true"
