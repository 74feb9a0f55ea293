"""The figures in words: one wording for the letter, the home page and `ocop summary`."""

from datetime import date

import pytest

from ocop.domain.dates import month_after
from ocop.domain.figures_text import (
    figures_sentence,
    revoked_clause,
    stars_breakdown,
    stars_phrase,
)


@pytest.mark.parametrize(
    ("by_stars", "expected"),
    [
        (
            {3: 178, 4: 13, 5: 2},
            "2 sản phẩm đạt hạng 5 sao, 13 sản phẩm đạt hạng 4 sao, 178 sản phẩm đạt hạng 3 sao",
        ),
        ({"3": 126, "4": 17, "5": 0}, "17 sản phẩm đạt hạng 4 sao, 126 sản phẩm đạt hạng 3 sao"),
        ({5: 1, 4: 0, 3: 4}, "1 sản phẩm đạt hạng 5 sao, 4 sản phẩm đạt hạng 3 sao"),
        ({3: 0, 4: 0}, ""),
        ({}, ""),
    ],
)
def test_it_lists_star_levels_highest_first_and_leaves_out_empty_ones(by_stars, expected):
    assert stars_phrase(by_stars) == expected


def test_the_letter_says_so_when_no_level_has_a_product():
    assert stars_breakdown({3: 0}) == "không có sản phẩm nào đạt hạng sao"


@pytest.mark.parametrize(("revoked", "expected"), [(0, ""), (1, "; 1 sản phẩm OCOP bị thu hồi")])
def test_it_names_the_revoked_only_when_there_are_some(revoked, expected):
    assert revoked_clause(revoked) == expected


def test_it_words_the_figures_in_one_sentence():
    sentence = figures_sentence(date(2025, 12, 31), 143, {"3": 126, "4": 17}, 71, 19, 62, 0)
    assert sentence == (
        "Tính đến ngày 31/12/2025, có 143 sản phẩm OCOP còn thời hạn, trong đó 17 sản phẩm đạt "
        "hạng 4 sao, 126 sản phẩm đạt hạng 3 sao, của 71 chủ thể tại 19 xã, phường; 62 sản phẩm "
        "OCOP đã hết thời hạn công nhận và chưa thực hiện đánh giá, phân hạng lại."
    )
    assert figures_sentence(date(2025, 12, 31), 0, {}, 0, 0, 0, 2) == (
        "Tính đến ngày 31/12/2025, có 0 sản phẩm OCOP còn thời hạn của 0 chủ thể tại 0 xã, "
        "phường; 0 sản phẩm OCOP đã hết thời hạn công nhận và chưa thực hiện đánh giá, phân "
        "hạng lại; 2 sản phẩm OCOP bị thu hồi."
    )


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2025, 12, 31), date(2026, 1, 1)),
        (date(2026, 6, 30), date(2026, 7, 1)),
        (date(2026, 1, 31), date(2026, 2, 1)),
        (date(2024, 2, 29), date(2024, 3, 1)),
    ],
)
def test_the_letter_goes_out_the_month_after_its_figures(day, expected):
    assert month_after(day) == expected
