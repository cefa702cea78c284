"""Normalize one time expression against the publication date.

``normalize_time(text, published=...)`` returns ``(value, type)`` as ``TimeExpression`` wants them:

=============================  ==========================  ==========
text (published 2024-10-25)    value                       type
=============================  ==========================  ==========
October 2022                   2022-10                     month
Oct. 3                         2024-10-03                  date
2022, the 2022 midterms        2022                        year
Thursday                       2024-10-24                  date
last week                      2024-W42                    date [#]_
before 2022                    < 2022                      before
since October 2022             > 2022-10                   after
between 2019 and 2021          2019/2021                   interval
spring 2021                    2021-03/2021-05             interval
the past two years             P2Y                         duration
3 p.m. on Monday               2024-10-21T15:00            time
daily, 5 years old, 24-hour    None                        unknown
=============================  ==========================  ==========

.. [#] a week is typed ``date`` (its precision is the ISO week); there is no ``week`` type in the record.

Without ``published``, a relative expression ("Thursday", "last year", "Oct. 3" -- no year) gets
``(None, "relative")``; an expression with its own four-digit year still normalizes.
Expressions anchored to a time in the story rather than to publication ("a year earlier", "the next day")
get ``(None, "relative")`` even with ``published``: resolving them needs the narrative, not the calendar.
Odd input never raises: it gives ``(None, "unknown")``.

What dateparser does and what is hand-written
----------------------------------------------
dateparser (one ``DateDataParser`` per publication date, ``RELATIVE_BASE`` = publication date,
``PREFER_DATES_FROM="past"``, ``languages=["en"]``) parses the calendar forms it handles well: month names
and abbreviations with or without day and year ("Oct. 3", "3 October 2022", "April 2021"), numeric dates
("2022-10-03", "10/3/2022"), and "N units ago" with number words. Its ``period`` gives the precision.

Hand-written rules come first, because dateparser gets these wrong or does not know them:

* bare weekdays: dateparser maps "Friday" on a Friday to the week before. News is past tense, so a bare
  weekday (or "on Friday") is *the most recent such day on or before publication*: "Friday" on Friday
  2024-10-25 is that same day. "last Friday" is strictly before publication (a week back when it is the same
  weekday), "next Friday" / "this coming Friday" strictly after, "this Friday" the one in the publication's
  ISO week;
* "over the weekend" (the latest Saturday and Sunday, an interval), "next weekend";
* "today", "yesterday", "last/this/next week|month|year", "earlier this month", "later this year":
  exact calendar arithmetic, no parser needed;
* "before/prior to/until X" -> ``"< X"`` (type before), "after/since/from X" -> ``"> X"`` (type after);
  for a period, "before" and "since" take its start, "after" its end ("since late 2022" -> ``"> 2022-09"``),
  and "before the end of X" the month (or day) after X ends ("before the end of the year" -> ``"< 2027-01"``);
  "until" is read as an open end, like "before";
* "into this year" -> the year itself (``"2024"``, type year): "into" says a period reached that year, the
  time point the phrase names is the year. Inside "between X and into Y" it is the interval's end;
* "between X and Y", "from X to Y", "2019-2021" -> ``"X/Y"`` (interval);
* seasons (northern meteorological: spring = March-May, winter 2021 = 2021-12/2022-02), quarters and halves
  ("the third quarter of 2023" -> 2023-07/2023-09), decades ("the 1990s" -> 1990/1999), and
  "early/mid/late 2022" (thirds: 2022-01/2022-04, 2022-05/2022-08, 2022-09/2022-12; of a month: days 1-10,
  11-20, 21-end; "the end of the year" is of the current year, as news means it) -> intervals, so that
  every value stays plain ISO 8601;
* clock times ("3 p.m.", "10:30 a.m.", "noon") -> ``"T15:00"``, joined to a day when one is given;
* durations ("the past two years", "three weeks") -> ``"P2Y"``, ``"P3W"``;
* not time points: frequency words ("daily", "every week"), ages ("65 years old", "aged 65"), and
  hyphenated unit compounds that qualify a noun ("a 24-hour news cycle", "a two-year deal").

Speed (``timeit``, 1,000 calls, Python 3.12, one core, published 2024-10-25)::

    normalize_time, cached (same text and date)              ~2 ms
    normalize_time, uncached, hand-written rule ("Thursday")  ~8-15 ms
    normalize_time, uncached, through dateparser ("Oct. 3")   ~500-750 ms
    extract_times on the parsed seed article (2.6 kB)         ~2 s  (2 ms a document; spaCy's parse: ~90 ms)

The first dateparser call in a process loads its language data (~0.1 s).
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from typing import Any, Final

from dateparser.date import DateDataParser

Normalized = tuple[str | None, str]

_UNKNOWN: Final[Normalized] = (None, "unknown")
_RELATIVE: Final[Normalized] = (None, "relative")

# Days, months, numbers -------------------------------------------------------------------------------------

_WEEKDAYS: Final[dict[str, int]] = {
    name: index for index, name in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))
}
_NUMBER_WORDS: Final[dict[str, int]] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "a couple of": 2, "a few": 3,
}
_NUMBER: Final[str] = r"(?:\d+|a couple of|a few|" + "|".join(
    sorted((w for w in _NUMBER_WORDS if " " not in w), key=len, reverse=True)) + ")"
_UNIT_CODES: Final[dict[str, str]] = {
    "second": "TS", "minute": "TM", "hour": "TH", "day": "D", "week": "W", "month": "M", "year": "Y",
    "decade": "DE",
}
_UNIT: Final[str] = r"(second|minute|hour|day|week|month|year|decade)s?"

# Seasons as (first month, last month); winter runs into the next year.
_SEASONS: Final[dict[str, tuple[int, int]]] = {
    "spring": (3, 5), "summer": (6, 8), "fall": (9, 11), "autumn": (9, 11), "winter": (12, 2),
}
_ORDINALS: Final[dict[str, int]] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "final": 4,
    "last": 4,
}

# Rules, most specific first. Each exists because dateparser misses or misreads the form. -------------------

# Not time points: how often, how old, what kind.
_FREQUENCY = re.compile(
    r"^(?:(?:bi|semi)?(?:daily|weekly|monthly|yearly|annually|annual|quarterly|hourly|nightly)"
    r"|fortnightly|(?:every|each|per|a)\s+(?:other\s+)?(?:\w+\s+)?(?:day|week|month|year|hour|morning|"
    r"evening|night|weekend)s?|(?:once|twice|\w+ times) a (?:day|week|month|year)|24/7|round the clock)$")
_AGE = re.compile(r"\byears?[\s-]+old\b|\b(?:months?|weeks?|days?)[\s-]+old\b|\baged?\b|\bages?\s+of\b")
# "a 24-hour news cycle", "a two-year deal": the compound qualifies a noun.
_COMPOUND = re.compile(r"^(?:(?:a|an|the)\s+)?[\w.]+-"
                       r"(?:second|minute|hour|day|week|month|year|decade)\b(?!s)")

_FILLER = re.compile(r"^(?:on|in|at|during|of|the)\s+")
_RANGE = re.compile(r"^(?:between|from)\s+(.+?)\s+(?:and|to|through|till|until|-)\s+(.+)$")
_YEAR_RANGE = re.compile(r"^(\d{4})\s*[-/]\s*(\d{2}|\d{4})$")
_BEFORE = re.compile(r"^(?:before|prior to|until|till|up to|up until|no later than|ahead of)\s+(.+)$")
_AFTER = re.compile(r"^(?:after|since|from|starting(?: in| from)?|beginning(?: in)?|as early as)\s+(.+)$")
_INTO = re.compile(r"^(?:into|through|throughout)\s+(.+)$")
_PART_OF = re.compile(
    r"^(early|mid|late|the (?:start|beginning|middle|end) of|(?:start|beginning|middle|end) of)[\s-]+(.+)$")
_LOOSE = re.compile(r"^(?:earlier|later|sometime|some time|(?:at )?some point)\s+(?:in\s+)?(.+)$")
_SEASON = re.compile(r"^(?:(this|last|next|this past|past)\s+)?(spring|summer|fall|autumn|winter)"
                     r"(?:\s+(?:of\s+)?(\d{4}))?$")
_QUARTER = re.compile(r"^(?:(first|second|third|fourth|final|last|1st|2nd|3rd|4th)\s+quarter|q([1-4]))"
                      r"(?:\s+(?:of\s+)?(\d{4}))?$")
_HALF = re.compile(r"^(first|second|1st|2nd)\s+half\s+(?:of\s+)?(\d{4})$")
_DECADE = re.compile(r"^(\d{3})0s$")
_WEEKDAY = re.compile(
    r"^(?:(last|this past|past|this|next|this coming|coming)\s+)?"
    r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"(?:\s+(?:morning|afternoon|evening|night))?$")
_WEEKDAY_THEN_DATE = re.compile(r"^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+(.+)$")
_DAY_WORD = re.compile(
    r"^(today|tonight|yesterday|tomorrow|this (?:morning|afternoon|evening)|last night)"
    r"(?:\s+(?:morning|afternoon|evening|night))?$")
_CALENDAR_UNIT = re.compile(r"^(last|this|next|past|previous|coming)\s+(week|month|year)$")
_WEEKEND = re.compile(
    r"^(?:(?:over|during|at|on)\s+)?(the|this past|last|this|next|this coming|coming)\s+weekend$")
_DURATION = re.compile(r"^(?:for\s+|over\s+|within\s+|in\s+)?(?:the\s+)?"
                       r"(?:(?:past|last|next|coming|previous)\s+)?(" + _NUMBER + r")\s+" + _UNIT + r"$")
_PAST_UNIT = re.compile(r"^(?:for\s+|over\s+|within\s+|in\s+)?(?:the\s+)?past\s+"
                        r"(second|minute|hour|day|week|month|year|decade)$")
_AGO = re.compile(r"^(" + _NUMBER + r")\s+" + _UNIT + r"\s+ago$")
# "a year earlier", "two days later", "the day before": relative to a time in the story, not to publication.
_ANAPHORIC = re.compile(r"\S\s+(?:earlier|later|before|after|afterwards?|previously)$"
                        r"|^(?:next|following|previous) day$|^(?:following|previous) (?:week|month|year)$")
_CLOCK = re.compile(r"(?:(\d{1,2})(?::(\d{2}))?\s*([ap])\.?\s?m\b\.?|(\d{1,2}):(\d{2})"
                    r"|\b(noon|midday|midnight)\b)"
                    r"(?:\s+(?:[a-z]{1,4}\s+)?(?:local time|gmt|utc|et|est|edt|pt|pst|pdt|bst|cet|msk))?")
_FOUR_DIGIT_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
_ONLY_YEAR = re.compile(r"^(1[0-9]\d\d|20\d\d)$")
_CALENDAR_ISH = re.compile(r"[a-z]|\d{4}|\d+[/.-]\d+")
# What dateparser needs to place a text on the calendar: a number, a month or weekday, or a deictic word.
# Without one ("years", "several days", "just a day") it can only fail, and failing is its slowest path
# (every parser is tried: about 3 ms a call, most of the time spent on times in a news article).
_ANCHORED = re.compile(
    r"\d|\b(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun"
    r"|ago|last|next|this|past|coming|previous|yesterday|today|tonight|tomorrow|now|century|decade"
    r"|morning|afternoon|evening|night|overnight|noon|midnight)\b",
    re.IGNORECASE,
)


# The parser -----------------------------------------------------------------------------------------------

# Any reference date will do when the text carries its own year; a fixed one keeps results reproducible.
_ABSOLUTE_BASE: Final = dt.date(2000, 1, 1)


@functools.lru_cache(maxsize=64)
def _parser_for(published: dt.date) -> DateDataParser:
    """One dateparser per publication date (the reference date is a parser setting)."""
    settings: dict[str, Any] = {
        "RELATIVE_BASE": dt.datetime.combine(published, dt.time()),
        "PREFER_DATES_FROM": "past",
        "RETURN_TIME_AS_PERIOD": True,
    }
    return DateDataParser(languages=["en"], settings=settings)


def load_dateparser() -> None:
    """Load dateparser's language and time-zone tables now (about 0.2 s, on its first call otherwise)."""
    _dateparser("this weekend", _ABSOLUTE_BASE)


def _dateparser(text: str, published: dt.date) -> tuple[dt.date, str] | None:
    """(date, period) from dateparser, period one of day|week|month|year|time; None when it fails."""
    if not _CALENDAR_ISH.search(text) or not _ANCHORED.search(text):  # "3" alone would come back as March
        return None
    data = _parser_for(published).get_date_data(text)
    if data.date_obj is None:
        return None
    return data.date_obj.date(), str(data.period or "day")


# Formatting ----------------------------------------------------------------------------------------------

def _iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _at_period(day: dt.date, period: str) -> Normalized:
    if period == "year":
        return f"{day.year:04d}", "year"
    if period == "month":
        return f"{day.year:04d}-{day.month:02d}", "month"
    if period == "week":
        return _iso_week(day), "date"
    return day.isoformat(), "date"


def _month_end(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _just_after(value: str) -> str | None:
    """The month after a month ("2026-12" -> "2027-01"), the day after a day; None for other values."""
    if re.fullmatch(r"\d{4}-\d{2}", value):
        year, month = int(value[:4]), int(value[5:])
        return f"{year + month // 12}-{month % 12 + 1:02d}"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return (dt.date.fromisoformat(value) + dt.timedelta(days=1)).isoformat()
    return None


def _interval_bounds(value: str) -> tuple[str, str]:
    start, _, end = value.partition("/")
    return start, end or start


# The rules -----------------------------------------------------------------------------------------------

def _clean(text: str) -> str:
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"[\u2013\u2014\u2212]", "-", text)
    text = re.sub(r"\s+", " ", text)
    text = text.strip(" \t\n\"'\u201c\u201d,;:!?()[]")
    # a trailing full stop, unless it closes "p.m." / "a.m." / an abbreviation like "oct."
    if text.endswith(".") and not re.search(r"(?:\b[ap]\.m|\b[a-z]{3,4})\.$", text):
        text = text.rstrip(".")
    return text


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return _NUMBER_WORDS.get(word)


def _weekday(match: re.Match[str], published: dt.date) -> Normalized:
    modifier, name = match.group(1), match.group(2)
    target = _WEEKDAYS[name]
    back = (published.weekday() - target) % 7  # days back to the most recent such day, 0 = today
    if modifier in ("next", "this coming", "coming"):
        ahead = (target - published.weekday()) % 7 or 7
        return (published + dt.timedelta(days=ahead)).isoformat(), "date"
    if modifier == "this":
        monday = published - dt.timedelta(days=published.weekday())
        return (monday + dt.timedelta(days=target)).isoformat(), "date"
    if modifier in ("last", "this past", "past"):
        back = back or 7
    return (published - dt.timedelta(days=back)).isoformat(), "date"


def _day_word(word: str, published: dt.date) -> Normalized:
    shift = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(word, 0)
    return (published + dt.timedelta(days=shift)).isoformat(), "date"


def _weekend(which: str, published: dt.date) -> Normalized:
    """"over the weekend", "last weekend": the latest Saturday and Sunday before publication (or that
    weekend, published on it); "next weekend", "this coming weekend", and "this weekend" on a weekday: the
    next one."""
    saturday = published - dt.timedelta(days=(published.weekday() - 5) % 7)  # latest Saturday on or before
    if which in ("next", "this coming", "coming") or (which == "this" and published.weekday() < 5):
        saturday += dt.timedelta(days=7)
    return f"{saturday.isoformat()}/{(saturday + dt.timedelta(days=1)).isoformat()}", "interval"


def _calendar_unit(which: str, unit: str, published: dt.date) -> Normalized:
    step = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}[which]
    if unit == "week":
        return _iso_week(published + dt.timedelta(weeks=step)), "date"
    if unit == "year":
        return f"{published.year + step:04d}", "year"
    month_index = published.year * 12 + published.month - 1 + step
    return f"{month_index // 12:04d}-{month_index % 12 + 1:02d}", "month"


def _season(match: re.Match[str], published: dt.date | None) -> Normalized:
    which, name, year_text = match.group(1), match.group(2), match.group(3)
    first, last = _SEASONS[name]
    if year_text:
        year = int(year_text)
    elif published is None:
        return _RELATIVE
    elif which in ("last", "this past", "past"):
        # the most recent such season that ended before the publication month
        year = published.year
        while (year + (1 if last < first else 0), last) >= (published.year, published.month):
            year -= 1
    elif which == "next":
        year = published.year if (published.month < first) else published.year + 1
    else:
        year = published.year
    end_year = year + 1 if last < first else year
    return f"{year:04d}-{first:02d}/{end_year:04d}-{last:02d}", "interval"


def _quarter(number: int, year: int) -> Normalized:
    first = 3 * number - 2
    return f"{year:04d}-{first:02d}/{year:04d}-{first + 2:02d}", "interval"


def _part_of(part: str, value: str, kind: str) -> Normalized | None:
    """early/mid/late X as the first/middle/last third of X (year or month)."""
    third = 0 if part in ("early", "start of", "beginning of") else 1 if part in ("mid", "middle of") else 2
    if kind == "year":
        first = 1 + 4 * third
        return f"{value}-{first:02d}/{value}-{first + 3:02d}", "interval"
    if kind == "month":
        year, month = int(value[:4]), int(value[5:7])
        first_day, last_day = ((1, 10) if third == 0 else (11, 20) if third == 1
                               else (21, _month_end(year, month)))
        return f"{value}-{first_day:02d}/{value}-{last_day:02d}", "interval"
    return None


def _clock(match: re.Match[str]) -> str | None:
    hour_text, minute_text, half, hour24, minute24, word = match.groups()
    if word:
        return "T00:00" if word == "midnight" else "T12:00"
    if hour24 is not None:
        hour, minute = int(hour24), int(minute24)
    else:
        hour, minute = int(hour_text), int(minute_text or 0)
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "p" else 0)
    if hour > 23 or minute > 59:
        return None
    return f"T{hour:02d}:{minute:02d}"


_MONTH_NUMBERS: Final = {
    name: number
    for number, names in enumerate(
        (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sept", "sep"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")),
        start=1,
    )
    for name in names
}
_MONTH_DAY_YEAR: Final = re.compile(
    r"^(?:in |on )?(?P<month>[a-z]+)\.?(?: (?P<day>\d{1,2})(?:st|nd|rd|th)?)?(?:,? (?P<year>\d{4}))?$"
)


def _month_day_year(text: str, published: dt.date | None) -> Normalized | None:
    """"Sept. 11", "September 27, 2016", "March 2016", "June": by hand, because these are most of the
    dates in news and dateparser takes milliseconds each. A date without a year is the most recent such
    date on or before publication, as dateparser reads it (news looks back; future tense is handled
    where the clause is known, in ``claimgraph.temporal.extract``)."""
    m = _MONTH_DAY_YEAR.match(text)
    if m is None or m.group("month") not in _MONTH_NUMBERS:
        return None
    month = _MONTH_NUMBERS[m.group("month")]
    day = int(m.group("day")) if m.group("day") else None
    year = int(m.group("year")) if m.group("year") else None
    if year is None and day is None and m.group("month") == "may":
        return None  # "may" is far more often the verb
    if year is None:
        if published is None:
            return _RELATIVE
        year = published.year
        try:
            if (dt.date(year, month, day) if day else dt.date(year, month, 1)) > published:
                year -= 1
        except ValueError:
            return None
    try:
        if day is not None:
            return dt.date(year, month, day).isoformat(), "date"
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}", "month"


def _has_own_year(text: str) -> bool:
    return bool(_FOUR_DIGIT_YEAR.search(text))


def _normalize(text: str, published: dt.date | None, depth: int = 0) -> Normalized:
    if depth > 4:
        return _UNKNOWN
    text = _clean(text)
    if not text:
        return _UNKNOWN
    if _FREQUENCY.match(text) or _AGE.search(text) or _COMPOUND.match(text):
        return _UNKNOWN
    while (m := _FILLER.match(text)) is not None:
        text = text[m.end():]
    if _ANAPHORIC.search(text) and not _BEFORE.match(text) and not _AFTER.match(text):
        return _RELATIVE

    def inner(rest: str) -> Normalized:
        return _normalize(rest, published, depth + 1)

    # Ranges and open intervals wrap other expressions: resolve the inside, then combine.
    if (m := _YEAR_RANGE.match(text)) is not None:
        start, end = m.group(1), m.group(2)
        if len(end) == 2:
            end = start[:2] + end
        return (f"{start}/{end}", "interval") if end > start else _UNKNOWN
    if (m := _RANGE.match(text)) is not None:
        first, second = inner(m.group(1)), inner(m.group(2))
        kinds = {first[1], second[1]}
        if "relative" in kinds:
            return _RELATIVE
        if first[0] is None or second[0] is None or kinds & {"before", "after", "unknown", "duration"}:
            return _UNKNOWN
        return f"{_interval_bounds(first[0])[0]}/{_interval_bounds(second[0])[1]}", "interval"
    for pattern, sign, kind in ((_BEFORE, "<", "before"), (_AFTER, ">", "after")):
        if (m := pattern.match(text)) is not None:
            value, rest_kind = inner(m.group(1))
            if value is None or rest_kind in ("before", "after", "duration", "time"):
                return (value, rest_kind) if value is None else _UNKNOWN
            start, end = _interval_bounds(value)
            # before a period: its start; after it: its end; since (from, starting) a period: its start
            # ("since late 2022" is from September 2022 on, "after late 2022" from January 2023)
            after_all = sign == ">" and text.startswith("after")
            if sign == "<" and re.match(r"(?:the )?end of\b", m.group(1)) and (after := _just_after(end)):
                return f"< {after}", kind  # "before the end of the year": by its last day
            return f"{sign} {end if after_all else start}", kind
    if (m := _INTO.match(text)) is not None:
        return inner(m.group(1))
    if (m := _PART_OF.match(text)) is not None:
        # "by the end of the year": the current one, as a news report means it
        rest = re.sub(r"^the (year|month|week)$", r"this \1", m.group(2))
        value, kind = inner(rest)
        if value is None:
            return value, kind
        return _part_of(m.group(1).removeprefix("the "), value, kind) or (value, kind)
    if (m := _LOOSE.match(text)) is not None:
        return inner(m.group(1))

    # Clock times, alone or with a day.
    if (m := _CLOCK.search(text)) is not None:
        clock = _clock(m)
        if clock is None:
            return _UNKNOWN
        rest = (text[:m.start()] + " " + text[m.end():]).strip()
        rest = re.sub(r"^(?:on|at)\s+|\s+(?:on|at)$", "", re.sub(r"\s+", " ", rest)).strip(" ,")
        if not rest:
            return clock, "time"
        day, day_kind = inner(rest)
        if day is None:
            return day, ("relative" if day_kind == "relative" else "unknown")
        return (f"{day}{clock}", "time") if day_kind == "date" and "W" not in day else _UNKNOWN

    # Forms that need no reference date.
    if (m := _ONLY_YEAR.match(text)) is not None:
        return text, "year"
    if (m := _DECADE.match(text)) is not None:
        return f"{m.group(1)}0/{m.group(1)}9", "interval"
    if (m := _DURATION.match(text)) is not None:
        count = _number(m.group(1))
        if count is None:
            return _UNKNOWN
        code = _UNIT_CODES[m.group(2)]
        return (f"PT{count}{code[1]}" if code.startswith("T") else f"P{count}{code}"), "duration"
    if (m := _PAST_UNIT.match(text)) is not None:
        code = _UNIT_CODES[m.group(1)]
        return (f"PT1{code[1]}" if code.startswith("T") else f"P1{code}"), "duration"
    if (m := _QUARTER.match(text)) is not None:
        number = _ORDINALS.get(m.group(1) or "", 0) or int(m.group(2) or 0)
        if m.group(3) is not None:
            return _quarter(number, int(m.group(3)))
        if published is None:
            return _RELATIVE
        # "the third quarter": the most recent one that began on or before publication
        year = published.year if 3 * number - 2 <= published.month else published.year - 1
        return _quarter(number, year)
    if (m := _HALF.match(text)) is not None:
        year = int(m.group(2))
        first_half = _ORDINALS[m.group(1)] == 1
        return (f"{year}-01/{year}-06" if first_half else f"{year}-07/{year}-12"), "interval"
    if (m := _SEASON.match(text)) is not None:
        return _season(m, published)

    # Forms relative to the publication date.
    relative = (_WEEKDAY.match(text) or _DAY_WORD.match(text) or _CALENDAR_UNIT.match(text)
                or _WEEKEND.match(text) or _AGO.match(text))
    if relative is not None:
        if published is None:
            return _RELATIVE
        if relative.re is _WEEKEND:
            return _weekend(relative.group(1), published)
        if relative.re is _WEEKDAY:
            return _weekday(relative, published)
        if relative.re is _DAY_WORD:
            return _day_word(relative.group(1), published)
        if relative.re is _CALENDAR_UNIT:
            return _calendar_unit(relative.group(1), relative.group(2), published)
        parsed = _dateparser(text, published)  # "two years ago": dateparser knows number words
        if parsed is None:
            return _UNKNOWN
        unit = relative.group(2)  # the precision the text gives: "two years ago" is a year
        precision = "year" if unit == "decade" else unit if unit in ("week", "month", "year") else "day"
        return _at_period(parsed[0], precision)
    if (m := _WEEKDAY_THEN_DATE.match(text)) is not None:  # "Thursday, Oct. 24": the date says it all
        return inner(m.group(1))

    # Calendar dates: the common written forms by hand (fast), the rest by dateparser.
    if (fast := _month_day_year(text, published)) is not None:
        return fast
    own_year = _has_own_year(text)
    parsed = _dateparser(text, published if published is not None else _ABSOLUTE_BASE)
    if parsed is not None:
        if published is None and not own_year:
            return _RELATIVE
        if parsed[1] == "time":
            return _UNKNOWN
        return _at_period(*parsed)
    # A year inside other words ("the 2022 midterms") is still a year mention.
    years = _FOUR_DIGIT_YEAR.findall(text)
    if len(years) == 1:
        return years[0], "year"
    return _UNKNOWN


@functools.lru_cache(maxsize=8192)
def _normalize_cached(text: str, published: dt.date | None) -> Normalized:
    return _normalize(text, published)


def normalize_time(text: str, *, published: dt.date | None) -> Normalized:
    """The ISO 8601 value and the type of one time expression, read against the publication date.

    ``("2022-10", "month")`` for "October 2022"; ``(None, "relative")`` for a relative expression when
    ``published`` is None; ``(None, "unknown")`` for anything that is not a time point. Never raises.
    """
    if not isinstance(text, str) or len(text) > 200:
        return _UNKNOWN
    if isinstance(published, dt.datetime):  # a datetime is a date too; the rules want the day
        published = published.date()
    try:
        return _normalize_cached(text, published)
    except Exception:  # degrade, never raise: dateparser and odd input must not sink a document
        return _UNKNOWN
