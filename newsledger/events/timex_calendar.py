"""Calendar arithmetic for the time-expression rules (``timex_rules``): what a resolver may
lean on (``Ctx``), months and years shifted and cut into parts, the weekday and the day of a
month nearest an anchor."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from math import ceil
from typing import TypeVar

Bounds = tuple[date, date]
D = TypeVar("D", bound=date)
ONE_DAY = timedelta(days=1)
MONTHS_IN_UNIT = {"month": 1, "year": 12, "decade": 120}
# early / mid / late: the months of a year's part, the days after Monday of a week's part.
YEAR_PARTS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
WEEK_PARTS = {"early": (0, 2), "mid": (1, 3), "late": (3, 6)}


@dataclass(frozen=True)
class Ctx:
    """What a resolver may lean on: the anchor (with and without time) and the last day named."""

    now: datetime | None
    day: date | None
    ref: date | None = None
    future: bool = False  # the text speaks of what is to come: a bare date looks forward


def month_end(year: int, month: int) -> date:
    first_next = date(year + month // 12, month % 12 + 1, 1)
    return first_next - ONE_DAY


def add_months(value: D, months: int) -> D:
    index = value.year * 12 + value.month - 1 + months
    year, month = divmod(index, 12)
    day = min(value.day, month_end(year, month + 1).day)
    return value.replace(year=year, month=month + 1, day=day)


def shift(value: D, amount: int, unit: str) -> D:
    """``value`` moved by ``amount`` units (negative: back in time)."""
    if unit in ("minute", "hour"):
        return value + timedelta(**{unit + "s": amount})
    if unit in ("day", "night"):
        return value + timedelta(days=amount)
    if unit in ("week", "fortnight"):
        return value + timedelta(days=amount * (7 if unit == "week" else 14))
    months = MONTHS_IN_UNIT[unit]
    return add_months(value, amount * months)


def back_from_anchor(ctx: Ctx, amount: int, unit: str) -> Bounds | None:
    """The window "in the past ``amount`` ``unit``s"."""
    if ctx.now is not None:
        return shift(ctx.now, -amount, unit), ctx.now
    if ctx.day is None:
        return None
    if unit in ("minute", "hour"):
        hours = amount / 60 if unit == "minute" else amount
        return ctx.day - timedelta(days=ceil(hours / 24)), ctx.day
    return shift(ctx.day, -amount, unit), ctx.day


def month_part(year: int, month: int, mod: str | None) -> Bounds:
    last = month_end(year, month).day
    low, high = {"early": (1, 10), "mid": (11, 20), "late": (21, last)}.get(mod or "", (1, last))
    return date(year, month, low), date(year, month, high)


def year_part(year: int, mod: str | None) -> Bounds:
    low, high = YEAR_PARTS.get(mod or "", (1, 12))
    return date(year, low, 1), month_end(year, high)


def period_part(bounds: Bounds, unit: str, mod: str | None, day: date) -> Bounds:
    """Narrow a calendar week, month or year by early/mid/late/earlier/later."""
    start, end = bounds
    if mod == "earlier":
        return (start, min(end, day)) if start <= day else bounds
    if mod == "later":
        return (max(start, day), end) if day <= end else bounds
    if unit == "year":
        return year_part(start.year, mod)
    if unit == "month":
        return month_part(start.year, start.month, mod)
    low, high = WEEK_PARTS.get(mod or "", (0, 6))
    return start + timedelta(days=low), start + timedelta(days=high)


def recent_weekday(day: date, target: int, which: str, future: bool = False) -> date:
    if which == "" and future:  # "will meet on Friday": the coming one (today included)
        return day + timedelta(days=(target - day.weekday()) % 7)
    if which == "this":
        return day + timedelta(days=target - day.weekday())
    if which == "next":
        return day + timedelta(days=(target - day.weekday()) % 7 or 7)
    back = (day.weekday() - target) % 7
    if which in ("last", "past") and back == 0:
        back = 7
    return day - timedelta(days=back)


def anchored_date(ctx: Ctx, month: int, day_of_month: int, year: str | None) -> date | None:
    """A day of a month: the year given, else the anchor's (or the one before, if later)."""
    try:
        if year:
            return date(int(year), month, day_of_month)
        if ctx.day is None:
            return None
        found = date(ctx.day.year, month, day_of_month)
        coming = found if found >= ctx.day else found.replace(year=ctx.day.year + 1)
        if ctx.future:  # "the trial starts on May 2": the next May 2
            return coming
        past = found if found <= ctx.day else found.replace(year=ctx.day.year - 1)
        # the last such day, unless it is long past and the next one is near ("Dec. 15"
        # in a story of 18 November is four weeks ahead, not eleven months back)
        return past if (ctx.day - past).days <= 2 * (coming - ctx.day).days else coming
    except ValueError:
        return None
