"""Dates written in pieces that tell a day or a week (attacker 8's F4): a day after a weekday
(``Friday the 13th``, ``Monday the third``), a week of the year (``week 14 of 2021``, ``2021 wk 3``),
a week or weekday of a month (``the second week of March 2022``, ``the first Monday of March 2021``),
a day after a week cue (``w/c 3rd``) and a day after a part of the day (``the early hours of the
3rd``). Word lists: ``conf/date_pieces.yaml``. A part of a month ("mid-" of ``mid-March 2020``)
stays outside the span here (the month moves with the shift, the real-text gold marks the month
only); the release's relative phrase takes it in (``deid.date_piece_before``).

A count after the ordinal is not a day (``Friday the 13th admission``), and a week of a pregnancy,
course or admission is not a week of a year.

>>> r = DatePiecesRecognizer()
>>> t = "On Friday the 13th he left; in week 14 of 2021; w/c 3rd; week 14 of pregnancy."
>>> [t[x.start:x.end] for x in sorted(r.analyze(t, ["DATE"]), key=lambda x: x.start)]
['Friday the 13th', 'week 14 of 2021', 'w/c 3rd']
"""
from __future__ import annotations

from .... import registry
from ..._date_pieces import ORDINAL, WEEK_ORDINAL, YEAR, alternation, piece_words
from .._base import MONTHS, LederPatternRecognizer, Pattern

#: weekdays capitalised ("Fri"), or in lower case when written in full ("friday"): "sat" is a verb
_WEEKDAY = "(?:" + "|".join(sorted({w.capitalize() for w in piece_words("weekdays")}
                                   | {w.lower() for w in piece_words("weekdays") if len(w) > 5},
                                   key=lambda w: (-len(w), w))) + r")(?![A-Za-z])\.?"
_COUNT = rf"(?!\s+(?i:{alternation('count_nouns')})\b)"
_NOT_MONTH = rf"(?!\s+(?i:of\s+)?{MONTHS}(?![A-Za-z]))"
_MONTH_YEAR = rf"{MONTHS}(?![A-Za-z])\.?(?:,?\s+{YEAR})?"


@registry.recognizers.register("date_pieces")
class DatePiecesRecognizer(LederPatternRecognizer):
    """A day, week or part of a month written beside a weekday, year or month."""

    ENTITY = "DATE"
    PATTERNS = [
        # "Friday the 13th", "Sat 14th", "Monday the twenty-second" (no month after it)
        Pattern("weekday_day",
                rf"(?<![\w-]){_WEEKDAY},?\s+(?:(?i:the)\s+)?(?:{ORDINAL}\b|(?i:the)\s+(?i:{alternation('day_words')})"
                rf"(?![\w-]))(?![/-]){_NOT_MONTH}{_COUNT}", 0.6),
        # "week 14 of 2021", "wk 3, 2022", "ISO week 9 of 2021", "2021 week 14"
        Pattern("week_of_year",
                rf"(?<![\w-])(?i:{alternation('week_words')})\s*(?:[1-9]|[1-4]\d|5[0-3])(?!\d)"
                rf"(?:\s*(?i:of|in|,|-|/)\s*|\s+)(?i:the\s+year\s+)?{YEAR}", 0.6),
        # "the 14th week of 2021", "the first week of 2021"
        Pattern("ordinal_week_of_year",
                rf"(?<![\w-])(?:(?i:the)\s+)?(?:{ORDINAL}|{WEEK_ORDINAL}|(?i:{alternation('day_words')}))\s+(?i:week)\s+"
                rf"(?i:of|in)\s+(?i:the\s+year\s+)?{YEAR}", 0.6),
        Pattern("year_week", rf"(?<![\w-]){YEAR},?\s*(?i:{alternation('week_words')})\s*(?:[1-9]|[1-4]\d|5[0-3])(?!\d)",
                0.6),
        # "the second week of March 2022", "the first Monday of March 2021", "week 2 of May"
        Pattern("week_of_month",
                rf"(?<![\w-])(?i:(?:the\s+)?(?:{alternation('week_ordinals')})\s+(?:{alternation('week_nouns')}|"
                rf"{alternation('weekdays')})|(?:{alternation('week_words')})\s*[1-5](?!\d))\s+(?i:of|in)\s+{_MONTH_YEAR}",
                0.6),
        # "w/c 3rd", "week beginning the 20th" (a month after it is the written date's)
        Pattern("week_cue_day",
                rf"(?<![\w-])(?i:{alternation('week_cues')})\s*(?:(?i:the)\s+)?{ORDINAL}(?![\w/-]){_NOT_MONTH}{_COUNT}",
                0.6),
        # "the early hours of the 3rd": the day after a part of the day
        Pattern("day_part_day",
                rf"(?i:{alternation('day_parts')})\s+(?i:of)\s+(?:(?i:the)\s+)?(?P<ent>{ORDINAL})(?![\w/-]){_NOT_MONTH}{_COUNT}",
                0.5),
    ]
    CONTEXT = ["on", "date", "week", "seen"]
