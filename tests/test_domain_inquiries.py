"""The inquiry rules: which state may follow which, quantities as buyers type them, phones."""

from decimal import Decimal

import pytest

from ocop.domain.inquiries import (
    InquiryState,
    is_phone,
    is_reference,
    may_move,
    next_states,
    parse_quantity,
    reference,
)

S = InquiryState


@pytest.mark.parametrize(
    ("state", "to", "allowed"),
    [
        (S.NEW, S.FORWARDED, True),
        (S.NEW, S.ANSWERED, True),
        (S.NEW, S.CLOSED, True),
        (S.FORWARDED, S.ANSWERED, True),
        (S.FORWARDED, S.NEW, False),
        (S.ANSWERED, S.CLOSED, True),
        (S.ANSWERED, S.FORWARDED, False),
        (S.CLOSED, S.NEW, False),
        (S.CLOSED, S.ANSWERED, False),
        (S.NEW, S.NEW, False),
    ],
)
def test_which_state_may_follow_which(state, to, allowed):
    assert may_move(state, to) is allowed


def test_closed_is_the_end():
    assert next_states("closed") == ()


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("500", "500"),
        ("1,5", "1.5"),
        ("1.5", "1.5"),
        ("2.000", "2000"),
        ("1.200,5", "1200.5"),
        ("1,200.5", "1200.5"),
        (" 3 ", "3"),
        ("0,125", "0.13"),
    ],
)
def test_quantities_as_buyers_type_them(typed, amount):
    assert parse_quantity(typed) == Decimal(amount)


@pytest.mark.parametrize("typed", ["0", "-1", "", "nhiều", "1e5", "10000000000", "1,2,3"])
def test_quantities_refused(typed):
    with pytest.raises(ValueError):
        parse_quantity(typed)


@pytest.mark.parametrize(
    ("typed", "ok"),
    [
        ("0912 345 678", True),
        ("+84 912.345.678", True),
        ("(0213) 3876-543", True),
        ("123", False),
        ("0912abc345", False),
        ("1234567890123456", False),
    ],
)
def test_phone_numbers(typed, ok):
    assert is_phone(typed) is ok


def test_references():
    assert reference(2025, 42) == "NC-2025-00042"
    assert is_reference("NC-2025-00042") and is_reference("NC-2025-123456")
    assert not is_reference("NC-25-1") and not is_reference("PA-2025-00001")
    assert not is_reference("<b>x</b>")
