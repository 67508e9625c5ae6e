"""Tests of newsledger.events.timex: finding and resolving time expressions in news text."""

from __future__ import annotations

import time
from datetime import date, datetime
from pathlib import Path

import pytest

from newsledger.events.timex import (
    TimeExpression,
    find_time_expressions,
    parse_anchor,
    resolve_expression,
)
from newsledger.records import TimeWindow

DATA = Path(__file__).resolve().parents[1] / "data"
FRIDAY = datetime(2021, 9, 3, 13, 43)  # the Panjshir article's publication time
FRIDAY_DAY = date(2021, 9, 3)


Found = list[tuple[str, str | None, str | None]]


def found(text: str, anchor: datetime | date | None = FRIDAY) -> Found:
    return [(e.text, e.window.start, e.window.end) for e in find_time_expressions(text, anchor)]


def window(expression: str, anchor: datetime | date | None = FRIDAY) -> tuple[str | None, ...]:
    result = resolve_expression(expression, anchor)
    return (None,) if result is None else (result.start, result.end)


# ---------------------------------------------------------------- the seed article


def test_seed_article_past_40_hours() -> None:
    text = (DATA / "panjshir-2021-09-03.txt").read_text(encoding="utf-8")
    anchor = parse_anchor("2021-09-03T13:43:00")
    expressions = find_time_expressions(text, anchor)
    past = [e for e in expressions if e.text == "In the past 40 hours"]
    assert len(past) == 1
    assert past[0].window == TimeWindow(
        "2021-09-01T21:43:00", "2021-09-03T13:43:00", "In the past 40 hours"
    )
    assert text[past[0].start : past[0].end] == "In the past 40 hours"
    mid = [e for e in expressions if e.text.endswith("mid-August")]
    assert mid and (mid[0].window.start, mid[0].window.end) == ("2021-08-11", "2021-08-20")
    # "40 of their personnel", "35 of them", "120 kilometres" are not times
    assert all("40 of" not in e.text and "kilomet" not in e.text for e in expressions)


# ---------------------------------------------------------------- anchors


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2021-09-03T13:43:00", datetime(2021, 9, 3, 13, 43)),
        ("2021-09-03", date(2021, 9, 3)),
        ("2021-09-03T13:43:00Z", datetime(2021, 9, 3, 13, 43)),
        ("2021-09-03T13:43:00+04:30", datetime(2021, 9, 3, 13, 43)),
        ("2021-09-03 13:43", datetime(2021, 9, 3, 13, 43)),
        (None, None),
        ("", None),
        ("not a date", None),
    ],
)
def test_parse_anchor(published: str | None, expected: datetime | date | None) -> None:
    result = parse_anchor(published)
    assert result == expected
    assert type(result) is type(expected)


# ---------------------------------------------------------------- durations back from the anchor


@pytest.mark.parametrize(
    ("sentence", "expression", "start", "end"),
    [
        (
            "Over the past two days, fighters have pushed into the valley.",
            "Over the past two days", "2021-09-01T13:43:00", "2021-09-03T13:43:00",
        ),
        (
            "The ministry said 1,200 cases were recorded in the last 24 hours.",
            "in the last 24 hours", "2021-09-02T13:43:00", "2021-09-03T13:43:00",
        ),
        (
            "Prices have doubled during the past week, traders said.",
            "during the past week", "2021-08-27T13:43:00", "2021-09-03T13:43:00",
        ),
        (
            "Thousands have fled in recent days, the UN said.",
            "in recent days", "2021-08-31T13:43:00", "2021-09-03T13:43:00",
        ),
        (
            "At least 30 people were killed over the past 48 hours.",
            "over the past 48 hours", "2021-09-01T13:43:00", "2021-09-03T13:43:00",
        ),
        (
            "The army has made gains in the past few weeks.",
            "in the past few weeks", "2021-08-13T13:43:00", "2021-09-03T13:43:00",
        ),
        (
            "Inflation has risen sharply over the last year.",
            "over the last year", "2020-09-03T13:43:00", "2021-09-03T13:43:00",
        ),
        (
            "Rebels shelled the town for the past forty-eight hours.",
            "for the past forty-eight hours", "2021-09-01T13:43:00", "2021-09-03T13:43:00",
        ),
    ],
)
def test_durations_keep_the_anchor_time(
    sentence: str, expression: str, start: str, end: str
) -> None:
    assert (expression, start, end) in found(sentence)


def test_durations_with_a_date_anchor_are_days() -> None:
    assert found("In the past 40 hours the Taliban attacked.", FRIDAY_DAY) == [
        ("In the past 40 hours", "2021-09-01", "2021-09-03")
    ]
    assert window("over the past two days", FRIDAY_DAY) == ("2021-09-01", "2021-09-03")


def test_weekend() -> None:
    # anchor Friday 3 September: the most recent weekend is 28-29 August
    assert found("Protests spread over the weekend, police said.") == [
        ("over the weekend", "2021-08-28", "2021-08-29")
    ]
    sunday = date(2021, 9, 5)
    assert window("over the weekend", sunday) == ("2021-09-04", "2021-09-05")
    assert window("this weekend") == ("2021-09-04", "2021-09-05")
    assert window("last weekend", sunday) == ("2021-08-28", "2021-08-29")


# ---------------------------------------------------------------- relative days


@pytest.mark.parametrize(
    ("expression", "start", "end"),
    [
        ("today", "2021-09-03", "2021-09-03"),
        ("yesterday", "2021-09-02", "2021-09-02"),
        ("on Thursday", "2021-09-02", "2021-09-02"),
        ("on Friday", "2021-09-03", "2021-09-03"),  # the anchor's own weekday: same day
        ("on Monday night", "2021-08-30", "2021-08-30"),
        ("last Friday", "2021-08-27", "2021-08-27"),  # "last": strictly before the anchor
        ("last Thursday", "2021-09-02", "2021-09-02"),
        ("this Sunday", "2021-09-05", "2021-09-05"),
        ("next Monday", "2021-09-06", "2021-09-06"),
        ("overnight", "2021-09-02", "2021-09-03"),
        ("last night", "2021-09-02", "2021-09-02"),  # TimeML: the evening before
        ("this morning", "2021-09-03", "2021-09-03"),
        ("earlier today", "2021-09-03", "2021-09-03"),
        ("tomorrow", "2021-09-04", "2021-09-04"),
        ("the day before yesterday", "2021-09-01", "2021-09-01"),
        ("the day before", "2021-09-02", "2021-09-02"),
        ("three days ago", "2021-08-31", "2021-08-31"),
        ("a week ago", "2021-08-27", "2021-08-27"),
        ("two hours ago", "2021-09-03T11:43:00", "2021-09-03T11:43:00"),
    ],
)
def test_relative_days(expression: str, start: str, end: str) -> None:
    assert window(expression) == (start, end)


def test_relative_days_in_sentences() -> None:
    text = (
        "Taliban fighters attacked a checkpoint on Monday night, and the resistance said on "
        "Thursday that it had retaken the district. Overnight, heavy clashes were reported; "
        "a spokesman said this morning that the road was closed. Officials told reporters "
        "yesterday that aid would arrive."
    )
    assert found(text) == [
        ("on Monday night", "2021-08-30", "2021-08-30"),
        ("on Thursday", "2021-09-02", "2021-09-02"),
        ("Overnight", "2021-09-02", "2021-09-03"),
        ("this morning", "2021-09-03", "2021-09-03"),
        ("yesterday", "2021-09-02", "2021-09-02"),
    ]


def test_day_before_counts_from_the_last_day_named() -> None:
    text = "The talks collapsed on 1 September 2021. The day before, envoys had met in Doha."
    assert found(text) == [
        ("on 1 September 2021", "2021-09-01", "2021-09-01"),
        ("The day before", "2021-08-31", "2021-08-31"),
    ]
    assert found("Two days later the town fell.") == []  # nothing to count from
    assert found("It fell on August 20. Two days later the army withdrew.")[1] == (
        "Two days later", "2021-08-22", "2021-08-22",
    )


def test_names_are_not_days() -> None:
    text = "USA Today reported on Good Friday that The Sunday Times had the story."
    assert found(text) == []


# ---------------------------------------------------------------- relative periods


@pytest.mark.parametrize(
    ("expression", "start", "end"),
    [
        ("last week", "2021-08-23", "2021-08-29"),
        ("this week", "2021-08-30", "2021-09-05"),
        ("earlier this week", "2021-08-30", "2021-09-03"),
        ("earlier this month", "2021-09-01", "2021-09-03"),
        ("last month", "2021-08-01", "2021-08-31"),
        ("earlier this year", "2021-01-01", "2021-09-03"),
        ("last year", "2020-01-01", "2020-12-31"),
        ("late last year", "2020-09-01", "2020-12-31"),
        ("next month", "2021-10-01", "2021-10-31"),
    ],
)
def test_relative_periods(expression: str, start: str, end: str) -> None:
    assert window(expression) == (start, end)


def test_relative_periods_in_sentences() -> None:
    text = (
        "The group seized Kandahar last month and, earlier this year, took several districts. "
        "Its leader was killed last year, officials said last week."
    )
    assert found(text) == [
        ("last month", "2021-08-01", "2021-08-31"),
        ("earlier this year", "2021-01-01", "2021-09-03"),
        ("last year", "2020-01-01", "2020-12-31"),
        ("last week", "2021-08-23", "2021-08-29"),
    ]


# ---------------------------------------------------------------- parts of months


@pytest.mark.parametrize(
    ("expression", "start", "end"),
    [
        ("mid-August", "2021-08-11", "2021-08-20"),
        ("early September", "2021-09-01", "2021-09-10"),
        ("late July", "2021-07-21", "2021-07-31"),
        ("late February", "2021-02-21", "2021-02-28"),
        ("in August", "2021-08-01", "2021-08-31"),
        ("in November", "2020-11-01", "2020-11-30"),  # would be after the anchor: year before
        ("late September", "2020-09-21", "2020-09-30"),  # starts after 3 September 2021
        ("the end of August", "2021-08-21", "2021-08-31"),
        ("in May 2019", "2019-05-01", "2019-05-31"),
        ("last December", "2020-12-01", "2020-12-31"),
    ],
)
def test_month_parts(expression: str, start: str, end: str) -> None:
    assert window(expression) == (start, end)


def test_month_parts_in_a_sentence() -> None:
    text = (
        "The insurgents took over the country in a rapid blitz in mid-August, after an "
        "offensive launched in early May."
    )
    assert found(text) == [
        ("in mid-August", "2021-08-11", "2021-08-20"),
        ("in early May", "2021-05-01", "2021-05-10"),
    ]


def test_a_count_after_a_month_is_not_its_day() -> None:
    assert found("In May 15 people died and in March 200 troops were sent home.") == [
        ("In May", "2021-05-01", "2021-05-31"),
        ("in March", "2021-03-01", "2021-03-31"),
    ]


def test_the_last_week_of_a_month_is_not_last_week() -> None:
    assert found("The last week of August was chaotic.") == [
        ("of August", "2021-08-01", "2021-08-31")
    ]


def test_bare_month_names_are_not_times() -> None:
    assert found("May God protect them, said Ahmad, who will march on Kabul.") == []
    assert found("They may march in protest.") == []


# ---------------------------------------------------------------- explicit dates


@pytest.mark.parametrize(
    ("expression", "start", "end"),
    [
        ("September 1", "2021-09-01", "2021-09-01"),
        ("Sept. 1", "2021-09-01", "2021-09-01"),
        ("1 September 2021", "2021-09-01", "2021-09-01"),
        ("Sep 1, 2021", "2021-09-01", "2021-09-01"),
        ("2021-09-01", "2021-09-01", "2021-09-01"),
        ("the 31st of August", "2021-08-31", "2021-08-31"),
        ("Thursday, September 2", "2021-09-02", "2021-09-02"),
        ("September 1-3, 2020", "2020-09-01", "2020-09-03"),
        # a day without a year is the last one, unless that is long past and the next is
        # near: on 3 September, "13/9" is ten days ahead, "9/9" six days ahead
        ("on 13/9", "2021-09-13", "2021-09-13"),
        ("on 9/9", "2021-09-09", "2021-09-09"),
        ("on 28/8", "2021-08-28", "2021-08-28"),
        ("31/8/21", "2021-08-31", "2021-08-31"),
        ("25.08.2021", "2021-08-25", "2021-08-25"),
        ("in 2019", "2019-01-01", "2019-12-31"),
        ("mid-2020", "2020-05-01", "2020-08-31"),
        ("in the 1990s", "1990-01-01", "1999-12-31"),
        ("since 2019", "2019-01-01", "2021-09-03"),
    ],
)
def test_explicit_dates(expression: str, start: str, end: str) -> None:
    assert window(expression) == (start, end)


def test_other_spellings_fall_back_on_dateparser() -> None:
    assert window("3 septembre 2021", None) == ("2021-09-03", "2021-09-03")
    assert window("Sept 11th, 2001", None) == ("2001-09-11", "2001-09-11")


def test_two_dates_joined_by_and() -> None:
    text = "Evacuation flights continued on August 31 and September 1, officials said."
    assert found(text) == [
        ("on August 31", "2021-08-31", "2021-08-31"),
        ("September 1", "2021-09-01", "2021-09-01"),
    ]


def test_ambiguous_numeric_dates_are_skipped() -> None:
    assert window("on 1/9") == (None,)
    assert window("1/9/2021") == (None,)
    assert found("The meeting was held on 1/9 in Kabul.") == []


def test_explicit_dates_in_sentences() -> None:
    text = (
        "The agreement, signed in Doha on 29 February 2020, set a withdrawal date of "
        "May 1, 2021. The last US soldier left on 2021-08-30."
    )
    assert found(text) == [
        ("on 29 February 2020", "2020-02-29", "2020-02-29"),
        ("of May 1, 2021", "2021-05-01", "2021-05-01"),  # its preposition, as "on"
        ("on 2021-08-30", "2021-08-30", "2021-08-30"),
    ]


# ---------------------------------------------------------------- no anchor, nothing invented


def test_without_anchor_only_dates_with_a_year_resolve() -> None:
    text = (
        "On Thursday, yesterday and in mid-August fighting flared; the accord of "
        "1 September 2021 and the elections in 2019 were cited."
    )
    assert found(text, None) == [
        ("of 1 September 2021", "2021-09-01", "2021-09-01"),
        ("in 2019", "2019-01-01", "2019-12-31"),
    ]
    assert resolve_expression("yesterday", None) is None
    assert resolve_expression("September 1", None) is None
    assert window("since 2019", None) == ("2019-01-01", None)


@pytest.mark.parametrize(
    "text",
    [
        "At least 40 people were killed and 120 kilometres of road were closed.",
        "Pakistan bought F-16 jets; COVID-19 cases rose; G20 leaders met.",
        "The 45-year-old commander, aged 52, paid $2,021 and 2019 rupees.",
        "A 2019 report found 2,020 cases; the death toll rose to 2021.",
        "Turnout was 24/7 and prices rose by 3.5 per cent, or 1/2 of the total.",
        "The Taliban lost 40 of their personnel, another 35 of them were wounded.",
    ],
)
def test_numbers_are_not_times(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize("expression", ["", "   ", "the meeting", "40 people", "F-16", "soon"])
def test_unresolvable_expressions(expression: str) -> None:
    assert resolve_expression(expression, FRIDAY) is None


def test_offsets_point_into_the_text() -> None:
    text = "Kabul, Sept. 3 — Fighting raged in the last 24 hours, a day after the talks."
    for expression in find_time_expressions(text, FRIDAY):
        assert isinstance(expression, TimeExpression)
        assert text[expression.start : expression.end] == expression.text
        assert expression.window.text == expression.text


def test_speed_on_a_long_article() -> None:
    base = (DATA / "panjshir-2021-09-03.txt").read_text(encoding="utf-8")
    text = " ".join([base] * (5000 // len(base.split()) + 1))
    assert len(text.split()) >= 5000
    started = time.perf_counter()
    expressions = find_time_expressions(text, FRIDAY)
    elapsed = time.perf_counter() - started
    assert expressions
    assert elapsed < 0.5


def test_a_day_of_last_year_and_the_evening_of_a_day() -> None:
    """From a PA court report (GeoWebNews 62): "the victim was killed on the evening of May 26
    last year"; the evening's "of" belongs to the date, and "last year" names its year."""
    anchor = date(2019, 11, 20)
    assert found("the victim was killed on the evening of May 26 last year on the estate",
                 anchor) == [("of May 26 last year", "2018-05-26", "2018-05-26")]
    assert found("in March this year", anchor) == [("in March this year", "2019-03-01",
                                                    "2019-03-31")]
    assert found("talks resume on 5 May next year", anchor) == [
        ("on 5 May next year", "2020-05-05", "2020-05-05")]
