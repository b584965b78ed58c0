"""Text rules of a release (national profile) applied after de-identification, before the gate.

Shifting dates by a keyed per-review offset protects them only while no true date in the text
is known. The attacker's F2 recovered the offset from dates anchored by their name or by a
public record, and then un-shifted the date of birth. So a release:

* masks every **date of birth** (a date after "DOB", "date of birth", "born"): ``[DATE_OF_BIRTH]``
  -- never shifted, so the gap from birth to death cannot give the exact age;
* masks **named days** that pin a date (Christmas Day, Boxing Day, New Year's Day/Eve, Easter,
  Good Friday, bank holidays, Bonfire Night, birthdays ...): ``[NAMED_DAY]``;
* masks mentions that **pin the calendar** (:func:`leder_insights.release.calendar_spans`, word
  lists in ``release/schemas/text_mentions.yaml``): weekdays ``[WEEKDAY]`` ("on a Tuesday"
  beside "[3 days before death]" gives the death's weekday, and with it the year) and dated public
  events ``[PUBLIC_EVENT]`` ("the first Covid lockdown", "the 2012 Olympics");
* masks dates that a **public listing** gives away (after "inquest", "hearing", "court",
  "coroner", "funeral"): ``[DATE]``;
* masks **quasi-identifier values written in the text** ("[LD_SEVERITY]" for the whole "a mild
  learning disability" / "profound and multiple learning disabilities", "a [ETHNIC_GROUP]
  [PERSON_SEX]", "[AGE]" for every age band the de-identifier wrote, "[HOME_SETTING]"), when
  ``release.mask_text_mentions``;
* writes "a" before every placeholder (:func:`normalise_articles`: "an [AGE]" told 80-89);
* writes **every other date relative to the review's death** (:func:`relative_dates`): "[12 days
  before death]", "[3 weeks before death]", "[about 5 months before death]", "[4 years before
  death]" -- no absolute date, day of the month or year is left, so one true date known from
  elsewhere (a holiday, a newspaper) no longer gives the review's date-shift offset away, and no
  timeline year is visible when the year of death is suppressed.

>>> text, adjust = release_text("DOB 3/9/42. On 17/07/2020 (Christmas Day) admitted.")
>>> text
'DOB [DATE_OF_BIRTH]. On 17/07/2020 ([NAMED_DAY]) admitted.'
>>> adjust([(4, 10), (15, 25)])   # the de-identifier's spans, moved with the text
[(24, 34)]
>>> text, adjust = release_text("On Mothering Sunday, 12/12/2021, seen.")
>>> [text[a:b] for a, b in adjust([(13, 31)])]   # the part a mask leaves of a span is kept
[', 12/12/2021']
>>> release_text("Seen on a Tuesday, during the first Covid lockdown.")[0]
'Seen on a [WEEKDAY], during [PUBLIC_EVENT].'
"""
from __future__ import annotations

import functools
import re
from datetime import date, timedelta
from pathlib import Path

import yaml

from ..deid import date_piece_before, find_dates, lone_day_spans
from ..release import OwnIds, calendar_spans, identifier_spans, mention_spans, non_overlapping, own_id_spans

_RULES = Path(__file__).with_name("conf") / "release_text.yaml"

_MONTHS = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
           r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_DATE = (rf"(?:\d{{1,2}}[/.\-]\d{{1,2}}[/.\-](?:\d{{4}}|\d{{2}})\b|\d{{4}}-\d{{2}}-\d{{2}}\b"
         rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}\.?,?\s+\d{{2,4}}\b"
         rf"|{_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b|{_MONTHS}\.?,?\s+\d{{4}}\b"
         rf"|\d{{8}}\b|\d{{6}}\b|(?:19|20)\d{{2}}\b)")
_DOB = re.compile(
    rf"(?i:\bD\.?\s?O\.?\s?B\b\.?|\bdate\s+of\s+birth|\bborn(?:\s+on)?)"
    rf"(?:\s*(?:was|is|of|:|-|\(|,)\s*){{0,2}}\s*(?P<date>(?i:{_DATE}))")
_NAMED_DAY = re.compile(
    r"(?i)\b(?:Christmas(?:\s+(?:Day|Eve))?|Xmas(?:\s+(?:Day|Eve))?|Boxing\s+Day|"
    r"New\s+Year(?:'|\u2019)?s?(?:\s+(?:Day|Eve))?|Hogmanay|Easter(?:\s+(?:Sunday|Monday|Day|weekend))?|"
    r"Good\s+Friday|Shrove\s+Tuesday|Pancake\s+Day|(?:early\s+May|late\s+May|spring|summer|August|May)\s+"
    r"bank\s+holiday(?:\s+Monday)?|bank\s+holiday(?:\s+(?:Monday|weekend))?|"
    r"Bonfire\s+Night|Guy\s+Fawkes(?:\s+Night)?|Remembrance\s+(?:Sunday|Day)|Armistice\s+Day|"
    r"Valentine(?:'|\u2019)?s\s+Day|Hallowe(?:')?en|Mother(?:'|\u2019)?s\s+Day|Father(?:'|\u2019)?s\s+Day|"
    r"Mothering\s+Sunday|Eid(?:\s+al-\w+)?|Diwali|Ramadan|Hanukkah|Yom\s+Kippur|"
    r"(?:\d{1,3}(?:st|nd|rd|th)\s+)?birthday)\b")
_PUBLIC = re.compile(
    rf"(?i:\b(?:inquest|hearing|court|coroner(?:'s)?|funeral|cremation|burial|PFD\s+report)\b)"
    rf"[^.\n]{{0,40}}?(?P<date>(?i:{_DATE}))")


#: one part of a written date: a number (with an ordinal), a month name, or a date placeholder
#: a day written as an ordinal word ("the third of March": attacker 7's F4)
_DAY_WORD = (r"(?:(?:twenty|thirty)[\s-](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|first|second|"
             r"third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|(?:thir|four|fif|six|seven|eigh|"
             r"nine)teenth|twentieth|thirtieth)")
_DATE_PART = (rf"(?:\d{{1,8}}(?:st|nd|rd|th)?(?![A-Za-z\d])|{_MONTHS}\.?(?![A-Za-z])|{_DAY_WORD}(?![A-Za-z])"
              r"|\[DATE(?:_\d+)?\])")
#: up to three parts, any one to three separators between them ("03 01 1951", "03_01_1951",
#: "03|01|1951", "3rd of March 1951", "1951.03.03", "3rd of the 3rd, '61", "the 3rd day of March")
_DATE_RUN = re.compile(rf"(?i){_DATE_PART}(?:(?:[^\w\n\[\]]|_){{1,3}}(?:day\s+)?(?:of\s+)?(?:the\s+)?{_DATE_PART}){{0,2}}")
_PART = re.compile(rf"(?i){_DATE_PART}")


def _dob_runs(text: str) -> list[tuple[int, int, str]]:
    """Dates of birth as a whole, whatever separates their parts: a birth cue (any separator in
    it: "date_of_birth", "D.O.B"), linking words, then two or three date parts, or one that is a
    year, a compact date or a date placeholder.

    >>> t = "DOB 03 01 1951; date_of_birth: 03|01|51; bday 3/3/51; born 2 weeks early."
    >>> [t[s:e] for s, e, _ in _dob_runs(t)]
    ['03 01 1951', '03|01|51', '3/3/51']
    """
    out = []
    for m in _birth_lead().finditer(text):
        run = _DATE_RUN.match(text, m.end())
        if not run:
            continue
        parts = list(_PART.finditer(text, run.start(), run.end()))
        first = parts[0].group().strip(".")
        seps = {text[a.end():b.start()] for a, b in zip(parts, parts[1:])}
        if first.isdigit() and len(first) == 4 and (len(seps) > 1 or any(not x or x.isspace() or "," in x
                                                                        for x in seps)):
            parts = parts[:1]  # "born 1951, 12/03/2020": the year of birth, then another date
        if len(parts) == 1 and not (first.startswith("[") or (first.isdigit() and len(first) in (4, 6, 8))):
            continue  # "born 2 weeks early": a number, not a date
        out.append((run.start(), parts[-1].end(), "[DATE_OF_BIRTH]"))
    return out


def _replacements(text: str, mentions: bool = False, ids: OwnIds | None = None) -> list[tuple[int, int, str]]:
    found = list(mention_spans(text)) if mentions else []
    found += own_id_spans(text, ids)  # the batch's review ids in another spelling: "ldr 2021 00037"
    found += calendar_spans(text)  # weekdays, dated public events: they pin the hidden calendar
    found += identifier_spans(text)  # a vehicle registration
    found += lower_case_places(text)  # "grew up in scunthorpe"
    for m in _DOB.finditer(text):
        found.append((m.start("date"), m.end("date"), "[DATE_OF_BIRTH]"))
    found += _dob_runs(text)
    birth = _birth_cue()
    for s, e, _y, _m, _d in _date_expressions(text):  # any date form the reader knows, after a cue
        if birth.search(text[max(0, s - 40):s]):
            found.append((s, e, "[DATE_OF_BIRTH]"))
    for m in _NAMED_DAY.finditer(text):
        found.append((m.start(), m.end(), "[NAMED_DAY]"))
    for m in _PUBLIC.finditer(text):
        found.append((m.start("date"), m.end("date"), "[DATE]"))
    for s, e in lone_day_spans(text):  # "Friday the 13th", "w/c 3rd": a day with no month (attacker 8's F4)
        found.append((s, e, "[DATE]"))
    return non_overlapping(found)


def release_text(text, mentions: bool = False, ids: OwnIds | None = None):
    """``(text, adjust)``: the text with the release's masks, and a function moving the
    de-identifier's replacement spans with it (spans inside a mask are dropped). With
    ``mentions`` the values of quasi-identifiers written in the text are masked too
    (:func:`leder_insights.release.mask_mentions`: "with [LD_SEVERITY]"). With ``ids`` (the
    batch's review ids, :class:`leder_insights.release.OwnIds`) those ids and ids of their series
    written in any spelling are masked ("[REVIEW_ID]")."""
    if not isinstance(text, str) or not text:
        return text, lambda spans: list(spans)
    reps = _replacements(text, mentions, ids)
    if not reps:
        return text, lambda spans: list(spans)
    pieces, last = [], 0
    for s, e, new in reps:
        pieces += [text[last:s], new]
        last = e
    pieces.append(text[last:])

    def adjust(spans):
        out = []
        for a, b in spans:
            for s, e, _new in reps:  # a span a mask covers in part keeps the part outside it: the
                if a < e and s < b:  # date of "Mothering [Sunday, 12/12/2021]" stays a shifted one
                    if a < s and b <= e:
                        b = s
                    elif s <= a < e < b:
                        a = e
            delta, inside = 0, a >= b
            for s, e, new in reps:
                if a < e and s < b:
                    inside = True
                    break
                if e <= a:
                    delta += len(new) - (e - s)
            if not inside:
                out.append((a + delta, b + delta))
        return out

    return "".join(pieces), adjust


@functools.lru_cache(maxsize=1)
def _lower_place_pattern() -> re.Pattern:
    from ..deid import everyday_words
    from ..deid.recognizers.uk.place_gazetteer import place_index

    data = yaml.safe_load(_RULES.read_text(encoding="utf-8"))
    common = everyday_words() | {str(w).lower() for w in data["lower_place_everyday"]}
    shortest = int(data["lower_place_min_length"])
    names = sorted({n.lower() for n in place_index()[1]
                    if len(n) >= shortest and n.lower() not in common}, key=lambda n: (-len(n), n))
    cues = "|".join(re.escape(str(w)) for w in data["lower_place_cues"])
    alts = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)
    return re.compile(rf"(?i:\b(?:{cues}))\s+(?P<v>{alts})(?![\w'\u2019-])")


def lower_case_places(text) -> list[tuple[int, int, str]]:
    """``(start, end, "[LOCATION]")`` of each listed UK place typed in lower case after a place word.

    >>> t = "He grew up in scunthorpe, near kingston upon thames; he went to bath at eight."
    >>> [t[s:e] for s, e, _ in lower_case_places(t)]
    ['scunthorpe', 'kingston upon thames']
    """
    if not isinstance(text, str) or not text:
        return []
    return [(m.start("v"), m.end("v"), "[LOCATION]") for m in _lower_place_pattern().finditer(text)]


@functools.lru_cache(maxsize=1)
def _birth_words() -> tuple[str, str]:
    """The birth cues and their linking words (``release_text.yaml``) as two alternations."""
    data = yaml.safe_load(_RULES.read_text(encoding="utf-8"))
    cues = "|".join(f"(?:{c})" for c in data["birth_cues"])
    return cues, "|".join(re.escape(str(w)) for w in data["birth_links"])


@functools.lru_cache(maxsize=1)
def _birth_cue() -> re.Pattern:
    cues, links = _birth_words()
    return re.compile(rf"(?:{cues})(?:\s*(?:{links})(?![A-Za-z]))*\s*$", re.I)


@functools.lru_cache(maxsize=1)
def _birth_lead() -> re.Pattern:
    """A birth cue and its linking words, up to where the date starts."""
    cues, links = _birth_words()
    return re.compile(rf"(?:{cues})(?:(?:[^\w\n]|_){{0,3}}(?:{links})(?![A-Za-z]))*(?:[^\w\n\[]|_){{0,3}}", re.I)


@functools.lru_cache(maxsize=1)
def _short_span_cue() -> re.Pattern:
    data = yaml.safe_load(_RULES.read_text(encoding="utf-8"))
    words = "|".join(re.escape(str(w)).replace(r"\ ", r"\s+")
                     for w in sorted(data["short_year_span_cues"], key=lambda w: (-len(w), w)))
    return re.compile(rf"(?:^|(?<![A-Za-z]))(?:{words})\s*$", re.I)


_ISO_TS = re.compile(r"(\d{4})-(\d{2})-(\d{2})[T ](?:\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)"
                     r"(?:Z|[+-]\d{2}:?\d{2})?(?![\d:])")
_YEAR_TAIL = re.compile(r"\s?[/\-\u2013\u2014]\s?(\d{2})(?![\d/\-])")
_SHORT_SPAN = re.compile(r"(?<![\d/.\-])(\d{2})/(\d{2})(?![\d/\-]|\.\d)")


def _date_expressions(text: str) -> list[tuple[int, int, int | None, int | None, int | None]]:
    """:func:`leder_insights.deid.find_dates`, with each date widened to the whole expression
    it is part of (attacker 3's F5 and F10): a piece before it that tells its day or week ("the
    twenty-first of March 2021", "week 14 of 2021", "mid-March"; attacker 8's F4), an ISO timestamp with its time ("2020-07-19T23:40Z"),
    a year span ("2019/20", "2017–18", year of the first), and a two-digit financial or academic
    year beside its word ("FY 19/20").

    >>> [(s, e, y, m, d) for s, e, y, m, d in _date_expressions("In 2019/20 and at 2020-07-19T23:40Z, FY 18/19.")]
    [(3, 10, 2019, None, None), (18, 35, 2020, 7, 19), (40, 45, 2018, None, None)]
    """
    out = []
    for s, e, year, month, day in find_dates(text):
        ts = _ISO_TS.match(text, s)
        if ts and ts.end() > e:
            try:
                date(int(ts.group(1)), int(ts.group(2)), int(ts.group(3)))
                s, e, year, month, day = s, ts.end(), int(ts.group(1)), int(ts.group(2)), int(ts.group(3))
            except ValueError:
                e = ts.end()
        elif month is None and year is not None:
            tail = _YEAR_TAIL.match(text, e)
            if tail and int(tail.group(1)) != year % 100 and text[s:e].isdigit():
                e = tail.end()
        # "the twenty-first of", "week 14 of", "mid-" before it tell its day or week (attacker 8's F4)
        out.append((date_piece_before(text, s), e, year, month, day))
    cue = _short_span_cue()
    for m in _SHORT_SPAN.finditer(text):
        a, b = int(m.group(1)), int(m.group(2))
        if b == (a + 1) % 100 and cue.search(text[max(0, m.start() - 20):m.start()]):
            if not any(s < m.end() and m.start() < e for s, e, *_ in out):
                out.append((m.start(), m.end(), (2000 if a < 50 else 1900) + a, None, None))
    return sorted(out)


@functools.lru_cache(maxsize=1)
def _rules() -> tuple[re.Pattern, re.Pattern]:
    data = yaml.safe_load(_RULES.read_text(encoding="utf-8"))
    after = "|".join(re.escape(str(w)) for w in sorted(data["not_a_year_before"], key=lambda w: (-len(w), w)))
    before = "|".join(re.escape(str(w)) for w in sorted(data["not_a_year_after"], key=lambda w: (-len(w), w)))
    return (re.compile(rf"\s*(?:{after})(?![A-Za-z])", re.I),
            re.compile(rf"(?:^|(?<![A-Za-z]))(?:{before})\s*$", re.I))


def _plural(n: int, unit: str) -> str:
    return f"{n} {unit}{'' if n == 1 else 's'}"


def relative_phrase(days: int | None, precision: str = "day") -> str:
    """The bracketed phrase for a date ``days`` after the death (negative: before).

    Intervals widen with distance (days up to 13, then weeks up to 8, months up to 24, years),
    never finer than the date was written (``precision``: day, month or year).

    >>> [relative_phrase(d) for d in (0, -1, -12, -20, 3, -200, -1500)]
    ['[day of death]', '[1 day before death]', '[12 days before death]', '[3 weeks before death]', '[3 days after death]', '[about 7 months before death]', '[about 4 years before death]']
    >>> relative_phrase(-365, "year"), relative_phrase(10, "month")
    ('[1 year before death]', '[month of death]')
    """
    if days is None:
        return "[DATE]"
    side = "before" if days < 0 else "after"
    n = abs(days)
    if precision == "year":
        years = round(n / 365.25)
        return "[year of death]" if years == 0 else f"[{_plural(years, 'year')} {side} death]"
    if precision == "month":
        months = round(n / 30.44)
        if months == 0:
            return "[month of death]"
        if months <= 24:
            return f"[about {_plural(months, 'month')} {side} death]"
        return f"[about {_plural(round(n / 365.25), 'year')} {side} death]"
    if n == 0:
        return "[day of death]"
    if n <= 13:
        return f"[{_plural(n, 'day')} {side} death]"
    if n <= 60:
        return f"[{_plural(round(n / 7), 'week')} {side} death]"
    if n <= 730:
        return f"[about {_plural(round(n / 30.44), 'month')} {side} death]"
    return f"[about {_plural(round(n / 365.25), 'year')} {side} death]"


def coarse_phrase(days: int) -> str:
    """The phrase for a date near the death beside an event-like phrase (:func:`event_anchored`):
    no finer than a month, so a public event's known date cannot give the date of death.

    >>> [coarse_phrase(d) for d in (-3, 0, 20, -45)]
    ['[within a month before death]', '[within a month of death]', '[within a month after death]', '[1 to 2 months before death]']
    """
    side = "before" if days < 0 else "after"
    if days == 0:
        return "[within a month of death]"
    if abs(days) <= 31:
        return f"[within a month {side} death]"
    return f"[1 to 2 months {side} death]"


@functools.lru_cache(maxsize=1)
def _anchor_rules() -> tuple[re.Pattern, frozenset, int]:
    data = yaml.safe_load(_RULES.read_text(encoding="utf-8"))
    anchors = re.compile("|".join(f"(?:{a})" for a in data["event_anchors"]), re.I)
    private = frozenset(str(w).lower() for w in data["anchor_private_words"])
    return anchors, private, int(data["anchor_window_days"])


_SENTENCE_END = re.compile(r"[.;!?\n](?=\s|$)")
_ANCHOR_WORD = re.compile(r"\[|[^\W\d_][\w'\u2019-]*")  # words (a number or "13th" is no event word)


_MONTH_WORD = re.compile(r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
                         r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")


_DATE_NEXT = re.compile(r"\s*(?:the\s+)?(?:\d|\[|(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)")
_LINK_WORDS = frozenset({"the", "a", "an", "and", "or", "to", "of", "on", "in", "at", "from", "until", "till", "by"})


def event_anchored(text: str, start: int, end: int) -> bool:
    """Whether the date at ``text[start:end]`` shares its sentence with an event-like phrase
    (``event_anchors`` in ``jobs/conf/release_text.yaml``: "on the day it ...", "during the ...",
    "the day of the ...") whose next words name no person, placeholder or care event
    (``anchor_private_words``): attacker 9's F6, public events the calendar lists do not know.

    >>> t = "On the day the river flooded, 03/03/2022, he fell. On the day he moved, 04/03/2022, he cried."
    >>> event_anchored(t, 30, 40), event_anchored(t, 72, 82)
    (True, False)
    """
    anchors, private, _ = _anchor_rules()
    a = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    m = _SENTENCE_END.search(text, end)
    b = m.start() if m else len(text)
    for m in anchors.finditer(text, a, b):
        if start <= m.start() < end or (m.group().lower().endswith("of") and _DATE_NEXT.match(text, m.end())):
            continue  # "on the night of 13th/14th January": a time of a date, no event
        if m.end() <= start:
            if start - m.end() > 100:
                continue
            rest = text[m.end():start]
        else:
            if m.start() - end > 60:
                continue
            rest = text[m.end():b]
        words = [w.lower() for w in _ANCHOR_WORD.findall(rest)[:6]]
        content = [w for w in words if w not in _LINK_WORDS and not _MONTH_WORD.fullmatch(w)]
        if content and not any(w in private for w in content):
            return True
    return False


def _true_days(year, month, day, shifted: bool, death: date, offset: int) -> tuple[int, str] | None:
    """Days from the death to a date read from the text (shifted by ``offset`` when ``shifted``),
    and the precision it was written with."""
    ref = death + timedelta(days=offset) if shifted else death  # the death in the text's calendar
    if month is None:  # a year alone: compare years in the text's calendar
        return (year - ref.year) * 365, "year"
    if day is None:
        try:
            written = date(year, month, 15)
        except ValueError:
            return None
        return (written - ref).days, "month"
    if year is None:  # "24th December": the occurrence nearest the death
        if shifted:  # the de-identifier moved it within the year 2001 (no year written): undo that
            for y in (2000, 2001, 2002):
                try:
                    orig = date(y, month, day) - timedelta(days=offset)
                except ValueError:
                    continue
                if orig.year == 2001:
                    month, day = orig.month, orig.day
                    break
            ref = death
        options = []
        for y in (ref.year - 1, ref.year, ref.year + 1):
            try:
                options.append((date(y, month, day) - ref).days)
            except ValueError:  # 29 February
                continue
        return (min(options, key=abs), "day") if options else None
    try:
        return (date(year, month, day) - ref).days, "day"
    except ValueError:
        return None


def relative_dates(text, spans=(), death: date | None = None, offset: int = 0):
    """``(text, spans)``: every date in ``text`` written relative to the death.

    ``spans`` are the de-identifier's replacements: a date inside one was shifted by ``offset``
    (the review's keyed offset), any other date is as the author wrote it; both are measured from
    the death in their own calendar, so the phrase is the true interval. Without a date of death
    every date becomes ``[DATE]``. The returned spans are moved with the text, and each new
    phrase is a span of its own (the gate skips the release's own replacements).

    >>> relative_dates("Seen 03/08/2019; died 16/08/2019; in 2015 moved.", [], date(2019, 8, 16))[0]
    'Seen [13 days before death]; died [day of death]; in [4 years before death] moved.'
    >>> relative_dates("On 10/03/2020 (shifted by 30 days)", [(3, 13)], date(2020, 2, 9), 30)[0]
    'On [day of death] (shifted by 30 days)'
    """
    if not isinstance(text, str) or not text:
        return text, list(spans)
    not_before, not_after = _rules()
    reps = []
    for s, e, year, month, day in _date_expressions(text):
        if month is None and (not_before.match(text, e) or not_after.search(text[max(0, s - 12):s])):
            continue  # "2000 calories", "£2000": a quantity, not a year
        if month is None and _IN_A_CODE_AFTER.match(text, e):
            continue  # "2021/18834", "2001:db8::1": part of a reference or address (attacker 5's F1),
            # left whole for the gate rather than cut into a relative year and a serial
        shifted = any(a < e and s < b for a, b in spans)
        rel = None if death is None else _true_days(year, month, day, shifted, death, offset)
        if rel and rel[1] == "day" and abs(rel[0]) <= _anchor_rules()[2] and event_anchored(text, s, e):
            reps.append((s, e, coarse_phrase(rel[0])))  # "On the day it hit 40C, [within a month ...]"
            continue
        reps.append((s, e, relative_phrase(*rel) if rel else "[DATE]"))
    if not reps:
        return text, list(spans)
    pieces, last, new_spans = [], 0, []
    out_len = 0
    for s, e, phrase in reps:
        pieces.append(text[last:s])
        out_len += s - last
        new_spans.append((out_len, out_len + len(phrase)))
        pieces.append(phrase)
        out_len += len(phrase)
        last = e
    pieces.append(text[last:])
    moved = []
    for a, b in spans:
        delta, inside = 0, False
        for s, e, phrase in reps:
            if a < e and s < b and not (s <= a and b <= e):
                inside = True  # a replacement that overlaps a date: the phrase covers the date
            if s <= a and b <= e:
                inside = True
                break
            if e <= a:
                delta += len(phrase) - (e - s)
        if not inside:
            moved.append((a + delta, b + delta))
    return "".join(pieces), sorted(moved + new_spans)


#: what follows a four-digit number inside a code, not a year: "/" and five digits or
#: more ("2021/18834"), a colon and a hexadecimal group then another colon ("2001:db8:85a3")
_IN_A_CODE_AFTER = re.compile(r"/\d{5,}|:[0-9A-Fa-f]{0,4}:|::")

_ARTICLE = re.compile(r"\b([Aa])n(?=\s+\[)")


def normalise_articles(text, spans=()):
    """``(text, spans)``: "an" before a placeholder written "a", the spans moved with the text.

    The article the author wrote before a value encodes the value's first sound ("an [AGE]-year-old"
    was 80-89, 8, 11 or 18 in 16 / 16 cases, attacker 3's F1; "an [ORGANIZATION_1]" a name starting
    with a vowel), so every placeholder gets the same article.

    >>> normalise_articles("An [AGE]-year-old at an [ORGANIZATION_1], an apple.", [(3, 8), (24, 40)])
    ('A [AGE]-year-old at a [ORGANIZATION_1], an apple.', [(2, 7), (22, 38)])
    """
    if not isinstance(text, str) or "[" not in text:
        return text, list(spans)
    cuts = [m.end(1) for m in _ARTICLE.finditer(text)]  # the "n" removed sits at each cut
    if not cuts:
        return text, list(spans)
    out = "".join(text[a:b] for a, b in zip([0] + [c + 1 for c in cuts], cuts + [len(text)]))

    def move(pos: int) -> int:
        return pos - sum(1 for c in cuts if c < pos)

    return out, [(move(a), move(b)) for a, b in spans]


_EN_MONTHS = (r"(?i:\b(?:January|February|April|June|July|August|September|October|November|December)\b)"
              r"|(?-i:\b(?:March|MARCH|May)\b)|(?-i:\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b)")
_DAY_WORD_HIGH = (r"(?:(?:twenty|thirty)[\s-](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|tenth|"
                  r"eleventh|twelfth|(?:thir|four|fif|six|seven|eigh|nine)teenth|twentieth|thirtieth)")
_DAY_WORD_LOW = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
_DAY_DIGITS = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)"


@functools.lru_cache(maxsize=1)
def _leftover_patterns() -> tuple[re.Pattern, re.Pattern, frozenset]:
    data = yaml.safe_load(_RULES.read_text(encoding="utf-8"))
    other = "|".join(re.escape(str(w)) for w in sorted(data["other_language_months"], key=lambda w: (-len(str(w)), str(w))))
    months = re.compile(rf"{_EN_MONTHS}|(?i:(?<![\w\[])(?:{other})(?![\w\]]))")
    preps = "|".join(re.escape(str(w)) for w in data["lone_day_prepositions"])
    one = rf"(?:{_DAY_DIGITS}|{_DAY_WORD_HIGH}|{_DAY_WORD_LOW})"
    day = re.compile(rf"(?i)\b(?P<prep>(?:{preps})\s+)?(?(prep)(?:the\s+)?|the\s+)(?P<d>(?P<first>{one})(?![\w-])"
                     rf"(?:\s*(?:,|and|or|&|to|-|\u2013)\s*(?:the\s+)?{one}(?![\w-]))*)")
    follow = frozenset(str(w).lower() for w in data["lone_day_follow"])
    return months, day, follow


_NEXT_WORD = re.compile(r"\s*(?P<w>[^\W\d_][\w'\u2019]*|\d\w*)?")


def calendar_leftovers(text, spans=()):
    """``(text, spans)``: every month name and every day of the month standing alone that is left
    outside the spans (the de-identifier's and the release's own) masked ``[DATE]``, each mask a
    span of its own (attacker 9's F5: "the heatwave of July", "juillet", "on the 3rd", "discharged
    the fourteenth"; words in ``jobs/conf/release_text.yaml``). "The 3rd visit", "the third time",
    "may" stay.

    >>> calendar_leftovers("Seen last March and on the 3rd; the 2nd visit may wait, le bilan de juillet.")[0]
    'Seen last [DATE] and on the [DATE]; the 2nd visit may wait, le bilan de [DATE].'
    """
    if not isinstance(text, str) or not text:
        return text, list(spans)
    months, day, follow = _leftover_patterns()
    found = [(m.start(), m.end()) for m in months.finditer(text)]
    for m in day.finditer(text):
        first = m.group("first").lower()
        if re.fullmatch(_DAY_WORD_LOW, first) and not m.group("prep"):
            continue  # "the first time", "the second of his seizures"
        nxt = _NEXT_WORD.match(text, m.end())
        word = (nxt.group("w") or "").lower() if nxt else ""
        if word and word not in follow:
            continue  # "the 3rd visit", "the twentieth century"
        found.append((m.start("d"), m.end()))
    inside = list(spans)
    reps = sorted((s, e) for s, e in found if not any(a < e and s < b for a, b in inside))
    kept: list[tuple[int, int]] = []
    for s, e in reps:
        if not kept or s >= kept[-1][1]:
            kept.append((s, e))
    if not kept:
        return text, list(spans)
    pieces, last, out_len, new_spans = [], 0, 0, []
    for s, e in kept:
        pieces.append(text[last:s])
        out_len += s - last
        new_spans.append((out_len, out_len + 6))
        pieces.append("[DATE]")
        out_len += 6
        last = e
    pieces.append(text[last:])

    def move(pos: int) -> int:
        return pos + sum(6 - (e - s) for s, e in kept if e <= pos)

    return "".join(pieces), sorted([(move(a), move(b)) for a, b in spans] + new_spans)


def _death_dates(values) -> list:
    import pandas as pd

    values = pd.Series(list(values), dtype=object)
    parsed = pd.to_datetime(values, errors="coerce", format="ISO8601")
    if parsed.isna().any():  # day-first local formats the reader may have left as text
        alt = pd.to_datetime(values[parsed.isna()], errors="coerce", dayfirst=True, format="mixed")
        parsed = parsed.where(parsed.notna(), alt)
    return [d.date() if not pd.isna(d) else None for d in parsed]


def release_texts(df, text_columns, spans: dict | None = None, id_column: str = "review_id",
                  release=None, death_column: str = "death_date"):
    """Apply :func:`release_text` to ``text_columns`` of ``df``; returns ``(df, spans)`` with the
    ``{(id, column): spans}`` of the de-identifier moved to match.

    With ``release`` (a :class:`leder_insights.release.Release` whose ``text_dates`` is
    ``relative``) every remaining date is then written relative to the review's death
    (:func:`relative_dates`; the offsets are the release's, i.e. the de-identifier's), and with
    its ``mask_text_mentions`` the quasi-identifiers' values written in the text are masked."""
    df = df.copy()
    spans = dict(spans or {})
    relative = release is not None and getattr(release, "text_dates", "relative") == "relative"
    mentions = release is not None and bool(getattr(release, "mask_text_mentions", False))
    own = OwnIds(df[id_column]) if id_column in df.columns else None  # raw ids, before pseudonyms
    if relative:
        ids = list(df[id_column])
        offsets = release.offsets(ids)
        deaths = (_death_dates(df[death_column]) if death_column in df.columns
                  else [None] * len(df))
    for col in text_columns:
        if col not in df.columns:
            continue
        new = []
        for k, (rid, value) in enumerate(zip(df[id_column], df[col])):
            text, adjust = release_text(value, mentions, own)
            cell = adjust(spans.get((rid, col), ()))
            if relative:
                text, cell = relative_dates(text, cell, deaths[k], offsets[k])
            text, cell = calendar_leftovers(text, cell)  # a month name, a lone day (attacker 9's F5)
            text, cell = normalise_articles(text, cell)
            new.append(text)
            if (rid, col) in spans or relative:
                spans[(rid, col)] = cell
        df[col] = new
    return df, spans


__all__ = ["release_text", "release_texts", "lower_case_places", "relative_dates", "relative_phrase", "normalise_articles",
           "calendar_leftovers", "coarse_phrase", "event_anchored"]
