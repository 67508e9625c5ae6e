"""Filter values checked before a query: calendar dates, known event types, countries."""

from __future__ import annotations

import pytest

from newsledger.errors import InvalidFilter
from newsledger.store import Filters
from newsledger.store.filter_values import checked_filters, checked_time, country_code


@pytest.mark.parametrize(("value", "expected"), [
    ("2021-09-03", "2021-09-03"), ("2021-09-03T13:43:00", "2021-09-03T13:43:00"),
    ("2021-09-03 13:43", "2021-09-03T13:43"), ("2021-09-03T13:43:00Z", "2021-09-03T13:43:00Z"),
    ("2021-09-03T13:43:00+04:30", "2021-09-03T13:43:00+04:30"),
])
def test_iso_dates_and_date_times_pass(value: str, expected: str) -> None:
    assert checked_time(value, "since") == expected


@pytest.mark.parametrize("value", [
    "yesterday", "2019-13-45", "2021-02-30", "03/09/2021", "20210903", "2021-09", "not a date",
    "2021-09-03T25:00",
])
def test_anything_else_is_refused_with_the_form_to_use(value: str) -> None:
    with pytest.raises(InvalidFilter) as raised:
        checked_time(value, "since")
    assert raised.value.option == "since" and value in str(raised.value)


def test_until_before_since_is_refused() -> None:
    with pytest.raises(InvalidFilter, match="before"):
        checked_filters(Filters(since="2021-09-04", until="2021-09-03"))
    assert checked_filters(Filters(since="2021-09-03", until="2021-09-03")).since


def test_unknown_types_name_the_valid_ones() -> None:
    with pytest.raises(InvalidFilter) as raised:
        checked_filters(Filters(type="Battle"))
    message = str(raised.value)
    assert "ARMED_CLASH" in message and "ASSAULT" in message and "Battles" in message
    assert checked_filters(Filters(type="Violence against civilians")).type


@pytest.mark.parametrize(("place", "code"), [
    ("AF", "AF"), ("in", "IN"), ("UK", "GB"), ("U.S.", "US"), ("the United States", "US"),
    ("Afghanistan", "AF"), ("Ivory Coast", "CI"), ("Burma", "MM"), ("Kabul", None),
    ("Indiana", None), ("NY", None),
])
def test_countries_by_code_name_or_alias(place: str, code: str | None) -> None:
    assert country_code(place) == code
