from datetime import date

import pytest

from ocop.domain.status import (
    DecisionFacts,
    Status,
    expiring_between,
    stars_on,
    status_on,
    valid_until,
)
from ocop.domain.validity import last_valid_day


def decision(decided_on, stars=3, revoked_on=None, order=0):
    return DecisionFacts(
        decided_on=decided_on,
        last_valid_day=last_valid_day(decided_on),
        stars=stars,
        revoked_on=revoked_on,
        order=order,
    )


FIRST = decision(date(2021, 6, 15), stars=3)  # valid to 15/06/2024
RAISED = decision(date(2024, 5, 20), stars=4)  # re-evaluated before expiry, valid to 20/05/2027
LOWERED = decision(date(2024, 5, 20), stars=3)
SIGNED_IN_JANUARY_2026 = decision(date(2026, 1, 12), stars=4)


@pytest.mark.parametrize(
    ("status", "label"),
    [
        (Status.VALID, "Còn hiệu lực"),
        (Status.EXPIRED, "Hết thời hạn, chưa đánh giá lại"),
        (Status.REVOKED, "Đã thu hồi"),
        (Status.NOT_RECOGNISED, "Chưa được công nhận"),
    ],
)
def test_it_labels_each_status_in_vietnamese(status, label):
    assert status.label == label


@pytest.mark.parametrize(
    ("value", "status"),
    [
        ("valid", Status.VALID),
        ("expired", Status.EXPIRED),
        ("revoked", Status.REVOKED),
        ("not_recognised", Status.NOT_RECOGNISED),
    ],
)
def test_it_stores_each_status_as_a_stable_string(value, status):
    assert Status(value) is status
    assert status == value
    assert str(status) == value


@pytest.mark.parametrize(
    ("decisions", "day", "expected"),
    [
        ((), date(2025, 12, 31), Status.NOT_RECOGNISED),
        ((FIRST,), date(2021, 6, 14), Status.NOT_RECOGNISED),
        ((FIRST,), date(2021, 6, 15), Status.VALID),
        ((FIRST,), date(2024, 6, 15), Status.VALID),
        ((FIRST,), date(2024, 6, 16), Status.EXPIRED),
        ((FIRST, RAISED), date(2024, 6, 16), Status.VALID),
        ((FIRST, RAISED), date(2027, 5, 21), Status.EXPIRED),
    ],
)
def test_it_tells_the_status_on_a_day(decisions, day, expected):
    assert status_on(decisions, day) is expected


@pytest.mark.parametrize(
    ("decisions", "day", "expected"),
    [
        ((SIGNED_IN_JANUARY_2026,), date(2025, 12, 31), Status.NOT_RECOGNISED),
        ((SIGNED_IN_JANUARY_2026,), date(2026, 1, 12), Status.VALID),
        ((FIRST, SIGNED_IN_JANUARY_2026), date(2025, 12, 31), Status.EXPIRED),
    ],
)
def test_it_ignores_a_decision_signed_after_the_day(decisions, day, expected):
    assert status_on(decisions, day) is expected


@pytest.mark.parametrize(
    ("decisions", "day", "expected"),
    [
        ((), date(2025, 12, 31), None),
        ((FIRST,), date(2024, 5, 19), 3),
        ((FIRST, RAISED), date(2024, 5, 20), 4),
        ((FIRST, LOWERED), date(2024, 5, 20), 3),
        ((decision(date(2021, 6, 15), stars=4), LOWERED), date(2024, 5, 20), 3),
        ((FIRST, RAISED), date(2027, 5, 21), None),
        ((SIGNED_IN_JANUARY_2026,), date(2025, 12, 31), None),
    ],
)
def test_it_gives_the_stars_of_the_latest_decision_in_force(decisions, day, expected):
    assert stars_on(decisions, day) == expected


def test_it_gives_the_later_stars_when_two_decisions_share_a_day():
    first = decision(date(2024, 5, 20), stars=3, order=1)
    second = decision(date(2024, 5, 20), stars=4, order=2)
    assert stars_on([second, first], date(2024, 6, 1)) == 4


def test_it_accepts_a_generator_of_decisions():
    assert status_on((d for d in (FIRST, RAISED)), date(2024, 6, 16)) is Status.VALID


REVOKED_IN_2023 = decision(date(2021, 6, 15), stars=3, revoked_on=date(2023, 3, 1))


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2023, 2, 28), Status.VALID),
        (date(2023, 3, 1), Status.REVOKED),
        (date(2023, 3, 2), Status.REVOKED),
        # Still revoked, not expired, after the term it would have had.
        (date(2025, 12, 31), Status.REVOKED),
    ],
)
def test_it_revokes_from_the_date_of_the_revocation(day, expected):
    assert status_on([REVOKED_IN_2023], day) is expected


def test_it_counts_no_stars_once_revoked():
    assert stars_on([REVOKED_IN_2023], date(2023, 3, 1)) is None


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2025, 12, 31), Status.VALID),
        (date(2026, 6, 30), Status.VALID),
        (date(2026, 7, 1), Status.REVOKED),
    ],
)
def test_it_treats_a_revocation_dated_after_the_day_as_not_yet_made(day, expected):
    revoked_later = decision(date(2024, 1, 10), stars=4, revoked_on=date(2026, 7, 1))
    assert status_on([revoked_later], day) is expected


def test_it_keeps_a_product_valid_when_only_an_old_decision_was_revoked():
    old = decision(date(2021, 6, 15), stars=3, revoked_on=date(2024, 6, 1))
    assert status_on([old, RAISED], date(2024, 6, 1)) is Status.VALID
    assert stars_on([old, RAISED], date(2024, 6, 1)) == 4


def test_it_calls_expired_a_product_whose_old_revoked_decision_was_followed_by_a_lapsed_one():
    old = decision(date(2018, 1, 10), revoked_on=date(2019, 1, 10))
    lapsed = decision(date(2020, 1, 10))
    assert status_on([old, lapsed], date(2025, 12, 31)) is Status.EXPIRED


def test_it_calls_revoked_a_product_whose_latest_decision_was_revoked():
    revoked = decision(date(2024, 5, 20), stars=4, revoked_on=date(2025, 1, 1))
    assert status_on([FIRST, revoked], date(2025, 12, 31)) is Status.REVOKED


@pytest.mark.parametrize(("kept_order", "expected"), [(1, Status.REVOKED), (3, Status.EXPIRED)])
def test_it_uses_order_to_find_the_latest_of_two_decisions_signed_the_same_day(
    kept_order, expected
):
    kept = decision(date(2024, 5, 20), order=kept_order)
    revoked = decision(date(2024, 5, 20), order=2, revoked_on=date(2025, 1, 1))
    assert status_on([revoked, kept], date(2027, 6, 1)) is expected


# The expiry desk's 90 days from 05/01/2026; a decision of 15/02/2023 is valid to 15/02/2026,
# inside them.
ASKED, WINDOW_END = date(2026, 1, 5), date(2026, 4, 5)
IN_WINDOW = date(2023, 2, 15)


@pytest.mark.parametrize(
    ("decisions", "expiring"),
    [
        ([decision(IN_WINDOW)], True),
        ([decision(IN_WINDOW, revoked_on=date(2026, 6, 1))], True),  # revoked after the window
        ([decision(IN_WINDOW, revoked_on=date(2026, 2, 1))], True),  # revoked after the day
        ([decision(IN_WINDOW, revoked_on=ASKED)], False),  # revoked on the day asked
        ([decision(IN_WINDOW), decision(date(2026, 3, 1), order=1)], True),  # renewed later
        ([decision(IN_WINDOW), decision(date(2025, 11, 20), order=1)], False),  # renewed
        (
            [decision(IN_WINDOW), decision(date(2025, 6, 1), revoked_on=date(2025, 10, 1))],
            True,  # the renewal was revoked: the earlier decision runs out in the window
        ),
        ([decision(date(2022, 12, 1))], False),  # ran out before the day asked
        ([decision(date(2024, 6, 1))], False),  # runs out after the window
        ([decision(date(2026, 1, 6))], False),  # signed after the day asked
    ],
)
def test_expiring_is_in_force_on_the_day_asked_and_ending_by_the_windows_end(decisions, expiring):
    assert expiring_between(decisions, ASKED, WINDOW_END) is expiring


def test_the_end_of_recognition_is_as_known_on_the_day():
    renewed = [decision(IN_WINDOW), decision(date(2026, 3, 1), order=1)]
    assert valid_until(renewed, ASKED) == date(2026, 2, 15)
    assert valid_until(renewed, date(2026, 3, 1)) == date(2029, 3, 1)
    assert valid_until([decision(IN_WINDOW, revoked_on=ASKED)], ASKED) is None
