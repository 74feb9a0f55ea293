"""Cell values as the department types them: stars, dates, decision numbers. Pure functions;
each raises ValueError with a Vietnamese message saying what is wrong."""

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from ocop.domain.names import fold, normalize_text
from ocop.domain.stars import VALID_STARS

_STAR_WORDS = {"ba": 3, "bon": 4, "tu": 4, "nam": 5}
_STARS = re.compile(r"(\d+(?:[.,]0+)?|ba|bon|tu|nam)\s*(?:sao|\*+|★+)?", re.IGNORECASE)
_STAR_SYMBOLS = re.compile(r"[*★☆]+")

_EXCEL_EPOCH = date(1899, 12, 30)
_FIRST_YEAR, _LAST_YEAR = 2000, 2100
_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4}|\d{2})(?!\d)")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_WORDED_DATE = re.compile(
    r"(?:ngày\s*)?(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})", re.IGNORECASE
)
_SERIAL = re.compile(r"\d{5}(?:\.0+)?")

# A decision number: digits, a slash, then the symbol ("123/QĐ-UBND", "45/2023/QĐ-UBND").
_NUMBER = re.compile(r"\d+[a-zA-Z]?\s*/\s*(?:\d{4}\s*/\s*)?[^\W\d_][\w.]*(?:\s*[/\-–]\s*[\w.]+)*")
_NUMBER_PREFIX = re.compile(r"^(?:quyết\s+định|qđ|qd)?\s*(?:số|so)?\s*[:.]?\s*", re.IGNORECASE)
_ISSUER_IN_DECISION = re.compile(r"\bcủa\s+(.+)$", re.IGNORECASE)
_SEPARATOR = re.compile(r"\s*([/\-])\s*")
_DIGIT = re.compile(r"\d")


def parse_stars(value) -> int:
    """3, 3.0, "3", "3 sao", "3*", "***", "Ba sao", "4 SAO" -> the number of stars."""
    if isinstance(value, bool):
        raise ValueError(f"hạng sao không đọc được: {value!r}")
    if isinstance(value, int | float):
        stars = int(value) if float(value).is_integer() else None
    else:
        stars = _stars_from_text(normalize_text(str(value)))
    if stars is None:
        raise ValueError("hạng sao không đọc được (cần 3, 4 hoặc 5 sao)")
    if stars not in VALID_STARS:
        raise ValueError("hạng sao phải là 3, 4 hoặc 5")
    return stars


@lru_cache(maxsize=1024)  # a list writes its stars a handful of ways
def _stars_from_text(text: str) -> int | None:
    if not text:
        return None
    if _STAR_SYMBOLS.fullmatch(text.replace(" ", "")):
        return len(text.replace(" ", ""))
    match = _STARS.fullmatch(fold(text))
    if not match:
        return None
    word = match.group(1)
    return _STAR_WORDS[word] if word in _STAR_WORDS else int(float(word.replace(",", ".")))


def parse_date(value) -> date:
    """A real date cell, an Excel serial number, or text with the day first."""
    if isinstance(value, datetime):
        return _plausible(value.date())
    if isinstance(value, date):
        return _plausible(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_serial(value)
    text = normalize_text(str(value))
    if not text:
        raise ValueError("thiếu ngày")
    found = find_date(text)
    if found is None:
        raise ValueError("ngày không đọc được (cần ngày/tháng/năm, ví dụ 15/03/2023)")
    return found


@lru_cache(maxsize=8192)  # a list holds a few hundred decision days, each many times
def find_date(text: str) -> date | None:
    """The first date written in `text`, or None when there is none. Raises ValueError for a
    date that does not exist (31/02/2024)."""
    text = normalize_text(text)
    if _SERIAL.fullmatch(text):
        return _from_serial(float(text))
    for pattern, order in ((_WORDED_DATE, "dmy"), (_ISO_DATE, "ymd"), (_NUMERIC_DATE, "dmy")):
        match = pattern.search(text)
        if match:
            parts = dict(zip(order, map(int, match.groups()), strict=True))
            return _make_date(parts["y"], parts["m"], parts["d"], match.group(0))
    return None


def _make_date(year: int, month: int, day: int, written: str) -> date:
    if year < 100:
        year += 2000
    try:
        return _plausible(date(year, month, day))
    except ValueError as exc:
        if "năm" in str(exc):
            raise
        raise ValueError(f"ngày {day:02d}/{month:02d}/{year} không tồn tại") from None


def _from_serial(serial: float) -> date:
    if not float(serial).is_integer():
        serial = int(serial)  # a date-time: the day is what counts
    try:
        return _plausible(_EXCEL_EPOCH + timedelta(days=int(serial)))
    except (OverflowError, ValueError):
        raise ValueError(f"số {serial:g} không phải một ngày hợp lệ") from None


def _plausible(day: date) -> date:
    if not _FIRST_YEAR <= day.year <= _LAST_YEAR:
        raise ValueError(f"năm {day.year} không hợp lý cho một quyết định OCOP")
    return day


def normalize_number(text: str) -> str:
    """'số 123 / qđ - ubnd' -> '123/QĐ-UBND': one spelling per decision number."""
    text = normalize_text(str(text)).replace("–", "-")
    if not text[:1].isdigit():  # most numbers are written bare: nothing to take off
        text = _NUMBER_PREFIX.sub("", text)
    if " " in text:  # the only space left by normalize_text
        text = _SEPARATOR.sub(lambda match: match.group(1), text)
    return text.upper().strip(" ,;.")


def parse_number(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    number = normalize_number(str(value))
    if not number:
        raise ValueError("thiếu số quyết định")
    if not _DIGIT.match(number):
        raise ValueError("số quyết định phải bắt đầu bằng chữ số (ví dụ 123/QĐ-UBND)")
    return number


def parse_decision(value) -> tuple[str, date | None, str]:
    """One string holding number and date, in the forms lists use:
    'Số 123/QĐ-UBND ngày 15/3/2023', 'QĐ số 123/QĐ-UBND ngày 06-08-2025',
    '123/QĐ-UBND, 15/03/2023', '123/QĐ-UBND ngày 15 tháng 3 năm 2023 của UBND huyện X'.
    Returns (number, date or None, issuer or "")."""
    text = normalize_text(str(value))
    if not text:
        raise ValueError("thiếu quyết định công nhận")
    match = _NUMBER.search(text)
    if not match:
        raise ValueError("không tìm thấy số quyết định (cần dạng 123/QĐ-UBND)")
    number = normalize_number(match.group(0))
    rest = text[match.end() :]
    issuer = _ISSUER_IN_DECISION.search(rest)
    return number, find_date(rest), normalize_text(issuer.group(1)) if issuer else ""


_ISSUER = re.compile(
    r"^(?:ubnd|ủy ban nhân dân|uỷ ban nhân dân|bộ\s|sở\s|hđnd)", re.IGNORECASE | re.UNICODE
)


def looks_like_issuer(text: str) -> bool:
    """A note such as 'UBND huyện Nậm Nhùn' or 'Bộ Nông nghiệp và Môi trường' names who
    signed the decision."""
    return bool(_ISSUER.match(normalize_text(text)))
