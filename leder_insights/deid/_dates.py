"""Date shifting that keeps the original format, and age banding.

All dates of one review move by the same number of days (derived from the key and the review id,
never 0), so intervals between them are kept. Each date is rewritten in its own format:
``17th August 2018``, ``16.11.22``, ``28/6/42``, ``2018-08-17``, ``Aug 2018``, ``March 2021``,
``Monday 3 June``. Text that is not a recognisable date returns ``None`` (the caller then uses a
placeholder).

>>> shift_date_text("17th August 2018", 10)
'27th August 2018'
>>> shift_date_text("16.11.22", -75)
'02.09.22'
>>> shift_date_text("(DOB 28/6/42)", 3)
'(DOB 1/7/42)'
>>> band_age_text("aged 54")
'aged 50\u201359'
"""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from ._date_pieces import alternation as _piece_alternation
from ._date_pieces import day_word_value
from ._keys import PseudonymKey

_MONTHS_FULL = [calendar.month_name[i] for i in range(1, 13)]
_MONTHS_ABBR = [calendar.month_abbr[i] for i in range(1, 13)]
_MONTH_LOOKUP = {m.casefold(): i for i, m in enumerate(_MONTHS_FULL, 1)}
_MONTH_LOOKUP.update({m.casefold(): i for i, m in enumerate(_MONTHS_ABBR, 1)})
_MONTH_LOOKUP["sept"] = 9
_MONTH_NAME_RE = r"(?P<month>" + "|".join(
    sorted([*_MONTHS_FULL, *_MONTHS_ABBR, "Sept"], key=lambda w: (-len(w), w))) + r")"
_DAYS_FULL = list(calendar.day_name)
_DAYS_ABBR = list(calendar.day_abbr)

_MONTH_RE = r"(?P<month>" + "|".join(
    sorted([*_MONTHS_FULL, *_MONTHS_ABBR, "Sept"], key=lambda w: (-len(w), w))) + r")(?P<mdot>\.)?"
_WEEKDAY_RE = r"(?:(?P<weekday>" + "|".join(_DAYS_FULL + _DAYS_ABBR) + r")\.?,?\s+(?:the\s+)?)?"
_DAY_RE = r"(?P<day>[0-3]?\d)(?P<ord>st|nd|rd|th)?"
_YEAR_RE = r"(?P<year>(?:1[89]|20)\d\d|'\d\d)"

#: date patterns, most specific first; named groups carry the parts and the format details
_PATTERNS = [
    # 2018-08-17 (ISO)
    re.compile(r"\b(?P<year>(?:1[89]|20)\d\d)(?P<sep>[-/.])(?P<month>[01]?\d)(?P=sep)(?P<day>[0-3]?\d)\b"),
    # 17/08/2018, 16.11.22, 28-6-42
    re.compile(r"(?<![\d/.-])(?P<day>[0-3]?\d)(?P<sep>[/.-])(?P<month>[01]?\d)(?P=sep)"
               r"(?P<year>\d{4}|\d{2})(?![\d/])"),
    # Monday 17th (of) August 2018, 17 Aug. 2018, 17th August
    re.compile(r"(?i)\b" + _WEEKDAY_RE + _DAY_RE + r"(?P<of>\s+of)?\s+" + _MONTH_RE
               + r"(?:(?P<comma>,)?\s+" + _YEAR_RE + r")?\b"),
    # August 17th, 2018 / August 17 2018
    re.compile(r"(?i)\b" + _WEEKDAY_RE + _MONTH_RE + r"\s+" + _DAY_RE + r"(?![\d:])"
               r"(?:(?P<comma>,)?\s+" + _YEAR_RE + r")?\b"),
    # March 2021, Aug '18 (month-year)
    re.compile(r"(?i)\b" + _MONTH_RE + r"(?P<comma>,)?\s+" + _YEAR_RE + r"\b"),
    # 08/2018 (month/year)
    re.compile(r"(?<![\d/])(?P<month>[01]?\d)(?P<sep>/)(?P<year>(?:19|20)\d\d)\b"),
    # compact and mixed: 17-Mar-2022, 05Jan2021, 11.Aug.2020, 3rd-Oct-2019, 01/Jul/2023, 12 Sept 21
    re.compile(r"(?i)(?<![\w/.-])(?P<day>[0-3]?\d)(?P<ord>st|nd|rd|th)?(?P<sep>[-./ ]?)" + _MONTH_NAME_RE
               + r"(?P=sep)(?P<year>(?:1[89]|20)\d\d|\d\d)(?!\d)"),
    # 20220419 (year, month and day run together)
    re.compile(r"(?<![\d.,/-])(?P<year>(?:19|20)\d\d)(?P<month>0[1-9]|1[0-2])(?P<day>0[1-9]|[12]\d|3[01])(?!\d)"),
    # 2019-11 (year and month)
    re.compile(r"(?<![\d/.-])(?P<year>(?:19|20)\d\d)(?P<sep>-)(?P<month>0[1-9]|1[0-2])(?![\d-])"),
]
#: days written before a day-month date: "24th and 28th December", "4th, 22nd and 28th February"
_CHAIN = re.compile(r"(?i)\b(?P<days>(?:[0-3]?\d(?:st|nd|rd|th)?(?:,\s*|\s+(?:and|&|to|or)\s+|\s*[-–/]\s*))+)"
                    r"(?P<last>[0-3]?\d(?:st|nd|rd|th)?(?:\s+of)?\s+" + _MONTH_NAME_RE
                    + r"(?:,?\s+(?:(?:1[89]|20)\d\d))?)\b")
_CHAIN_DAY = re.compile(r"(?P<day>[0-3]?\d)(?P<ord>st|nd|rd|th)?", re.I)
#: a day or a year left outside every shifted date: the text was not shifted as a whole
_LEFT_DAY_OR_YEAR = re.compile(r"(?<![\d:.,])(?:\d{1,2}|(?:19|20)\d\d)(?:st|nd|rd|th)?(?![\d:]|\.\d)", re.I)
_YEAR_ONLY = re.compile(r"\b(?P<year>(?:19|20)\d\d)\b")


def _day_word_forms() -> tuple[re.Pattern, re.Pattern]:
    """A day of the month written in words before or after a month's name ("the twenty-first of
    March", "March the first"): :func:`shift_date_text` reads it as digits."""
    words = _piece_alternation("day_words")
    months = "|".join(sorted([*_MONTHS_FULL, *_MONTHS_ABBR, "Sept"], key=lambda w: (-len(w), w)))
    return (re.compile(rf"(?i)(?<![\w-])(?P<w>{words})(?=\s+(?:day\s+)?(?:of\s+)?(?:the\s+)?(?:{months})\b)"),
            re.compile(rf"(?i)(?P<pre>\b(?:{months})\.?,?\s+)(?:the\s+)?(?P<w>{words})(?![\w-])"))


_DAY_WORD_BEFORE, _DAY_WORD_AFTER = _day_word_forms()
#: a piece of a date that the patterns do not shift (a day in words, a weekday, a week number, a
#: year in words): a date span that keeps one is masked, not shifted (attacker 8's F4)
_LEFT_PIECE = re.compile(rf"(?i)(?<![\w-])(?:{_piece_alternation('day_words')}|{_piece_alternation('weekdays')}|"
                         rf"(?:{_piece_alternation('week_words')})\s*\d|nineteen|eighteen|twenty|thousand)(?![\w-])")


def _days_in_digits(text: str) -> str:
    """``text`` with each day of the month written in words before or after a month in digits.

    >>> _days_in_digits("the twenty-first of March 2021; March the first")
    'the 21st of March 2021; March 1st'
    """
    def digits(m: re.Match) -> str:
        n = day_word_value(m.group("w"))
        pre = m.groupdict().get("pre") or ""
        return m.group() if n is None else f"{pre}{n}{_ordinal(n)}"

    return _DAY_WORD_AFTER.sub(digits, _DAY_WORD_BEFORE.sub(digits, text))


def date_offset(key: PseudonymKey, doc_key: str, max_days: int = 365) -> int:
    """Days to shift every date of document ``doc_key``: in [-max_days, max_days], never 0.

    >>> from ._keys import PseudonymKey
    >>> k = PseudonymKey(b"d" * 32)
    >>> d = date_offset(k, "r001")
    >>> d == date_offset(k, "r001") and d != 0 and -365 <= d <= 365
    True
    """
    magnitude = key.integer("date-shift", str(doc_key), max_days)
    sign = -1 if key.integer("date-shift-sign", str(doc_key), 2) == 1 else 1
    return sign * magnitude


def _ordinal(n: int) -> str:
    return "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def _pivot_year(yy: int, today: date | None = None) -> int:
    """Two-digit years: up to this year -> 20yy, otherwise 19yy (so DOB 42 -> 1942)."""
    cur = (today or date.today()).year % 100
    return 2000 + yy if yy <= cur else 1900 + yy


def _month_name(template: str, month: int) -> str:
    t = template.rstrip(".")
    if t.casefold() == "may":  # the same in both forms: assume the full name
        name = _MONTHS_FULL[month - 1]
    elif t.casefold() == "sept":
        name = "Sept" if month == 9 else _MONTHS_ABBR[month - 1]
    elif len(t) <= 3 or (t.casefold() in {m.casefold() for m in _MONTHS_ABBR} and len(t) < 5
                         and t.casefold() not in ("june", "july")):
        name = _MONTHS_ABBR[month - 1]
    else:
        name = _MONTHS_FULL[month - 1]
    if t.isupper() and len(t) > 1:
        name = name.upper()
    elif t.islower():
        name = name.lower()
    return name


def _weekday_name(template: str, wd: int) -> str:
    name = _DAYS_FULL[wd] if len(template.rstrip(".")) > 3 else _DAYS_ABBR[wd]
    return name.upper() if template.isupper() else name.lower() if template.islower() else name


def _num(template: str, value: int, pad_all: bool) -> str:
    if len(template) == 2 and (template.startswith("0") or pad_all):
        return f"{value:02d}"
    return str(value)


def _shift_match(m: re.Match, days: int) -> str | None:
    g = m.groupdict()
    month_tpl = g.get("month") or ""
    month: int | None = int(month_tpl) if month_tpl.isdigit() else _MONTH_LOOKUP.get(month_tpl.casefold())
    if not month or not 1 <= month <= 12:
        return None
    year_tpl = g.get("year")
    if year_tpl:
        yy = year_tpl.lstrip("'")
        year = int(yy) if len(yy) == 4 else _pivot_year(int(yy))
    else:
        year = 2001  # a non-leap reference year when the text has no year
    day_tpl = g.get("day")
    try:
        if day_tpl is None:  # month-year: move the middle of the month
            base = date(year, month, 15)
        else:
            base = date(year, month, int(day_tpl))
    except ValueError:
        return None
    new = base + timedelta(days=days)
    if not year_tpl and day_tpl is not None and (new.month, new.day) == (2, 29):
        new = new - timedelta(days=1)
    out = []
    pos = m.start()
    pad_all = bool(day_tpl and month_tpl.isdigit() and len(day_tpl) == 2 and len(month_tpl) == 2)
    names = [n for n in ("weekday", "day", "ord", "month", "mdot", "year")
             if g.get(n) is not None and m.start(n) >= 0]
    for name in sorted(names, key=m.start):
        s, e = m.start(name), m.end(name)
        out.append(m.string[pos:s])
        tpl = g[name]
        if name == "weekday":
            rep = _weekday_name(tpl, new.weekday())
        elif name == "day":
            rep = _num(tpl, new.day, pad_all)
        elif name == "ord":
            rep = _ordinal(new.day)
            rep = rep.upper() if tpl.isupper() else rep
        elif name == "month":
            rep = _num(tpl, new.month, pad_all) if tpl.isdigit() else _month_name(tpl, new.month)
        elif name == "mdot":
            rep = tpl
        else:  # year
            if tpl.startswith("'"):
                rep = f"'{new.year % 100:02d}"
            elif len(tpl) == 2:
                rep = f"{new.year % 100:02d}"
            else:
                rep = str(new.year)
        out.append(rep)
        pos = e
    out.append(m.string[pos:m.end()])
    return "".join(out)


def _shift_chain(text: str, chain: re.Match, days: int) -> str | None:
    """Every day of "24th and 28th December" moved; ``None`` unless they all land in one month."""
    last = shift_date_text(chain.group("last"), days)
    m_last = _CHAIN_DAY.match(chain.group("last"))
    month = _MONTH_LOOKUP.get(chain.group("month").casefold())
    if last is None or m_last is None or not month:
        return None
    year_m = re.search(r"(?:1[89]|20)\d\d", chain.group("last"))
    year = int(year_m.group()) if year_m else 2001
    new_last = _CHAIN_DAY.match(last)
    out, pos = [], chain.start("days")
    for m in _CHAIN_DAY.finditer(text, chain.start("days"), chain.end("days")):
        try:
            new = date(year, month, int(m.group("day"))) + timedelta(days=days)
        except ValueError:
            return None
        moved_last = date(year, month, int(m_last.group("day"))) + timedelta(days=days)
        if (new.year, new.month) != (moved_last.year, moved_last.month) or new_last is None:
            return None  # the days now fall in different months: the caller masks the text
        out.append(text[pos:m.start()])
        out.append(str(new.day) if m.group("day")[0] != "0" or len(m.group("day")) == 1 else f"{new.day:02d}")
        if m.group("ord"):
            out.append(_ordinal(new.day).upper() if m.group("ord").isupper() else _ordinal(new.day))
        pos = m.end()
    rest = text[:chain.start("days")] + "".join(out) + text[pos:chain.start("last")] + last + text[chain.end():]
    outside = text[:chain.start("days")] + text[chain.end():]
    return None if _LEFT_DAY_OR_YEAR.search(outside) or _LEFT_PIECE.search(outside) else rest


def shift_date_text(text: str, days: int) -> str | None:
    """``text`` with every date in it moved by ``days``, each in its own format.

    Words around the date ("(DOB ", "on the ") are kept. Returns ``None`` when no date is found.

    >>> shift_date_text("March 2021", 31)
    'April 2021'
    >>> shift_date_text("2018-08-17", -1)
    '2018-08-16'
    >>> shift_date_text("the next day", 5) is None
    True
    """
    if days == 0:
        raise ValueError("a date shift of 0 days would leave dates unchanged")
    text = _days_in_digits(text)
    chain = _CHAIN.search(text)
    if chain:
        return _shift_chain(text, chain, days)
    for pattern in _PATTERNS:
        found = False
        out, pos = [], 0
        left = []
        for m in pattern.finditer(text):
            rep = _shift_match(m, days)
            if rep is None:
                continue
            found = True
            out.append(text[pos:m.start()])
            left.append(text[pos:m.start()])
            out.append(rep)
            pos = m.end()
        left.append(text[pos:])
        if found and not any(_LEFT_DAY_OR_YEAR.search(x) or _LEFT_PIECE.search(x) for x in left):
            out.append(text[pos:])
            return "".join(out)
    y = _YEAR_ONLY.search(text)
    if y and text.strip().isdigit() or (y and re.fullmatch(r"\W*(?:in\s+)?\d{4}\W*", text, re.I)):
        year = (date(int(y.group("year")), 7, 1) + timedelta(days=days)).year
        return text[:y.start()] + str(year) + text[y.end():]
    return None


def find_dates(text: str) -> list[tuple[int, int, int | None, int | None, int | None]]:
    """Every date written in ``text``, with the patterns :func:`shift_date_text` shifts.

    Returns ``(start, end, year, month, day)`` per date, in text order: ``year`` is ``None`` when
    the text has none ("24th December"), ``day`` is ``None`` for a month and year ("March 2021"),
    and ``month`` and ``day`` are ``None`` for a year on its own ("in 2015"). Each day of "24th
    and 28th December" is a date of its own. Two-digit years are read as :func:`shift_date_text`
    reads them.

    >>> find_dates("On 3/9/42 and 24th and 28th December, then March 2021; in 2015.")
    [(3, 9, 1942, 9, 3), (14, 18, None, 12, 24), (23, 36, None, 12, 28), (43, 53, 2021, 3, None), (58, 62, 2015, None, None)]
    """
    found: list[tuple[int, int, int | None, int | None, int | None]] = []

    def free(a: int, b: int) -> bool:
        return not any(a < e and s < b for s, e, *_ in found)

    def year_of(tpl: str | None) -> int | None:
        if not tpl:
            return None
        yy = tpl.lstrip("'")
        return int(yy) if len(yy) == 4 else _pivot_year(int(yy))

    for chain in _CHAIN.finditer(text):
        month = _MONTH_LOOKUP.get(chain.group("month").casefold())
        y = re.search(r"(?:1[89]|20)\d\d", chain.group("last"))
        year = int(y.group()) if y else None
        last = _CHAIN_DAY.match(text, chain.start("last"))
        if not month or last is None:
            continue
        for m in _CHAIN_DAY.finditer(text, chain.start("days"), chain.end("days")):
            found.append((m.start(), m.end(), year, month, int(m.group("day"))))
        found.append((chain.start("last"), chain.end("last"), year, month, int(last.group("day"))))
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if not free(m.start(), m.end()):
                continue
            g = m.groupdict()
            month_tpl = g.get("month") or ""
            month = int(month_tpl) if month_tpl.isdigit() else _MONTH_LOOKUP.get(month_tpl.casefold())
            if not month or not 1 <= month <= 12:
                continue
            year = year_of(g.get("year"))
            day = int(g["day"]) if g.get("day") else None
            try:
                date(year or 2000, month, day or 1)
            except ValueError:
                continue
            found.append((m.start(), m.end(), year, month, day))
    for m in _YEAR_ONLY.finditer(text):
        if free(m.start(), m.end()):
            found.append((m.start(), m.end(), int(m.group("year")), None, None))
    return sorted(found)


# --- ages ----------------------------------------------------------------------------------------
#: an age in digits; an ordinal suffix is part of it and dropped with the number ("his 71st" ->
#: "his 70\u201379": "70\u201379st" would tell the last digit)
_AGE_NUM = re.compile(r"(?<![\d.])(?P<n>\d{1,3})(?:(?:st|nd|rd|th)\b)?(?!\d|\.\d|['\u2019]?s\b)")
_AGE_UNIT_SMALL = re.compile(r"(?i)\b(month|week|day|hour)s?\b|\bmo\b|/12|/52")


def age_band(age: int) -> str:
    """Ten-year band; 90 and over are grouped.

    >>> age_band(54), age_band(7), age_band(93)
    ('50\u201359', '0\u20139', '90 or over')
    """
    if age >= 90:
        return "90 or over"
    lo = (age // 10) * 10
    return f"{lo}\u2013{lo + 9}"


def band_age_text(text: str) -> str | None:
    """Replace each age in ``text`` with its band, keeping the surrounding words.

    Returns ``None`` when there is no number or the age is in months/weeks/days (the caller then
    uses a placeholder).

    >>> band_age_text("54-year-old")
    '50\u201359-year-old'
    >>> band_age_text("71st")
    '70\u201379'
    >>> band_age_text("aged 18 months") is None
    True
    """
    if _AGE_UNIT_SMALL.search(text):
        return None
    nums = list(_AGE_NUM.finditer(text))
    if not nums and re.search(r"\d0['\u2019]?s\b", text):
        return text  # "in his 60s" is already a band
    if not nums or any(int(m.group("n")) > 125 for m in nums):
        return None
    out, pos = [], 0
    for m in nums:
        out.append(text[pos:m.start()])
        out.append(age_band(int(m.group("n"))))
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)


__all__ = ["date_offset", "shift_date_text", "band_age_text", "age_band"]
