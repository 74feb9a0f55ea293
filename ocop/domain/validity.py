"""How long a recognition decision stays valid (OCOP.md §1, Civil Code 2015 arts. 147-148)."""

import calendar
from collections.abc import Collection
from datetime import date, timedelta

VALIDITY_MONTHS = 36


def add_months(day: date, months: int) -> date:
    # Civil Code art. 148: a period in months ends on the same day number, or on the last day
    # of the month when that month is too short.
    year, month_index = divmod(day.year * 12 + day.month - 1 + months, 12)
    month = month_index + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def last_valid_day(
    decision_date: date, *, roll_forward: bool = False, holidays: Collection[date] = ()
) -> date:
    last_day = add_months(decision_date, VALIDITY_MONTHS)
    if roll_forward:
        # Art. 148(5); off by default because decisions print a fixed end date.
        last_day = _next_working_day(last_day, holidays)
    return last_day


def is_valid_on(decision_date: date, last_day: date, day: date) -> bool:
    return decision_date <= day <= last_day


def _next_working_day(day: date, holidays: Collection[date]) -> date:
    while day.weekday() >= 5 or day in holidays:
        day += timedelta(days=1)
    return day
