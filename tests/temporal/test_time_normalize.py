"""normalize_time: tables of (text, published) -> (value, type), negatives included."""

from __future__ import annotations

import datetime as dt

import pytest

from claimgraph.temporal import normalize_time

FRIDAY = dt.date(2024, 10, 25)  # the seed article's publication date, a Friday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # weekdays: the most recent such day on or before publication (news is past tense)
        ("Thursday", ("2024-10-24", "date")),
        ("Friday", ("2024-10-25", "date")),
        ("on Friday", ("2024-10-25", "date")),
        ("Saturday", ("2024-10-19", "date")),
        ("last Friday", ("2024-10-18", "date")),
        ("last Thursday", ("2024-10-24", "date")),
        ("this Monday", ("2024-10-21", "date")),
        ("next Tuesday", ("2024-10-29", "date")),
        ("next Friday", ("2024-11-01", "date")),
        ("Thursday night", ("2024-10-24", "date")),
        ("Thursday, Oct. 24", ("2024-10-24", "date")),
        # days, weeks, months, years relative to publication
        ("today", ("2024-10-25", "date")),
        ("yesterday", ("2024-10-24", "date")),
        ("yesterday morning", ("2024-10-24", "date")),
        ("tomorrow", ("2024-10-26", "date")),
        ("three days ago", ("2024-10-22", "date")),
        ("last week", ("2024-W42", "date")),
        ("this week", ("2024-W43", "date")),
        ("last month", ("2024-09", "month")),
        ("earlier this month", ("2024-10", "month")),
        ("this year", ("2024", "year")),
        ("later this year", ("2024", "year")),
        ("into this year", ("2024", "year")),
        ("“into this year.”", ("2024", "year")),
        ("last year", ("2023", "year")),
        ("two years ago", ("2022", "year")),
        ("a year ago", ("2023", "year")),
        # calendar dates at the precision the text gives
        ("in April 2021", ("2021-04", "month")),
        ("April 2021", ("2021-04", "month")),
        ("October 2022", ("2022-10", "month")),
        ("Oct. 3", ("2024-10-03", "date")),
        ("Oct. 3, 2023", ("2023-10-03", "date")),
        ("3 October 2022", ("2022-10-03", "date")),
        ("Sept. 11, 2001", ("2001-09-11", "date")),
        ("2024-10-03", ("2024-10-03", "date")),
        ("2022", ("2022", "year")),
        ("the 2022 midterms", ("2022", "year")),
        # open intervals
        ("before 2022", ("< 2022", "before")),
        ("prior to October 2022", ("< 2022-10", "before")),
        ("until 2020", ("< 2020", "before")),
        ("after 2022", ("> 2022", "after")),
        ("since October 2022", ("> 2022-10", "after")),
        ("since late 2022", ("> 2022-09", "after")),  # from the start of the period
        ("after late 2022", ("> 2022-12", "after")),  # once the period is over
        ("before late 2022", ("< 2022-09", "before")),
        # "before the end of" a period: by its last day (not before its last months begin)
        ("before the end of the year", ("< 2025-01", "before")),
        ("until the end of March", ("< 2024-04-01", "before")),
        ("since last year", ("> 2023", "after")),
        ("after mid-2022", ("> 2022-08", "after")),
        # intervals
        ("between October 2022 and into this year", ("2022-10/2024", "interval")),
        ("between 2019 and 2021", ("2019/2021", "interval")),
        ("from January 2019 until March 2020", ("2019-01/2020-03", "interval")),
        ("2019-2021", ("2019/2021", "interval")),
        ("2019–21", ("2019/2021", "interval")),
        ("spring 2021", ("2021-03/2021-05", "interval")),
        ("winter 2021", ("2021-12/2022-02", "interval")),
        ("last summer", ("2024-06/2024-08", "interval")),
        ("the third quarter of 2023", ("2023-07/2023-09", "interval")),
        ("Q1 2024", ("2024-01/2024-03", "interval")),
        ("the second half of 2023", ("2023-07/2023-12", "interval")),
        ("early 2022", ("2022-01/2022-04", "interval")),
        ("mid-2022", ("2022-05/2022-08", "interval")),
        ("late 2022", ("2022-09/2022-12", "interval")),
        ("late October 2022", ("2022-10-21/2022-10-31", "interval")),
        ("late last year", ("2023-09/2023-12", "interval")),
        ("the 1990s", ("1990/1999", "interval")),
        # durations
        ("the past two years", ("P2Y", "duration")),
        ("three weeks", ("P3W", "duration")),
        ("the past week", ("P1W", "duration")),
        ("24 hours", ("PT24H", "duration")),
        # clock times
        ("3 p.m.", ("T15:00", "time")),
        ("10:30 a.m.", ("T10:30", "time")),
        ("noon", ("T12:00", "time")),
        ("3 p.m. on Monday", ("2024-10-21T15:00", "time")),
        ("Thursday, Oct. 24, at noon", ("2024-10-24T12:00", "time")),
        # relative to a time in the story, not to publication: not resolvable
        ("a year earlier", (None, "relative")),
        ("the next day", (None, "relative")),
    ],
)
def test_normalize_time_against_publication(text: str, expected: tuple[str | None, str]) -> None:
    assert normalize_time(text, published=FRIDAY) == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Friday", dt.date(2024, 10, 26), ("2024-10-25", "date")),  # Saturday publication
        ("Friday", dt.date(2024, 10, 24), ("2024-10-18", "date")),  # Thursday publication
        ("Oct. 3", dt.date(2024, 10, 2), ("2023-10-03", "date")),  # prefer the past
        ("last week", dt.date(2025, 1, 2), ("2024-W52", "date")),  # ISO week across the year end
        ("last month", dt.date(2025, 1, 15), ("2024-12", "month")),
        ("last winter", dt.date(2024, 10, 25), ("2023-12/2024-02", "interval")),
        ("into this year", dt.date(2023, 3, 1), ("2023", "year")),
        ("Friday", dt.datetime(2024, 10, 25, 18, 30), ("2024-10-25", "date")),  # a datetime works too
    ],
)
def test_normalize_time_other_publication_dates(
    text: str, published: dt.date, expected: tuple[str | None, str]
) -> None:
    assert normalize_time(text, published=published) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # relative expressions need the publication date
        ("Thursday", (None, "relative")),
        ("yesterday", (None, "relative")),
        ("last week", (None, "relative")),
        ("into this year", (None, "relative")),
        ("Oct. 3", (None, "relative")),
        ("two years ago", (None, "relative")),
        ("between October 2022 and into this year", (None, "relative")),
        ("since last year", (None, "relative")),
        # absolute ones still normalize
        ("October 2022", ("2022-10", "month")),
        ("in April 2021", ("2021-04", "month")),
        ("2024-10-03", ("2024-10-03", "date")),
        ("before 2022", ("< 2022", "before")),
        ("between 2019 and 2021", ("2019/2021", "interval")),
        ("spring 2021", ("2021-03/2021-05", "interval")),
    ],
)
def test_normalize_time_without_publication(text: str, expected: tuple[str | None, str]) -> None:
    assert normalize_time(text, published=None) == expected


@pytest.mark.parametrize(
    "text",
    [
        # frequencies are not time points
        "daily",
        "daily briefing",
        "weekly",
        "annually",
        "every week",
        "twice a month",
        # ages
        "5 years old",
        "65 years old",
        "aged 65",
        "the age of 40",
        # unit compounds qualify a noun
        "a 24-hour news cycle",
        "24-hour",
        "a two-year deal",
        "5-year-old",
        # durations: how long, not when ("for thirty-seven years", "in just three days")
        "thirty-seven years",
        "just three days",
        "just a day",
        "about five minutes",
        # vague or not time at all
        "recent years",
        "decades",
        "several years ago",
        "the war",
        "3",
        # odd input
        "",
        "   ",
        "...",
        "—",
        "x" * 500,
        "between and",
        "before",
        "since since since 2020",
    ],
)
def test_normalize_time_not_a_time_point(text: str) -> None:
    assert normalize_time(text, published=FRIDAY) == (None, "unknown")


@pytest.mark.parametrize("text", [None, 2022, b"2022"])
def test_normalize_time_never_raises_on_wrong_types(text: object) -> None:
    assert normalize_time(text, published=FRIDAY) == (None, "unknown")  # type: ignore[arg-type]
