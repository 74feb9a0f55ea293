from datetime import date, datetime

import pytest

from ocop.domain.dates import (
    asked_day,
    format_date,
    format_moment,
    format_month,
    outside_programme,
    parse_day,
    vietnamese_long_date,
)


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
    ("moment", "expected"),
    [
        (datetime(2026, 1, 5, 14, 30, 59), "05/01/2026 14:30"),
        (datetime(2025, 12, 31, 0, 5), "31/12/2025 00:05"),
    ],
)
def test_it_formats_a_moment_day_first_with_hours_and_minutes(moment, expected):
    assert format_moment(moment) == expected


def test_it_formats_a_month_as_tables_head_it():
    assert format_month(date(2026, 1, 31)) == "01/2026"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-12-31", date(2025, 12, 31)),
        ("2024-02-29", date(2024, 2, 29)),
        ("2026-01-05", date(2026, 1, 5)),
        ("31/12/2025", date(2025, 12, 31)),
        ("05/01/2026", date(2026, 1, 5)),
        ("5/1/2026", date(2026, 1, 5)),
        ("29/02/2024", date(2024, 2, 29)),
        (" 31/12/2025 ", date(2025, 12, 31)),
    ],
)
def test_it_reads_a_day_as_the_system_prints_it_or_in_iso(text, expected):
    assert parse_day(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2025-02-30",
        "2023-02-29",
        "2025-13-01",
        "30/02/2025",
        "31/13/2025",
        "12/31/2025",
        "31/12/25",
        "31-12-2025",
        "20251231",
        "2025-1-5",
        "2025-12-31T00:00",
        "2025-W01-1",
        "２０２５-１２-３１",
        "hôm qua",
    ],
)
def test_it_refuses_anything_but_a_real_day(text):
    with pytest.raises(ValueError) as error:
        parse_day(text)
    assert str(error.value) == (
        f"Ngày không hợp lệ: '{text}' (cần dạng dd/mm/yyyy, ví dụ 31/12/2025, hoặc yyyy-mm-dd)"
    )


@pytest.mark.parametrize("text", ["", "   "])
def test_it_refuses_an_empty_day_rather_than_taking_today(text):
    with pytest.raises(ValueError, match="Chưa nhập ngày"):
        parse_day(text)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2018, 1, 1), None),
        (date(2036, 12, 31), None),
        (date(2017, 12, 31), "Ngày 31/12/2017 nằm ngoài thời gian của Chương trình OCOP"),
        (date(2037, 1, 1), "Ngày 01/01/2037 nằm ngoài thời gian của Chương trình OCOP"),
        (date(1025, 12, 31), "Ngày 31/12/1025 nằm ngoài"),
    ],
)
def test_it_names_a_day_far_outside_the_programme(day, expected):
    problem = outside_programme(day, today=date(2026, 6, 1))
    if expected is None:
        assert problem is None
    else:
        assert problem.startswith(expected)
        assert "từ năm 2018 đến năm 2036" in problem


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


TODAY = date(2026, 11, 29)


@pytest.mark.parametrize(
    "typed, day, refused",
    [
        (None, TODAY, False),
        ("31/12/2025", date(2025, 12, 31), False),
        ("2025-12-31", date(2025, 12, 31), False),
        ("", TODAY, True),
        ("31/02/2025", TODAY, True),
        ("01/01/2017", TODAY, True),
        ("01/01/2040", TODAY, True),
    ],
)
def test_the_asked_day_falls_back_to_today_with_the_reason(typed, day, refused):
    got, reason = asked_day(typed, TODAY)
    assert got == day
    assert (reason is not None) == refused
