from datetime import date

import pytest

from ocop.domain.validity import VALIDITY_MONTHS, add_months, is_valid_on, last_valid_day

# Reunification Day and Labour Day 2026, a Thursday and a Friday.
LABOUR_DAYS_2026 = (date(2026, 4, 30), date(2026, 5, 1))


def test_a_recognition_lasts_thirty_six_months():
    assert VALIDITY_MONTHS == 36


@pytest.mark.parametrize(
    ("decision_date", "expected"),
    [
        (date(2022, 12, 31), date(2025, 12, 31)),
        (date(2022, 12, 30), date(2025, 12, 30)),
        (date(2024, 2, 29), date(2027, 2, 28)),
        (date(2023, 5, 31), date(2026, 5, 31)),
        (date(2022, 8, 31), date(2025, 8, 31)),
    ],
)
def test_it_matches_every_row_of_the_rules_table(decision_date, expected):
    assert last_valid_day(decision_date) == expected


@pytest.mark.parametrize(
    ("decision_date", "expected"),
    [
        (date(2024, 2, 29), date(2027, 2, 28)),
        (date(2020, 2, 29), date(2023, 2, 28)),
        (date(2021, 2, 28), date(2024, 2, 28)),
        (date(2021, 3, 1), date(2024, 3, 1)),
    ],
)
def test_it_handles_leap_years(decision_date, expected):
    assert last_valid_day(decision_date) == expected


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2023, 3, 31), 1, date(2023, 4, 30)),
        (date(2023, 8, 31), 4, date(2023, 12, 31)),
        (date(2023, 10, 31), 4, date(2024, 2, 29)),
        (date(2023, 11, 30), 3, date(2024, 2, 29)),
        (date(2023, 12, 15), 1, date(2024, 1, 15)),
        (date(2023, 5, 31), 0, date(2023, 5, 31)),
        (date(2024, 3, 31), -1, date(2024, 2, 29)),
        (date(2024, 1, 15), -1, date(2023, 12, 15)),
    ],
)
def test_it_clamps_to_the_end_of_a_shorter_month(day, months, expected):
    assert add_months(day, months) == expected


def test_it_clamps_to_the_end_of_february():
    assert add_months(date(2023, 11, 30), 15) == date(2025, 2, 28)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2022, 12, 30), False),
        (date(2022, 12, 31), True),
        (date(2024, 6, 1), True),
        (date(2025, 12, 31), True),
        (date(2026, 1, 1), False),
    ],
)
def test_it_is_valid_from_the_signing_day_to_the_last_day_inclusive(day, expected):
    assert is_valid_on(date(2022, 12, 31), date(2025, 12, 31), day) is expected


def test_it_does_not_roll_a_weekend_forward_by_default():
    # 31/01/2026 is a Saturday.
    assert last_valid_day(date(2023, 1, 31)) == date(2026, 1, 31)


def test_it_ignores_holidays_unless_rolling_forward():
    assert last_valid_day(date(2023, 4, 30), holidays=LABOUR_DAYS_2026) == date(2026, 4, 30)


@pytest.mark.parametrize(
    ("decision_date", "holidays", "expected"),
    [
        # Saturday 31/01/2026 -> Monday.
        (date(2023, 1, 31), (), date(2026, 2, 2)),
        # Sunday 28/02/2027, clamped from the 29th, -> Monday 1 March.
        (date(2024, 2, 29), (), date(2027, 3, 1)),
        # Thursday and Friday are holidays, then the weekend -> Monday.
        (date(2023, 4, 30), LABOUR_DAYS_2026, date(2026, 5, 4)),
        # A working day stays put.
        (date(2022, 12, 31), LABOUR_DAYS_2026, date(2025, 12, 31)),
        # A holiday on a Wednesday -> Thursday.
        (date(2023, 9, 2), (date(2026, 9, 2),), date(2026, 9, 3)),
        # A weekend followed by a holiday on Monday -> Tuesday.
        (date(2023, 1, 3), (date(2026, 1, 5),), date(2026, 1, 6)),
    ],
)
def test_it_rolls_a_day_off_forward_to_the_next_working_day(decision_date, holidays, expected):
    assert last_valid_day(decision_date, roll_forward=True, holidays=holidays) == expected


def test_it_accepts_holidays_as_a_set():
    holidays = set(LABOUR_DAYS_2026)
    assert last_valid_day(date(2023, 4, 30), roll_forward=True, holidays=holidays) == date(
        2026, 5, 4
    )
