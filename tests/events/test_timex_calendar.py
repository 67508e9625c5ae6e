"""The calendar arithmetic of the time rules: weekdays and days of a month near an anchor."""

from __future__ import annotations

from datetime import date

from newsledger.events.timex_calendar import Ctx, anchored_date, recent_weekday

# The seed's publication day, a Friday
FRIDAY = date(2021, 9, 3)


def test_a_bare_weekday_is_the_last_one_unless_the_text_looks_ahead() -> None:
    assert recent_weekday(FRIDAY, 1, "") == date(2021, 8, 31)  # "on Tuesday"
    assert recent_weekday(FRIDAY, 1, "", future=True) == date(2021, 9, 7)  # "will meet Tuesday"
    assert recent_weekday(FRIDAY, 4, "") == FRIDAY  # "on Friday", said on a Friday
    assert recent_weekday(FRIDAY, 4, "last") == date(2021, 8, 27)


def test_a_day_of_a_month_is_the_nearer_one_past_being_preferred() -> None:
    ctx = Ctx(now=None, day=FRIDAY)
    assert anchored_date(ctx, 8, 21, None) == date(2021, 8, 21)  # two weeks back
    assert anchored_date(ctx, 9, 20, None) == date(2021, 9, 20)  # 17 days ahead, not 2020
    assert anchored_date(ctx, 3, 10, None) == date(2021, 3, 10)  # six months back
    assert anchored_date(ctx, 8, 21, "2019") == date(2019, 8, 21)
    assert anchored_date(Ctx(now=None, day=FRIDAY, future=True), 8, 21, None) == date(2022, 8, 21)
