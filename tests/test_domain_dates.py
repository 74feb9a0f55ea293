from datetime import date

import pytest

from ocop.domain.dates import format_date, parse_iso_day, vietnamese_long_date


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2025, 12, 31), "31/12/2025"),
        (date(2026, 1, 5), "05/01/2026"),
        (date(2024, 2, 29), "29/02/2024"),
        (None, ""),
    ],
)
def test_it_formats_a_date_day_first(day, expected):
    assert format_date(day) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-12-31", date(2025, 12, 31)),
        ("2024-02-29", date(2024, 2, 29)),
        ("2026-01-05", date(2026, 1, 5)),
    ],
)
def test_it_parses_an_iso_day(text, expected):
    assert parse_iso_day(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2025-02-30",
        "2023-02-29",
        "2025-13-01",
        "31/12/2025",
        "20251231",
        "2025-1-5",
        "2025-12-31T00:00",
        " 2025-12-31",
        "2025-W01-1",
        "２０２５-１２-３１",
        "",
    ],
)
def test_it_refuses_anything_but_a_real_yyyy_mm_dd_day(text):
    with pytest.raises(ValueError) as error:
        parse_iso_day(text)
    assert str(error.value) == (
        f"Ngày không hợp lệ: '{text}' (cần dạng YYYY-MM-DD, ví dụ 2025-12-31)"
    )


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2025, 12, 31), "ngày 31 tháng 12 năm 2025"),
        (date(2026, 1, 5), "ngày 05 tháng 01 năm 2026"),
        (date(2025, 2, 10), "ngày 10 tháng 02 năm 2025"),
        (date(2025, 3, 9), "ngày 09 tháng 3 năm 2025"),
        (date(2025, 8, 12), "ngày 12 tháng 8 năm 2025"),
        (date(2022, 10, 14), "ngày 14 tháng 10 năm 2022"),
        (date(2025, 11, 1), "ngày 01 tháng 11 năm 2025"),
    ],
)
def test_it_writes_a_date_as_official_letters_do(day, expected):
    assert vietnamese_long_date(day) == expected
