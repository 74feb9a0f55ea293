"""Dates as people read and type them in the department."""

import re
from datetime import date

_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def format_date(d: date | None) -> str:
    if d is None:
        return ""
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def parse_iso_day(s: str) -> date:
    # date.fromisoformat alone also takes "20251231" and "2025-W01-1", which would let a typo
    # in a command-line option pass for a different day.
    try:
        if not _ISO_DAY.fullmatch(s):
            raise ValueError
        return date.fromisoformat(s)
    except ValueError:
        raise ValueError(
            f"Ngày không hợp lệ: '{s}' (cần dạng YYYY-MM-DD, ví dụ 2025-12-31)"
        ) from None


def vietnamese_long_date(d: date) -> str:
    # Decree 30/2020/NĐ-CP, Appendix I: days below 10 and months 1 and 2 take a leading zero.
    day = f"{d.day:02d}" if d.day < 10 else str(d.day)
    month = f"{d.month:02d}" if d.month < 3 else str(d.month)
    return f"ngày {day} tháng {month} năm {d.year}"
