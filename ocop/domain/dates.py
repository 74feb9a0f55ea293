"""Dates as people read and type them in the department."""

import re
from datetime import date, datetime

# Exactly these two spellings: date.fromisoformat alone also takes "20251231" and "2025-W01-1",
# which would let a typo pass for a different day.
_ISO_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_DAY_FIRST = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")

# Decision 490/QĐ-TTg approved the programme on 07/05/2018: no OCOP decision is older, and a
# year far ahead is a typo rather than a plan.
FIRST_PROGRAMME_YEAR = 2018
YEARS_AHEAD = 10


def format_date(d: date | None) -> str:
    if d is None:
        return ""
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def format_month(d: date) -> str:
    """A month as tables head it, "01/2026"."""
    return format_date(d)[3:]


def format_moment(moment: datetime) -> str:
    """A moment as the department writes it, "05/01/2026 14:30" (the caller gives it in local
    time: ocop.domain knows no time zone)."""
    return f"{format_date(moment.date())} {moment.hour:02d}:{moment.minute:02d}"


def parse_day(text: str) -> date:
    """A day as the system prints it (dd/mm/yyyy) or in ISO (yyyy-mm-dd, as browsers send
    it); the same rule for every command option and web field."""
    text = text.strip()
    if not text:
        raise ValueError("Chưa nhập ngày (cần dạng dd/mm/yyyy, ví dụ 31/12/2025)")
    iso, day_first = _ISO_DAY.fullmatch(text), _DAY_FIRST.fullmatch(text)
    try:
        if iso:
            return date(*map(int, iso.groups()))
        if day_first:
            day, month, year = map(int, day_first.groups())
            return date(year, month, day)
    except ValueError:
        pass
    raise ValueError(
        f"Ngày không hợp lệ: '{text}' (cần dạng dd/mm/yyyy, ví dụ 31/12/2025, hoặc yyyy-mm-dd)"
    )


def outside_programme(day: date, today: date) -> str | None:
    """Why `day` is far from any day the registry can mean, or None when it is plausible."""
    last_year = today.year + YEARS_AHEAD
    if FIRST_PROGRAMME_YEAR <= day.year <= last_year:
        return None
    return (
        f"Ngày {format_date(day)} nằm ngoài thời gian của Chương trình OCOP "
        f"(từ năm {FIRST_PROGRAMME_YEAR} đến năm {last_year})."
    )


def asked_day(typed: str | None, today: date) -> tuple[date, str | None]:
    """The day a person asked for on a page (?ngay=, dd/mm/yyyy or ISO): today when nothing
    was asked; with the reason, and today in its place, when what was typed is unreadable or
    far outside the programme. Pages that must refuse instead raise on the reason."""
    if typed is None:
        return today, None
    try:
        day = parse_day(typed)
    except ValueError as exc:
        return today, str(exc)
    error = outside_programme(day, today)
    return (today, error) if error else (day, None)


def vietnamese_long_date(d: date, blank_day: str | None = None) -> str:
    """The date as official letters write it, "ngày 05 tháng 01 năm 2026"; with `blank_day`,
    that blank stands for the day, which the clerk writes by hand."""
    # Decree 30/2020/NĐ-CP, Appendix I: days below 10 and months 1 and 2 take a leading zero.
    day = f" {d.day:02d} " if blank_day is None else blank_day
    return f"ngày{day}tháng {official_month(d)} năm {d.year}"


def official_month(d: date) -> str:
    """The month as an official letter writes it: "01", "02", then "3" … "12" (Decree 30)."""
    return f"{d.month:02d}" if d.month < 3 else str(d.month)


def month_after(d: date) -> date:
    """The first day of the month after `d`: the letter on the figures at 31/12/2025 is signed
    in January 2026, the one at 30/06/2026 in July."""
    return date(d.year + d.month // 12, d.month % 12 + 1, 1)


def last_year_end(today: date) -> date:
    """The last 31/12 on or before `today`: the day the yearly letter counts to (OCOP.md §8)."""
    return today if (today.month, today.day) == (12, 31) else date(today.year - 1, 12, 31)
