"""When to remind a producer that a recognition runs out (OCOP.md §1: at least 30 days before
the last valid day the issuing body must notify the producer in writing), and which weekly
digest is due. Pure: `ocop remind` (ocop.notices.reminders) asks these."""

from datetime import date, timedelta

# The law's minimum notice: a reminder later than this comes too late to count.
MIN_NOTICE_DAYS = 30


def parse_intervals(text) -> tuple[int, ...]:
    """ "90,30" -> (90, 30): the days before the last valid day on which to remind, largest
    first. Refuses an interval below the law's 30 days, a word, or an empty list."""
    parts = text.split(",") if isinstance(text, str) else [str(p) for p in text]
    values = set()
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if not part.isdigit():
            raise ValueError(f"'{part}' không phải một số ngày")
        if int(part) < MIN_NOTICE_DAYS:
            raise ValueError(
                f"nhắc trước {int(part)} ngày là quá muộn: luật yêu cầu báo trước "
                f"ít nhất {MIN_NOTICE_DAYS} ngày"
            )
        values.add(int(part))
    if not values:
        raise ValueError("cần ít nhất một số ngày, ví dụ 90,30")
    return tuple(sorted(values, reverse=True))


def due_interval(last_valid_day: date, today: date, intervals: tuple[int, ...]) -> int | None:
    """The interval a reminder is due for on `today`: the nearest one whose day has come
    (a run missed on that day still sends it later), while the recognition still holds. One
    at most: a producer first seen 20 days before the end gets the 30-day reminder, not the
    90-day one as well."""
    if last_valid_day < today:
        return None
    passed = [days for days in intervals if last_valid_day - timedelta(days=days) <= today]
    return min(passed) if passed else None


def digest_day(today: date, weekday: int) -> date:
    """The day the weekly digest now due belongs to: the latest `weekday` (1 = Monday ...
    7 = Sunday) on or before `today`. A week whose day no run saw is caught up by the next
    run; two missed weeks still make one digest."""
    return today - timedelta(days=(today.isoweekday() - weekday) % 7)


WEEKDAYS = {
    1: "thứ Hai",
    2: "thứ Ba",
    3: "thứ Tư",
    4: "thứ Năm",
    5: "thứ Sáu",
    6: "thứ Bảy",
    7: "Chủ nhật",
}
