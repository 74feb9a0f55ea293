from decimal import Decimal

import pytest

from ocop.domain.stars import VALID_STARS, stars_from_score


def test_it_rates_from_three_to_five_stars():
    assert VALID_STARS == (3, 4, 5)


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        (0, None),
        (49.99, None),
        (Decimal("49.5"), None),
        (50, 3),
        (Decimal("50.00"), 3),
        (69.99, 3),
        (Decimal("69.99"), 3),
        (70, 4),
        (Decimal("70"), 4),
        (89.5, 4),
        (90, 5),
        (Decimal("90.0"), 5),
        (100, 5),
    ],
)
def test_it_gives_stars_from_the_council_score(score, expected):
    assert stars_from_score(score) == expected


@pytest.mark.parametrize(
    "score",
    [-1, -0.01, 100.01, 101, Decimal("-0.5"), Decimal("120"), float("nan"), float("inf")],
)
def test_it_refuses_a_score_outside_zero_to_a_hundred(score):
    with pytest.raises(ValueError, match="0 đến 100"):
        stars_from_score(score)


def test_it_refuses_a_decimal_nan():
    with pytest.raises(ValueError):
        stars_from_score(Decimal("NaN"))
