from datetime import date

import pytest

from ocop.domain.changes import ChangeKind, changes_between
from ocop.domain.status import DecisionFacts
from ocop.domain.validity import last_valid_day


def decision(decided_on, stars=3, revoked_on=None, order=0):
    return DecisionFacts(
        decided_on=decided_on,
        last_valid_day=last_valid_day(decided_on),
        stars=stars,
        revoked_on=revoked_on,
        order=order,
    )


FIRST = decision(date(2021, 6, 15))  # valid to 15/06/2024
RENEWED_IN_TIME = decision(date(2024, 5, 20), stars=4)  # before FIRST runs out
RENEWED_LATE = decision(date(2024, 9, 2), stars=4)  # after a gap
REVOKED = decision(date(2021, 6, 15), revoked_on=date(2023, 2, 1))
RENEWAL_REVOKED = decision(date(2024, 5, 20), stars=4, revoked_on=date(2025, 1, 10))
YEAR_2024 = (date(2024, 1, 1), date(2024, 12, 31))

R, N, E, V = ChangeKind.RECOGNISED, ChangeKind.RENEWED, ChangeKind.EXPIRED, ChangeKind.REVOKED


def events(decisions, start, end):
    return [(c.day, c.kind) for c in changes_between(decisions, start, end)]


@pytest.mark.parametrize(
    ("decisions", "start", "end", "expected"),
    [
        ((), *YEAR_2024, []),
        ((FIRST,), date(2021, 1, 1), date(2021, 12, 31), [(date(2021, 6, 15), R)]),
        # the day after the last valid day, inclusive bounds
        ((FIRST,), *YEAR_2024, [(date(2024, 6, 16), E)]),
        ((FIRST,), date(2024, 6, 16), date(2024, 6, 16), [(date(2024, 6, 16), E)]),
        ((FIRST,), date(2024, 6, 1), date(2024, 6, 15), []),
        # renewed before running out: no expiry
        ((FIRST, RENEWED_IN_TIME), *YEAR_2024, [(date(2024, 5, 20), N)]),
        # renewed after a gap: both
        ((FIRST, RENEWED_LATE), *YEAR_2024, [(date(2024, 6, 16), E), (date(2024, 9, 2), N)]),
        # revoked before running out: a revocation, never an expiry
        ((REVOKED,), date(2023, 1, 1), date(2024, 12, 31), [(date(2023, 2, 1), V)]),
        # the renewal revoked after the first ran out: a revocation
        (
            (FIRST, RENEWAL_REVOKED),
            date(2024, 1, 1),
            date(2025, 12, 31),
            [(date(2024, 5, 20), N), (date(2025, 1, 10), V)],
        ),
        # a decision signed after the range is not an event of it
        ((FIRST, RENEWED_LATE), date(2024, 1, 1), date(2024, 8, 31), [(date(2024, 6, 16), E)]),
    ],
)
def test_it_finds_each_event_of_a_product(decisions, start, end, expected):
    assert events(decisions, start, end) == expected


def test_it_orders_events_by_day_whatever_the_order_of_the_decisions():
    found = events((RENEWED_LATE, FIRST), date(2021, 1, 1), date(2024, 12, 31))
    assert found == [(date(2021, 6, 15), R), (date(2024, 6, 16), E), (date(2024, 9, 2), N)]


def test_it_names_the_decision_each_event_is_about():
    expired, renewed = changes_between((FIRST, RENEWED_LATE), *YEAR_2024)
    assert expired.decision == FIRST
    assert renewed.decision == RENEWED_LATE


def test_a_revoked_renewal_with_an_older_decision_in_force_is_still_a_revocation():
    older = decision(date(2023, 1, 5))  # valid to 05/01/2026
    newer = decision(date(2024, 3, 1), stars=4, revoked_on=date(2024, 7, 1))
    assert events((older, newer), *YEAR_2024) == [(date(2024, 3, 1), N), (date(2024, 7, 1), V)]


def test_two_decisions_running_out_the_same_day_are_one_expiry():
    a, b = decision(date(2021, 6, 15), order=1), decision(date(2021, 6, 15), order=2)
    assert events((a, b), *YEAR_2024) == [(date(2024, 6, 16), E)]


@pytest.mark.parametrize(
    ("kind", "label"),
    [
        (R, "Công nhận mới"),
        (N, "Đánh giá lại, công nhận tiếp"),
        (E, "Hết thời hạn"),
        (V, "Thu hồi"),
    ],
)
def test_it_labels_each_kind_in_vietnamese(kind, label):
    assert kind.label == label
