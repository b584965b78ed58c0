"""Pieces of a date that must go with it (attacker 8's F4), from ``conf/date_pieces.yaml``.

A day of the month in words ("the twenty-first of"), a week of the year ("week 14 of"), a week or
weekday of a month ("the first Monday of"), "mid-" before a month: each tells part of the true
date, so it belongs to the date's span. :func:`piece_before` finds such a piece written right
before a date; :func:`day_word_value` reads a day written in words.

>>> t = "On the twenty-first of March 2021 and in week 14 of 2021."
>>> t[piece_before(t, t.index("March")):t.index(" 2021")]
'twenty-first of March'
>>> y = t.rindex("2021")
>>> t[piece_before(t, y):y + 4]
'week 14 of 2021'
>>> day_word_value("Twenty first")
21
"""
from __future__ import annotations

import functools
import re
from pathlib import Path


from ._wordlists import named_list, word_alternation

PIECES_PATH = Path(__file__).parent / "conf" / "date_pieces.yaml"


def piece_words(name: str) -> tuple:
    """The list ``name`` of ``conf/date_pieces.yaml`` (a ``KeyError`` names the lists that exist)."""
    return named_list(PIECES_PATH, name)


def alternation(name: str) -> str:
    """The list ``name`` as a regex alternation, longest first; a hyphen matches a hyphen or spaces."""
    return word_alternation(piece_words(name)).replace(r"\-", r"[-\s]+")


#: a day of the month as an ordinal in digits
ORDINAL = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)"
YEAR = r"(?:1[89]|20)\d{2}(?!\d)"
#: a week of the year as an ordinal past the days of a month ("the 34th week of 2021")
WEEK_ORDINAL = r"(?:3[2-9]|4\d|5[0-3])(?:st|nd|rd|th)"


_THE = re.compile(r"(?i)the\s+")


@functools.lru_cache(maxsize=1)
def _before() -> re.Pattern:
    """A piece that ends right before a date (the date starts at the end of the match)."""
    day = rf"(?:{alternation('day_words')}|{ORDINAL})"
    week_ord = alternation("week_ordinals")
    weekday = rf"(?:{alternation('weekdays')}|\[WEEKDAY\])"
    return re.compile(
        rf"(?i:(?<![\w-])(?:"
        rf"(?:the\s+)?(?:{day}|{WEEK_ORDINAL})\s+(?:day\s+|week\s+)?(?:of|in)\s+(?:the\s+)?"  # the 3rd day of | 14th week of
        rf"|(?:{alternation('week_words')})\s*\d{{1,2}}(?:\s*(?:of|in|,|-|/))?\s*"  # week 14 of | wk 3,
        rf"|(?:the\s+)?(?:{week_ord})\s+(?:{alternation('week_nouns')}|{weekday})\s+(?:of|in)\s+"  # the first Monday of
        rf"|(?:{alternation('month_parts')})(?:\s+|\s*-\s*)"  # mid- | late
        rf"))$")


def piece_before(text: str, start: int) -> int:
    """Where a date starting at ``start`` really starts, with the piece written before it.

    >>> t = "By mid-March 2020 he ate less; the first Monday of May 2021."
    >>> t[piece_before(t, 7):17], t[piece_before(t, 51):59]
    ('mid-March 2020', 'first Monday of May 2021')
    >>> t = "the first of three, May 2020"
    >>> piece_before(t, 20)
    20
    """
    m = _before().search(text, max(0, start - 40), start)
    if m is None or m.end() != start:
        return start
    lead = _THE.match(text, m.start())  # "the" stays outside: it tells nothing
    return lead.end() if lead else m.start()


@functools.lru_cache(maxsize=1)
def _lone_day() -> re.Pattern:
    """A day of the month with no month or year beside it, after a weekday (or its mask), a week
    cue or a part of the day; not before a month (the date's own) or a count noun."""
    months = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
              r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
    weekday = rf"(?:(?:{alternation('weekdays')})(?![A-Za-z])\.?|\[WEEKDAY\])"
    day = rf"(?:{ORDINAL}(?![\w/-])|the\s+(?:{alternation('day_words')})(?![\w-]))"
    return re.compile(
        rf"(?i:(?<![\w-])(?:{weekday},?\s+(?:the\s+)?|(?:{alternation('week_cues')})\s*(?:the\s+)?"
        rf"|(?:{alternation('day_parts')})\s+of\s+(?:the\s+)?)(?P<day>{day})"
        rf"(?!\s+(?:of\s+)?{months}(?![A-Za-z]))(?!\s+(?:{alternation('count_nouns')})\b))")


def lone_day_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each day of the month written with a weekday, week cue or part of the
    day but no month ("[WEEKDAY] the 13th", "w/c 3rd", "the morning of the 4th"): the day only.

    >>> t = "On [WEEKDAY] the 13th; w/c 3rd; the morning of the 4th; Friday the 13th admission."
    >>> [t[s:e] for s, e in lone_day_spans(t)]
    ['13th', '3rd', '4th']
    """
    if not isinstance(text, str) or not text:
        return []
    return [m.span("day") for m in _lone_day().finditer(text)]


@functools.lru_cache(maxsize=1)
def _day_values() -> dict:
    return {re.sub(r"[-\s]+", " ", w.lower()): i for i, w in enumerate(piece_words("day_words"), 1)}


def day_word_value(word: str) -> int | None:
    """The day of the month an ordinal word stands for ("twenty-first" -> 21), or ``None``."""
    return _day_values().get(re.sub(r"[-\s]+", " ", word.strip().lower()))


__all__ = ["piece_words", "alternation", "piece_before", "lone_day_spans", "day_word_value", "ORDINAL", "WEEK_ORDINAL", "YEAR", "PIECES_PATH"]
