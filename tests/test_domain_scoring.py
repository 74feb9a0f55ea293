"""The score sheet: parts within their maxima, the total, and the star cap of missing
mandatory criteria (ocop.domain.scoring; the cap rule is written in docs/dossiers.md)."""

from decimal import Decimal as D

import pytest

from ocop.domain.scoring import PART_MAXIMA, ScoreError, capped_stars, star_cap, total_score


def test_maxima_add_up_to_100():
    assert PART_MAXIMA == {"A": 40, "B": 25, "C": 35}
    assert sum(PART_MAXIMA.values()) == 100


@pytest.mark.parametrize(
    "a, b, c, total",
    [
        ("0", "0", "0", "0"),
        ("40", "25", "35", "100"),
        ("30.5", "18.25", "21", "69.75"),
        ("39.99", "0", "0.01", "40.00"),
    ],
)
def test_total(a, b, c, total):
    assert total_score({"A": D(a), "B": D(b), "C": D(c)}) == D(total)


@pytest.mark.parametrize(
    "parts, part, message",
    [
        (
            {"A": D("40.01"), "B": D(0), "C": D(0)},
            "A",
            "Điểm phần A tối đa 40 điểm, nhận được 40,01.",
        ),
        ({"A": D(0), "B": D(26), "C": D(0)}, "B", "Điểm phần B tối đa 25 điểm, nhận được 26."),
        ({"A": D(0), "B": D(0), "C": D(36)}, "C", "Điểm phần C tối đa 35 điểm, nhận được 36."),
        ({"A": D(-1), "B": D(0), "C": D(0)}, "A", "Điểm phần A phải từ 0 trở lên."),
        ({"A": D("NaN"), "B": D(0), "C": D(0)}, "A", "Điểm phần A phải từ 0 trở lên."),
        ({"A": D(1), "C": D(0)}, "B", "Thiếu điểm phần B."),
        ({"A": D(1), "B": None, "C": D(0)}, "B", "Thiếu điểm phần B."),
    ],
)
def test_parts_refused(parts, part, message):
    with pytest.raises(ScoreError) as refused:
        total_score(parts)
    assert str(refused.value) == message
    assert refused.value.part == part


def test_unknown_part_refused():
    with pytest.raises(ScoreError, match="Không có phần D"):
        total_score({"A": D(1), "B": D(1), "C": D(1), "D": D(1)})


@pytest.mark.parametrize(
    "missing, cap",
    [
        ([], 5),
        ([5], 4),
        ([4], 3),
        ([4, 5], 3),
        ([3], None),
        ([3, 5], None),
        ({3, 4, 5}, None),
    ],
)
def test_star_cap(missing, cap):
    assert star_cap(missing) == cap


def test_star_cap_refuses_other_levels():
    with pytest.raises(ScoreError, match="Hạng sao không hợp lệ: 2, 6"):
        star_cap([2, 6])


@pytest.mark.parametrize(
    "score, missing, stars",
    [
        ("49.99", [], None),
        ("50", [], 3),
        ("69.99", [], 3),
        ("70", [], 4),
        ("89.99", [], 4),
        ("90", [], 5),
        ("100", [], 5),
        ("95", [5], 4),  # proposed to the Ministry by points, capped by a 5-star (*) criterion
        ("95", [4], 3),
        ("75", [4], 3),
        ("75", [5], 4),  # a cap above what the points earn changes nothing
        ("60", [4], 3),
        ("85", [3], None),  # a 3-star (*) criterion missing: not recognised whatever the score
        ("40", [5], None),
    ],
)
def test_capped_stars(score, missing, stars):
    assert capped_stars(D(score), missing) == stars
