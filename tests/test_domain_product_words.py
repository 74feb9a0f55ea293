"""The words of one product (ocop.domain.product_words): chè/trà and the English words a buyer
types, each finding the others, folded as the search folds what is typed."""

import pytest

from ocop.domain.names import fold
from ocop.domain.product_words import SAME_PRODUCT, same_product


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("che", {("tra",), ("tea",)}),
        ("tra", {("che",), ("tea",)}),
        ("tea", {("che",), ("tra",)}),
        ("honey", {("mat", "ong")}),
        ("rice", {("gao",)}),
        ("gao", {("rice",)}),
        ("coffee", {("ca", "phe")}),
        ("mat", set()),  # a word of a longer entry alone names nothing
        ("shan", set()),
    ],
)
def test_a_word_finds_the_other_ways_of_writing_its_product(typed, expected):
    assert set(same_product(typed)) == expected


def test_every_entry_is_written_with_its_accents_and_appears_once():
    entries = [entry for group in SAME_PRODUCT for entry in group]
    assert len(entries) == len(set(entries))
    assert all(entry == entry.lower().strip() for entry in entries)
    assert {fold(e) for e in entries} >= {"che", "tra", "mat ong", "tea", "honey"}
